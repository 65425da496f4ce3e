"""gettext PO and POT files: each entry's msgstr (and its plural forms msgstr[N]) is the
translation, its msgid the source.

The prose segments are the msgstr strings; the translation units are the entries, each
with its msgid as source and its msgstr strings as targets. Not linted: the header entry
(msgid ""), obsolete entries (`#~` lines), fuzzy entries (`#, fuzzy`: unless
`include_fuzzy`), comments, keywords and quotes.

Strings are C-escaped and may be split over several quoted lines:

    msgstr ""
    "Line one\\n"
    "He said \\"the the\\" twice"

Each string is decoded (`\\n \\t \\r \\a \\b \\f \\v \\" \\\\ \\' \\?`, octal `\\ooo` and hex
`\\xhh` escapes, a run of which is read as UTF-8 bytes) and its pieces are joined into
one segment whose every character maps back to its offset inside the quotes: a finding
points at the exact line and column in the PO file, and a fix is C-escaped (`escape`).
An escape's decoded character maps to the escape's backslash; the segment's end maps to
the end of its last piece (just before the closing quote).

Suppression directives are translator comments: `# txtlint-disable quality`. A
`txtlint-disable-next-line` covers the line after the comment, which in a PO file is
usually a `#:` reference or the msgid, so around a whole entry prefer
`# txtlint-disable …` / `# txtlint-enable`.

A malformed file never raises: a line that cannot be read is skipped, and so is an entry
without a msgid.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import NamedTuple

from lint.document import Document, Segment, TranslationUnit, line_spans, mapped
from lint.suppression import HASH, find_directives

NAME = "po"

UNDETERMINED = "und"  # BCP 47: the language is not known
CONTEXT_SEPARATOR = "\x04"  # between msgctxt and msgid in a unit id, as gettext's MO files

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d{1,9})\])?(?=[\s\"]|$)")
_SPACE = re.compile(r"[ \t\ufeff]*")  # a byte order mark is read as space
_PLAIN = re.compile(r'[^"\\]+')  # a run of characters that stand for themselves
_BYTE_ESCAPES = re.compile(r"(?:\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}))+")
_BYTE_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2}))")
_CHARACTER_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    '"': '"',
    "\\": "\\",
    "'": "'",
    "?": "?",
}

Piece = tuple[str, int, int]  # decoded text, and the span of the original it came from


class Field(NamedTuple):
    """One keyword of an entry (`msgstr[1]` has keyword msgstr and plural 1) with the
    pieces of its strings; `opening` is the offset just inside its first quote."""

    keyword: str
    plural: int | None
    line: int
    opening: int
    pieces: list[Piece]


class Entry(NamedTuple):
    """One message of a PO file, its strings decoded and mapped back."""

    context: str | None
    msgid: Segment
    msgid_plural: Segment | None
    msgstrs: tuple[Segment, ...]  # msgstr, or msgstr[0], msgstr[1], … in file order
    fuzzy: bool
    line: int  # of the msgid keyword
    target_at: int  # just inside the first msgstr's opening quote


class Header(NamedTuple):
    language: str | None
    source_language: str | None


def c_escape(text: str) -> str:
    """`text` written inside a PO string."""
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def _byte_escapes(text: str, start: int, end: int) -> list[Piece]:
    """The pieces of a run of octal and hex escapes: one piece of the characters their
    bytes spell in UTF-8, else a piece per escape, its byte read as Latin-1."""
    escapes = list(_BYTE_ESCAPE.finditer(text, start, end))
    values = [(int(m[1], 8) if m[1] else int(m[2], 16)) & 0xFF for m in escapes]
    try:
        return [(bytes(values).decode("utf-8"), start, end)]
    except UnicodeDecodeError:
        return [(chr(value), m.start(), m.end()) for value, m in zip(values, escapes, strict=True)]


def _quoted(text: str, position: int, end: int) -> tuple[list[Piece], int] | None:
    """The decoded pieces of the string whose opening quote is at `position`, and the
    offset after its closing quote; None when it is not closed before `end`."""
    pieces: list[Piece] = []
    position += 1
    while position < end:
        plain = _PLAIN.match(text, position, end)
        if plain:
            pieces.append((plain.group(), position, plain.end()))
            position = plain.end()
            continue
        if text[position] == '"':
            return pieces, position + 1
        # a backslash
        numeric = _BYTE_ESCAPES.match(text, position, end)
        if numeric:
            pieces.extend(_byte_escapes(text, position, numeric.end()))
            position = numeric.end()
        elif position + 1 < end and text[position + 1] in _CHARACTER_ESCAPES:
            pieces.append((_CHARACTER_ESCAPES[text[position + 1]], position, position + 2))
            position += 2
        else:  # an unknown escape: the backslash stands for itself
            pieces.append(("\\", position, position + 1))
            position += 1
    return None


def _strings(text: str, position: int, end: int) -> tuple[list[Piece], int | None] | None:
    """The pieces of the quoted strings from `position` to the end of the line, and the
    offset inside the first opening quote; None when the line holds anything else."""
    pieces: list[Piece] = []
    opening = None
    while True:
        position = _SPACE.match(text, position, end).end()
        if position == end:
            return pieces, opening
        if text[position] != '"':
            return None
        if opening is None:
            opening = position + 1
        found = _quoted(text, position, end)
        if found is None:
            return None
        more, position = found
        pieces.extend(more)


def _segment(field: Field) -> Segment:
    """The decoded string of `field`, always with an origin, so that a fix in it is
    escaped wherever it is."""
    if not field.pieces:
        return Segment(field.opening, "", (field.opening,))
    if len(field.pieces) == 1:  # the common case: one string without escapes
        decoded, start, end = field.pieces[0]
        if len(decoded) == end - start:
            return Segment(start, decoded, tuple(range(start, end + 1)))
    segment = mapped(field.pieces)
    if segment.origin is not None:
        return segment
    start = segment.start
    return segment._replace(origin=tuple(range(start, start + len(segment.text) + 1)))


def _entry(fields: list[Field], fuzzy: bool) -> Entry | None:
    by_keyword: dict[str, Field] = {}
    msgstrs: list[Field] = []
    for field in fields:
        if field.keyword == "msgstr":
            msgstrs.append(field)
        else:
            by_keyword.setdefault(field.keyword, field)
    msgid = by_keyword.get("msgid")
    if msgid is None:
        return None
    context = by_keyword.get("msgctxt")
    plural = by_keyword.get("msgid_plural")
    source = _segment(msgid)
    return Entry(
        context=_segment(context).text if context is not None else None,
        msgid=source,
        msgid_plural=_segment(plural) if plural is not None else None,
        msgstrs=tuple(_segment(field) for field in msgstrs),
        fuzzy=fuzzy,
        line=msgid.line,
        target_at=msgstrs[0].opening if msgstrs else source.at(len(source.text)),
    )


def entries(text: str) -> list[Entry]:
    """Every entry of a PO file that is not obsolete, the header included, in order."""
    found: list[Entry] = []
    fields: list[Field] = []
    flags: set[str] = set()
    current: Field | None = None  # the field continuation strings belong to

    def finish() -> None:
        nonlocal fields, flags
        entry = _entry(fields, "fuzzy" in flags)
        if entry is not None:
            found.append(entry)
        fields, flags = [], set()

    for number, (start, end) in enumerate(line_spans(text), 1):
        first = _SPACE.match(text, start, end).end()
        if first == end:
            continue  # blank lines separate nothing gettext does not already separate
        if text[first] == "#":
            if fields:
                finish()
            current = None
            if text.startswith("#~", first):
                flags = set()  # the comments so far belong to an obsolete entry
            elif text.startswith("#,", first):
                flags.update(flag.strip() for flag in text[first + 2 : end].split(","))
            continue
        if text[first] == '"':
            strings = _strings(text, first, end)
            if current is not None and strings is not None:
                current.pieces.extend(strings[0])
            continue
        keyword = _KEYWORD.match(text, first, end)
        if keyword is None:
            current = None  # not PO: skipped
            continue
        name = keyword[1]
        begun = {field.keyword for field in fields}
        if (name == "msgctxt" and begun) or (name == "msgid" and begun - {"msgctxt"}):
            finish()
        strings = _strings(text, keyword.end(), end)
        pieces, opening = strings if strings is not None else ([], None)
        plural = int(keyword[2]) if keyword[2] is not None else None
        opening = opening if opening is not None else keyword.end()
        current = Field(name, plural, number, opening, pieces)
        fields.append(current)
    finish()
    return found


def _is_header(entry: Entry) -> bool:
    return entry.context is None and entry.msgid.text == ""


def _header(entry: Entry | None) -> Header:
    """The languages a header entry names (`Language: zh_CN`, `X-Source-Language: en`)."""
    values: dict[str, str] = {}
    if entry is not None and entry.msgstrs:
        for line in entry.msgstrs[0].text.split("\n"):
            key, colon, value = line.partition(":")
            if colon:
                values.setdefault(key.strip().lower(), value.strip())
    return Header(values.get("language") or None, values.get("x-source-language") or None)


def _unit(entry: Entry, header: Header) -> TranslationUnit:
    context = f"{entry.context}{CONTEXT_SEPARATOR}" if entry.context is not None else ""
    translated = any(segment.text for segment in entry.msgstrs)
    return TranslationUnit(
        id=context + entry.msgid.text,
        source=entry.msgid,
        targets=entry.msgstrs if translated else (),
        source_language=header.source_language or UNDETERMINED,
        target_language=header.language or UNDETERMINED,
        line=entry.line,
        target_at=entry.target_at,
    )


def parse(path: str, text: str, include_fuzzy: bool = False) -> Document:
    found = entries(text)
    header = _header(next((entry for entry in found if _is_header(entry)), None))
    kept = [e for e in found if not _is_header(e) and (include_fuzzy or not e.fuzzy)]
    segments = tuple(segment for entry in kept for segment in entry.msgstrs if segment.text)
    # A template's msgstr strings are empty by design: it has nothing translated to check.
    template = PurePath(path).suffix.lower() == ".pot"
    units = () if template else tuple(_unit(entry, header) for entry in kept)
    return Document(
        path,
        text,
        segments,
        find_directives(text, (HASH,)),
        units,
        language=header.language,
        escape=c_escape,
    )
