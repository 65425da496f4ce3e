"""Subtitles, SRT and WebVTT: only the text of cues is prose.

A file is blocks of lines separated by blank lines. In a block, a timing line
(`00:00:01,000 --> 00:00:04,000`, WebVTT also `00:01.000 --> 00:04.000 line:0
position:50%`) starts a cue and the lines after it, up to the next blank or timing line,
are its text; the lines before a block's first timing line (a cue number or identifier,
or the `WEBVTT` header if no blank line ends it) are not, nor is a block without a
timing line (the WebVTT header and its metadata, `NOTE`, `STYLE` and `REGION` blocks,
which cannot hold `-->`; stray text in SRT). Not prose in cue text: the tags (`<i>`,
`</b>`, `<c.yellow>`, `<v Roger>`, `<lang en>`, `<font color="red">`, `<00:00:05.000>`)
and SSA overrides (`{\\an8}`).

Cue text is split at tags: each stretch between two tags (or the cue's start or end) is
one segment, exact in the file (its lines and their breaks, CRLF included). Nothing is
joined across a tag, so no finding spans one and no fix can delete it; the price is that
a word or phrase cut by a tag (`<i>black</i> technology`) is not seen whole. Only tags
that subtitles use are tags: `<unk>` is text, left by machine translation.

WebVTT escapes `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;` (and has `&nbsp;`,
`&lrm;`, `&rlm;` and numeric references): they are decoded for matching, positions map
back, and a fix is escaped. Its suppression directives are one-line `NOTE` comments
(`NOTE txtlint-disable quality`); a NOTE block must be followed by a blank line, so
`txtlint-disable-next-line` covers only that blank line: use `txtlint-disable` and
`txtlint-enable`. SRT has no comments, hence no directives.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import NamedTuple

from lint.document import Document, Segment, line_spans, mapped
from lint.suppression import CommentSyntax, find_directives

_TIME = r"(?:\d+:)?\d+:\d+(?:[,.]\d+)?"
_TIMING = re.compile(rf"[ \t\ufeff]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t]|$)")
_NUMBER = re.compile(r"[ \t\ufeff]*\d+[ \t]*")
_TAG = re.compile(
    r"</?(?:b|i|u|s|c|v|lang|ruby|rt|font)(?=[\s.>])[^<>\r\n]*>"  # formatting, voice
    r"|<(?:\d+:)?\d+:\d+(?:[.,]\d+)?>"  # a karaoke timestamp
    r"|\{\\[^{}\r\n]*\}"  # an SSA override such as {\an8}
)
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")

NOTE = CommentSyntax("NOTE", space_after_opener=True)


class Dialect(NamedTuple):
    """What sets a kind of subtitle file apart."""

    entities: bool  # whether `&amp;` and the like are references
    comments: tuple[CommentSyntax, ...]  # where suppression directives can be
    escape: Callable[[str], str] | None  # how a fix's text is written in a cue


def vtt_escape(text: str) -> str:
    """`text` written in WebVTT cue text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


SRT = Dialect(entities=False, comments=(), escape=None)
WEBVTT = Dialect(entities=True, comments=(NOTE,), escape=vtt_escape)


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """The blocks of non-blank lines, each line as (start, end before its break)."""
    blocks: list[list[tuple[int, int]]] = []
    block: list[tuple[int, int]] = []
    for start, end in line_spans(text):
        if text[start:end].strip(" \t\ufeff"):
            block.append((start, end))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def cue_texts(text: str, dialect: Dialect) -> list[tuple[int, int]]:
    """(start, end) of the text of each cue: from its first line's start to its last
    line's end, in order."""
    cues: list[tuple[int, int]] = []
    for block in _blocks(text):
        lines: list[tuple[int, int]] | None = None  # of the cue being read
        for index, (start, end) in enumerate(block):
            if _TIMING.match(text, start, end):
                if lines:
                    cues.append((lines[0][0], lines[-1][1]))
                lines = []
            elif lines is not None and not _is_cue_number(text, block, index):
                lines.append((start, end))
        if lines:
            cues.append((lines[0][0], lines[-1][1]))
    return cues


def _is_cue_number(text: str, block: list[tuple[int, int]], index: int) -> bool:
    """Whether line `index` of `block` numbers the cue whose timing line follows it (an
    SRT file without a blank line between two cues)."""
    if index + 1 == len(block):
        return False
    start, end = block[index]
    return bool(_NUMBER.fullmatch(text, start, end) and _TIMING.match(text, *block[index + 1]))


def _decoded(text: str, start: int, end: int) -> Segment:
    """The segment of text[start:end] with its character references decoded."""
    pieces: list[tuple[str, int, int]] = []
    position = start
    for entity in _ENTITY.finditer(text, start, end):
        if entity.start() > position:
            pieces.append((text[position : entity.start()], position, entity.start()))
        pieces.append((html.unescape(entity.group()), entity.start(), entity.end()))
        position = entity.end()
    if position < end:
        pieces.append((text[position:end], position, end))
    return mapped(pieces)


def _with_origin(segment: Segment) -> Segment:
    """`segment` with an origin, so that a fix in it is escaped wherever it is."""
    if segment.origin is not None:
        return segment
    start = segment.start
    return segment._replace(origin=tuple(range(start, start + len(segment.text) + 1)))


def _segment(text: str, start: int, end: int, dialect: Dialect) -> Segment:
    if dialect.entities and "&" in text[start:end]:
        segment = _decoded(text, start, end)
    else:
        segment = Segment(start, text[start:end])
    return _with_origin(segment) if dialect.escape is not None else segment


def _prose(text: str, cues: list[tuple[int, int]], dialect: Dialect) -> tuple[Segment, ...]:
    """The stretches of the cue texts `cues` between tags."""
    segments = []
    for cue_start, cue_end in cues:
        position = cue_start
        for tag in [*_TAG.finditer(text, cue_start, cue_end), None]:
            stop = tag.start() if tag is not None else cue_end
            if text[position:stop].strip():
                segments.append(_segment(text, position, stop, dialect))
            if tag is not None:
                position = tag.end()
    return tuple(segments)


def parse(path: str, text: str, dialect: Dialect) -> Document:
    cues = cue_texts(text, dialect)
    directives = find_directives(text, dialect.comments) if dialect.comments else ()
    # a line of cue text is shown on screen, never a directive
    directives = tuple(d for d in directives if not any(s <= d.start < e for s, e in cues))
    return Document(path, text, _prose(text, cues, dialect), directives, escape=dialect.escape)
