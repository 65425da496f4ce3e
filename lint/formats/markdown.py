"""Markdown (CommonMark with the GitHub tables and footnotes): the prose of paragraphs,
headings, list items, block quotes, table cells, link text and image alt text.

Not prose: front matter (YAML `---` or TOML `+++` at the very start), fenced and
indented code, inline code, link and image destinations and titles, reference
definitions, footnote labels, autolinks, bare URLs, HTML comments and tags, and the
content of HTML elements that hold code (`<pre>`, `<code>`, `<script>` …). The markers
around prose (`#`, `>`, `-`, `1.`, `|`, `[`, `](…)`) are left out too; emphasis marks
(`*`, `_`) and entities (`&amp;`) stay in the text, where rules read them as
punctuation.

Every segment is an exact slice of the file, so positions never shift: where markup is
left out of a line, the prose on either side of it becomes two segments. A paragraph
continued over plain lines is one segment; one whose lines start with `>` is a segment
per line.

Why a scanner and not a parser library: markdown-it-py, the well-kept CommonMark parser
for Python, maps block tokens to source lines only (`token.map`), and inline tokens not
at all, so the column of a word in a link or after inline code has to be found again in
the source anyway. Finding it by searching is unreliable (the same word can occur twice
on a line), so this module reads the constructs itself and keeps every offset.

A tag whose name is no HTML element (`<unk>`, `<pad>`) is read as text, not markup: in a
translation it is a token the MT system left, which a rule reports.

Suppression directives are HTML comments on a line of their own
(`<!-- txtlint-disable-next-line quality -->`); in code or front matter they are
examples, not directives. (`# txtlint-…` is a heading here.)
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Literal, NamedTuple

from lint.document import Document, Segment, line_spans
from lint.formats.html import HTML_ELEMENTS, SKIPPED_ELEMENTS
from lint.suppression import HTML, find_directives

NAME = "markdown"

# Block constructs, matched at the first non-blank character of a line (after the
# block quote markers and list markers in front of it).
_FENCE_OPEN = re.compile(r"(?:`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})[ \t]*$")
_ATX_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSING = re.compile(r"(?<=[ \t])#+[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = re.compile(r"(?:[-+*]|(?P<number>\d{1,9})[.)])(?=[ \t]|$)")
_REFERENCE_DEFINITION = re.compile(r"\[(?!\^)(?:[^\[\]\\]|\\.){1,999}\]:(?:[ \t]|$)")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]{1,999}\]:[ \t]*")
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
# HTML blocks whose lines are all markup or code, each with what ends it (kinds 1 to 5
# of CommonMark). The other HTML blocks are read like paragraphs: tags left out, the
# text between them prose.
_RAW_HTML_BLOCKS = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?=[ \t>]|$)", re.IGNORECASE),
        re.compile(r"</(?:script|pre|style|textarea)\s*>", re.IGNORECASE),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
)

# Inline constructs.
_INLINE_STOP = re.compile(r"[\\`<\[\]!]")
_BRACKET_STOP = re.compile(r"[\\`<\[\]]")
_BACKTICKS = re.compile(r"`+")
_HTML_TAG = re.compile(
    r"<(?:"
    r"(?P<open>[A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*(?P<self_closing>/?)>"
    r"|/(?P<close>[A-Za-z][A-Za-z0-9-]*)\s*>"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"  # autolink
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?>"
    r")"
)
# HTML that runs to a closing string: (how it opens, the closing string)
_HTML_UNTIL = (
    ("<!-->", ""),
    ("<!--->", ""),
    ("<!--", "-->"),
    ("<?", "?>"),
    ("<![CDATA[", "]]>"),
)
_DECLARATION = re.compile(r"<![A-Za-z]")
_INLINE_LINK_TAIL = re.compile(
    r"""\([ \t]*\r?\n?[ \t]*
    (?:<(?:[^<>\r\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)
    (?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?
    \s*\)""",
    re.VERBOSE,
)
_REFERENCE_LINK_TAIL = re.compile(r"\[(?:[^\[\]\\]|\\.){0,999}\]")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}*_]")


class _Line(NamedTuple):
    number: int  # 1-based
    start: int
    end: int  # before the line break


class _Block(NamedTuple):
    """A stretch of the text read for inline constructs together: a paragraph, a
    heading, a table cell. `masks` are the container markers inside it (the `>` that
    starts each line of a quoted paragraph), which are not prose either."""

    start: int
    end: int
    masks: tuple[tuple[int, int], ...] = ()


class _Fence(NamedTuple):
    marker: str  # "`" or "~"
    length: int
    quotes: int  # the block quote depth it is in
    indent: int  # the column its container's content starts at


class _Paragraph(NamedTuple):
    start: int
    end: int
    masks: tuple[tuple[int, int], ...]
    quotes: int


def _lines(text: str) -> list[_Line]:
    spans = line_spans(text)
    if len(spans) > 1 and spans[-1][0] == len(text):
        spans.pop()  # the empty "line" after a final line break
    return [_Line(number, start, end) for number, (start, end) in enumerate(spans, 1)]


def _indentation(text: str, position: int, end: int, column: int) -> tuple[int, int]:
    """The column reached and the position of the first character after the spaces and
    tabs (tab stops every 4 columns) at `position`, starting from `column`."""
    while position < end:
        char = text[position]
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
        position += 1
    return column, position


def _front_matter_lines(text: str, lines: list[_Line]) -> int:
    """How many lines at the start are front matter: a YAML (`---` … `---` or `...`) or
    TOML (`+++` … `+++`) block, only if it is closed."""
    opener = text[lines[0].start : lines[0].end].rstrip()
    closers = {"---": ("---", "..."), "+++": ("+++",)}.get(opener)
    if closers is None:
        return 0
    for line in lines[1:]:
        if text[line.start : line.end].rstrip() in closers:
            return line.number
    return 0


def _peel_quotes(text: str, line: _Line, allowed_indent: int, most: int = 1_000) -> tuple[int, int]:
    """The block quote depth of a line (up to `most`) and where its content starts
    after the `>`s."""
    quotes = 0
    position = line.start
    while quotes < most:
        column, marker = _indentation(text, position, line.end, 0)
        if marker == line.end or text[marker] != ">" or column > allowed_indent:
            return quotes, position
        quotes += 1
        position = marker + 1
        if position < line.end and text[position] in " \t":
            position += 1
        allowed_indent = 3
    return quotes, position


def _fence_line(text: str, line: _Line, fence: _Fence) -> Literal["code", "closing", "outside"]:
    """Whether a line after a fence's opening is code, the closing fence, or outside
    the fence because the block quote or list item it was in has ended."""
    quotes, base = _peel_quotes(text, line, fence.indent + 3, fence.quotes)
    column, leaf = _indentation(text, base, line.end, 0)
    if leaf == line.end:
        return "code"
    if quotes < fence.quotes or column < fence.indent:
        return "outside"
    closing = _FENCE_CLOSE.match(text, leaf, line.end)
    if (
        closing is not None
        and text[leaf] == fence.marker
        and closing.group().rstrip(" \t").count(fence.marker) >= fence.length
        and column - fence.indent < 4
    ):
        return "closing"
    return "code"


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cells of a table row, without the pipes and the blanks around
    the content."""
    while end > start and text[end - 1] in " \t":
        end -= 1
    if start == end:
        return []
    bounds = [start - 1, *(m.start() for m in _CELL_SEPARATOR.finditer(text, start, end)), end]
    cells = []
    for left, right in itertools.pairwise(bounds):
        cell_start, cell_end = left + 1, right
        while cell_start < cell_end and text[cell_start] in " \t":
            cell_start += 1
        while cell_end > cell_start and text[cell_end - 1] in " \t":
            cell_end -= 1
        cells.append((cell_start, cell_end))
    # a leading or a trailing pipe makes an empty first or last cell that is no cell
    if len(cells) > 1 and text[start] == "|":
        cells.pop(0)
    if len(cells) > 1 and _CELL_SEPARATOR.match(text, end - 1, end):
        cells.pop()
    return cells


def _delimiter_row_cells(text: str, line: _Line, quotes: int) -> int:
    """The number of cells of a table's delimiter row (`|---|:--:|`), or 0 if `line` is
    none."""
    depth, start = _peel_quotes(text, line, 3)
    if depth != quotes:
        return 0
    _, start = _indentation(text, start, line.end, 0)
    end = line.end
    while end > start and text[end - 1] in " \t":
        end -= 1
    if start == end or "-" not in text[start:end]:
        return 0
    cells = _cells(text, start, end)
    if not all(_DELIMITER_CELL.fullmatch(text, s, e) for s, e in cells):
        return 0
    if len(cells) == 1 and "|" not in text[start:end]:
        return 0  # `---` alone is a thematic break or a heading underline
    return len(cells)


def _starts_table(text: str, leaf: int, line: _Line, lines: list[_Line], quotes: int) -> bool:
    """Whether `line` is the header row of a table: the next line is a delimiter row
    with as many cells."""
    if line.number == len(lines):
        return False
    cells = _delimiter_row_cells(text, lines[line.number], quotes)
    return cells > 0 and len(_cells(text, leaf, line.end)) == cells


def _heading(text: str, start: int, end: int) -> _Block:
    """The content of an ATX heading whose text runs from `start` to `end`, without the
    closing `#`s."""
    closing = _ATX_CLOSING.search(text, start, end)
    if closing is not None:
        end = closing.start()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return _Block(start, end)


class _RawHtml(NamedTuple):
    """An HTML block that holds no prose, started on a line; `end` is what ends it on a
    later line, None when it ends on that line."""

    end: re.Pattern[str] | None


def _raw_html(text: str, line: _Line, leaf: int) -> _RawHtml | None:
    for opener, closer in _RAW_HTML_BLOCKS:
        if opener.match(text, leaf, line.end):
            return _RawHtml(None if closer.search(text, leaf + 2, line.end) else closer)
    return None


def _blocks(text: str, directive_lines: set[int]) -> tuple[list[_Block], set[int]]:
    """The blocks of prose of `text`, in order, and which of `directive_lines` stand
    outside code (the others are code, not directives)."""
    lines = _lines(text)
    blocks: list[_Block] = []
    directives: set[int] = set()
    paragraph: _Paragraph | None = None
    fence: _Fence | None = None
    html_end: re.Pattern[str] | None = None
    lists: list[int] = []  # the content columns of the open list items, innermost last
    list_quotes = 0  # the block quote depth `lists` belong to
    table_quotes: int | None = None  # the quote depth of an open table
    delimiter_line = 0  # the delimiter row of the table just opened

    def close() -> None:
        """Ends the open paragraph or table."""
        nonlocal paragraph, table_quotes
        if paragraph is not None:
            blocks.append(_Block(paragraph.start, paragraph.end, paragraph.masks))
            paragraph = None
        table_quotes = None

    def extend_paragraph(line: _Line, leaf: int) -> None:
        """Continues the open paragraph with a line whose text starts at `leaf`."""
        nonlocal paragraph
        assert paragraph is not None
        masks = paragraph.masks
        if text[line.start : leaf].strip(" \t"):  # `>` markers, not only indentation
            masks = (*masks, (line.start, leaf))
        paragraph = paragraph._replace(end=line.end, masks=masks)

    for line in lines[_front_matter_lines(text, lines) :]:
        if html_end is not None:
            if html_end.search(text, line.start, line.end):
                html_end = None
            continue
        if fence is not None:
            place = _fence_line(text, line, fence)
            if place != "outside":
                fence = None if place == "closing" else fence
                continue
            fence = None
        quotes, base = _peel_quotes(text, line, (lists[-1] if lists else 0) + 3)
        column, leaf = _indentation(text, base, line.end, 0)
        if leaf == line.end:
            close()
            continue
        if line.number == delimiter_line:
            continue
        if line.number in directive_lines:
            directives.add(line.number)
            close()
            continue
        lazy = paragraph is not None and quotes < paragraph.quotes
        if quotes != list_quotes and not lazy:
            lists, list_quotes = [], quotes
        container = max((c for c in lists if c <= column), default=0)

        # list items, each opening a container (`- 1. text` opens two)
        new_item = False
        while column - container < 4 and leaf < line.end:
            item = _LIST_ITEM.match(text, leaf, line.end)
            if item is None or _THEMATIC_BREAK.match(text, leaf, line.end):
                break
            sibling = bool(lists) and column < lists[-1]  # the next item of a list
            if paragraph is not None and not new_item and not sibling:
                if _SETEXT_UNDERLINE.match(text, leaf, line.end):
                    break
                # only a bullet or a list starting at 1, with content, starts a list in
                # a paragraph ("in\n1984. …" goes on)
                empty = _indentation(text, item.end(), line.end, 0)[1] == line.end
                if item["number"] not in (None, "1") or empty:
                    break
            width = column + item.end() - leaf
            after, content = _indentation(text, item.end(), line.end, width)
            if content == line.end or after - width > 4:
                after, content = width + 1, min(item.end() + 1, line.end)
            close()
            lists = [c for c in lists if c <= column] + [after]
            new_item = True
            column, leaf = _indentation(text, content, line.end, after)
            container = after
        if leaf == line.end:
            continue  # an empty list item
        relative = column - container

        if relative >= 4:
            if paragraph is not None:  # a continuation line, however indented
                extend_paragraph(line, leaf)
            continue  # indented code
        fence_run = _FENCE_OPEN.match(text, leaf, line.end)
        if fence_run is not None:
            close()
            run = fence_run.group()
            fence = _Fence(run[0], len(run), quotes, container)
            lists = [c for c in lists if c <= column]
            continue
        heading_marks = _ATX_HEADING.match(text, leaf, line.end)
        if heading_marks is not None:
            close()
            content = _indentation(text, heading_marks.end(), line.end, 0)[1]
            blocks.append(_heading(text, content, line.end))
            continue
        if (
            paragraph is not None
            and not new_item
            and not lazy
            and _SETEXT_UNDERLINE.match(text, leaf, line.end)
        ):
            close()  # the paragraph was a heading
            continue
        if _THEMATIC_BREAK.match(text, leaf, line.end):
            close()
            continue
        raw_html = _raw_html(text, line, leaf)
        if raw_html is not None:
            close()
            html_end = raw_html.end
            continue
        if paragraph is None and _REFERENCE_DEFINITION.match(text, leaf, line.end):
            continue
        footnote = _FOOTNOTE_DEFINITION.match(text, leaf, line.end)
        if footnote is not None:
            close()
            leaf = footnote.end()
        if "|" in text[leaf : line.end] and _starts_table(text, leaf, line, lines, quotes):
            close()
            table_quotes = quotes
            delimiter_line = line.number + 1
        if table_quotes is not None and table_quotes == quotes:
            blocks.extend(_Block(s, e) for s, e in _cells(text, leaf, line.end) if s < e)
            continue
        if paragraph is not None and not new_item and (lazy or quotes == paragraph.quotes):
            extend_paragraph(line, leaf)
            continue
        close()
        lists = [c for c in lists if c <= column] if not new_item else lists
        paragraph = _Paragraph(leaf, line.end, (), quotes)
    close()
    return blocks, directives


class _Scan(NamedTuple):
    """The text of a block being read for inline constructs. `missing` remembers, for
    each closing string looked for and not found, where the search started, so that a
    construct opened again and again without being closed costs one search."""

    source: str
    missing: dict[str, int]
    backtick_runs: dict[int, list[int]]  # by length, where runs start; filled when needed

    def closing_backticks(self, opening: int, length: int) -> int | None:
        """The end of the first run of `length` backticks after the run at `opening`."""
        if not self.backtick_runs:
            for run in _BACKTICKS.finditer(self.source):
                self.backtick_runs.setdefault(len(run.group()), []).append(run.start())
        starts = self.backtick_runs.get(length, [])
        following = bisect.bisect_right(starts, opening)
        return starts[following] + length if following < len(starts) else None

    def find(self, closing: str, position: int) -> int | None:
        """The end of the first `closing` at or after `position`."""
        if position >= self.missing.get(closing, len(self.source) + 1):
            return None
        at = self.source.find(closing, position)
        if at < 0:
            self.missing[closing] = position
            return None
        return at + len(closing)

    def search(self, key: str, pattern: re.Pattern[str], position: int) -> int | None:
        """The end of the first match of `pattern` (known as `key`) from `position`."""
        if position >= self.missing.get(key, len(self.source) + 1):
            return None
        found = pattern.search(self.source, position)
        if found is None:
            self.missing[key] = position
            return None
        return found.end()


def _run_end(source: str, position: int) -> int:
    """The end of the run of backticks at `position`."""
    end = position
    while end < len(source) and source[end] == "`":
        end += 1
    return end


def _literal_end(source: str, position: int) -> int:
    """Past a character that starts no construct here; a run of backticks as a whole, so
    that its tail is not taken for a shorter opening run."""
    if source[position] == "`":
        return _run_end(source, position)
    return position + 1


def _atomic_end(scan: _Scan, position: int) -> int | None:
    """The end of the code span, autolink, HTML tag or comment that starts at
    `position` (with its content, for an element that holds code), or None."""
    source = scan.source
    if source[position] == "`":
        run = _run_end(source, position) - position
        return scan.closing_backticks(position, run)
    for opening, closing in _HTML_UNTIL:
        if source.startswith(opening, position):
            end = position + len(opening)
            return scan.find(closing, end) if closing else end
    if _DECLARATION.match(source, position):
        return scan.find(">", position + 2)
    tag = _HTML_TAG.match(source, position)
    if tag is None:
        return None
    name = (tag["open"] or tag["close"] or "").lower()
    if name and name not in HTML_ELEMENTS and not _is_component(tag["open"] or tag["close"]):
        return None  # `<unk>`: an MT token, not markup
    if tag["open"] and name in SKIPPED_ELEMENTS and not tag["self_closing"]:
        closing = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        return scan.search(f"</{name}>", closing, tag.end()) or tag.end()
    return tag.end()


def _is_component(name: str) -> bool:
    """A custom element (`<my-widget>`) or a component of MDX and the like (`<Note>`)."""
    return "-" in name or name[0].isupper()


def _bracket_pairs(scan: _Scan) -> dict[int, int]:
    """The position of the `]` that closes each `[` of `source`, brackets in code spans
    and HTML tags left out, in one pass."""
    source = scan.source
    pairs: dict[int, int] = {}
    opened: list[int] = []
    position = 0
    while True:
        stop = _BRACKET_STOP.search(source, position)
        if stop is None:
            return pairs
        at = stop.start()
        char = source[at]
        if char == "\\":
            position = at + 2
        elif char in "`<":
            end = _atomic_end(scan, at)
            position = end if end is not None else _literal_end(source, at)
        elif char == "[":
            opened.append(at)
            position = at + 1
        else:
            if opened:
                pairs[opened.pop()] = at
            position = at + 1


class _Link(NamedTuple):
    text_start: int  # after `[` or `![`
    closing: int  # the `]`
    end: int  # after the destination, the reference label, or the footnote's `]`
    footnote: bool = False


def _link_at(source: str, position: int, pairs: dict[int, int]) -> _Link | None:
    """The link, image or footnote reference whose `[` or `![` is at `position`;
    `pairs` are the brackets of `source`."""
    text_start = position + (2 if source[position] == "!" else 1)
    closing = pairs.get(text_start - 1)
    if closing is None:
        return None
    tail = _INLINE_LINK_TAIL.match(source, closing + 1) or _REFERENCE_LINK_TAIL.match(
        source, closing + 1
    )
    if tail is not None:
        return _Link(text_start, closing, tail.end())
    if source.startswith("[^", position) and closing > position + 2:
        return _Link(text_start, closing, closing + 1, footnote=True)
    return None


def _inline_skips(source: str) -> list[tuple[int, int]]:
    """The spans of `source` (a block's text) that are inline markup, not prose."""
    scan = _Scan(source, {}, {})
    skips: list[tuple[int, int]] = []
    destinations: dict[int, int] = {}  # the `]` of a link whose text is being read → its end
    pairs: dict[int, int] | None = None  # found when the first `[` is met
    position = 0
    while True:
        stop = _INLINE_STOP.search(source, position)
        if stop is None:
            return skips
        at = stop.start()
        char = source[at]
        if char == "\\":
            position = at + 2
        elif char == "]":
            end = destinations.pop(at, None)
            if end is not None:
                skips.append((at, end))
            position = end if end is not None else at + 1
        elif char in "`<":
            end = _atomic_end(scan, at)
            if end is not None:
                skips.append((at, end))
            position = end if end is not None else _literal_end(source, at)
        elif char == "!" and not source.startswith("[", at + 1):
            position = at + 1
        else:
            if pairs is None:
                pairs = _bracket_pairs(scan)
            link = _link_at(source, at, pairs)
            if link is None:
                position = at + 1
            elif link.footnote:
                skips.append((at, link.end))
                position = link.end
            else:
                skips.append((at, link.text_start))
                destinations[link.closing] = link.end
                position = link.text_start


def _block_segments(text: str, block: _Block) -> list[Segment]:
    """The exact segments of the prose of a block."""
    source = text[block.start : block.end]
    if block.masks:
        # blanked, the markers read as spaces; offsets stay those of the original
        chars = list(source)
        for start, end in block.masks:
            chars[start - block.start : end - block.start] = " " * (end - start)
        source = "".join(chars)
    skips = [(block.start + s, block.start + e) for s, e in _inline_skips(source)]
    skips = sorted([*skips, *block.masks])
    segments = []
    position = block.start
    for skip_start, skip_end in [*skips, (block.end, block.end)]:
        if skip_start > position:
            segments.extend(_without_urls(text, position, skip_start))
        position = max(position, skip_end)
    return segments


def _without_urls(text: str, start: int, end: int) -> list[Segment]:
    segments = []
    position = start
    for url in _BARE_URL.finditer(text, start, end):
        segments.append(Segment(position, text[position : url.start()]))
        position = url.end()
    segments.append(Segment(position, text[position:end]))
    return [segment for segment in segments if segment.text.strip()]


def parse(path: str, text: str) -> Document:
    found = find_directives(text, (HTML,))
    blocks, directive_lines = _blocks(text, {d.line for d in found})
    segments = [segment for block in blocks for segment in _block_segments(text, block)]
    segments.sort(key=lambda segment: segment.start)
    directives = tuple(d for d in found if d.line in directive_lines)
    return Document(path, text, tuple(segments), directives)
