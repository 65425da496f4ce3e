"""Documents: the original decoded text plus the segments of it that are prose, and,
for bilingual files, their translation units."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Literal, NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Segment(NamedTuple):
    """A stretch of prose: `text` stands at `start` in the document's original text.

    Where the format escapes text (`\\"` in a PO string, `&amp;` in HTML) or splits it
    (a PO string over several quoted lines), `text` is the decoded text and `origin`
    gives, for each of its characters and for its end, the offset in the original
    text: positions map back exactly."""

    start: int
    text: str
    origin: tuple[int, ...] | None = None  # len(text) + 1 offsets, when not a plain slice
    # Where each character ends in the original, when `origin` is given: before what the
    # format leaves out after it (an XML tag, a PO string's closing quote and line break).
    ends: tuple[int, ...] | None = None

    def at(self, local: int) -> int:
        """The offset in the original text of position `local` of `text`."""
        return self.origin[local] if self.origin is not None else self.start + local

    def end_at(self, local: int) -> int:
        """The offset in the original text where `text[:local]` ends: right after its
        last character, before any markup that follows it."""
        if self.ends is None or local == 0:
            return self.at(local)
        return self.ends[local - 1]

    def unbroken(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` is written in one piece in the original, with no
        markup between its characters: what a fix may replace."""
        if self.ends is None or self.origin is None:
            return True
        return all(self.ends[i] >= self.origin[i + 1] for i in range(start, end - 1))


def mapped(pieces: list[tuple[str, int, int]]) -> Segment:
    """A segment decoded from pieces of the original: each (decoded text, start, end)
    of the original it came from. A piece whose decoded text has the length of its
    original maps character by character; another (an escape, an entity) maps all its
    characters to its start, and its end to its end."""
    text: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for decoded, start, end in pieces:
        text.append(decoded)
        if len(decoded) == end - start:
            origin.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
        else:
            origin.extend([start] * len(decoded))
            ends.extend([end] * len(decoded))
    origin.append(pieces[-1][2] if pieces else 0)
    joined = "".join(text)
    plain = all(len(d) == e - s for d, s, e in pieces) and all(
        pieces[i][2] == pieces[i + 1][1] for i in range(len(pieces) - 1)
    )
    start = pieces[0][1] if pieces else 0
    if plain:
        return Segment(start, joined)
    return Segment(start, joined, tuple(origin), tuple(ends))


DirectiveKind = Literal["disable", "enable", "disable-next-line", "disable-file"]


class Directive(NamedTuple):
    """An inline suppression comment (`txtlint-disable quality`, say) on line `line`
    (1-based). `start`/`end` span the whole line including its line break: what a fix
    deletes. No `rules` means all rules; each is a rule id or a module prefix."""

    kind: DirectiveKind
    rules: tuple[str, ...]
    line: int
    start: int
    end: int


class TranslationUnit(NamedTuple):
    """One entry of a bilingual file: its source and its target(s) (several for plural
    forms; none when the entry is untranslated), with their languages."""

    id: str
    source: Segment
    targets: tuple[Segment, ...]
    source_language: str
    target_language: str
    line: int  # of the entry in the file
    target_at: int  # where an empty target is, to report it


class Document(NamedTuple):
    path: str
    text: str
    segments: tuple[Segment, ...]
    directives: tuple[Directive, ...] = ()  # in order; their lines are in no segment
    units: tuple[TranslationUnit, ...] = ()  # bilingual files
    language: str | None = None  # of the prose segments, when the file says it (en, zh, …)
    # How the format writes text that a fix puts in (quotes and escapes in a PO string,
    # entities in HTML); None when text stands as it is.
    escape: Callable[[str], str] | None = None


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end before the line break) of each line; line breaks are \\n, \\r\\n, \\r."""
    spans = []
    start = 0
    for line_break in _LINE_BREAK.finditer(text):
        spans.append((start, line_break.start()))
        start = line_break.end()
    spans.append((start, len(text)))
    return spans


class LineIndex(NamedTuple):
    """Turns 0-based code-point offsets into 1-based (line, column) pairs."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        return cls((0, *(m.end() for m in _LINE_BREAK.finditer(text))))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end (before the line break) of a 1-based line."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end
