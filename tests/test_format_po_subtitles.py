"""The gettext PO and subtitle (SRT, WebVTT) adapters: what is prose and what is not,
and findings at the exact line and column of the original file."""

from __future__ import annotations

import codecs

import pytest

from lint import load_rules
from lint.document import Document, LineIndex
from lint.engine import lint_document, to_finding
from lint.files import decode
from lint.formats import po, srt, subtitles, vtt
from lint.model import Applicability, Hit, Rule, Severity
from lint.suppression import suppress
from tests.helpers import ROOT

ENGLISH_RULES = ("quality", "zh-en", "units", "untranslated.cjk-text")


def located(document: Document, *selected: str) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, text) of each finding of the selected rules."""
    findings, problems = lint_document(document, load_rules(selected=list(selected)))
    assert not problems
    index = LineIndex.of(document.text)
    return [(f.rule, *index.position(f.start), f.text) for f in findings]


def repeated(document: Document) -> list[tuple[int, int, str]]:
    return [found[1:] for found in located(document, "quality.repeated-word")]


def each_character_maps_back(document: Document) -> None:
    """Every decoded character stands in the file at its origin: itself, or the
    backslash of the escape that wrote it."""
    for segment in document.segments:
        for local, character in enumerate(segment.text):
            original = document.text[segment.at(local)]
            assert original in (character, "\\"), (segment, local)


# ---- gettext PO


HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: demo 1.0\\n"\n'
    '"Language: en\\n"\n'
    '"X-Source-Language: zh_CN\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    "\n"
)


def test_po_only_msgstr_is_prose():
    text = (
        "# The the translator's note about black technology\n"
        "#. The the extracted comment\n"
        "#: src/the_the.c:1\n"
        '#| msgid "The the old source"\n'
        'msgctxt "The the context"\n'
        'msgid "The the source is not checked"\n'
        'msgstr "The translation is: the the car"\n'
    )
    document = po.parse("app.po", text)
    assert [s.text for s in document.segments] == ["The translation is: the the car"]
    assert repeated(document) == [(7, 29, "the the")]


def test_po_string_split_over_lines_with_an_escape_before_the_artifact():
    text = 'msgid "第一行\\n第二行"\nmsgstr "Line one\\n"\n"The the car"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == "Line one\nThe the car"
    assert repeated(document) == [(3, 2, "The the")]
    each_character_maps_back(document)


def test_po_header_style_empty_first_piece_then_pieces():
    text = 'msgid "x"\nmsgstr ""\n"Charging finished.\\n"\n"\\tThe battery is full, the the car"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == "Charging finished.\n\tThe battery is full, the the car"
    assert repeated(document) == [(4, 25, "the the")]
    each_character_maps_back(document)


def test_po_escaped_quote_before_the_artifact():
    text = 'msgid "x"\nmsgstr "He said \\"Slip carefully\\" and the the rest"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == 'He said "Slip carefully" and the the rest'
    assert located(document, "zh-en.calque.literal-calques", "quality.repeated-word") == [
        ("zh-en.calque.literal-calques", 2, 19, "Slip carefully"),
        ("quality.repeated-word", 2, 40, "the the"),
    ]


def test_po_artifact_across_two_quoted_pieces_spans_both_lines():
    text = 'msgid "x"\nmsgstr ""\n"A lot of black "\n"technology here"\n'
    document = po.parse("app.po", text)
    findings, _ = lint_document(document, load_rules(selected=["zh-en.calque.literal-calques"]))
    (finding,) = findings
    index = LineIndex.of(text)
    assert index.position(finding.start) == (3, 11)
    assert index.position(finding.end) == (4, 12)
    assert finding.text == 'black "\n"technology'
    # a fix would have to rewrite the quotes between the pieces: none is offered
    assert finding.fix is None


def test_po_octal_and_hex_escapes_decode_as_utf8_and_map_back():
    text = 'msgid "x"\nmsgstr "Caf\\303\\251 \\x41nd the the \\a\\b\\f\\v\\r\\\\ end"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == "Café And the the \a\b\f\v\r\\ end"
    assert repeated(document) == [(2, 28, "the the")]
    each_character_maps_back(document)


def test_po_byte_escapes_that_are_not_utf8_are_latin1_and_unknown_escapes_stand():
    text = 'msgid "x"\nmsgstr "\\351t\\351 \\q the the"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == "été \\q the the"
    assert repeated(document) == [(2, 22, "the the")]
    each_character_maps_back(document)


def test_po_several_strings_on_one_line_are_joined():
    text = 'msgid "x"\nmsgstr "the " "the car"\n'
    document = po.parse("app.po", text)
    assert document.segments[0].text == "the the car"
    assert repeated(document) == [(2, 9, 'the " "the')]


def test_po_plural_forms_are_each_a_target():
    text = (
        HEADER + "#, c-format\n"
        'msgid "%d 个文件"\n'
        'msgid_plural "%d 个文件"\n'
        'msgstr[0] "%d file"\n'
        'msgstr[1] "%d files in the the folder"\n'
    )
    document = po.parse("app.po", text)
    assert [s.text for s in document.segments] == ["%d file", "%d files in the the folder"]
    assert repeated(document) == [(12, 24, "the the")]
    (unit,) = document.units
    assert [t.text for t in unit.targets] == ["%d file", "%d files in the the folder"]
    assert unit.source.text == "%d 个文件"


def test_po_header_obsolete_and_fuzzy_entries_are_skipped():
    text = (
        'msgid ""\n'
        'msgstr "The the header\\n"\n'
        "\n"
        "#, fuzzy, c-format\n"
        'msgid "fuzzy"\n'
        'msgstr "The the fuzzy one"\n'
        "\n"
        '#~ msgid "obsolete"\n'
        '#~ msgstr "The the obsolete one"\n'
        "\n"
        'msgid "kept"\n'
        'msgstr "The the kept one"\n'
    )
    document = po.parse("app.po", text)
    assert [s.text for s in document.segments] == ["The the kept one"]
    assert [u.id for u in document.units] == ["kept"]
    assert repeated(document) == [(12, 9, "The the")]
    with_fuzzy = po.parse("app.po", text, include_fuzzy=True)
    assert [u.id for u in with_fuzzy.units] == ["fuzzy", "kept"]
    assert repeated(with_fuzzy) == [(6, 9, "The the"), (12, 9, "The the")]


def test_po_comments_before_an_obsolete_entry_do_not_make_the_next_fuzzy():
    text = '#, fuzzy\n#~ msgid "old"\n#~ msgstr "alt"\nmsgid "new"\nmsgstr "the the"\n'
    document = po.parse("app.po", text)
    assert [u.id for u in document.units] == ["new"]


def test_po_entries_need_no_blank_line_between_them():
    text = 'msgid "a"\nmsgstr "the the a"\nmsgctxt "c"\nmsgid "b"\nmsgstr "the the b"\n'
    document = po.parse("app.po", text)
    assert [u.id for u in document.units] == ["a", "c\x04b"]
    assert repeated(document) == [(2, 9, "the the"), (5, 9, "the the")]


def test_po_crlf_file_has_the_same_positions():
    text = HEADER + 'msgid "x"\nmsgstr "Line one\\n"\n"The the car"\n'
    lf = po.parse("app.po", text)
    crlf = po.parse("app.po", text.replace("\n", "\r\n"))
    assert repeated(lf) == repeated(crlf) == [(10, 2, "The the")]
    assert crlf.language == "en"
    assert crlf.segments[0].text == "Line one\nThe the car"


def test_po_utf8_bom_is_decoded_away_and_positions_hold():
    text = 'msgid "x"\nmsgstr "The the car"\n'
    decoded = decode(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert decoded.bom == codecs.BOM_UTF8
    assert repeated(po.parse("app.po", decoded.text)) == [(2, 9, "The the")]
    # a byte order mark left in the text is read as space, not as a broken line
    assert repeated(po.parse("app.po", "\ufeff" + text)) == [(2, 9, "The the")]


def test_po_translation_units():
    text = (
        HEADER + "#: src/menu.c:3\n"
        'msgctxt "menu"\n'
        'msgid "打开\\n文件"\n'
        'msgstr "Open\\nfile"\n'
        "\n"
        'msgid "设置"\n'
        'msgstr ""\n'
    )
    document = po.parse("app.po", text)
    assert document.language == "en"
    opened, settings = document.units
    assert opened.id == "menu\x04打开\n文件"
    assert opened.source.text == "打开\n文件"
    assert text[opened.source.at(3)] == "文"
    assert [t.text for t in opened.targets] == ["Open\nfile"]
    assert (opened.source_language, opened.target_language) == ("zh_CN", "en")
    assert opened.line == 10
    assert settings.targets == ()
    assert settings.line == 13
    assert LineIndex.of(text).position(settings.target_at) == (14, 9)
    assert text[settings.target_at - 1 : settings.target_at + 1] == '""'


def test_po_languages_when_the_header_does_not_say():
    document = po.parse("app.po", 'msgid "x"\nmsgstr "y"\n')
    assert document.language is None
    (unit,) = document.units
    assert (unit.source_language, unit.target_language) == ("und", "und")
    zh = po.parse("app.po", 'msgid ""\nmsgstr "Language: zh_CN\\n"\n\nmsgid "x"\nmsgstr "y"\n')
    assert zh.language == "zh_CN"
    assert zh.units[0].source_language == "und"


def test_pot_template_has_no_units_to_check():
    text = 'msgid ""\nmsgstr "Language: \\n"\n\nmsgid "Open"\nmsgstr ""\n'
    document = po.parse("app.pot", text)
    assert document.units == ()
    assert document.segments == ()
    assert document.language is None


def test_po_escape_writes_a_c_string():
    escape = po.parse("app.po", "").escape
    assert escape('say "hi"\\\n\tnow\r') == 'say \\"hi\\"\\\\\\n\\tnow\\r'


class _Quoting:
    """A rule kind that puts quotes around every `car`."""

    def check(self, text: str):
        start = text.find("car")
        if start >= 0:
            yield Hit(start, start + 3, "quote it", ("“car”",), replacement='"car"\n')


QUOTING = Rule(
    id="test.quoting",
    module="test",
    language="en",
    kind="pattern",
    severity=Severity.WARNING,
    category="style",
    message="quote it",
    description="",
    link=None,
    applicability=Applicability.SAFE,
    checker=_Quoting(),
)


@pytest.mark.parametrize("escapes_before", [False, True])
def test_po_fix_is_escaped_as_a_c_string(escapes_before):
    prefix = "Tab\\there: " if escapes_before else "Here: "
    text = f'msgid "x"\nmsgstr "{prefix}the car"\n'
    document = po.parse("app.po", text)
    segment = document.segments[0]
    local = segment.text.index("car")
    finding = to_finding(QUOTING, document, segment, next(QUOTING.checker.check(segment.text)))
    assert finding.text == "car"
    (edit,) = finding.fix.edits
    assert edit.replacement == '\\"car\\"\\n'
    assert (edit.start, edit.end) == (segment.at(local), segment.at(local + 3))
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    decoded = "Tab\there: " if escapes_before else "Here: "
    assert po.parse("app.po", fixed).segments[0].text == f'{decoded}the "car"\n'


def test_po_suppression_directives_are_translator_comments():
    text = (
        "# txtlint-disable quality.repeated-word\n"
        'msgid "a"\n'
        'msgstr "Knock knock"\n'
        "# txtlint-enable quality.repeated-word\n"
        "#. txtlint-disable\n"
        'msgid "b"\n'
        'msgstr "the the"\n'
    )
    document = po.parse("app.po", text)
    assert [(d.kind, d.line) for d in document.directives] == [("disable", 1), ("enable", 4)]
    rules = load_rules(selected=["quality.repeated-word"])
    findings, _ = lint_document(document, rules)
    kept, unused = suppress(document, findings, [rule.id for rule in rules])
    index = LineIndex.of(text)
    assert [index.position(f.start) for f in kept] == [(7, 9)]
    assert unused == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "msgid",
        'msgid "unterminated\nmsgstr "the the"\n',
        'msgstr "no msgid"\n',
        'msgid "x"\nmsgstr "trailing \\',
        'msgid "x"\nmsgstr "a" garbage "the the"\n',
        'msgid "x" "y\nmsgstr[ "z"\nmsgstr[x] "w"\n"orphan"\n',
        '"orphan" "strings"\nmsgid_plural "p"\nmsgctxt\n#,\n#~\n',
        "\x00\ufffd\r\r\n\\",
        'msgid "\\x"\nmsgstr "\\777\\x\\"\n',
    ],
)
def test_po_malformed_input_never_raises(text):
    document = po.parse("bad.po", text)
    each_character_maps_back(document)
    located(document, *ENGLISH_RULES)


def test_po_lines_that_cannot_be_read_are_skipped_and_the_rest_is_read():
    text = (
        'msgid "a"\n'
        'msgstr "the the" trailing\n'  # unparsable: skipped
        "this is not PO\n"
        '"and this string belongs to nothing"\n'
        'msgid "b"\n'
        'msgstr "The the second"\n'
    )
    document = po.parse("bad.po", text)
    assert [u.id for u in document.units] == ["a", "b"]
    assert document.units[0].targets == ()
    assert repeated(document) == [(6, 9, "The the")]


# ---- subtitles


SRT_TEXT = (
    "1\n"
    "00:00:01,000 --> 00:00:04,000\n"
    "<i>The the car</i> is here.\n"
    "\n"
    "2\n"
    "00:00:04,500 --> 00:00:07,250 X1:100 X2:600 Y1:50 Y2:80\n"
    '{\\an8}<font color="#ffcc00" face="Roger Roger">Black technology</font>, the <unk>\n'
    "second line, people mountain\n"
    "people sea.\n"
)


def test_srt_cue_text_only():
    document = srt.parse("episode-srt.srt", SRT_TEXT)
    for segment in document.segments:
        assert segment.origin is None
        assert SRT_TEXT[segment.start : segment.start + len(segment.text)] == segment.text
    assert [s.text for s in document.segments] == [
        "The the car",
        " is here.",
        "Black technology",
        ", the <unk>\nsecond line, people mountain\npeople sea.",
    ]
    assert located(document, *ENGLISH_RULES) == [
        ("quality.repeated-word", 3, 4, "The the"),
        ("zh-en.calque.literal-calques", 7, 48, "Black technology"),
        ("quality.mt-tokens", 7, 77, "<unk>"),
        ("zh-en.calque.literal-calques", 8, 14, "people mountain\npeople sea"),
    ]


def test_subtitle_segments_end_at_tags_so_no_finding_or_fix_spans_one():
    text = "1\n00:00:01,000 --> 00:00:02,000\n<i>the</i> the <i>black</i> technology\n"
    document = srt.parse("episode-srt.srt", text)
    assert [s.text for s in document.segments] == ["the", " the ", "black", " technology"]
    assert located(document, *ENGLISH_RULES) == []


def test_srt_crlf_file_has_the_same_positions():
    crlf = SRT_TEXT.replace("\n", "\r\n")
    document = srt.parse("episode-srt.srt", crlf)
    assert located(document, *ENGLISH_RULES) == [
        ("quality.repeated-word", 3, 4, "The the"),
        ("zh-en.calque.literal-calques", 7, 48, "Black technology"),
        ("quality.mt-tokens", 7, 77, "<unk>"),
        ("zh-en.calque.literal-calques", 8, 14, "people mountain\r\npeople sea"),
    ]


def test_srt_cues_without_a_blank_line_between_them_and_a_bom():
    text = (
        "\ufeff1\n00:00:01,000 --> 00:00:02,000\nThe the first\n"
        "2\n00:00:02,000 --> 00:00:03,000\n3\n00:00:03,000 --> 00:00:04,000\nThe end\n"
    )
    document = srt.parse("episode-srt.srt", text)
    assert [s.text for s in document.segments] == ["The the first", "The end"]
    assert repeated(document) == [(3, 1, "The the")]


def test_srt_stray_blocks_and_numbers_are_not_prose():
    text = "The the stray text\n\n1\n2\n\n00:00:01,000 --> 00:00:02,000\n\n"
    assert srt.parse("episode-srt.srt", text).segments == ()
    assert srt.parse("episode-srt.srt", "").segments == ()


VTT_TEXT = (
    "WEBVTT - The the pilot episode\n"
    "Kind: captions\n"
    "\n"
    "NOTE The the note about black technology\n"
    "\n"
    "STYLE\n"
    '::cue(v[voice="Roger Roger"]) { color: yellow; }\n'
    "\n"
    "REGION\n"
    "id:the the\n"
    "\n"
    "cue the the\n"
    "00:00:01.000 --> 00:00:04.000 line:0 position:50% size:80% align:start\n"
    "<v Roger Roger>The lake is 50 percent bigger, the the <c.sign>Slip carefully</c>\n"
    "\n"
    "00:05.000 --> 00:08.000\n"
    "<00:05.000>Never <00:06.000>gonna Tom &amp; the the dog &lt;unk&gt;\n"
)


def test_vtt_cue_text_only():
    document = vtt.parse("episode-vtt.vtt", VTT_TEXT)
    assert [s.text for s in document.segments] == [
        "The lake is 50 percent bigger, the the ",
        "Slip carefully",
        "Never ",
        "gonna Tom & the the dog <unk>",
    ]
    assert located(document, *ENGLISH_RULES) == [
        ("quality.repeated-word", 14, 47, "the the"),
        ("zh-en.calque.literal-calques", 14, 63, "Slip carefully"),
        ("quality.repeated-word", 17, 45, "the the"),
        ("quality.mt-tokens", 17, 57, "&lt;unk&gt;"),
    ]
    each_character_maps_back_through_entities(document)


def each_character_maps_back_through_entities(document: Document) -> None:
    for segment in document.segments:
        for local, character in enumerate(segment.text):
            assert document.text[segment.at(local)] in (character, "&")


def test_vtt_crlf_file_has_the_same_positions():
    lf = located(vtt.parse("episode-vtt.vtt", VTT_TEXT), *ENGLISH_RULES)
    crlf = vtt.parse("episode-vtt.vtt", VTT_TEXT.replace("\n", "\r\n"))
    assert located(crlf, *ENGLISH_RULES) == lf


def test_vtt_header_followed_by_a_cue_without_a_blank_line():
    text = "WEBVTT\n00:01.000 --> 00:02.000\nThe the cue\n"
    assert repeated(vtt.parse("episode-vtt.vtt", text)) == [(3, 1, "The the")]


def test_vtt_fix_is_escaped_for_cue_text():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nthe car & more\n"
    document = vtt.parse("episode-vtt.vtt", text)
    segment = document.segments[0]
    finding = to_finding(QUOTING, document, segment, next(QUOTING.checker.check(segment.text)))
    (edit,) = finding.fix.edits
    assert text[edit.start : edit.end] == "car"
    assert subtitles.vtt_escape("<b> & </b>") == "&lt;b&gt; &amp; &lt;/b&gt;"
    assert edit.replacement == '"car"\n'  # nothing to escape
    assert vtt.parse("episode-vtt.vtt", "").escape("R&D") == "R&amp;D"


def test_vtt_note_directives_suppress_and_cue_text_is_never_a_directive():
    text = (
        "WEBVTT\n\n"
        "NOTE txtlint-disable quality.repeated-word\n\n"
        "00:01.000 --> 00:02.000\nKnock knock\n\n"
        "NOTE txtlint-enable quality.repeated-word\n\n"
        "00:03.000 --> 00:04.000\nNOTE txtlint-disable\nthe the\n"
    )
    document = vtt.parse("episode-vtt.vtt", text)
    assert [(d.kind, d.line) for d in document.directives] == [("disable", 3), ("enable", 8)]
    rules = load_rules(selected=["quality.repeated-word"])
    findings, _ = lint_document(document, rules)
    kept, unused = suppress(document, findings, [rule.id for rule in rules])
    index = LineIndex.of(text)
    assert [index.position(f.start) for f in kept] == [(12, 1)]
    assert unused == []


def test_srt_has_no_directives():
    text = "# txtlint-disable-file\n\n1\n00:00:01,000 --> 00:00:02,000\nthe the\n"
    document = srt.parse("episode-srt.srt", text)
    assert document.directives == ()
    assert repeated(document) == [(5, 1, "the the")]


@pytest.mark.parametrize("module", [srt, vtt])
@pytest.mark.parametrize(
    "text",
    ["", "-->", "00:01.000 -->\n<i", "1\n00:00:01,000 --> 00:00:02,000\n<i>\n{\\an8", "\r\r\n\x00"],
)
def test_subtitles_malformed_input_never_raises(module, text):
    located(module.parse("bad", text), *ENGLISH_RULES)


# ---- the examples


EXAMPLE_FINDINGS = {
    "app.po": [
        ("zh-en.calque.literal-calques", 26, 24, "black technology"),
        ("zh-en.calque.literal-calques", 31, 17, "Slip carefully"),
        ("quality.repeated-word", 39, 2, "The the"),
        ("quality.mojibake", 46, 31, "â€™"),
        ("units.chinese-magnitude", 50, 38, "15 ten thousand"),
        ("untranslated.cjk-text", 54, 9, "返回"),
    ],
    "episode-srt.srt": [
        ("quality.repeated-word", 11, 1, "The the"),
        ("zh-en.calque.literal-calques", 11, 30, "black technology"),
        ("zh-en.calque.literal-calques", 16, 36, "three highs"),
        ("units.decimal-mark", 21, 17, "1,5"),
        ("quality.mojibake", 25, 3, "â€™"),
        ("quality.mt-tokens", 25, 30, "<unk>"),
    ],
    "episode-vtt.vtt": [
        ("quality.repeated-word", 18, 13, "The the"),
        ("zh-en.calque.literal-calques", 19, 13, "people mountain, people sea"),
        ("zh-en.calque.literal-calques", 23, 9, "Slip carefully"),
        ("quality.mt-tokens", 26, 62, "<unk>"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXAMPLE_FINDINGS))
def test_examples_find_only_the_artifacts_in_prose(name):
    path = ROOT / "examples" / name
    module = {".po": po, ".srt": srt, ".vtt": vtt}[path.suffix]
    text = decode(path.read_bytes()).text
    document = module.parse(str(path), text)
    rules = load_rules(selected=list(ENGLISH_RULES))
    findings, problems = lint_document(document, rules)
    kept, unused = suppress(document, findings, [rule.id for rule in rules])
    assert not problems
    assert unused == []
    index = LineIndex.of(text)
    assert [(f.rule, *index.position(f.start), f.text) for f in kept] == EXAMPLE_FINDINGS[name]
