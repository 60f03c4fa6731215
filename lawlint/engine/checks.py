"""Named checks: the few tests data cannot express (compare a deadline in hours with a threshold).

A rule names a check with `check: {type: NAME, ...parameters}`. The check receives the clause's scope text
and returns whether it holds, the words to quote in the message, and optionally the severity to start from.
A check knows nothing about particular rules; new checks register here with `@register`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lawlint.model import Severity


@dataclass(frozen=True)
class CheckResult:
    holds: bool
    words: str = ""  # quoted in the message, e.g. "removal within 24 hours of a notice"
    severity: Severity | None = None  # the severity to start from, when the check sets it


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[str, dict], CheckResult]
    validate: Callable[[dict], str | None]


CHECKS: dict[str, Check] = {}


def register(name: str, validate: Callable[[dict], str | None]):
    def deco(fn: Callable[[str, dict], CheckResult]):
        CHECKS[name] = Check(name, fn, validate)
        return fn

    return deco


# ------------------------------------------------------------------------------------------- deadline

_UNITS = {"minute": 1 / 60, "hour": 1, "hr": 1, "h": 1, "day": 24, "week": 168, "month": 720}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_NUMWORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|single)")
_NUMBER = rf"(?P<num>\d+(?:\.\d+)?|{_NUMWORD}(?:\s*\(\d+\))?)"
_UNIT = r"(?P<qual>(?:working|business|clear|calendar)\s+)?(?P<unit>minutes?|hours?|hrs?|h|days?|weeks?|months?)\b"
_LEAD = r"(?P<lead>within|not\s+later\s+than|no\s+later\s+than|not\s+more\s+than|no\s+more\s+than|before\s+the\s+expiry\s+of|in\s+less\s+than|inside)"
_DEADLINE = re.compile(rf"\b{_LEAD}\s+(?:a\s+period\s+of\s+|the\s+)?{_NUMBER}[\s-]+{_UNIT}", re.IGNORECASE)
_ADJ = re.compile(rf"\b{_NUMBER}[\s-]+(?P<unit>hour|day)\b(?:\s+|-)(?:period|deadline|time\s+limit|window)",
                  re.IGNORECASE)
_IMMEDIATE = re.compile(r"\b(?:immediately|forthwith|without\s+delay|without\s+undue\s+delay)\b", re.IGNORECASE)
_TAIL = re.compile(r"^[^.;:()\n]{0,80}")


# French and Spanish deadlines ("dans un délai de vingt-quatre heures", "en un plazo de seis horas"): the few
# number words that deadlines use, and the units, mapped onto the English ones.
_ROMANCE_NUM = {
    "un": 1, "une": 1, "uno": 1, "una": 1, "deux": 2, "dos": 2, "trois": 3, "tres": 3, "quatre": 4, "cuatro": 4,
    "cinq": 5, "cinco": 5, "six": 6, "seis": 6, "sept": 7, "siete": 7, "huit": 8, "ocho": 8, "dix": 10, "diez": 10,
    "douze": 12, "doce": 12, "quinze": 15, "quince": 15, "vingt": 20, "veinte": 20, "vingt-quatre": 24,
    "veinticuatro": 24, "trente": 30, "treinta": 30, "quarante-huit": 48, "cuarenta y ocho": 48,
    "soixante-douze": 72, "setenta y dos": 72,
}
_ROMANCE_UNIT = {"heure": "hour", "hora": "hour", "jour": "day", "día": "day", "dia": "day", "semaine": "week",
                 "semana": "week", "mois": "month", "mes": "month", "minute": "minute", "minuto": "minute"}
_ROMANCE_DEADLINE = re.compile(
    r"\b(?P<lead>dans\s+(?:un\s+|le\s+)?d[ée]lai\s+(?:maximum\s+|maximal\s+)?(?:de\s+|d['’])|dans\s+les\s+|sous\s+|"
    r"au\s+plus\s+tard\s+dans\s+les\s+|en\s+(?:un|el)\s+(?:plazo|t[ée]rmino)\s+(?:m[áa]ximo\s+)?de\s+|"
    r"dentro\s+de(?:\s+las|\s+los)?\s+|en\s+un\s+m[áa]ximo\s+de\s+)"
    r"(?P<num>\d+|" + "|".join(sorted((re.escape(w) for w in _ROMANCE_NUM), key=len, reverse=True)) + r")"
    r"(?:\s*\(\d+\))?\s+(?P<unit>heures?|horas?|jours?|d[íi]as?|semaines?|semanas?|mois|mes(?:es)?|minutes?|minutos?)\b",
    re.IGNORECASE)


# German and Portuguese deadlines ("innerhalb von 24 Stunden", "binnen sieben Tagen", "no prazo de 24 (vinte e
# quatro) horas", "em até quarenta e oito horas"); "sofort" and "imediatamente" count as immediate. German
# "unverzüglich" does not: it is the statute book's everyday word for "without culpable delay" (§ 121 BGB), set
# beside real periods ("unverzüglich, in der Regel innerhalb von sieben Tagen"), and read as zero hours it
# would make every German removal duty in a section a 24-hour one.
_DE_PT_NUM = {
    "ein": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "zehn": 10, "zwölf": 12, "vierzehn": 14, "achtzehn": 18, "sechsunddreißig": 36, "vierundzwanzig": 24, "achtundvierzig": 48, "zweiundsiebzig": 72,
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "dez": 10,
    "doze": 12, "quinze": 15, "trinta": 30, "vinte e quatro": 24, "quarenta e oito": 48, "setenta e duas": 72,
    "setenta e dois": 72,
}
_DE_PT_UNIT = {"stunde": "hour", "tag": "day", "woche": "week", "monat": "month", "minute": "minute",
               "hora": "hour", "dia": "day", "semana": "week", "mes": "month", "mese": "month", "minuto": "minute"}
_DE_PT_DEADLINE = re.compile(
    r"\b(?P<lead>innerhalb\s+(?:von\s+)?|binnen\s+|spätestens\s+(?:nach|innerhalb\s+von)\s+|"
    r"no\s+prazo\s+(?:máximo\s+)?de\s+|em\s+até\s+|dentro\s+(?:do\s+prazo\s+)?de\s+|"
    r"no\s+máximo\s+em\s+|prazo\s+(?:máximo\s+)?de\s+)"
    r"(?P<num>\d+|" + "|".join(sorted((re.escape(w) for w in _DE_PT_NUM), key=len, reverse=True)) + r")"
    r"(?:\s*\([^)]{1,30}\))?\s+"
    r"(?P<unit>Stunden?|Tag(?:e|en)?|Wochen?|Monat(?:e|en)?|Minuten?|horas?|dias?|semanas?|m[eê]s(?:es)?|minutos?)\b",
    re.IGNORECASE)
_DE_PT_IMMEDIATE = re.compile(r"\b(?:sofort|imediatamente|de\s+imediato|sem\s+demora)\b",
                              re.IGNORECASE)


def _de_pt_hours(num: str, unit: str) -> float | None:
    n = float(num) if num.isdigit() else _DE_PT_NUM.get(" ".join(num.lower().split()))
    if n is None:
        return None
    base = unit.lower().replace("ê", "e")
    for suffix in ("en", "es", "e", "s", "n"):
        if base.endswith(suffix) and base[: -len(suffix)] in _DE_PT_UNIT:
            base = base[: -len(suffix)]
            break
    return n * _UNITS[_DE_PT_UNIT.get(base, "hour")]


def _romance_hours(num: str, unit: str) -> float | None:
    n = float(num) if num.isdigit() else _ROMANCE_NUM.get(num.lower())
    if n is None:
        return None
    unit = unit.lower()
    base = "mes" if unit.startswith("mes") else ("mois" if unit == "mois" else unit.rstrip("s"))
    return n * _UNITS[_ROMANCE_UNIT.get(base, "hour")]


def _number(text: str) -> float | None:
    text = text.lower().strip()
    digits = re.search(r"\((\d+)\)", text)
    if digits:
        return float(digits.group(1))
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    parts = re.split(r"[\s-]+", text)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _SMALL:
            total += _SMALL[part]
        else:
            return None
    return float(total)


def _hours(num: str, unit: str) -> float | None:
    n = _number(num)
    if n is None:
        return None
    unit = unit.lower().rstrip("s") if unit.lower() not in ("h", "hrs") else "h"
    return n * _UNITS.get(unit, 1)


def find_deadlines(text: str) -> list[tuple[float, str, int]]:
    """Every deadline in the text as (hours, words, offset). Working days count as days."""
    found = []
    for m in _DEADLINE.finditer(text):
        hours = _hours(m.group("num"), m.group("unit"))
        if hours is not None:
            tail = _TAIL.match(text[m.end():]).group(0)
            tail = " ".join(tail.split()[:8])
            found.append((hours, " ".join((m.group(0) + (" " + tail if tail else "")).split()), m.start()))
    for m in _ADJ.finditer(text):
        hours = _hours(m.group("num"), m.group("unit"))
        if hours is not None:
            found.append((hours, " ".join(m.group(0).split()), m.start()))
    for m in _ROMANCE_DEADLINE.finditer(text):
        hours = _romance_hours(m.group("num"), m.group("unit"))
        if hours is not None:
            found.append((hours, " ".join(m.group(0).split()), m.start()))
    for m in _DE_PT_DEADLINE.finditer(text):
        hours = _de_pt_hours(m.group("num"), m.group("unit"))
        if hours is not None:
            found.append((hours, " ".join(m.group(0).split()), m.start()))
    for m in _IMMEDIATE.finditer(text):
        found.append((0.0, m.group(0).lower(), m.start()))
    for m in _DE_PT_IMMEDIATE.finditer(text):
        found.append((0.0, m.group(0).lower(), m.start()))
    return found


_DEADLINE_PARAMS = {"type", "error_at_most_hours", "warning_at_most_hours", "info_at_most_hours", "max_hours",
                    "required", "immediate"}


def _validate_deadline(params: dict) -> str | None:
    extra = sorted(set(params) - _DEADLINE_PARAMS)
    if extra:
        return f"unknown deadline parameter {extra[0]!r} (known: {', '.join(sorted(_DEADLINE_PARAMS - {'type'}))})"
    for key in ("error_at_most_hours", "warning_at_most_hours", "info_at_most_hours", "max_hours"):
        if key in params and not isinstance(params[key], (int, float)):
            return f"{key!r} must be a number of hours"
    return None


@register("deadline", _validate_deadline)
def deadline(text: str, params: dict) -> CheckResult:
    """The shortest deadline in the scope, against thresholds in hours.

    Parameters: error_at_most_hours / warning_at_most_hours / info_at_most_hours (the severity to start from
    when the deadline is at most that many hours; the tightest matching threshold wins, otherwise the rule's
    own severity), max_hours (a shortest deadline longer than this: the check does not hold), required
    (default true: no deadline found -> the check does not hold), immediate (default true: "immediately",
    "forthwith", "without delay" count as a deadline of 0 hours).
    """
    found = find_deadlines(text)
    if not params.get("immediate", True):
        found = [f for f in found if f[0] > 0 or f[1][0].isdigit()]
    if not found:
        return CheckResult(holds=not params.get("required", True))
    hours, words, _ = min(found, key=lambda f: (f[0], f[2]))
    if params.get("max_hours") is not None and hours > params["max_hours"]:
        return CheckResult(holds=False, words=words)
    severity = None
    for name, sev in (("info", Severity.INFO), ("warning", Severity.WARNING), ("error", Severity.ERROR)):
        limit = params.get(f"{name}_at_most_hours")
        if limit is not None and hours <= limit:
            severity = sev  # later (stricter) thresholds override earlier ones
    return CheckResult(holds=True, words=words, severity=severity)
