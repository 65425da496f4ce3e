"""Plain text: all of it is prose except inline code (`like this`) and URLs."""

from __future__ import annotations

import re

from lint.document import Document, Segment

NAME = "plain"
EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})

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


def parse(path: str, text: str) -> Document:
    return Document(path=path, text=text, segments=prose_segments(text))
