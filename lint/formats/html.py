"""HTML: the text of a page, and its `alt` and `title` attributes.

Not prose: tags, comments, declarations, and the content of the elements that hold code
or no text to read (`script`, `style`, `pre`, `code`, `kbd`, `samp`, `textarea`,
`template`); the attributes of such an element's own tag are still read. Text runs on
across inline elements (`<b>`, `<em>`, `<a>`, `<span>` …): "the <b>the</b>" is read as
"the the" (a finding there ends before the tag after it, and gets no fix, which would
delete the tags inside). Any other tag, and a comment, ends a segment, and so does an
inline tag with an `alt` or `title` (the attribute is a segment of its own).

Entities (`&amp;`, `&nbsp;`, `&#8217;`, `&#x4e2d;`) are decoded for matching; findings
still point at the original text, and the replacement of a fix is written with `&`, `<`
and `>` escaped. A `"` is not escaped: a fix inside a double-quoted attribute value
that put one in would end the value early, but fixes in `alt` and `title` are rare and
replacements with a quote rarer still.

The page is read with the standard library's HTMLParser, which reads malformed HTML
much as a browser does (see `_read` for the few declarations it gives up on). Its
events tell the line and column they start at, and with
`convert_charrefs=False` its text events are the raw text and each entity an event of
its own, so every offset is exact. `<html lang="…">` gives the document's language.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lint.document import Document, Segment, mapped
from lint.suppression import HTML, find_directives

NAME = "html"

SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "pre", "code", "kbd", "samp", "textarea", "template"}
)
# Elements inside a line of text: a word may run across them.
INLINE_ELEMENTS = frozenset(
    {
        *("a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn"),
        *("em", "font", "i", "ins", "mark", "nobr", "q", "s", "small", "span", "strike"),
        *("strong", "sub", "sup", "time", "tt", "u", "var", "wbr"),
    }
)
# The elements of HTML (with obsolete ones still met in old pages), to tell markup from
# text that only looks like a tag.
HTML_ELEMENTS = (
    INLINE_ELEMENTS
    | SKIPPED_ELEMENTS
    | frozenset(
        {
            *("address", "applet", "area", "article", "aside", "audio", "base", "basefont"),
            *("blockquote", "body", "br", "button", "canvas", "caption", "center", "col"),
            *("colgroup", "datalist", "dd", "details", "dialog", "dir", "div", "dl", "dt"),
            *("embed", "fieldset", "figcaption", "figure", "footer", "form", "frame"),
            *("frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup"),
            *("hr", "html", "iframe", "img", "input", "label", "legend", "li", "link"),
            *("main", "map", "marquee", "math", "menu", "menuitem", "meta", "meter", "nav"),
            *("noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p"),
            *("param", "picture", "progress", "rp", "rt", "ruby", "search", "section"),
            *("select", "slot", "source", "summary", "svg", "table", "tbody", "td"),
            *("tfoot", "th", "thead", "title", "tr", "track", "ul", "video"),
        }
    )
)
_LINTED_ATTRIBUTES = frozenset({"alt", "title"})

_NEWLINE = re.compile("\n")  # HTMLParser counts lines at "\n" only
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s/>"'=][^\s/>"'=]*)"""
    r"""(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+)))?"""
)
_ATTEMPTS = 8
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

_Piece = tuple[str, int, int]  # decoded text, and the span of the original it comes from


def escape(text: str) -> str:
    """Text as HTML writes it in a text node or a quoted attribute value (quotes too,
    so a fix inside `title="…"` cannot end the value)."""
    return html.escape(text, quote=True)


def _decoded_pieces(text: str, start: int, end: int) -> list[_Piece]:
    """`text[start:end]` in pieces: the runs between entities as they are, and each
    entity decoded."""
    pieces: list[_Piece] = []
    position = start
    for entity in _ENTITY.finditer(text, start, end):
        decoded = html.unescape(entity.group())
        if decoded == entity.group():
            continue  # no entity (`&copy2024`), text as it is
        if entity.start() > position:
            pieces.append((text[position : entity.start()], position, entity.start()))
        pieces.append((decoded, entity.start(), entity.end()))
        position = entity.end()
    if position < end:
        pieces.append((text[position:end], position, end))
    return pieces


def _name_end(tag: str) -> int:
    """Where the name of a start tag (`<img …>`) ends."""
    end = 1
    while end < len(tag) and tag[end] not in " \t\n\r\f/>":
        end += 1
    return end


def _prose(pieces: list[_Piece]) -> Segment | None:
    if not any(decoded.strip() for decoded, _, _ in pieces):
        return None
    return mapped(pieces)


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self.segments: list[Segment] = []
        self.pieces: list[_Piece] = []  # of the text read since the last break
        self.skipping: list[str] = []  # the open skipped elements, innermost last
        self.comment_starts: set[int] = set()
        self.language: str | None = None

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def end_text(self) -> None:
        segment = _prose(self.pieces)
        if segment is not None:
            self.segments.append(segment)
        self.pieces = []

    def read_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.language is None:
            values = dict(attrs)
            self.language = values.get("lang") or values.get("xml:lang") or None
        attributes = self.attribute_segments()
        if attributes or tag not in INLINE_ELEMENTS:
            self.end_text()
        self.segments.extend(attributes)

    def attribute_segments(self) -> list[Segment]:
        raw = self.get_starttag_text() or ""
        if not any(name in raw.lower() for name in _LINTED_ATTRIBUTES):
            return []
        start = self.position()
        segments = []
        for attribute in _ATTRIBUTE.finditer(raw, _name_end(raw)):
            value = next((g for g in ("double", "single", "bare") if attribute[g]), None)
            if attribute["name"].lower() not in _LINTED_ATTRIBUTES or value is None:
                continue
            value_start, value_end = attribute.span(value)
            segment = _prose(_decoded_pieces(self.text, start + value_start, start + value_end))
            if segment is not None:
                segments.append(segment)
        return segments

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self.read_tag(tag, attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self.read_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            # also closes the skipped elements left open inside it
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
        elif not self.skipping and tag not in INLINE_ELEMENTS:
            self.end_text()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            start = self.position()
            end = start + len(data)
            # the original text: what was fed may differ (see `_read`)
            self.pieces.append((self.text[start:end], start, end))

    def handle_entityref(self, name: str) -> None:
        self.read_entity(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self.read_entity(f"&#{name}")

    def read_entity(self, raw: str) -> None:
        if self.skipping:
            return
        start = self.position()
        if self.text.startswith(";", start + len(raw)):
            raw += ";"
        self.pieces.append((html.unescape(raw), start, start + len(raw)))

    def handle_comment(self, data: str) -> None:
        if not self.skipping:
            self.comment_starts.add(self.position())
            self.end_text()

    def handle_decl(self, decl: str) -> None:
        self.end_text()

    def handle_pi(self, data: str) -> None:
        self.end_text()

    def unknown_decl(self, data: str) -> None:
        self.end_text()


def _read(text: str) -> _Reader:
    """`text` read through. HTMLParser gives up (AssertionError) on a few malformed
    declarations (`<![ x`); the page is then read again with the `<` of each such
    declaration taken for text, and after a few attempts what was read is kept."""
    fed = text
    for _ in range(_ATTEMPTS):
        reader = _Reader(text)
        try:
            reader.feed(fed)
            reader.close()
        except AssertionError:
            broken = fed.rfind("<", 0, reader.position() + 1)
            if broken < 0:
                break
            fed = f"{fed[:broken]} {fed[broken + 1 :]}"
            continue
        break
    reader.end_text()
    return reader


def parse(path: str, text: str) -> Document:
    reader = _read(text)
    # a directive inside `<pre>` or `<script>` is an example, not a directive
    directives = tuple(
        directive
        for directive in find_directives(text, (HTML,))
        if _first_non_blank(text, directive.start) in reader.comment_starts
    )
    segments = tuple(sorted(reader.segments, key=lambda segment: segment.start))
    return Document(path, text, segments, directives, language=reader.language, escape=escape)


def _first_non_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position
