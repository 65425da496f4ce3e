"""Load YAML rule modules, validate them, and compile their rules (the one place)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from lint import yamlread
from lint.builtin import builtin_dir
from lint.errors import RuleModuleError
from lint.kinds import KINDS
from lint.model import Applicability, Example, Rule, Severity
from lint.spec import Key, SpecError, check_keys, unless_source

MODULE_KEYS = {
    "module": Key((str,), required=True),
    "description": Key((str,), required=True),
    "language": Key((str,), default="en"),
    "source": Key((list,)),
    "category": Key((str,), required=True),
    "link": Key((str,)),
    "rules": Key((list,), required=True),
}
RULE_KEYS = {
    "id": Key((str,), required=True),
    "kind": Key((str,), required=True),
    "severity": Key((str,), default="warning"),
    "category": Key((str,)),
    "message": Key((str,), required=True),
    "description": Key((str,)),
    "link": Key((str,)),
    "fix": Key((str,)),
    "applicability": Key((str,), default="safe"),
    "unless": Key((str, list)),
    "examples": Key((dict,), required=True),
}
EXAMPLE_KEYS = {"bad": Key((list,)), "good": Key((list,))}
BAD_EXAMPLE_KEYS = {
    "text": Key((str,), required=True),
    "fix": Key((str,)),
    "match": Key((str,)),
}
__all__ = ["Module", "RuleModuleError", "builtin_dir", "load_module", "load_modules"]
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
_MODULE_CHARS = _ID_CHARS | {"."}


class Module(NamedTuple):
    name: str
    description: str
    language: str
    path: str
    rules: tuple[Rule, ...]


def module_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(p for p in location.iterdir() if p.suffix in (".yaml", ".yml"))
    return [location]


def _line_of(mapping: Any, key: str | None) -> int:
    return getattr(mapping, "key_lines", {}).get(key, getattr(mapping, "line", 1))


def _examples(spec: Any, rule_line: int) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    check_keys(spec, EXAMPLE_KEYS, "examples", rule_line)
    bad_items = spec.get("bad") or []
    good_items = spec.get("good") or []
    if not bad_items:
        raise SpecError("examples", "a rule needs at least one bad example", _line_of(spec, None))
    bad, good = [], []
    for item, line in zip(bad_items, getattr(bad_items, "item_lines", []), strict=True):
        if isinstance(item, str):
            bad.append(Example(item, line))
            continue
        check_keys(item, BAD_EXAMPLE_KEYS, "bad example", line)
        bad.append(Example(item["text"], line, fixed=item.get("fix"), match=item.get("match")))
    for item, line in zip(good_items, getattr(good_items, "item_lines", []), strict=True):
        if not isinstance(item, str):
            raise SpecError("good", "good examples must be texts", line)
        good.append(Example(item, line))
    return tuple(bad), tuple(good)


def _rule(raw: Any, line: int, module: dict, path: str, folder: Path) -> Rule:
    if not isinstance(raw, dict):
        raise SpecError(None, "each rule must be a mapping", line)
    kind_name = raw.get("kind")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None and "kind" in raw:
        known = ", ".join(sorted(KINDS))
        raise SpecError(
            "kind", f"unknown kind '{kind_name}' (known: {known})", _line_of(raw, "kind")
        )
    check_keys(raw, {**RULE_KEYS, **(kind.KEYS if kind else {})}, "rule", line)
    rule_id = raw["id"]
    if not set(rule_id) <= _ID_CHARS or not rule_id[:1].isalnum():
        raise SpecError(
            "id", "ids use lower-case letters, digits, '-' and '_'", _line_of(raw, "id")
        )
    try:
        severity = Severity.parse(raw.get("severity", "warning"))
    except KeyError:
        raise SpecError(
            "severity", "severity must be error, warning or info", _line_of(raw, "severity")
        ) from None
    try:
        applicability = Applicability(raw.get("applicability", "safe"))
    except ValueError:
        raise SpecError(
            "applicability", "applicability must be safe or unsafe", _line_of(raw, "applicability")
        ) from None
    unless = unless_source(raw)
    checker = kind.build(raw, raw["message"], raw.get("fix"), folder)
    bad, good = _examples(raw["examples"], _line_of(raw, "examples"))
    if "fix" in raw and not any(example.fixed is not None for example in bad):
        raise SpecError(
            "examples", "a rule with a fix needs a bad example with the fixed text ('fix:')"
        )
    return Rule(
        id=f"{module['module']}.{rule_id}",
        module=module["module"],
        language=module.get("language", "en"),
        kind=kind_name,
        severity=severity,
        category=raw.get("category", module["category"]),
        message=raw["message"].strip(),
        description=(raw.get("description") or "").strip(),
        link=raw.get("link", module.get("link")),
        applicability=applicability,
        checker=checker,
        unless=unless,
        bad=bad,
        good=good,
        source_path=path,
        line=line,
    )


def load_module(path: Path, display: str | None = None) -> Module:
    """One module file, fully validated and compiled; RuleModuleError lists every problem."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise RuleModuleError([f"{shown}: cannot read rule module: {reason}"]) from None
    try:
        raw = yamlread.load(text)
        check_keys(raw, MODULE_KEYS, "module", 1)
    except yamlread.YamlError as error:
        raise RuleModuleError([f"{shown}:{error.line}: {error.message}"]) from None
    except SpecError as error:
        raise RuleModuleError([f"{shown}:{error.line or 1}: {error.message}"]) from None
    name = raw["module"]
    if not set(name) <= _MODULE_CHARS or not name[:1].isalnum():
        line = _line_of(raw, "module")
        raise RuleModuleError([f"{shown}:{line}: module names use a-z, 0-9, '-', '_' and '.'"])
    problems: list[str] = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for item, line in zip(raw["rules"], raw["rules"].item_lines, strict=True):
        has_id = isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]
        label = f"rule '{name}.{item['id']}'" if has_id else "rule"
        try:
            rule = _rule(item, line, raw, shown, path.parent)
        except SpecError as error:
            where = error.line or _line_of(item, error.key)
            problems.append(f"{shown}:{where}: {label}: {error.message}")
            continue
        if rule.id in seen:
            problems.append(f"{shown}:{line}: {label}: duplicate id '{rule.id}'")
        seen.add(rule.id)
        rules.append(rule)
    if problems:
        raise RuleModuleError(problems)
    return Module(name, raw["description"].strip(), raw.get("language", "en"), shown, tuple(rules))


def load_modules(locations: Iterable[Path]) -> list[Module]:
    """Every module in the given files and folders; names and rule ids must be unique."""
    modules: list[Module] = []
    problems: list[str] = []
    for location in locations:
        if not location.exists():
            problems.append(f"{location}: no such rule module or folder")
            continue
        for path in module_files(location):
            try:
                modules.append(load_module(path))
            except RuleModuleError as error:
                problems.extend(error.problems)
    seen: dict[str, str] = {}
    for module in modules:
        if module.name in seen:
            problems.append(
                f"{module.path}: module '{module.name}' is already defined in {seen[module.name]}"
            )
        seen[module.name] = module.path
    if problems:
        raise RuleModuleError(problems)
    return modules
