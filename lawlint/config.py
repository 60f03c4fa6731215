"""Settings from the project's config file, overridden by the command line.

Where: `lawlint.toml` (top-level keys or a `[lawlint]` table), `[tool.lawlint]` in `pyproject.toml`, or
`[lawlint]` in `setup.cfg`, found by walking up from the first linted file (or the working directory).
In one directory lawlint.toml wins over pyproject.toml, which wins over setup.cfg; the nearest directory
with any of them wins, and the search stops there (as ruff and pytest do). Files that exist but hold no
lawlint section are skipped. Every value remembers where it came from, so `lawlint config` can say.
"""

from __future__ import annotations

import configparser
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Mapping

from lawlint.discover import DEFAULT_EXCLUDE
from lawlint.model import LawlintError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("lawlint.toml", "pyproject.toml", "setup.cfg")
WAIVERS_FILE = "lawlint-waivers.yaml"
FORMATS = ("text", "json", "sarif", "markdown", "html", "github")
FAIL_ON = ("error", "warning", "info", "never")
CONFIDENCE = ("low", "medium", "high")
DEFAULT = "default"
CLI = "command line"


@dataclass
class Config:
    """The effective settings. `sources[key]` says where each value came from."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    min_confidence: str = "low"
    rules: list[str] = field(default_factory=list)
    language: str = "auto"
    waivers: str | None = None
    format: str = "text"
    scorer: bool = True  # the learned second opinion's possible-* findings (lawlint.scorer)
    limits: dict[str, Any] = field(default_factory=dict)
    allow_unchecked: bool = False
    respect_gitignore: bool = True
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    path: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def limits_object(self):
        """The limits as `lawlint.limits.Limits` (validated there)."""
        from lawlint.limits import Limits

        return Limits.from_mapping(self.limits)

    def exclude_patterns(self, cwd: str | Path | None = None) -> list[tuple[str, Path]]:
        """(pattern, directory it is relative to): `exclude` replaces lawlint's defaults, `extend-exclude`
        adds to them. Patterns from a config file are relative to its directory, from the command line to
        the working directory."""
        here = Path(cwd) if cwd else Path.cwd()
        out = []
        for key in ("exclude", "extend_exclude"):
            base = here if self.sources.get(key) in (CLI, None) or not self.path else Path(self.path).parent
            out += [(p, base.resolve()) for p in getattr(self, key)]
        return out

    def as_rows(self) -> list[tuple[str, Any, str]]:
        """(key as written in config files, value, source) for display."""
        rows = []
        for f in fields(self):
            if f.name in ("path", "sources", "limits"):
                continue
            rows.append((f.name.replace("_", "-"), getattr(self, f.name), self.sources.get(f.name, DEFAULT)))
        try:
            lim = self.limits_object()
        except LawlintError:
            lim = None
        if lim is not None:
            for f in fields(lim):
                rows.append(
                    (
                        f.name.replace("_", "-"),
                        getattr(lim, f.name),
                        self.sources.get(f"limits.{f.name}", DEFAULT),
                    )
                )
        return rows


def _limit_names() -> set[str]:
    from lawlint.limits import Limits

    return {f.name for f in fields(Limits)}


def find_config(start: str | Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file at or above `start` that has a lawlint section, with that section."""
    here = Path(start or Path.cwd()).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                table = read_config_file(candidate)
                if table is not None:
                    return candidate, table
    return None


def read_config_file(path: str | Path) -> dict[str, Any] | None:
    """The lawlint table of one file; None when the file has no lawlint section. Bad files raise."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LawlintError(f"{path}: cannot read config file ({exc})") from None
    if path.suffix == ".cfg" or path.name.endswith(".ini"):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(raw, source=str(path))
        except configparser.Error as exc:
            raise LawlintError(f"{path}: invalid config file: {' '.join(str(exc).split())}") from None
        if not parser.has_section("lawlint"):
            return None
        return {k: _cfg_value(v) for k, v in parser.items("lawlint")}
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise LawlintError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("lawlint")
        return None if table is None else _table(table, path, "[tool.lawlint]")
    if "lawlint" in data and isinstance(data["lawlint"], dict) and len(data) == 1:
        return _table(data["lawlint"], path, "[lawlint]")
    return _table(data, path, "top level")


def _table(value: Any, path: Path, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LawlintError(f"{path}: {where} must be a table")
    return value


def _cfg_value(value: str) -> Any:
    """setup.cfg values are strings: lists are comma- or newline-separated; numbers are checked later."""
    value = value.strip()
    if "\n" in value or "," in value:
        return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
    return value


def _as_list(key: str, value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LawlintError(f"{where}: {key} must be a list of strings, got {value!r}")
    return list(value)


def _choice(key: str, value: Any, allowed: Iterable[str], where: str) -> str:
    allowed = tuple(allowed)
    if not isinstance(value, str) or value.lower() not in allowed:
        raise LawlintError(f"{where}: {key} must be one of {', '.join(allowed)}, got {value!r}")
    return value.lower()


def _bool(key: str, value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
        return value.strip().lower() in ("true", "yes", "on", "1")
    raise LawlintError(f"{where}: {key} must be true or false, got {value!r}")


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return value
    return value


def apply(cfg: Config, table: Mapping[str, Any], source: str, base: Path | None, where: str) -> Config:
    """Merge one table of settings into `cfg`, checking each key; paths resolve against `base`."""
    limit_names = _limit_names()
    for raw_key, value in table.items():
        key = str(raw_key).replace("-", "_")
        if value is None:
            continue
        if key in ("select", "ignore"):
            setattr(cfg, key, _as_list(raw_key, value, where))
        elif key == "fail_on":
            cfg.fail_on = _choice(raw_key, value, FAIL_ON, where)
        elif key == "min_confidence":
            cfg.min_confidence = _choice(raw_key, value, CONFIDENCE, where)
        elif key == "format":
            cfg.format = _choice(raw_key, value, FORMATS, where)
        elif key == "language":
            if not isinstance(value, str) or not value.strip():
                raise LawlintError(f"{where}: language must be a language code such as 'en', got {value!r}")
            cfg.language = value.strip().lower()
        elif key in ("allow_unchecked", "respect_gitignore"):
            setattr(cfg, key, _bool(raw_key, value, where))
        elif key in ("exclude", "extend_exclude"):
            # patterns, gitignore-style; kept as written and matched relative to the config file's directory
            setattr(cfg, key, _as_list(raw_key, value, where))
        elif key == "scorer":
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                value = value.strip().lower() == "true"
            if not isinstance(value, bool):
                raise LawlintError(f"{where}: scorer must be true or false, got {value!r}")
            cfg.scorer = value
        elif key == "rules":
            paths = _as_list(raw_key, value, where)
            resolved = []
            for p in paths:
                full = (base / p) if base is not None and not Path(p).is_absolute() else Path(p)
                if not full.exists():
                    raise LawlintError(f"{where}: rules path {p!r} does not exist")
                resolved.append(str(full))
            cfg.rules = resolved
        elif key == "waivers":
            if not isinstance(value, str) or not value:
                raise LawlintError(f"{where}: waivers must be a file path, got {value!r}")
            cfg.waivers = str(base / value) if base is not None and not Path(value).is_absolute() else value
        elif key == "limits" and isinstance(value, dict):
            apply(cfg, {f"{k}": v for k, v in value.items()}, source, base, where)
            continue
        elif key in limit_names:
            merged = {**cfg.limits, key: _number(value)}
            from lawlint.limits import Limits

            try:
                Limits.from_mapping(merged)
            except LawlintError as exc:
                raise LawlintError(f"{where}: {exc}") from None
            cfg.limits = merged
            cfg.sources[f"limits.{key}"] = source
            continue
        else:
            known = [
                "select",
                "ignore",
                "fail-on",
                "min-confidence",
                "rules",
                "language",
                "waivers",
                "scorer",
                "format",
                "allow-unchecked",
                "respect-gitignore",
                "exclude",
                "extend-exclude",
                *sorted(n.replace("_", "-") for n in limit_names),
            ]
            raise LawlintError(f"{where}: unknown key {raw_key!r} (known: {', '.join(known)})")
        cfg.sources[key] = source
    return cfg


def load(
    paths: Iterable[str | Path] = (),
    overrides: Mapping[str, Any] | None = None,
    config_file: str | Path | None = None,
    cwd: str | Path | None = None,
) -> Config:
    """The effective configuration: defaults < config file < command line (`overrides`, None = not given).

    `config_file` names a file explicitly (and skips discovery); otherwise the search starts at the first
    of `paths`, or the working directory.
    """
    cfg = Config()
    cwd_path = Path(cwd) if cwd else Path.cwd()
    found: tuple[Path, dict[str, Any]] | None
    if config_file:
        cpath = Path(config_file)
        if not cpath.is_file():
            raise LawlintError(f"{cpath}: config file not found")
        table = read_config_file(cpath)
        found = (cpath, table or {})
    else:
        first = next(iter(paths), None)
        found = find_config(first if first is not None else cwd_path)
    if found:
        cpath, table = found
        cfg.path = str(cpath)
        section = {"pyproject.toml": "[tool.lawlint]", "setup.cfg": "[lawlint]"}.get(cpath.name, "")
        source = f"{cpath}{' ' + section if section else ''}"
        apply(cfg, table, source, cpath.parent.resolve(), str(cpath))
    if overrides:
        apply(
            cfg,
            {k: v for k, v in overrides.items() if v not in (None, (), [])},
            CLI,
            cwd_path,
            "command line",
        )
    if cfg.waivers is None:
        for directory in [Path(cfg.path).parent] if cfg.path else []:
            if (directory / WAIVERS_FILE).is_file():
                cfg.waivers = str(directory / WAIVERS_FILE)
                cfg.sources["waivers"] = f"found next to {cfg.path}"
        if cfg.waivers is None and (cwd_path / WAIVERS_FILE).is_file():
            cfg.waivers = str(cwd_path / WAIVERS_FILE)
            cfg.sources["waivers"] = "found in the working directory"
    return cfg


def describe(cfg: Config) -> str:
    """The text `lawlint config` prints: one `key = value  # source` line per setting."""
    head = f"# config file: {cfg.path}" if cfg.path else "# no config file found; defaults apply"
    rows = cfg.as_rows()
    width = max(len(k) for k, _, _ in rows)
    lines = [head]
    for key, value, source in rows:
        shown = _toml_value(value)
        lines.append(f"{key.ljust(width)} = {shown}  # {source}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
