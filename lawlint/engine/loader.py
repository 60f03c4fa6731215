"""Load rule packs, predicates, authorities and suppressions into one validated RuleSet.

Everything a bad rule file can get wrong is caught here, at load time, as a one-line LawlintError naming
the file, the rule and the field. This module must not import spaCy: `lawlint rules` and `explain` use it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lawlint.model import Authority, LawlintError, Severity

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
STRUCTURAL = frozenset({"in-definitions", "preamble", "quoted", "trigger-defined", "administrative"})
SCOPES = ("provision", "section", "bill")


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Pattern:
    """One pattern item. kind: phrase | lemma | near | tokens | predicate."""

    kind: str
    words: tuple[str, ...] = ()  # phrase, lemma
    a: tuple[str, ...] = ()  # near
    b: tuple[str, ...] = ()
    within: int = 0
    ordered: bool = False
    tokens: tuple = ()  # tokens: the spaCy Matcher pattern (list of dicts, kept as given)
    predicate: str = ""


@dataclass(frozen=True)
class Condition:
    """A set of predicate names that must all hold (mode all) or of which one must hold (mode any)."""

    names: tuple[str, ...]
    mode: str = "all"  # all | any
    effect: str = ""  # unless: downgrade | suppress; escalate: "escalate"; when: ""
    scope: str | None = None  # extension: per-item scope overriding the rule's
    but_not: tuple[str, ...] = ()  # the condition does not hold where any of these also holds (a mixed clause)

    def label(self) -> str:
        return (" or " if self.mode == "any" else " and ").join(self.names)


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    confidence: str
    title: str
    message: str
    why: str
    fix: str
    authorities: tuple[Authority, ...]
    trigger: dict[str, tuple[Pattern, ...]]
    when: tuple[Condition, ...] = ()
    context: Condition | None = None  # what makes the clause a restriction (see `alone`)
    alone: Condition | None = None  # enough instead, at warning, when the whole text has no `context`
    alone_unless: Condition | None = None  # ...but not where this holds (an official, not a person, acts)
    only_with: tuple[str, ...] = ()  # categories one of whose findings must stand in the same section
    merge_into: tuple[str, ...] = ()  # ...and whose finding reports this one as a further defect of it
    unless: tuple[Condition, ...] = ()
    escalate: tuple[Condition, ...] = ()
    scope: str = "provision"
    checks: tuple[dict, ...] = ()
    tags: tuple[str, ...] = ()
    examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    source: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.trigger))


@dataclass(frozen=True)
class Predicate:
    name: str
    language: str
    patterns: tuple[Pattern, ...]
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class Suppression:
    id: str
    condition: Condition
    categories: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    source: str = ""
    scope: str = "provision"  # where the look-alike is looked for: provision | section

    def covers(self, category: str) -> bool:
        return category_matches(self.categories, category) and not category_matches(self.exceptions, category)


@dataclass
class RuleSet:
    """All rules and their vocabulary, validated. predicates: language -> name -> Predicate."""

    rules: list[Rule]
    predicates: dict[str, dict[str, Predicate]]
    authorities: dict[str, Authority]
    suppressions: list[Suppression]
    version: str = ""

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({lang for r in self.rules for lang in r.trigger}))

    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({r.category for r in self.rules}))

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
        """The same set with only the rules chosen by --select (all if empty) and not by --ignore."""
        select, ignore = _split(select), _split(ignore)
        for sel in (*select, *ignore):
            if not any(selector_matches(sel, r) for r in self.rules):
                raise LawlintError(_unknown_selector(sel, self))
        rules = [
            r for r in self.rules
            if (not select or any(selector_matches(s, r) for s in select))
            and not any(selector_matches(s, r) for s in ignore)
        ]
        return RuleSet(rules, self.predicates, self.authorities, self.suppressions, self.version)


def _split(values: Iterable[str]) -> list[str]:
    out = []
    for v in values:
        out.extend(p.strip() for p in str(v).split(",") if p.strip())
    return out


def category_matches(selectors: Iterable[str], category: str) -> bool:
    """A selector is a category id (FE-FALSE) or a prefix ending with '-' (FE-)."""
    return any(category == s or (s.endswith("-") and category.startswith(s)) for s in selectors)


def selector_matches(selector: str, rule: Rule) -> bool:
    """--select/--ignore: a rule id, a category (FE-FALSE), or a category prefix (FE or FE-), any case."""
    if selector == rule.id:
        return True
    sel, cat = selector.upper(), rule.category.upper()
    return cat == sel or cat.startswith(sel if sel.endswith("-") else sel + "-")


def _unknown_selector(sel: str, ruleset: RuleSet) -> str:
    import difflib

    names = [r.id for r in ruleset.rules] + list(ruleset.categories())
    close = difflib.get_close_matches(sel, names, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return f"unknown rule or category {sel!r}{hint}"


# --------------------------------------------------------------------------------------------- schema


@functools.cache
def _schema() -> dict:
    return json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))


@functools.cache
def _validator(definition: str):
    import jsonschema

    root = _schema()
    schema = root if definition == "pack" else {"$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    cls = jsonschema.validators.validator_for(root)
    return cls(schema)


def _field(path: list) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(data: Any, definition: str, source: str) -> None:
    """Raise LawlintError for the first schema violation: file, rule id (for packs) and field."""
    errors = sorted(_validator(definition).iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    err = _deepest(errors[0])
    path = list(err.absolute_path)
    where = ""
    if definition == "pack" and len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rule = data["rules"][path[1]]
        rid = rule.get("id") if isinstance(rule, dict) else None
        where = f"rule {rid!r}: " if rid else f"rule #{path[1] + 1}: "
        path = path[2:]
    elif definition in ("predicateFile",) and path:
        where = f"predicate {path[0]!r}: "
        path = path[1:]
    elif definition == "authoritiesFile" and path:
        where = f"authority {path[0]!r}: "
        path = path[1:]
    fld = f"{_field(path)!r}: " if path else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise LawlintError(f"{source}: {where}{fld}{err.message}{more}")


def _deepest(err):
    """oneOf errors hide the useful message in their context: pick the branch that got furthest."""
    while err.context:
        best = max(err.context, key=lambda e: (len(e.absolute_path), -len(e.message)))
        if len(best.absolute_path) <= len(err.absolute_path) and err.validator != "oneOf":
            break
        err = best
    return err


# --------------------------------------------------------------------------------------------- files


def display_path(path: Path) -> str:
    """Rule files inside the package are named from the package ('rules/packs/fe.yaml')."""
    try:
        return str(path.resolve().relative_to(RULES_DIR.parent)).replace("\\", "/")
    except ValueError:
        return str(path)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


def _cache_dir() -> Path | None:
    """Where validated rule files are cached as JSON; None = off."""
    from lawlint.cache import cache_dir

    return cache_dir("rules")


@functools.cache
def _schema_digest() -> str:
    from lawlint import __version__

    return hashlib.sha256((RULES_DIR / "schema.json").read_bytes() + __version__.encode()).hexdigest()


def _load_file(path: Path, definition: str, empty: Any, raw: _Raw) -> Any:
    """Parse and validate one rule file. The result is cached by content (and schema), so an unchanged
    file costs a JSON read instead of YAML parsing and schema validation: `lawlint` starts faster."""
    src = display_path(path)
    try:
        data_bytes = path.read_bytes()
    except OSError as exc:
        raise LawlintError(f"{src}: cannot read rule file: {exc.strerror or exc}") from None
    raw.digest.update(data_bytes)
    key = hashlib.sha256(f"{_schema_digest()}\0{definition}\0".encode() + data_bytes).hexdigest()[:40]
    cache = _cache_dir()
    if cache is not None:
        try:
            return json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    try:
        text = data_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LawlintError(f"{src}: cannot read rule file: not UTF-8 ({exc.reason})") from None
    try:
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LawlintError(f"{src}: invalid YAML{at}: {problem}") from None
    if data is None:
        data = empty
    validate(data, definition, src)
    if cache is not None:
        from lawlint.cache import write_json

        write_json(cache / f"{key}.json", data)
    return data


@dataclass
class _Raw:
    """Everything read from the files, before cross-checking."""

    packs: list[tuple[str, dict]] = field(default_factory=list)
    predicates: list[tuple[str, str, dict]] = field(default_factory=list)  # (source, language, mapping)
    authorities: list[tuple[str, dict]] = field(default_factory=list)
    suppressions: list[tuple[str, list]] = field(default_factory=list)
    digest: Any = field(default_factory=hashlib.sha256)


def _collect_tree(root: Path, raw: _Raw) -> None:
    """A rules tree: packs/, predicates/<lang>/ (or predicates/<lang>.yaml), authorities.yaml, suppressions.yaml."""
    for path in sorted((root / "packs").glob("*.y*ml")) if (root / "packs").is_dir() else []:
        _collect_pack(path, raw)
    pred_root = root / "predicates"
    if pred_root.is_dir():
        for entry in sorted(pred_root.iterdir()):
            if entry.is_dir():
                for path in sorted(entry.glob("*.y*ml")):
                    _collect_predicates(path, entry.name, raw)
            elif entry.suffix in (".yaml", ".yml"):
                _collect_predicates(entry, entry.stem, raw)
    for name, kind in (("authorities.yaml", "authorities"), ("suppressions.yaml", "suppressions")):
        path = root / name
        if path.is_file():
            src = display_path(path)
            if kind == "authorities":
                raw.authorities.append((src, _load_file(path, "authoritiesFile", {}, raw)))
            else:
                data = _load_file(path, "suppressionsFile", [], raw)
                raw.suppressions.append((src, data["suppressions"] if isinstance(data, dict) else data))


def _collect_pack(path: Path, raw: _Raw) -> None:
    data = _load_file(path, "pack", {"rules": []}, raw)
    src = display_path(path)
    raw.packs.append((src, data))
    for lang, preds in sorted((data.get("predicates") or {}).items()):
        raw.predicates.append((src, lang, preds))
    if data.get("authorities"):
        raw.authorities.append((src, data["authorities"]))


def _collect_predicates(path: Path, lang: str, raw: _Raw) -> None:
    src = display_path(path)
    if not lang.isalpha():
        raise LawlintError(f"{src}: predicate directory must be named by a language code, not {lang!r}")
    raw.predicates.append((src, lang, _load_file(path, "predicateFile", {}, raw)))


def _collect_path(path: Path, raw: _Raw) -> None:
    if path.is_dir():
        if any((path / sub).exists() for sub in ("packs", "predicates", "authorities.yaml", "suppressions.yaml")):
            _collect_tree(path, raw)
        else:
            for sub in sorted(path.glob("*.y*ml")):
                _collect_pack(sub, raw)
    elif path.is_file():
        _collect_pack(path, raw)
    else:
        raise LawlintError(f"{path}: no such rule file or directory")


# --------------------------------------------------------------------------------------------- build


def _patterns(items: list[dict]) -> tuple[Pattern, ...]:
    out = []
    for item in items:
        if "phrase" in item:
            out.append(Pattern("phrase", words=tuple(item["phrase"])))
        elif "lemma" in item:
            out.append(Pattern("lemma", words=tuple(item["lemma"])))
        elif "near" in item:
            n = item["near"]
            out.append(Pattern("near", a=tuple(n["a"]), b=tuple(n["b"]), within=int(n["within"]),
                               ordered=bool(n.get("ordered", False))))
        elif "tokens" in item:
            out.append(Pattern("tokens", tokens=_freeze(item["tokens"])))
        else:
            out.append(Pattern("predicate", predicate=item["predicate"]))
    return tuple(out)


def _freeze(value):
    """Token patterns as nested tuples, so Rule stays hashable; thaw() gives spaCy its lists and dicts back."""
    if isinstance(value, dict):
        return ("__dict__", tuple((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def thaw(value):
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__dict__":
        return {k: thaw(v) for k, v in value[1]}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def _condition(item, effect: str = "") -> Condition:
    if isinstance(item, str):
        return Condition((item,), "all", effect)
    but_not = tuple(item.get("but-not", ()))
    if "predicate" in item:
        return Condition((item["predicate"],), "all", effect, item.get("scope"), but_not)
    mode = "any" if "any" in item else "all"
    return Condition(tuple(item[mode]), mode, effect or item.get("effect", ""), item.get("scope"), but_not)


def load_rules(paths: Iterable[str | Path] = (), builtin: bool = True) -> RuleSet:
    """The built-in rules plus extra rule files or directories (--rules); raises LawlintError on any problem."""
    raw = _Raw()
    if builtin:
        _collect_tree(RULES_DIR, raw)
    for p in paths:
        _collect_path(Path(p), raw)
    return _build(raw)


def _build(raw: _Raw) -> RuleSet:
    from lawlint.engine import checks

    authorities: dict[str, Authority] = {}
    for src, data in raw.authorities:
        for key, entry in data.items():
            if key in authorities:
                raise LawlintError(f"{src}: authority {key!r} is defined twice")
            authorities[key] = Authority(key, entry["citation"], entry.get("pinpoint", ""), entry.get("url", ""))

    predicates: dict[str, dict[str, Predicate]] = {}
    where: dict[tuple[str, str], str] = {}
    for src, lang, data in raw.predicates:
        table = predicates.setdefault(lang, {})
        for name, entry in data.items():
            if name in STRUCTURAL:
                raise LawlintError(f"{src}: predicate {name!r}: the name is reserved for a structural predicate")
            if name in table:
                raise LawlintError(f"{src}: predicate {name!r} ({lang}) is already defined in {where[(lang, name)]}")
            where[(lang, name)] = src
            table[name] = Predicate(name, lang, _patterns(entry["patterns"]), entry.get("description", ""), src)
    for lang, table in predicates.items():
        for pred in table.values():
            for pat in pred.patterns:
                if pat.kind == "predicate":
                    _check_pattern_ref(pat.predicate, table, lang, f"{pred.source}: predicate {pred.name!r}")
        _check_cycles(table, lang)

    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for src, data in raw.packs:
        for entry in data.get("rules") or []:
            rid = entry["id"]
            ctx = f"{src}: rule {rid!r}"
            if rid in seen:
                raise LawlintError(f"{ctx}: duplicate rule id (also in {seen[rid]})")
            seen[rid] = src
            rules.append(_rule(entry, ctx, src, authorities, predicates, checks))

    suppressions: list[Suppression] = []
    for src, items in raw.suppressions:
        for item in items:
            cond = _condition(item)
            for lang, table in predicates.items():
                for name in cond.names + cond.but_not:
                    if name not in STRUCTURAL and name not in table:
                        raise LawlintError(f"{src}: suppression {item['id']!r}: unknown predicate {name!r} ({lang})")
            suppressions.append(Suppression(item["id"], cond, tuple(item["categories"]),
                                            tuple(item.get("except", ())), src, item.get("scope", "provision")))

    from lawlint import __version__

    return RuleSet(rules, predicates, authorities, suppressions, f"{__version__}+{raw.digest.hexdigest()[:10]}")


def _check_pattern_ref(name: str, table: dict, lang: str, ctx: str) -> None:
    if name in STRUCTURAL:
        raise LawlintError(f"{ctx}: structural predicate {name!r} cannot be used as a pattern")
    if name not in table:
        raise LawlintError(f"{ctx}: unknown predicate {name!r} ({lang}){_close(name, table)}")


def _close(name: str, names) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(names), n=2)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _check_cycles(table: dict[str, Predicate], lang: str) -> None:
    state: dict[str, int] = {}

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise LawlintError(f"{table[name].source}: predicate {name!r} ({lang}) refers to itself: "
                               + " -> ".join(chain + [name]))
        state[name] = 1
        for pat in table[name].patterns:
            if pat.kind == "predicate":
                visit(pat.predicate, chain + [name])
        state[name] = 2

    for name in sorted(table):
        visit(name, [])


def _rule(entry: dict, ctx: str, src: str, authorities, predicates, checks) -> Rule:
    auths = []
    for key in entry["authorities"]:
        if key not in authorities:
            raise LawlintError(f"{ctx}: 'authorities': unknown authority {key!r}{_close(key, authorities)}")
        auths.append(authorities[key])
    trigger = {lang: _patterns(items) for lang, items in sorted(entry["trigger"].items())}
    when = tuple(_condition(c) for c in entry.get("when", ()))
    unless = tuple(_condition(c, c["effect"]) for c in entry.get("unless", ()))
    escalate = tuple(_condition(c, "escalate") for c in entry.get("escalate", ()))
    raw_context = entry.get("context")
    context = _condition(raw_context) if raw_context else None
    alone = _condition(raw_context["alone"]) if raw_context else None
    alone_unless = _condition(raw_context["alone-unless"]) if raw_context and "alone-unless" in raw_context else None
    examples = {lang: {k: tuple(v) for k, v in ex.items()} for lang, ex in entry["examples"].items()}
    for lang, pats in trigger.items():
        if lang not in examples:
            raise LawlintError(f"{ctx}: 'examples': no examples for trigger language {lang!r}")
        table = predicates.get(lang, {})
        for pat in pats:
            if pat.kind == "predicate":
                _check_pattern_ref(pat.predicate, table, lang, f"{ctx}: 'trigger.{lang}'")
        extra = tuple(c for c in (context, alone, alone_unless) if c is not None)
        for fld, conds in (("when", when), ("unless", unless), ("escalate", escalate), ("context", extra)):
            for cond in conds:
                for name in cond.names + cond.but_not:
                    if name not in STRUCTURAL and name not in table:
                        raise LawlintError(f"{ctx}: '{fld}': unknown predicate {name!r} ({lang}){_close(name, table)}")
    raw_checks = entry.get("check")
    check_list = tuple(raw_checks if isinstance(raw_checks, list) else [raw_checks] if raw_checks else [])
    for chk in check_list:
        if chk["type"] not in checks.CHECKS:
            raise LawlintError(f"{ctx}: 'check.type': unknown check {chk['type']!r} "
                               f"(known: {', '.join(sorted(checks.CHECKS))})")
        problem = checks.CHECKS[chk["type"]].validate(chk)
        if problem:
            raise LawlintError(f"{ctx}: 'check': {problem}")
    return Rule(
        id=entry["id"], category=entry["category"], severity=Severity.parse(entry["severity"]),
        confidence=entry["confidence"], title=entry["title"].strip(), message=" ".join(entry["message"].split()),
        why=entry["why"].strip(), fix=entry["fix"].strip(), authorities=tuple(auths), trigger=trigger,
        when=when, context=context, alone=alone, alone_unless=alone_unless, only_with=tuple(entry.get("only-with", entry.get("merge-into", ()))),
        merge_into=tuple(entry.get("merge-into", ())),
        unless=unless, escalate=escalate, scope=entry.get("scope", "provision"),
        checks=tuple(dict(c) for c in check_list), tags=tuple(entry.get("tags", ())),
        examples=examples, source=src,
    )
