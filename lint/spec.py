"""Declaring and checking YAML keys (rule modules, data files), spec errors, templates."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from lint.errors import SpecError
from lint.regexes import compile_regex
from lint.template import Template, TemplateError

__all__ = [
    "Key",
    "SpecError",
    "check_keys",
    "load_data_file",
    "parse_template",
    "text_list",
    "unless_source",
]


class Key(NamedTuple):
    """One allowed key of a YAML mapping: its accepted types and whether it must be present."""

    types: tuple[type, ...]
    required: bool = False
    default: Any = None

    def describe(self) -> str:
        names = {str: "text", bool: "true/false", int: "a number", float: "a number"}
        names.update({list: "a list", dict: "a mapping"})
        return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in self.types))


def text_list(value: str | list[Any], key: str, line: int | None = None) -> tuple[str, ...]:
    """A key that takes one text or a list of texts."""
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise SpecError(key, f"'{key}' must be text or a list of non-empty texts", line)
    return tuple(items)


def parse_template(source: str, names: Collection[str], key: str) -> Template:
    """A message or fix template, checked against the placeholders a kind offers."""
    try:
        return Template.parse(source, names)
    except TemplateError as error:
        raise SpecError(key, str(error)) from None


def check_keys(mapping: Any, keys: dict[str, Key], what: str, line: int) -> None:
    """Unknown keys, wrong types and missing keys of one mapping, as SpecError."""
    if not isinstance(mapping, dict):
        raise SpecError(None, f"{what} must be a mapping", line)
    key_lines = getattr(mapping, "key_lines", {})
    for key, value in mapping.items():
        spec = keys.get(key)
        if spec is None:
            raise SpecError(key, f"{what}: unknown key '{key}'", key_lines.get(key, line))
        if not isinstance(value, spec.types) or isinstance(value, bool) != (bool in spec.types):
            raise SpecError(key, f"{what}: '{key}' must be {spec.describe()}", key_lines[key])
    for key, spec in keys.items():
        if spec.required and key not in mapping:
            raise SpecError(key, f"{what}: missing key '{key}'", line)


def load_data_file(path: Path, key: str) -> Any:
    """A YAML data file a rule names under `key` (a glossary, a unit table), with line
    numbers; a file that cannot be read or parsed is a SpecError naming it."""
    from lint import yamlread

    try:
        return yamlread.load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SpecError(key, f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SpecError(key, f"cannot read {path}: not UTF-8") from None
    except yamlread.YamlError as error:
        raise SpecError(key, f"{path}:{error.line}: {error.message}") from None


def unless_source(spec: dict) -> str | None:
    """A rule's antipatterns (`unless`) as one expression with its flags inline, or None."""
    if "unless" not in spec:
        return None
    case_sensitive = spec.get("case_sensitive", False)
    alternatives = text_list(spec["unless"], "unless")
    for alternative in alternatives:
        compile_regex(alternative, "unless", case_sensitive)
    source = "|".join(f"(?:{a})" for a in alternatives)
    source = compile_regex(source, "unless", case_sensitive).pattern
    return ("(?w)" if case_sensitive else "(?wi)") + source
