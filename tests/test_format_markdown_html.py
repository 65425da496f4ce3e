"""The Markdown and HTML adapters: what is linted and what is not, with the exact
positions of findings in the original file, CRLF and a BOM, entities decoded for
matching, and fixes written back as the format writes text."""

from __future__ import annotations

import html as stdlib_html
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import files, load_rules
from lint.document import Document, LineIndex, Segment
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.formats import FORMATS, format_of, html, markdown
from lint.model import Finding
from tests.helpers import ROOT

SELECTED = (
    "quality.repeated-word",
    "quality.mt-tokens",
    "zh-en.calque",
    "zh-en.names",
    "untranslated",
    "units.chinese-magnitude",
)
RULES = tuple(rule for rule in load_rules(selected=SELECTED) if rule.checker is not None)

Brief = tuple[str, int, int, str]  # rule, line, column, text


def parse(path: str, text: str) -> Document:
    adapter = markdown if path.endswith(".md") else html
    return adapter.parse(path, text)


def lint(path: str, text: str) -> list[Finding]:
    findings, errors = lint_document(parse(path, text), RULES)
    assert errors == []
    return findings


def found(path: str, text: str) -> list[Brief]:
    index = LineIndex.of(text)
    return [(f.rule, *index.position(f.start), f.text) for f in lint(path, text)]


def repeated(line: int, column: int, text: str = "the the") -> Brief:
    return ("quality.repeated-word", line, column, text)


def such_as(line: int, column: int, text: str = "such science and technology") -> Brief:
    return ("zh-en.calque.keji-such-as", line, column, text)


def cjk(line: int, column: int, text: str = "整车") -> Brief:
    return ("untranslated.cjk-text", line, column, text)


def assert_exact(text: str, segments: Sequence[Segment]) -> None:
    """Each segment is a slice of the original text, and they are in order."""
    for segment in segments:
        assert segment.origin is None
        assert text[segment.start : segment.start + len(segment.text)] == segment.text
    starts = [segment.start for segment in segments]
    assert starts == sorted(starts)


def test_adapters_declare_their_names_and_extensions() -> None:
    assert (markdown.NAME, html.NAME) == ("markdown", "html")
    assert sorted(FORMATS["markdown"]) == [".markdown", ".md", ".mdown", ".mkd"]
    assert sorted(FORMATS["html"]) == [".htm", ".html", ".xhtml"]
    assert format_of("a.MD") == "markdown"


# ---------------------------------------------------------------- Markdown: blocks


def test_markdown_paragraph_over_lines_is_one_exact_segment() -> None:
    text = "Intro line.\nThe\nthe price is such science and technology\nas before.\n"
    assert found("a.md", text) == [repeated(2, 1, "The\nthe"), such_as(3, 14)]
    assert_exact(text, parse("a.md", text).segments)


def test_markdown_headings_are_linted_without_their_marks() -> None:
    text = "# The the car #\n\n### the整车 ###\n\nThe the\n=======\n\nSub the the\n---\n"
    assert [s.text for s in parse("a.md", text).segments] == [
        "The the car",
        "the整车",
        "The the",
        "Sub the the",
    ]
    assert found("a.md", text) == [
        repeated(1, 3, "The the"),
        cjk(3, 8),
        repeated(5, 1, "The the"),
        repeated(8, 5),
    ]


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: the the\nnote: the整车\n---\n",
        "---\ntitle: the the\n...\n",
        "+++\ntitle = 'the the'\n+++\n",
    ],
)
def test_markdown_front_matter_is_not_linted(front: str) -> None:
    text = f"{front}Body the the.\n"
    line = front.count("\n") + 1
    assert found("a.md", text) == [repeated(line, 6)]


def test_markdown_front_matter_only_at_the_start_and_only_when_closed() -> None:
    assert found("a.md", "---\ntitle: the the\n") == [repeated(2, 8)]
    assert found("a.md", "Text.\n\n+++\nthe the\n+++\n") == [repeated(4, 1)]


@pytest.mark.parametrize(
    "fence",
    [
        "```\nthe the\n```\n",
        "```python title='the the'\nthe the\n```\n",
        "~~~ text\nthe the\n~~~\n",
        "   ```\nthe the\n   ```\n",
        "````\nthe the\n```\nthe the\n````\n",  # a shorter run does not close
        "~~~\nthe the\n```\nthe the\n~~~\n",  # nor does the other character
        "- item\n\n  ```\n  the the\n  ```\n",
        "> ```\n> the the\n> ```\n",
    ],
)
def test_markdown_fenced_code_is_not_linted(fence: str) -> None:
    text = f"Before the the.\n\n{fence}\nAfter the the.\n"
    line = fence.count("\n") + 4
    assert found("a.md", text) == [repeated(1, 8), repeated(line, 7)]


def test_markdown_unclosed_fence_runs_to_the_end() -> None:
    assert found("a.md", "The the.\n\n```\nthe the\n\nthe the\n") == [repeated(1, 1, "The the")]


def test_markdown_fence_in_a_quote_ends_with_the_quote() -> None:
    text = "> ```\n> the the\n\nAfter the the.\n"
    assert found("a.md", text) == [repeated(4, 7)]


def test_markdown_indented_code_is_not_linted_but_indented_prose_is() -> None:
    text = (
        "Para the the\n    continued the the\n\n    code the the\n\n"
        "- item\n\n    more of the the item\n\n        code the the\n"
    )
    assert found("a.md", text) == [repeated(1, 6), repeated(2, 15), repeated(8, 13)]


def test_markdown_list_markers_are_left_out() -> None:
    text = "- The the\n* the整车\n+ x\n1. the the\n2) the the\n   continued\n- [ ] the the\n"
    segments = [s.text for s in parse("a.md", text).segments]
    assert segments == [
        "The the",
        "the整车",
        "x",
        "the the",
        "the the\n   continued",
        "[ ] the the",
    ]
    assert found("a.md", text)[:2] == [repeated(1, 3, "The the"), cjk(2, 6)]
    assert found("a.md", text)[2:] == [repeated(4, 4), repeated(5, 4), repeated(7, 7)]


def test_markdown_ordered_item_not_at_1_does_not_interrupt_a_paragraph() -> None:
    text = "It was in\n1984. The the year.\n"
    assert [s.text for s in parse("a.md", text).segments] == [text.rstrip("\n")]


def test_markdown_block_quote_markers_are_left_out() -> None:
    text = "> The the quote\n>> the整车 nested\n> - the the item\n"
    assert [s.text for s in parse("a.md", text).segments] == [
        "The the quote",
        "the整车 nested",
        "the the item",
    ]
    assert found("a.md", text) == [repeated(1, 3, "The the"), cjk(2, 7), repeated(3, 5)]


def test_markdown_table_cells_without_pipes_and_the_delimiter_row() -> None:
    text = "| Name | Note |\n|:---|---:|\n| the the | `the the` \\| the整车 |\nno | pipes the the\n"
    assert [s.text for s in parse("a.md", text).segments] == [
        "Name",
        "Note",
        "the the",
        " \\| the整车",
        "no",
        "pipes the the",
    ]
    assert found("a.md", text) == [repeated(3, 3), cjk(3, 29), repeated(4, 12)]


def test_markdown_html_blocks_and_comments_are_not_linted() -> None:
    text = (
        "<!-- the the\nthe整车 -->\n\n<pre>\nthe the\n</pre>\n\n<script>\nthe the\n</script>\n\n"
        '<div class="the the">\nThe the in a div.\n</div>\n'
    )
    assert found("a.md", text) == [repeated(13, 1, "The the")]


def test_markdown_reference_definitions_and_footnote_labels_are_not_linted() -> None:
    text = (
        "See [the the][the the] and [^the].\n\n"
        '[the the]: https://example.com/the整车 "the the"\n'
        "[^the]: The the note.\n"
    )
    assert found("a.md", text) == [repeated(1, 6), repeated(4, 9, "The the")]


# ---------------------------------------------------------------- Markdown: inline


def test_markdown_inline_code_does_not_shift_columns() -> None:
    text = "Run `the the` and ``a ` the the`` then the the, the整车.\n"
    assert found("a.md", text) == [repeated(1, 40), cjk(1, 52)]


def test_markdown_unmatched_backticks_are_text() -> None:
    assert found("a.md", "A ``tick ` and the the.\n") == [repeated(1, 16)]


def test_markdown_link_text_is_linted_not_its_destination_or_title() -> None:
    text = (
        'Read [the the guide](https://x.com/the整车 "the the") and '
        "[such science and technology](<a b> 'x')\nas ![the the](p.png (the the)) now.\n"
    )
    assert [s.text for s in parse("a.md", text).segments] == [
        "Read ",
        "the the guide",
        " and ",
        "such science and technology",
        "\nas ",
        "the the",
        " now.",
    ]
    # "such science and technology" ends its segment: "as" is beyond the link
    assert found("a.md", text) == [repeated(1, 7), repeated(2, 6)]


def test_markdown_nested_image_in_link_and_brackets_that_are_no_link() -> None:
    text = "[![the the](a.png)](https://x.com) [x] (the the) [the] the [x]\n"
    assert found("a.md", text) == [repeated(1, 4), repeated(1, 41)]


def test_markdown_autolinks_bare_urls_and_tags_are_not_linted() -> None:
    text = (
        "<https://the整车.com> <x@the.the> https://example.com/the整车 www.the整车.com "
        '<span title="the the">the整车</span> <b>the</b> the\n'
    )
    assert found("a.md", text) == [cjk(1, 98)]


def test_markdown_code_elements_keep_their_content_out() -> None:
    text = "Use <code>the the</code> or <kbd>the the</kbd>, then the the.\n"
    assert found("a.md", text) == [repeated(1, 54)]


def test_markdown_tokens_that_are_no_html_element_are_text() -> None:
    text = "He said <unk> and <Note>the</Note> <my-tag>x</my-tag>.\n"
    assert found("a.md", text) == [("quality.mt-tokens", 1, 9, "<unk>")]


def test_markdown_escaped_markup_is_text() -> None:
    text = "A \\`the the\\` and \\[the the](x)\n"
    assert found("a.md", text) == [repeated(1, 5), repeated(1, 21)]


# ---------------------------------------------------------------- Markdown: directives


def test_markdown_directives_are_html_comment_lines_outside_code() -> None:
    text = (
        "<!-- txtlint-disable-next-line quality -->\nThe the.\n\n"
        "```\n<!-- txtlint-disable-file -->\n```\n"
        "# txtlint-disable-file\n"
    )
    document = parse("a.md", text)
    assert [(d.kind, d.line) for d in document.directives] == [("disable-next-line", 1)]
    assert [s.text for s in document.segments] == ["The the.", "txtlint-disable-file"]


# ---------------------------------------------------------------- Markdown: files


def test_markdown_crlf_and_lf_give_the_same_positions() -> None:
    text = (
        "# The the\n\nPara with `code` and the the\ncontinued.\n\n```\nthe the\n```\n\n"
        "> quote the the\n> the整车\n\n| a | the the |\n|---|---|\n"
    )
    expected = [
        repeated(1, 3, "The the"),
        repeated(3, 22),
        repeated(10, 9),
        cjk(11, 6),
        repeated(13, 7),
    ]
    assert found("a.md", text) == expected
    assert found("a.md", text.replace("\n", "\r\n")) == expected


def test_markdown_after_a_bom_stripped_by_the_reader() -> None:
    data = "\ufeff---\nx: the the\n---\n# The the\n".encode()
    decoded = files.decode(data)
    assert decoded.bom and not decoded.text.startswith("\ufeff")
    assert found("a.md", decoded.text) == [repeated(4, 3, "The the")]


def test_markdown_example_segments_are_exact() -> None:
    text = (ROOT / "examples" / "docs-page.md").read_text(encoding="utf-8")
    assert_exact(text, parse("docs-page.md", text).segments)


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        # silent: front matter, the link's URL and title, inline code, the fenced and
        # the indented code, the comment, the autolink and bare URL, the image title
        ("docs-page.md", [6, 8, 8, 9, 9, 13, 16, 18, 22, 23, 36]),
        # silent: the style, the comment, pre, code, kbd, href and data-*, the script
        ("help-page.html", [5, 13, 13, 13, 14, 15, 16, 17, 17, 20, 28]),
    ],
)
def test_examples_report_the_prose_and_not_the_code(name: str, lines: list[int]) -> None:
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    assert [line for _, line, _, _ in found(name, text)] == lines


MARKDOWN_BITS = (
    "the", " ", "\n", "\r\n", "\t", "    ", "`", "``", "```", "~~~", "#", ">", "- ", "1. ",
    "|", "---", "[", "]", "(", ")", "![", "<", ">", "<!--", "-->", "<b>", "</b>", "<pre>",
    "\\", "\"", "'", "*", "_", "https://x.y", "<https://x>", "[^1]", "]:", "+++", "整车",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_BITS), max_size=40).map("".join))
def test_markdown_any_text_gives_exact_segments_in_order(text: str) -> None:
    document = parse("a.md", text)
    assert_exact(text, document.segments)
    ends = [segment.start + len(segment.text) for segment in document.segments]
    assert all(
        end <= next_start
        for end, next_start in zip(ends, [s.start for s in document.segments][1:], strict=False)
    )


# ---------------------------------------------------------------- HTML


def test_html_text_nodes_are_linted_and_tags_are_not() -> None:
    text = '<p class="the the">The the car costs <i>30 ten thousand</i> yuan，the整车.</p>\n'
    assert found("a.html", text) == [
        repeated(1, 20, "The the"),
        ("units.chinese-magnitude", 1, 41, "30 ten thousand</i> yuan"),
        ("untranslated.cjk-punctuation", 1, 65, "，"),
        cjk(1, 69),
    ]


def test_html_alt_and_title_are_linted_other_attributes_are_not() -> None:
    text = (
        '<img src="the the.png" alt="A the the photo" title=\'the整车\'>\n'
        '<a href="/the the" data-x="the the" title=such>link</a>\n'
    )
    assert [s.text for s in parse("a.html", text).segments] == [
        "A the the photo",
        "the整车",
        "such",
        "link\n",
    ]
    assert found("a.html", text) == [repeated(1, 31), cjk(1, 56)]


@pytest.mark.parametrize(
    "element", ["script", "style", "pre", "code", "kbd", "samp", "textarea", "template"]
)
def test_html_code_and_script_elements_are_not_linted(element: str) -> None:
    inside = "the <b>the</b> the整车"
    text = f"<div>The the<{element} title='the the'>{inside}</{element}>tail the the</div>"
    title = text.index("the the'") + 1  # the element's own attributes are read
    assert found("a.html", text) == [
        repeated(1, 6, "The the"),
        repeated(1, title),
        repeated(1, len(text) - 12),
    ]


def test_html_nested_and_unclosed_skipped_elements() -> None:
    text = "<pre><code>the the</code> the the</pre><p>the the</p><code>the the"
    assert found("a.html", text) == [repeated(1, 43)]


def test_html_comments_declarations_and_processing_instructions_are_not_linted() -> None:
    text = "<!DOCTYPE html><?php the the ?><!-- the the --><![CDATA[the the]]><p>ok</p>"
    assert [s.text for s in parse("a.html", text).segments] == ["ok"]


def test_html_inline_tags_join_text_and_block_tags_split_it() -> None:
    text = (
        "<p>the <b>the</b> <a href='x'>the</a> c<span>ar</span></p><p>the</p><div>the</div>a<br>a"
    )
    document = parse("a.html", text)
    assert [s.text for s in document.segments] == ["the the the car", "the", "the", "a", "a"]
    assert document.segments[0].origin is not None
    assert found("a.html", text) == [repeated(1, 4, "the <b>the</b> <a href='x'>the")]


def test_html_findings_end_before_a_tag_and_fixes_do_not_cross_one() -> None:
    text = "<p><i>the整车</i>, the <b>the</b> car, the the <b>car</b></p>"
    findings = lint("a.html", text)
    index = LineIndex.of(text)
    assert [(f.rule, *index.position(f.start), f.text) for f in findings] == [
        cjk(1, 10),
        repeated(1, 18, "the <b>the"),
        repeated(1, 38),
    ]
    # a fix over "the <b>the" would delete the tag: only the one in a single text node
    assert [f.fix is not None for f in findings] == [True, False, True]
    assert apply_fixes(text, findings, unsafe=True) == (
        "<p><i>the complete vehicle</i>, the <b>the</b> car, the <b>car</b></p>"
    )


def test_html_entities_are_decoded_and_positions_map_back() -> None:
    text = (
        "<p>R&amp;D: such&nbsp;science and technology as\n"
        "&#8220;the&#x6574;&#36710;&#8221; price &amp; the the</p>"
    )
    segment = parse("a.html", text).segments[0]
    assert segment.text == "R&D: such\xa0science and technology as\n“the整车” price & the the"
    assert found("a.html", text) == [
        such_as(1, 13, "such&nbsp;science and technology"),
        cjk(2, 11, "&#x6574;&#36710;"),
        repeated(2, 47),
    ]


def test_html_fix_writes_an_escaped_replacement() -> None:
    text = "<p>Lingke&nbsp;cars &amp; Lingke <b>buses</b></p>\n<p>Lingke plain</p>\n"
    findings = lint("a.html", text)
    assert [(f.rule, f.text) for f in findings] == [("zh-en.names.pinyin-names", "Lingke")] * 3
    assert [edit.replacement for f in findings[:2] for edit in f.fix.edits] == ["Lynk &amp; Co"] * 2
    fixed = apply_fixes(text, findings)
    assert fixed.startswith("<p>Lynk &amp; Co&nbsp;cars &amp; Lynk &amp; Co <b>buses</b></p>")
    assert "Lynk & Co" in stdlib_html.unescape(fixed)


def test_html_directives_are_comment_lines_outside_skipped_elements() -> None:
    text = (
        "<body>\n  <!-- txtlint-disable-next-line quality -->\n<p>The the</p>\n"
        "<pre>\n<!-- txtlint-disable-file -->\n</pre>\n<p><!-- txtlint-disable-file --></p>\n"
    )
    assert [(d.kind, d.line) for d in parse("a.html", text).directives] == [
        ("disable-next-line", 2)
    ]


def test_html_language_comes_from_the_html_element() -> None:
    assert parse("a.html", '<html lang="zh-CN"><p>x</p></html>').language == "zh-CN"
    assert parse("a.html", '<html xml:lang="en"><p>x</p></html>').language == "en"
    assert parse("a.html", "<p>x</p>").language is None


def test_html_crlf_and_lf_give_the_same_positions() -> None:
    text = '<p>\n  The the car\n  and the整车.\n</p>\n<img alt="the\nthe">\n'
    expected = [repeated(2, 3, "The the"), cjk(3, 10), repeated(5, 11, "the\nthe")]
    assert found("a.html", text) == expected
    crlf = text.replace("\n", "\r\n")
    assert found("a.html", crlf) == [*expected[:2], repeated(5, 11, "the\r\nthe")]


def test_html_after_a_bom_stripped_by_the_reader() -> None:
    decoded = files.decode("\ufeff<p>x</p><p>The the</p>".encode("utf-16"))
    assert decoded.encoding == "utf-16-le"
    assert found("a.html", decoded.text) == [repeated(1, 13, "The the")]


@pytest.mark.parametrize(
    "text",
    [
        "<p>a</p><![ the]] b the the",
        "<p>x</p><![foo[ the ]]> the the",
        "<p",
        "<p title='unclosed>the the",
        "</p></p><b><i>the</b> the</i>",
        "&#xZZ; &#99999999; &#0; &unknown; &",
        "<script>the the",
        "<!-- the the",
    ],
)
def test_html_malformed_pages_never_raise(text: str) -> None:
    document = parse("a.html", text)
    for segment in document.segments:
        assert 0 <= segment.start <= segment.at(len(segment.text)) <= len(text)


def test_html_gives_up_on_a_declaration_and_reads_on() -> None:
    text = "<p>a</p><![ x ]> <p>The the</p>"
    assert found("a.html", text) == [repeated(1, 21, "The the")]


HTML_BITS = (
    "the", " ", "\n", "\r\n", "<p>", "</p>", "<b>", "</b>", "<pre>", "</pre>", "<br>",
    "<img alt='", "'>", '"', "&amp;", "&nbsp;", "&#8217;", "&#x4e2d;", "&", "<", ">",
    "<!--", "-->", "<![", "<!", "<?", "title=", "<script>", "</script>", "整车",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_BITS), max_size=40).map("".join))
def test_html_any_text_maps_back_into_the_page(text: str) -> None:
    document = parse("a.html", text)
    for segment in document.segments:
        origin = [segment.at(i) for i in range(len(segment.text) + 1)]
        assert origin == sorted(origin)
        assert origin[0] >= 0
        assert origin[-1] <= len(text)


def test_a_fix_inside_a_quoted_attribute_escapes_quotes():
    from lint.formats.html import escape

    assert escape('a "b" <c> & d') == "a &quot;b&quot; &lt;c&gt; &amp; d"
