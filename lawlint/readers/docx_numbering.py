"""Word automatic numbering rebuilt from numbering.xml, because python-docx leaves it out of paragraph text.

A drafter's "22.", "(1)", "(a)", "(i)" usually live in numbering.xml, not in the words of the paragraph. This
module follows Word's rules closely enough for legislation: numPr on the paragraph or inherited from its
style, abstractNum levels (start, numFmt, lvlText, lvlRestart, isLgl, pStyle), num-level overrides
(startOverride, a replacement lvl), lists defined through a numbering style (numStyleLink / styleLink), and
counters shared by every num that points at the same abstractNum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False
    style: str = ""


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _parse_level(lvl) -> Level:
    level = Level()
    start = _val(lvl, "start")
    if start is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.fmt = _val(lvl, "numFmt") or "decimal"
    text = lvl.find(W + "lvlText")
    level.text = text.get(W + "val", "") if text is not None else ""
    restart = _val(lvl, "lvlRestart")
    if restart is not None and restart.isdigit():
        level.restart = int(restart)
    legal = lvl.find(W + "isLgl")
    level.legal = legal is not None and legal.get(W + "val", "1") not in ("0", "false")
    level.style = _val(lvl, "pStyle") or ""
    return level


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa..
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one of Word's number formats (the common ones; others fall back to decimal)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return _roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


class Numbering:
    """Counters for one document; `render(numId, ilvl)` advances them in reading order."""

    def __init__(self, numbering_root=None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.pending: dict[tuple[str, int], int] = {}
        if numbering_root is None:
            return
        defines: dict[str, str] = {}
        links: dict[str, str] = {}
        for absn in numbering_root.iter(W + "abstractNum"):
            levels = {}
            for lvl in absn.findall(W + "lvl"):
                ilvl = lvl.get(W + "ilvl", "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = _parse_level(lvl)
            aid = absn.get(W + "abstractNumId", "")
            self.abstracts[aid] = levels
            if _val(absn, "styleLink"):
                defines[_val(absn, "styleLink")] = aid
            if _val(absn, "numStyleLink") and not levels:
                links[aid] = _val(absn, "numStyleLink")
        # a list that uses a numbering style takes the levels (and the counters) of the list defining it
        alias = {aid: defines[style] for aid, style in links.items() if style in defines}
        for num in numbering_root.iter(W + "num"):
            absid = _val(num, "abstractNumId") or ""
            rec = _Num(abstract=alias.get(absid, absid))
            for ov in num.findall(W + "lvlOverride"):
                ilvl = ov.get(W + "ilvl", "0")
                if not ilvl.isdigit():
                    continue
                so = _val(ov, "startOverride")
                if so is not None and so.lstrip("-").isdigit():
                    rec.start_overrides[int(ilvl)] = int(so)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    rec.overrides[int(ilvl)] = _parse_level(lvl)
            self.nums[num.get(W + "numId", "")] = rec

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose pStyle links it to a paragraph style (a style's numPr may omit ilvl)."""
        rec = self.nums.get(num_id)
        if rec is None:
            return None
        for ilvl, level in self.abstracts.get(rec.abstract, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def _level(self, rec: _Num, ilvl: int) -> Level:
        if ilvl in rec.overrides:
            return rec.overrides[ilvl]
        return self.abstracts.get(rec.abstract, {}).get(ilvl, Level(text=f"%{ilvl + 1}."))

    def render(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """The number Word prints for the next paragraph of this list at this level; True if a bullet.

        numId 0 means 'no numbering' (a style's numbering switched off)."""
        rec = self.nums.get(num_id)
        if num_id in ("", "0") or rec is None:
            return "", False
        key = rec.abstract
        counters = self.counters.setdefault(key, {})
        if num_id not in self.started:  # a num with startOverride restarts the shared list where it begins
            self.started.add(num_id)
            for lvl_i, start in rec.start_overrides.items():
                counters.pop(lvl_i, None)
                self.pending[(key, lvl_i)] = start
        level = self._level(rec, ilvl)
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = self.pending.pop((key, ilvl), level.start)
        # deeper levels restart when a shallower one advances (unless lvlRestart says otherwise)
        for deeper in [k for k in counters if k > ilvl]:
            dlevel = self._level(rec, deeper)
            if dlevel.restart == 0:
                continue
            if dlevel.restart is None or dlevel.restart - 1 >= ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return "", True
        text = level.text
        for i in range(9, -1, -1):
            token = f"%{i + 1}"
            if token in text:
                lvl_i = self._level(rec, i)
                value = counters.get(i, lvl_i.start)
                fmt = "decimal" if (level.legal and lvl_i.fmt not in ("none", "bullet")) else lvl_i.fmt
                text = text.replace(token, format_number(value, fmt))
        return text.strip(), False
