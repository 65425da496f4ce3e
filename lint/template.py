"""Message and fix templates: `{name}` placeholders, `{{` and `}}` for literal braces."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import NamedTuple

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    pass


class Template(NamedTuple):
    parts: tuple[tuple[bool, str], ...]  # (is_placeholder, literal text or name)

    @classmethod
    def parse(cls, source: str, allowed: Collection[str]) -> Template:
        parts: list[tuple[bool, str]] = []
        position = 0
        for token in _TOKEN.finditer(source):
            if token.start() > position:
                parts.append((False, source[position : token.start()]))
            position = token.end()
            text = token.group()
            if text in ("{{", "}}"):
                parts.append((False, text[0]))
            elif token.group(1) is None:
                raise TemplateError(f"unmatched '{text}' (write '{text * 2}' for a literal brace)")
            else:
                name = token.group(1).strip()
                if name not in allowed:
                    known = ", ".join("{" + n + "}" for n in sorted(allowed))
                    raise TemplateError(f"unknown placeholder '{{{name}}}' (known: {known})")
                parts.append((True, name))
        if position < len(source):
            parts.append((False, source[position:]))
        return cls(tuple(parts))

    @property
    def names(self) -> frozenset[str]:
        return frozenset(name for is_name, name in self.parts if is_name)

    def render(self, values: Mapping[str, str | None]) -> str:
        return "".join(
            (values.get(text) or "") if is_name else text for is_name, text in self.parts
        )


def match_case(original: str, replacement: str) -> str:
    """Give a replacement the capital first letter of the text it replaces, unless its
    own case is deliberate (`iPhone`, `iQIYI`)."""
    if replacement[1:2].isupper():
        return replacement
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
