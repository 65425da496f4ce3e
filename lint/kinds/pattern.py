"""`pattern`: one regular expression (the `regex` module, Unicode word boundaries).

Keys: `pattern` (required), `case_sensitive` (default false). The message and fix may
use `{match}`, `{codepoints}` (the match as `U+200B …`, for invisible characters) and
the pattern's groups, by number (`{1}`) or name (`{name}`); the message also
`{suggestion}`, the rendered fix.
`\\b` follows Unicode word rules, so it separates `the` from `整车` in `the整车`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import regex

from lint.model import Hit
from lint.regexes import casefolded, compile_regex, required_literals, time_limit
from lint.spec import Key, parse_template
from lint.template import Template, match_case

KEYS = {
    "pattern": Key((str,), required=True),
    "case_sensitive": Key((bool,), default=False),
}


class PatternChecker(NamedTuple):
    source: str
    flags: int
    literals: tuple[str, ...]  # one of them is in every match: text without any is skipped
    message: Template
    fix: Template | None

    def check(self, text: str) -> Iterator[Hit]:
        if self.literals and not any(lit in casefolded(text) for lit in self.literals):
            return
        # Compiled on first use and then taken from `regex`'s own cache.
        pattern = regex.compile(self.source, self.flags)
        for found in pattern.finditer(text, timeout=time_limit(text)):
            if found.end() == found.start():
                continue
            values: dict[str, str | None] = {
                "match": found.group(),
                "codepoints": " ".join(f"U+{ord(char):04X}" for char in found.group()),
            }
            values.update((str(i), g) for i, g in enumerate(found.groups(), start=1))
            values.update(found.groupdict())
            replacement = None
            if self.fix is not None:
                replacement = self.fix.render(values)
                if self.flags & regex.IGNORECASE:
                    replacement = match_case(found.group(), replacement)
                values["suggestion"] = replacement
            yield Hit(
                start=found.start(),
                end=found.end(),
                message=self.message.render(values),
                suggestions=(replacement,) if replacement is not None else (),
                replacement=replacement,
            )


def build(spec: dict, message: str, fix: str | None, folder: Path) -> PatternChecker:
    compiled = compile_regex(spec["pattern"], "pattern", spec.get("case_sensitive", False))
    names = {
        "match",
        "codepoints",
        *map(str, range(1, compiled.groups + 1)),
        *compiled.groupindex,
    }
    message_names = names | {"suggestion"} if fix is not None else names
    return PatternChecker(
        compiled.pattern,
        compiled.flags,
        required_literals(compiled.pattern),
        parse_template(message, message_names, "message"),
        parse_template(fix, names, "fix") if fix is not None else None,
    )
