"""Documents: the original decoded text plus the segments of it that are prose."""

from __future__ import annotations

import bisect
import re
from typing import Literal, NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Segment(NamedTuple):
    """A slice of prose: `text` stands at `start` in the document's original text."""

    start: int
    text: str


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


class Document(NamedTuple):
    path: str
    text: str
    segments: tuple[Segment, ...]
    directives: tuple[Directive, ...] = ()  # in order; their lines are in no segment


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
