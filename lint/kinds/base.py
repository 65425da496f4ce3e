"""What every rule kind shares: key declarations, spec errors, the checker protocol."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, NamedTuple, Protocol

from lint.model import Hit
from lint.template import Template, TemplateError


class SpecError(ValueError):
    """A problem in a rule's YAML; `key` names the offending key, `line` overrides its line."""

    def __init__(self, key: str | None, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.line = line


class Key(NamedTuple):
    """One allowed key of a YAML mapping: its accepted types and whether it must be present."""

    types: tuple[type, ...]
    required: bool = False
    default: Any = None

    def describe(self) -> str:
        names = {str: "text", bool: "true/false", int: "a number", float: "a number"}
        names.update({list: "a list", dict: "a mapping"})
        return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in self.types))


class Checker(Protocol):
    def check(self, text: str) -> Iterable[Hit]:
        """Hits in `text`, with spans relative to it, in any order."""
        ...


def text_list(value: str | list[Any], key: str) -> tuple[str, ...]:
    """A key that takes one text or a list of texts."""
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise SpecError(key, f"'{key}' must be text or a list of non-empty texts")
    return tuple(items)


def parse_templates(
    message: str, fix: str | None, names: Collection[str]
) -> tuple[Template, Template | None]:
    """The rule's message and fix templates, checked against the placeholders a kind offers."""
    try:
        message_template = Template.parse(message, names)
    except TemplateError as error:
        raise SpecError("message", str(error)) from None
    try:
        fix_template = Template.parse(fix, names) if fix is not None else None
    except TemplateError as error:
        raise SpecError("fix", str(error)) from None
    return message_template, fix_template
