"""XLIFF 1.2 and 2.0: the text of each unit's `<target>` is the prose; each unit (1.2
`<trans-unit>`, 2.0 `<unit>`) is a translation unit with its `<source>`, its target and
the languages of its file.

Findings must point at the exact line and column in the XML file, so this is a careful
scanner over the original text, not a tree parser: ElementTree and expat report where an
element starts but no character offsets for the text inside it, after entities are
decoded and CDATA sections are unwrapped. The scanner reads tags, comments, CDATA
sections, processing instructions and the DOCTYPE, and decodes the five predefined
entities and numeric character references, mapping every decoded character back to the
original (`lint.document.mapped`).

- Inline tags are kept out of the text and the text around them is one segment, so a
  word is never split by a tag: `The <g id="1">the</g> car` reads `The the car`. Empty
  inline elements (`<x/>`, `<ph/>`, `<sc/>`, …) become nothing; a 2.0 `<cp hex="…"/>`
  becomes the character it stands for.
- In 1.2, the content of `<bpt>`, `<ept>`, `<it>` and `<ph>` is code of the original
  format, not text; a `<sub>` inside it is text of its own (a segment apart).
- Only the `<source>`/`<target>` of a unit (of a 2.0 `<segment>` or `<ignorable>`) are
  read: not `<alt-trans>`, `<seg-source>`, notes, or translation candidates. The
  segments of a 2.0 unit are joined in file order, as the unit's text.
- Units marked `translate="no"` (on themselves, their group or file) are skipped, and
  so is inline content marked so (2.0 `<mrk translate="no">`, 1.2
  `<mrk mtype="protected">`): a name kept as it is written in the source.
- A DOCTYPE with an internal subset (where entities are declared) is refused with a
  ValueError: nothing is expanded, and such a file is not guessed at.
- Anything else malformed is read as well as it can be and never raises.

Suppression directives are XML comments on a line of their own:
`<!-- txtlint-disable-next-line quality -->`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from lint.document import Directive, Document, LineIndex, Segment, TranslationUnit, mapped
from lint.suppression import HTML, find_directives

NAME = "xliff"

Piece = tuple[str, int, int]  # decoded text, start and end of its original (see `mapped`)
Mode = Literal["outside", "text", "code"]  # what the text inside an element is

_UNITS = frozenset({"trans-unit", "unit"})
# The parents of a unit's own <source> and <target>: 1.2 trans-unit, 2.0 segment/ignorable.
_CONTAINERS = frozenset({"trans-unit", "segment", "ignorable"})
_NATIVE_CODE = frozenset({"bpt", "ept", "it", "ph"})  # 1.2: their content is not text
_SUB_FLOW = "sub"
_CODE_POINT = "cp"

# Every piece of markup starts with "<"; what lies between two of them is text. A "<"
# that starts none of them (malformed) is left in the text around it. Quoted attribute
# values may hold ">" but not "<", so an unclosed quote cannot swallow the file. No two
# repetitions can match the same characters, so a match fails in linear time.
_NAME = r"[^\s<>/!?\"'=\d.\-][^\s<>/!?\"'=]*"  # an element's name, loosely
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)"
    r"|<\?.*?(?:\?>|\Z)"
    r"|<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*(?:(?P<subset>\[)|>|\Z)"
    rf"|</(?P<end>{_NAME})\s*>"
    rf"|<(?P<start>{_NAME})"
    r"(?P<attributes>(?:\s(?:[^<>\"'/]|/(?!>)|\"[^\"<]*\"|'[^'<]*')*)?)(?P<empty>/?)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([^\s=/]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(
    r"&(?:#x(?P<hex>[0-9A-Fa-f]+)|#(?P<decimal>[0-9]+)|(?P<name>lt|gt|amp|quot|apos));"
)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def escape(text: str) -> str:
    """`text` as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _character(reference: re.Match[str]) -> str | None:
    """The character an entity or character reference stands for; None if none."""
    if reference["name"]:
        return _NAMED[reference["name"]]
    digits = reference["hex"] or reference["decimal"]
    if len(digits) > 8:
        return None
    code = int(digits, 16 if reference["hex"] else 10)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _decoded(text: str, start: int, end: int) -> list[Piece]:
    """The pieces of the character data `text[start:end]`: plain runs, and one piece per
    reference. Unknown entities (&nbsp; without a DTD) stay as they are written."""
    pieces: list[Piece] = []
    position = start
    if "&" in text[start:end]:
        for reference in _ENTITY.finditer(text, start, end):
            character = _character(reference)
            if character is None:
                continue
            if reference.start() > position:
                pieces.append((text[position : reference.start()], position, reference.start()))
            pieces.append((character, reference.start(), reference.end()))
            position = reference.end()
    if end > position:
        pieces.append((text[position:end], position, end))
    return pieces


def _unescaped(value: str) -> str:
    return "".join(piece for piece, _, _ in _decoded(value, 0, len(value)))


def _attributes(text: str) -> dict[str, str]:
    return {m[1]: _unescaped(m[2] if m[2] is not None else m[3]) for m in _ATTRIBUTE.finditer(text)}


def _local(name: str) -> str:
    """An element's name without its namespace prefix (`xlf:target` → `target`)."""
    return name.rpartition(":")[2]


class _Token(NamedTuple):
    kind: Literal["start", "end", "text", "cdata", "comment"]
    start: int  # of the token in the file; for text and cdata, of the characters
    end: int
    name: str = ""  # an element's local name
    attributes: dict[str, str] | None = None
    empty: bool = False  # <x/>


def _tokens(text: str) -> Iterator[_Token]:
    """Tags, text and CDATA of `text`, in order; processing instructions and the
    DOCTYPE are left out. Raises ValueError for a DOCTYPE with an internal subset."""
    position = 0
    for markup in _MARKUP.finditer(text):
        if markup.start() > position:
            yield _Token("text", position, markup.start())
        position = markup.end()
        if markup["subset"]:
            line = LineIndex.of(text).position(markup.start())[0]
            raise ValueError(
                f"line {line}: DOCTYPE with an internal subset (entity declarations): "
                "txtlint does not expand them, and XLIFF needs none"
            )
        if markup["cdata"] is not None:
            yield _Token("cdata", markup.start("cdata"), markup.end("cdata"))
        elif markup["end"]:
            yield _Token("end", markup.start(), markup.end(), _local(markup["end"]))
        elif markup["start"]:
            attributes = _attributes(markup["attributes"])
            name = _local(markup["start"])
            yield _Token(
                "start", markup.start(), markup.end(), name, attributes, bool(markup["empty"])
            )
        elif markup.group().startswith("<!--"):
            yield _Token("comment", markup.start(), markup.end())
    if position < len(text):
        yield _Token("text", position, len(text))


class _Part(NamedTuple):
    """The content of one <source> or <target>: its pieces of text, where it starts and
    ends in the file, and the text of the <sub> elements in it."""

    pieces: tuple[Piece, ...]
    start: int
    end: int
    subs: tuple[tuple[Piece, ...], ...] = ()


class _Open(NamedTuple):
    """An element being read: its local name, what its text is, whether it is to be
    translated (`translate="no"` holds for what is inside)."""

    name: str
    mode: Mode
    translate: bool


@dataclass
class _UnitBeingRead:
    id: str
    depth: int  # how many elements are open around it
    start: int  # of its start tag
    after_tag: int  # where its start tag ends
    source_language: str
    target_language: str
    sources: list[_Part] = field(default_factory=list)
    targets: list[_Part] = field(default_factory=list)
    target_at: int | None = None  # where its first <target> content starts


@dataclass
class _ContentBeingRead:
    """A <source> or <target> being read: the text of its flow, and of each <sub> (a
    flow of its own) inside it, as pieces."""

    element: str
    start: int
    flows: list[list[Piece]] = field(default_factory=lambda: [[]])
    subs: list[tuple[Piece, ...]] = field(default_factory=list)


def _segment(text: str, pieces: list[Piece]) -> Segment:
    """The segment of `pieces` of `text`. One with character data always has an origin,
    even where it is a plain slice, to say that a fix there is written escaped (`&` as
    `&amp;`); one all in CDATA stays a plain slice, whose text is written as it is."""
    segment = mapped(pieces)
    if segment.origin is None and any(
        end > start and not (start >= 9 and text.startswith("<![CDATA[", start - 9))
        for _, start, end in pieces
    ):
        end = segment.start + len(segment.text)
        segment = segment._replace(origin=tuple(range(segment.start, end + 1)))
    return segment


def _joined(text: str, parts: list[_Part], where: int) -> Segment:
    """The parts of a unit's source or target as one segment, in file order; two parts
    with no whitespace between them get a space (mapped to where the first ends)."""
    pieces: list[Piece] = []
    for part in parts:
        if not part.pieces:
            continue
        if pieces and not pieces[-1][0][-1:].isspace() and not part.pieces[0][0][:1].isspace():
            pieces.append((" ", pieces[-1][2], pieces[-1][2]))
        pieces.extend(part.pieces)
    if not pieces:
        return Segment(parts[0].start if parts else where, "")
    return _segment(text, pieces)


def _blank(segment: Segment) -> bool:
    return not segment.text.strip()


class _Reader:
    """Reads the tokens of one XLIFF file into its translation units."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex.of(text)
        self.open: list[_Open] = []
        self.languages = ("", "")  # source and target: of the <xliff> root (2.0)
        self.file_languages: tuple[str, str] | None = None  # of the current <file> (1.2)
        self.unit: _UnitBeingRead | None = None
        self.content: _ContentBeingRead | None = None
        self.units: list[TranslationUnit] = []
        self.segments: list[Segment] = []
        self.comments: list[int] = []  # where each comment starts, in order
        self.target_languages: list[str] = []  # as the root and each <file> give them

    def read(self) -> None:
        for token in _tokens(self.text):
            if token.kind == "start":
                self.start(token)
            elif token.kind == "end":
                self.end(token.name, token.start)
            elif token.kind == "comment":
                self.comments.append(token.start)
            elif self.mode() == "text" and self.content is not None:
                if token.kind == "cdata":
                    piece = (self.text[token.start : token.end], token.start, token.end)
                    self.content.flows[-1].append(piece)
                else:
                    self.content.flows[-1].extend(_decoded(self.text, token.start, token.end))
        while self.open:  # elements never closed end with the file
            self.close(self.open.pop(), len(self.text))

    def mode(self) -> Mode:
        return self.open[-1].mode if self.open else "outside"

    def translate(self, attributes: dict[str, str]) -> bool:
        inherited = self.open[-1].translate if self.open else True
        value = attributes.get("translate")
        return inherited if value is None else value.strip().lower() != "no"

    def start(self, token: _Token) -> None:
        name, attributes = token.name, token.attributes or {}
        mode = self.mode()
        if mode != "outside":
            self.inline_start(token, mode)
            return
        translate = self.translate(attributes)
        parent = self.open[-1].name if self.open else None
        if name == "xliff":
            self.languages = (attributes.get("srcLang", ""), attributes.get("trgLang", ""))
            self.target_languages.append(self.languages[1])
        elif name == "file" and not token.empty:
            root_source, root_target = self.languages
            self.file_languages = (
                attributes.get("source-language", root_source),
                attributes.get("target-language", root_target),
            )
            self.target_languages.append(self.file_languages[1])
        elif name in _UNITS and self.unit is None and not token.empty and translate:
            source_language, target_language = self.file_languages or self.languages
            self.unit = _UnitBeingRead(
                attributes.get("id", ""),
                len(self.open),
                token.start,
                token.end,
                source_language,
                target_language,
            )
        elif name in ("source", "target") and self.unit is not None and parent in _CONTAINERS:
            if name == "target" and self.unit.target_at is None:
                self.unit.target_at = token.start if token.empty else token.end
            if token.empty:
                parts = self.unit.targets if name == "target" else self.unit.sources
                parts.append(_Part((), token.start, token.start))
            else:
                self.content = _ContentBeingRead(name, token.end)
                mode = "text"
        if not token.empty:
            self.open.append(_Open(name, mode, translate))

    def inline_start(self, token: _Token, mode: Mode) -> None:
        """An inline element inside a <source> or <target>."""
        content = self.content
        if content is None:  # never: text is only read inside a <source> or <target>
            return
        attributes = token.attributes or {}
        if token.name == _CODE_POINT and mode == "text":
            character = _character_of_code_point(attributes.get("hex", ""))
            if character:
                content.flows[-1].append((character, token.start, token.end))
        if token.empty:
            return
        if token.name == _SUB_FLOW:
            content.flows.append([])
            mode = "text"
        elif token.name in _NATIVE_CODE or _protected(attributes):
            mode = "code"
        self.open.append(_Open(token.name, mode, self.open[-1].translate))

    def end(self, name: str, at: int) -> None:
        if all(element.name != name for element in self.open):
            return  # a stray end tag
        while self.open:
            element = self.open.pop()
            self.close(element, at)
            if element.name == name:
                return

    def close(self, element: _Open, at: int) -> None:
        content, unit = self.content, self.unit
        if content is not None and unit is not None:
            if element.name == _SUB_FLOW and element.mode == "text" and len(content.flows) > 1:
                content.subs.append(tuple(content.flows.pop()))
            elif self.mode() == "outside":  # the <source> or <target> itself
                part = _Part(tuple(content.flows[0]), content.start, at, tuple(content.subs))
                (unit.targets if content.element == "target" else unit.sources).append(part)
                self.content = None
            return
        if unit is not None and element.name in _UNITS and len(self.open) == unit.depth:
            self.finish(unit)
            self.unit = None
        elif element.name == "file":
            self.file_languages = None

    def finish(self, unit: _UnitBeingRead) -> None:
        source = _joined(self.text, unit.sources, unit.after_tag)
        target = _joined(self.text, unit.targets, unit.after_tag)
        if unit.target_at is not None:
            target_at = unit.target_at
        else:
            target_at = unit.sources[-1].end if unit.sources else unit.after_tag
        targets = () if _blank(target) else (target,)
        self.units.append(
            TranslationUnit(
                id=unit.id,
                source=source,
                targets=targets,
                source_language=unit.source_language,
                target_language=unit.target_language,
                line=self.lines.position(unit.start)[0],
                target_at=target_at,
            )
        )
        self.segments.extend(targets)
        for part in unit.targets:
            subs = (_segment(self.text, list(pieces)) for pieces in part.subs if pieces)
            self.segments.extend(sub for sub in subs if not _blank(sub))


def _protected(attributes: dict[str, str]) -> bool:
    """Whether an inline element marks its content as not to be translated: 2.0
    `translate="no"`, 1.2 `<mrk mtype="protected">`."""
    translate = attributes.get("translate", "").strip().lower()
    return translate == "no" or attributes.get("mtype") == "protected"


def _character_of_code_point(hex_digits: str) -> str | None:
    """The character of a 2.0 `<cp hex="…"/>`."""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", hex_digits):
        return None
    code = int(hex_digits, 16)
    return None if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else chr(code)


def _in_comments(directives: tuple[Directive, ...], comments: list[int]) -> tuple[Directive, ...]:
    """The directives that are XML comments (not text that looks like one, in CDATA)."""

    def holds_a_comment(directive: Directive) -> bool:
        first = bisect.bisect_left(comments, directive.start)
        return first < len(comments) and comments[first] < directive.end

    return tuple(directive for directive in directives if holds_a_comment(directive))


def parse(path: str, text: str) -> Document:
    """Raises ValueError for a DOCTYPE with an internal subset; reads anything else."""
    reader = _Reader(text)
    reader.read()
    directives = _in_comments(find_directives(text, (HTML,)), reader.comments)
    return Document(
        path,
        text,
        tuple(sorted(reader.segments, key=lambda segment: segment.start)),
        directives,
        tuple(reader.units),
        next((language for language in reader.target_languages if language), None),
        escape,
    )
