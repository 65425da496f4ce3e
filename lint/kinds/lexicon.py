"""`lexicon`: a table of wrong → right entries compiled into one matcher.

Keys: `entries` (required; each with `wrong`, and optionally `right`, `source`, `note`,
`ref`), `case_sensitive` (default false: case and ’/' are then ignored),
`whole_words` (default true: each `wrong`
phrase matches only as whole words, also where Latin meets CJK text);
a space in it matches any run of white space, line breaks included. The message and
fix may use `{match}`, `{suggestion}` (the first `right`), `{suggestions}`, `{source}`
and `{note}`.

All phrases of a table become one trie-shaped regular expression for the standard
library's `re` (see bench/lexicon_matchers.py for why), run over lower-cased text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint.model import Hit
from lint.regexes import folded
from lint.scripts import word_boundary
from lint.spec import Key, SpecError, check_keys, parse_template, text_list
from lint.template import Template, match_case

KEYS = {
    "entries": Key((list,), required=True),
    "case_sensitive": Key((bool,), default=False),
    "whole_words": Key((bool,), default=True),
}
ENTRY_KEYS = {
    "wrong": Key((str, list), required=True),
    "right": Key((str, list)),
    "source": Key((str,)),
    "note": Key((str,)),
    "ref": Key((str, list)),
}
PLACEHOLDERS = frozenset({"match", "suggestion", "suggestions", "source", "note"})
_SPACE = " "
_SPACES = re.compile(r"\s+")


class Entry(NamedTuple):
    wrong: tuple[str, ...]
    right: tuple[str, ...]
    source: str | None
    note: str | None
    refs: tuple[str, ...]


# A table's expression takes milliseconds to compile (the standard library compiles in
# Python), which a short text does not repay: until it is compiled, texts are matched
# by walking the same trie in Python, with the same results, until this many characters
# have been walked in all. A long-running process (many files, an editor's buffer
# checked at each pause in typing) then compiles it once.
WALK_LIMIT = 20_000
_compiled: dict[str, re.Pattern[str]] = {}
_walked: dict[str, int] = {}  # characters walked so far, by expression


def _regex(source: str) -> re.Pattern[str]:
    if source not in _compiled:
        _compiled[source] = re.compile(source)
    return _compiled[source]


@functools.lru_cache(maxsize=64)
def _trie(phrases: tuple[str, ...]) -> dict:
    """Nested dicts, one level per character; the key "" marks the end of a phrase."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


class _Span(NamedTuple):
    """The part of a regex match the checker uses, for the trie walk's matches."""

    start_at: int
    end_at: int

    def span(self) -> tuple[int, int]:
        return self.start_at, self.end_at


def walk(text: str, trie: dict) -> Iterator[_Span]:
    """What `re.finditer` of `trie_regex` finds: at each position the longest phrase,
    the search going on after it; ' ' in a phrase stands for a run of white space."""
    position, length = 0, len(text)
    while position < length:
        if text[position] not in trie:
            position += 1
            continue
        node, index, last = trie, position, -1
        while index < length:
            char = text[index]
            if char.isspace() and _SPACE in node:
                node = node[_SPACE]
                while index < length and text[index].isspace():
                    index += 1
            elif char in node:
                node = node[char]
                index += 1
            else:
                break
            if "" in node:
                last = index
        if last > position:
            yield _Span(position, last)
            position = last
        else:
            position += 1


def _normalise(phrase: str, case_sensitive: bool) -> str:
    phrase = _SPACES.sub(_SPACE, phrase.strip())
    return phrase if case_sensitive else folded(phrase)


def trie_regex(phrases: list[str]) -> str:
    """One regex source matching any phrase, longest first; ' ' stands for any white space."""
    trie = _trie(tuple(phrases))

    def emit(node: dict) -> str:
        optional = "" in node
        branches = []
        for char in sorted(c for c in node if c):
            head = r"\s+" if char == _SPACE else re.escape(char)
            branches.append(head + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return emit(trie)


class LexiconChecker(NamedTuple):
    lookup: dict[str, Entry]
    source: str  # the trie as one expression, compiled on first use for a long text
    case_sensitive: bool
    whole_words: bool
    message: Template
    fix: Template | None

    def _matches(self, text: str) -> Iterator[re.Match[str] | _Span]:
        searched = text if self.case_sensitive else folded(text)
        if self.source not in _compiled:
            walked = _walked.get(self.source, 0) + len(text)
            if walked < WALK_LIMIT:
                _walked[self.source] = walked
                return walk(searched, _trie(tuple(self.lookup)))
        return _regex(self.source).finditer(searched)

    def explain(self) -> list[str]:
        """The table, one entry a line, for `txtlint explain`."""
        lines = []
        for entry in dict.fromkeys(self.lookup.values()):
            line = " | ".join(entry.wrong)
            if entry.right:
                line += " → " + " | ".join(entry.right)
            details = [d for d in (entry.source, entry.note, *entry.refs) if d]
            lines.append(line + (f"  ({'; '.join(details)})" if details else ""))
        return lines

    def _cased(self, matched: str, replacement: str) -> str:
        return replacement if self.case_sensitive else match_case(matched, replacement)

    def check(self, text: str) -> Iterator[Hit]:
        for found in self._matches(text):
            start, end = found.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if self.whole_words and not (
                word_boundary(before, text[start]) and word_boundary(text[end - 1], after)
            ):
                continue
            matched = text[start:end]
            entry = self.lookup.get(_normalise(matched, self.case_sensitive))
            if entry is None:  # cannot happen while folding keeps lengths; never crash
                continue
            values = {
                "match": matched,
                "suggestion": entry.right[0] if entry.right else None,
                "suggestions": ", ".join(entry.right),
                "source": entry.source,
                "note": entry.note,
            }
            replacement = None
            if self.fix is not None and entry.right:
                replacement = self._cased(matched, self.fix.render(values))
            yield Hit(
                start=start,
                end=end,
                message=self.message.render(values),
                suggestions=tuple(self._cased(matched, right) for right in entry.right),
                replacement=replacement,
            )


def _entry(item: object, line: int, case_sensitive: bool) -> Entry:
    check_keys(item, ENTRY_KEYS, "entry", line)
    key_lines = getattr(item, "key_lines", {})
    lines = {key: key_lines.get(key, line) for key in item}
    phrases = text_list(item["wrong"], "wrong", lines["wrong"])
    wrong = tuple(_normalise(phrase, case_sensitive) for phrase in phrases)
    right = text_list(item["right"], "right", lines["right"]) if "right" in item else ()
    refs = text_list(item["ref"], "ref", lines["ref"]) if "ref" in item else ()
    return Entry(wrong, right, item.get("source"), item.get("note"), refs)


def build(spec: dict, message: str, fix: str | None, folder: Path) -> LexiconChecker:
    case_sensitive = spec.get("case_sensitive", False)
    entries = spec["entries"]
    if not entries:
        raise SpecError("entries", "'entries' is empty")
    item_lines = getattr(entries, "item_lines", [0] * len(entries))
    lookup: dict[str, Entry] = {}
    for item, line in zip(entries, item_lines, strict=True):
        entry = _entry(item, line, case_sensitive)
        for phrase in entry.wrong:
            if phrase in lookup:
                raise SpecError("wrong", f"'{phrase}' is listed twice", line)
            lookup[phrase] = entry
    source = trie_regex(sorted(lookup))
    return LexiconChecker(
        lookup=lookup,
        source=source,
        case_sensitive=case_sensitive,
        whole_words=spec.get("whole_words", True),
        message=parse_template(message, PLACEHOLDERS, "message"),
        fix=parse_template(fix, PLACEHOLDERS, "fix") if fix is not None else None,
    )
