"""`consistency`: variants that must not be mixed in one document (document level).

Keys: `variants` (required, at least two): each a text, matched as a word in any case
(`e-mail`), or a mapping with `name`, a `pattern` and optionally `write`, the text a fix
puts in when this variant wins; `prefer` (a variant's name) and `case_sensitive`.

The whole document is read first. The preferred variant (from the user's settings, else
`prefer`) or else the one used most (the first to appear on a tie) wins; every other
occurrence is a hit whose `related` points at the winner's first occurrence.
Placeholders: `{match}`, `{variant}` (its name), `{preferred}` (the winner's name),
`{count}` (how often the winner occurs), `{where}` (`line N` of its first occurrence,
or why it wins); the fix may use `{write}`, the winner's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint.document import Document, LineIndex
from lint.model import Hit, Related
from lint.regexes import casefolded, compile_regex, required_literals, time_limit
from lint.spec import Key, SpecError, check_keys, parse_template
from lint.tally import tally, winners
from lint.template import Template, match_case

KEYS = {
    "variants": Key((list,), required=True),
    "prefer": Key((str,)),
    "case_sensitive": Key((bool,), default=False),
}
VARIANT_KEYS = {
    "name": Key((str,), required=True),
    "pattern": Key((str,), required=True),
    "write": Key((str,)),
}
MESSAGE_NAMES = ("match", "variant", "preferred", "count", "where")


class Variant(NamedTuple):
    name: str
    write: str | None


def occurrences(
    source: str, flags: int, literals: tuple[str, ...], document: Document
) -> Iterator[tuple[int, int, int]]:
    """(variant index, start, end) of every match in the document's segments; a segment
    without any of `literals` (when known) cannot match and is skipped, and the
    expression is compiled only for a segment that can."""
    for segment in document.segments:
        text = segment.text
        if literals and not any(literal in casefolded(text) for literal in literals):
            continue
        pattern = regex.compile(source, flags)
        for found in pattern.finditer(text, timeout=time_limit(text)):
            if found.end() > found.start():
                index = int(found.lastgroup[1:])
                yield index, segment.at(found.start()), segment.at(found.end())


class ConsistencyChecker(NamedTuple):
    source: str  # one alternation, variant i in group `v{i}`
    flags: int
    literals: tuple[str, ...]  # one of them is in every match
    variants: tuple[Variant, ...]
    prefer: str | None
    message: Template
    fix: Template | None

    def styles(self) -> tuple[str, ...]:
        """What `prefer` may name: the variants."""
        return tuple(variant.name for variant in self.variants)

    def check_document(self, document: Document, prefer: str | None) -> Iterator[Hit]:
        if self.literals and not any(lit in casefolded(document.text) for lit in self.literals):
            return
        names = self.styles()
        counted = tally(
            ("", names[index], start, end)
            for index, start, end in occurrences(self.source, self.flags, self.literals, document)
        )
        best = winners(counted, prefer or self.prefer).get("")
        if best is None:
            return
        related: tuple[Related, ...] = ()
        where = "as configured"
        if best.start >= 0:
            where = f"line {LineIndex.of(document.text).position(best.start)[0]}"
            related = (Related(best.start, best.end, f'"{best.style}" first used here'),)
        values = {"preferred": best.style, "count": str(best.count), "where": where}
        write = self.variants[names.index(best.style)].write
        for index, start, end in occurrences(self.source, self.flags, self.literals, document):
            if names[index] == best.style:
                continue
            match = document.text[start:end]
            values.update(match=match, variant=names[index])
            replacement = None
            if self.fix is not None and write is not None:
                replacement = self.fix.render({**values, "write": write})
                if self.flags & regex.IGNORECASE:
                    replacement = match_case(match, replacement)
            yield Hit(
                start,
                end,
                self.message.render(values),
                suggestions=(replacement,) if replacement is not None else (),
                replacement=replacement,
                related=related,
            )


def _variant(item: Any, line: int, case_sensitive: bool) -> tuple[str, Variant]:
    """A variant's expression and its name. A text is matched as a whole word, and not
    inside an e-mail address or a path (`e-mail@example.com`)."""
    if isinstance(item, str):
        if not item.strip():
            raise SpecError("variants", "a variant cannot be empty", line)
        source = r"(?<![@/][-.\w]*)" + regex.escape(item) + r"(?![-.\w]*[@/])"
        if regex.match(r"\w", item):
            source = r"\b" + source
        if regex.search(r"\w$", item):
            source += r"\b"
        return source, Variant(item, item)
    check_keys(item, VARIANT_KEYS, "variant", line)
    try:
        compile_regex(item["pattern"], "pattern", case_sensitive)
    except SpecError as error:
        raise SpecError("pattern", error.message, item.key_lines.get("pattern", line)) from None
    return item["pattern"], Variant(item["name"], item.get("write"))


def build(spec: dict[str, Any], message: str, fix: str | None, folder: Path) -> ConsistencyChecker:
    case_sensitive = spec.get("case_sensitive", False)
    items = spec["variants"]
    pairs = [
        _variant(item, line, case_sensitive)
        for item, line in zip(items, getattr(items, "item_lines", [0] * len(items)), strict=True)
    ]
    if len(pairs) < 2:
        raise SpecError("variants", "'variants' needs at least two variants")
    names = [variant.name for _, variant in pairs]
    if len(set(names)) != len(names):
        raise SpecError("variants", "variant names must differ")
    if "prefer" in spec and spec["prefer"] not in names:
        raise SpecError("prefer", f"'prefer' must name a variant: {', '.join(names)}")
    source = "|".join(f"(?P<v{i}>{source})" for i, (source, _) in enumerate(pairs))
    compiled = compile_regex(source, "variants", case_sensitive)
    return ConsistencyChecker(
        compiled.pattern,
        compiled.flags,
        required_literals(compiled.pattern),
        tuple(variant for _, variant in pairs),
        spec.get("prefer"),
        parse_template(message, MESSAGE_NAMES, "message"),
        parse_template(fix, (*MESSAGE_NAMES, "write"), "fix") if fix is not None else None,
    )
