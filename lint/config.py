"""Configuration files: `.txtlint.yaml`, `txtlint.yaml` or `[tool.txtlint]` in
`pyproject.toml`, found by walking up from each checked file (the closest wins, as in
ruff); else the user's own file (`$XDG_CONFIG_HOME/txtlint/config.yaml`). Command-line
options override what the file says.

Every key is validated like a rule module: an unknown key or a wrong type is a
ConfigError naming the file, line and key.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from lint.model import Severity

FILE_NAMES = (".txtlint.yaml", "txtlint.yaml", "pyproject.toml")
LANGUAGES = ("auto", "en", "zh", "ja", "ko")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line."""


class Key(NamedTuple):
    # "selectors" (a list of rule ids or modules; comma lists too), "texts", "text",
    # "bool", "number", "mapping-text", "mapping-selectors"
    kind: str
    default: Any


KEYS: dict[str, Key] = {
    "select": Key("selectors", ()),
    "extend-select": Key("selectors", ()),
    "ignore": Key("selectors", ()),
    "severity": Key("mapping-text", {}),
    "fail-on": Key("text", "warning"),
    "rules": Key("texts", ()),
    "exclude": Key("texts", ()),
    "force-exclude": Key("bool", False),
    "respect-gitignore": Key("bool", True),
    "per-file-ignores": Key("mapping-selectors", {}),
    "language": Key("text", "auto"),
    "allow": Key("texts", ()),
    "cjk-share": Key("number", 0.5),
    "prefer": Key("mapping-text", {}),
    "format-for": Key("mapping-text", {}),
}


class Config(NamedTuple):
    """One configuration file's values (only the keys it sets), where it is, and the
    line of each key."""

    path: Path | None
    values: Mapping[str, Any]
    lines: Mapping[str, int]

    @property
    def root(self) -> Path:
        """The folder its relative paths and globs start from."""
        return self.path.parent if self.path is not None else Path.cwd()

    def where(self, key: str) -> str:
        if self.path is None:
            return "default"
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)


EMPTY = Config(None, {}, {})


def user_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "txtlint" / "config.yaml"


# ---- reading and validating


def _check_value(key: str, value: Any, where: str) -> Any:
    kind = KEYS[key].kind

    def wrong(what: str) -> ConfigError:
        return ConfigError(f"{where}: '{key}' must be {what}")

    if kind in ("texts", "selectors"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise wrong("a list of texts")
        if kind == "texts":
            return tuple(i.strip() for i in items)
        return tuple(part.strip() for i in items for part in i.split(",") if part.strip())
    if kind == "text":
        if not isinstance(value, str):
            raise wrong("a text")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise wrong("a number from 0 to 1")
        return float(value)
    if not isinstance(value, dict):
        raise wrong("a mapping")
    result: dict[str, Any] = {}
    for name, item in value.items():
        if kind == "mapping-text":
            if not isinstance(item, str):
                raise wrong(f"a mapping of texts ('{name}' is not a text)")
            result[str(name)] = item
        else:
            try:
                result[str(name)] = _check_value("select", item, where)
            except ConfigError:
                raise wrong(f"a mapping of lists of rules ('{name}')") from None
    return result


def _validate(raw: Any, path: Path, lines: Mapping[str, int], table: str) -> Config:
    if raw is None:
        return Config(path, {}, {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}:1: {table} must be a mapping of settings")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{path}:{lines.get(key, 1)}"
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise ConfigError(f"{where}: unknown key '{key}' (known: {known})")
        values[key] = _check_value(key, value, where)
    if values.get("fail-on", "warning") not in ("error", "warning", "info"):
        where = f"{path}:{lines.get('fail-on', 1)}"
        raise ConfigError(f"{where}: 'fail-on' must be error, warning or info")
    if values.get("language", "auto") not in LANGUAGES:
        where = f"{path}:{lines.get('language', 1)}"
        raise ConfigError(f"{where}: 'language' must be one of {', '.join(LANGUAGES)}")
    for selector, severity in values.get("severity", {}).items():
        if severity not in ("error", "warning", "info"):
            where = f"{path}:{lines.get('severity', 1)}"
            raise ConfigError(f"{where}: 'severity' of '{selector}' must be error, warning or info")
    return Config(path, values, lines)


_TOML_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*txtlint\s*(?:\.\s*([\w\"'-]+)\s*)?\]")
_TOML_KEY = re.compile(r"^\s*[\"']?([\w.-]+)[\"']?\s*=")
_TOML_HEADER = re.compile(r"^\s*\[")


def _toml_lines(text: str) -> dict[str, int]:
    """The line of each key of [tool.txtlint] (and of its sub-tables, by their name).
    tomllib gives no positions, so the text is read for them."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        table = _TOML_TABLE.match(line)
        if table:
            inside = True
            if table.group(1):
                lines.setdefault(table.group(1).strip("\"'"), number)
                inside = False  # keys below belong to the sub-table
            continue
        if _TOML_HEADER.match(line):
            inside = False
            continue
        key = _TOML_KEY.match(line)
        if inside and key:
            lines.setdefault(key.group(1), number)
    return lines


def _toml_top_lines(text: str) -> dict[str, int]:
    """The line of each key of a TOML file's top-level table (a `txtlint.toml`)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if _TOML_HEADER.match(line):
            header = line.strip().strip("[]").strip()
            lines.setdefault(header, number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            lines.setdefault(key.group(1), number)
    return lines


def _has_tool_table(text: str) -> bool:
    """Whether a pyproject.toml has [tool.txtlint] in any TOML spelling (a broken file
    that mentions txtlint counts, so its error is reported)."""
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return "txtlint" in text
    return isinstance(tool, dict) and "txtlint" in tool


def load_config(path: Path) -> Config:
    """One configuration file, validated. Raises ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"{path}: cannot read configuration: {reason}") from None
    if path.suffix == ".toml":
        import tomllib  # only when there is a TOML configuration file

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: {error}") from None
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "txtlint" in tool:
            return _validate(tool["txtlint"], path, _toml_lines(text), "[tool.txtlint]")
        if path.name == "pyproject.toml":
            return Config(path, {}, {})
        return _validate(data, path, _toml_top_lines(text), "a configuration file")
    from lint import yamlread  # only when there is a YAML configuration file

    try:
        raw = yamlread.load(text)
    except yamlread.YamlError as error:
        raise ConfigError(f"{path}:{error.line}: {error.message}") from None
    return _validate(raw, path, getattr(raw, "key_lines", {}), "a configuration file")


# ---- finding


def _config_in(folder: Path) -> Path | None:
    for name in FILE_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name != "pyproject.toml":
                return candidate
            try:
                if _has_tool_table(candidate.read_text(encoding="utf-8")):
                    return candidate
            except (OSError, UnicodeDecodeError):
                continue
    return None


def find_config(folder: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The closest configuration file at or above `folder`, or None. `known` keeps
    what earlier calls found, folder by folder, for the files of one run."""
    known = {} if known is None else known
    folder = Path(os.path.abspath(folder))
    visited = []
    found = None
    for candidate in (folder, *folder.parents):
        if candidate in known:
            found = known[candidate]
            break
        visited.append(candidate)
        found = _config_in(candidate)
        if found is not None:
            break
    for candidate in visited:
        known.setdefault(candidate, found)
    return found


# ---- what applies to one file


class Overrides(NamedTuple):
    """What the command line says; None for an option it does not give."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str | None = None
    allow: tuple[str, ...] = ()
    cjk_share: float | None = None
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None  # --force-exclude: named files are excluded too
    config: Path | None = None  # --config: this file for every path
    isolated: bool = False  # --isolated: no configuration file at all
    format_for: tuple[tuple[str, str], ...] = ()  # --format-for GLOB=FORMAT, first wins


class Effective(NamedTuple):
    """The settings for one configuration, each with where it came from."""

    config: Config
    values: Mapping[str, Any]
    sources: Mapping[str, str]


def config_path_for(
    path: str, overrides: Overrides, known: dict[Path, Path | None] | None = None
) -> Path | None:
    """The configuration file that applies to `path`: --config, else the closest file,
    else the user's file, else none."""
    if overrides.isolated:
        return None
    if overrides.config is not None:
        return overrides.config.absolute()
    start = Path(os.path.abspath(path))
    found = find_config(start if start.is_dir() else start.parent, known)
    if found is not None:
        return found
    user = user_config_path()
    return user if user.is_file() else None


def config_for(path: str, overrides: Overrides) -> Config:
    found = config_path_for(path, overrides)
    return load_config(found) if found is not None else EMPTY


def effective(config: Config, overrides: Overrides) -> Effective:
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, spec in KEYS.items():
        if key in config.values:
            values[key], sources[key] = config.values[key], config.where(key)
        else:
            values[key], sources[key] = spec.default, "default"
    cli: dict[str, Any] = {
        "select": overrides.select,
        "fail-on": overrides.fail_on,
        "cjk-share": overrides.cjk_share,
        "respect-gitignore": overrides.respect_gitignore,
        "force-exclude": overrides.force_exclude,
    }
    for key, value in cli.items():
        if value is not None:
            values[key], sources[key] = value, "command line"
    for key, more in (("ignore", overrides.ignore), ("allow", overrides.allow)):
        if more:
            values[key] = (*values[key], *more)
            sources[key] = _joined(sources[key])
    # a file's rule modules are relative to it; the command line's to the working
    # folder; one module named twice is loaded once
    named = (*(str(config.root / p) for p in config.values.get("rules", ())), *overrides.rules)
    values["rules"] = tuple({os.path.realpath(p): p for p in named}.values())
    if overrides.rules:
        sources["rules"] = _joined(sources["rules"])
    return Effective(config, values, sources)


def _joined(source: str) -> str:
    return "command line" if source == "default" else f"{source} + command line"


# ---- globs


@functools.lru_cache(maxsize=512)
def _glob_pattern(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob: `*` within a name, `**` across folders, `?` one character,
    `[abc]` and `[!abc]` sets; a glob without `/` matches a name at any depth; a
    trailing `/` matches folders only; a leading `./` is the configuration's folder."""
    folders_only = glob.endswith("/")
    body = glob.removeprefix("./").strip("/")
    anchored = "/" in body or glob.startswith(("./", "/"))
    parts = re.split(r"(\*\*/|\*\*|\*|\?|\[!?[^\]/]+\])", body)
    translated = "".join(_glob_part(part) for part in parts)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{translated}{'/.+' if folders_only else '(?:/.*)?'}")


def _glob_part(part: str) -> str:
    special = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    if part in special:
        return special[part]
    if part.startswith("[") and part.endswith("]") and len(part) > 2:
        inside = part[1:-1]
        negated = inside.startswith("!")
        chars = re.escape(inside[1:] if negated else inside).replace("\\-", "-")
        return f"[{'^' if negated else ''}{chars}]"
    return re.escape(part)


def glob_matches(glob: str, relative: str) -> bool:
    """Whether a path (relative, with `/`) or one of its folders matches `glob`."""
    return _glob_pattern(glob).fullmatch(relative) is not None


def relative_to(path: str, root: Path) -> str | None:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None


def excluded(path: str, settings: Effective) -> bool:
    relative = relative_to(path, settings.config.root)
    globs = settings.values["exclude"]
    return relative is not None and any(glob_matches(g, relative) for g in globs)


def ignored_here(path: str, settings: Effective) -> tuple[str, ...]:
    """The rules `per-file-ignores` turns off for this file."""
    relative = relative_to(path, settings.config.root)
    if relative is None:
        return ()
    return tuple(
        selector
        for glob, selectors in settings.values["per-file-ignores"].items()
        if glob_matches(glob, relative)
        for selector in selectors
    )


def format_for(path: str, settings: Effective, overrides: Overrides) -> str | None:
    """The format a file is read as: the first matching --format-for, else the first
    matching `format-for` of its configuration, else None (by extension)."""
    here = relative_to(path, Path.cwd()) or Path(path).as_posix()
    for glob, name in overrides.format_for:
        if glob_matches(glob, here):
            return name
    relative = relative_to(path, settings.config.root)
    if relative is not None:
        for glob, name in settings.values["format-for"].items():
            if glob_matches(glob, relative):
                return name
    return None


def severities(settings: Effective) -> Mapping[str, Severity]:
    chosen = settings.values["severity"].items()
    return {selector: Severity.parse(name) for selector, name in chosen}


def describe(settings: Effective, path: str) -> list[str]:
    """`txtlint config`: the effective settings for a path, one per line, and where
    each came from."""
    shown = settings.config.path or "none (defaults)"
    lines = [f"# settings for {path}", f"# configuration file: {shown}"]
    for key in KEYS:
        lines.append(f"{key} = {_show(settings.values[key])}  # {settings.sources[key]}")
    return lines


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f'"{k}" = {_show(v)}' for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
