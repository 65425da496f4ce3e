"""Plain text: all of it is prose except inline code (`like this`), URLs and the lines
that are suppression directives (`# txtlint-disable-next-line quality`)."""

from __future__ import annotations

import re

from lint.document import Directive, Document, Segment
from lint.suppression import comment_syntaxes, find_directives

NAME = "plain"

# Inline code: a run of backticks, then anything but a line break, then the same run.
# URLs end before trailing punctuation that usually closes the sentence around them.
_NOT_PROSE = re.compile(
    r"(?P<ticks>`+)[^\n]*?(?P=ticks)"
    r"|(?:https?://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]"
)


def prose_segments(text: str, offset: int = 0) -> tuple[Segment, ...]:
    """The stretches of `text` between inline code and URLs, at their offsets."""
    if "`" not in text and "://" not in text and "www." not in text:
        return (Segment(offset, text),)
    segments = []
    position = 0
    for skipped in _NOT_PROSE.finditer(text):
        if skipped.start() > position:
            segments.append(Segment(offset + position, text[position : skipped.start()]))
        position = skipped.end()
    if position < len(text) or not segments:
        segments.append(Segment(offset + position, text[position:]))
    return tuple(segments)


def _prose_between(text: str, directives: tuple[Directive, ...]) -> tuple[Segment, ...]:
    """The prose segments of `text` outside the lines of `directives`."""
    if not directives:
        return prose_segments(text)
    segments: list[Segment] = []
    position = 0
    for start, end in [*((d.start, d.end) for d in directives), (len(text), len(text))]:
        if start > position:
            segments.extend(prose_segments(text[position:start], position))
        position = end
    return tuple(segments)


def parse(path: str, text: str) -> Document:
    directives = find_directives(text, comment_syntaxes(path))
    return Document(path, text, _prose_between(text, directives), directives)
