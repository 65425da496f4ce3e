"""XLIFF 1.2 and 2.0: what is linted (the text of each unit's target) and what is not
(sources, inline tags and their attributes, native code, notes, alternatives), exact
positions in the XML file through tags, entities, CDATA, line breaks and a BOM, the
translation units for bilingual checks, and fixes written as XML."""

from __future__ import annotations

import codecs
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from lint import files, load_rules
from lint.document import Document, LineIndex
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.formats import xliff
from lint.model import Finding
from lint.suppression import suppress

ROOT = Path(__file__).resolve().parent.parent
Brief = tuple[str, int, int, str]


def parse(text: str, path: str = "app.xlf") -> Document:
    return xliff.parse(path, text)


def check(
    text: str, selected: Sequence[str] = ("quality",), extra: Sequence[Path] = ()
) -> list[Finding]:
    """What `api.lint_text` does with an XLIFF file: parse, lint, suppress."""
    document = parse(text)
    rules = [r for r in load_rules(extra, selected=selected) if r.checker is not None]
    found, errors = lint_document(document, rules)
    assert errors == []
    kept, unused = suppress(document, found, [rule.id for rule in rules])
    return sorted(kept + unused, key=lambda finding: finding.sort_key)


def brief(text: str, finding: Finding) -> Brief:
    """(rule, line, column, text) of a finding."""
    line, column = LineIndex.of(text).position(finding.start)
    return (finding.rule, line, column, finding.text)


def briefs(text: str, selected: Sequence[str] = ("quality",)) -> list[Brief]:
    return [brief(text, finding) for finding in check(text, selected)]


def v12(units: str, languages: str = 'source-language="zh-CN" target-language="en"') -> str:
    """An XLIFF 1.2 file around `units`, which start on line 4."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="app" datatype="plaintext" {languages}><body>\n'
        f"{units}"
        "</body></file>\n"
        "</xliff>\n"
    )


def v20(units: str) -> str:
    """An XLIFF 2.0 file around `units`, which start on line 4."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'
        ' srcLang="zh-CN" trgLang="en">\n'
        '<file id="f1">\n'
        f"{units}"
        "</file>\n"
        "</xliff>\n"
    )


# ---------------------------------------------------------------- units and segments


def test_xliff_1_2_units_languages_and_target_segments():
    text = v12(
        '<trans-unit id="a">\n'
        "  <source>你好</source>\n"
        "  <target>Hello</target>\n"
        "</trans-unit>\n"
        '<trans-unit id="b"><source>谢谢</source><target>Thanks</target></trans-unit>\n'
    )
    document = parse(text)
    assert [s.text for s in document.segments] == ["Hello", "Thanks"]
    assert document.language == "en"
    first, second = document.units
    assert (first.id, first.source.text, [t.text for t in first.targets]) == (
        "a",
        "你好",
        ["Hello"],
    )
    assert (first.source_language, first.target_language, first.line) == ("zh-CN", "en", 4)
    assert first.target_at == text.index("Hello")
    assert first.source.start == text.index("你好")
    assert (second.id, second.line, second.targets[0].start) == ("b", 8, text.index("Thanks"))
    assert document.escape is not None
    assert document.escape("R&D <b>") == "R&amp;D &lt;b&gt;"


def test_xliff_2_0_joins_the_segments_of_a_unit_in_file_order():
    text = v20(
        '<unit id="u1">\n'
        '  <segment id="1"><source>第一句。</source><target>First one.</target></segment>\n'
        "  <ignorable><source> </source><target> </target></ignorable>\n"
        '  <segment id="2"><source>第二句。</source><target>Second one.</target></segment>\n'
        "</unit>\n"
        '<unit id="u2">\n'
        "  <segment><source>甲</source><target>A.</target></segment>\n"
        "  <segment><source>乙</source><target>B.</target></segment>\n"
        "</unit>\n"
    )
    document = parse(text)
    first, second = document.units
    assert (first.id, first.line, first.source_language, first.target_language) == (
        "u1",
        4,
        "zh-CN",
        "en",
    )
    assert first.source.text == "第一句。 第二句。"
    assert first.targets[0].text == "First one. Second one."
    # segments with no whitespace between them are joined with a space
    assert second.targets[0].text == "A. B."
    assert [s.text for s in document.segments] == ["First one. Second one.", "A. B."]
    target = first.targets[0]
    assert target.at(target.text.index("Second")) == text.index("Second")
    assert document.language == "en"


def test_languages_come_from_each_file_element_or_the_root():
    text = (
        '<xliff version="1.2">\n'
        '<file source-language="zh" target-language="en-US"><body>\n'
        '<trans-unit id="a"><source>一</source><target>One</target></trans-unit>\n'
        "</body></file>\n"
        '<file source-language="zh" target-language="ja"><body>\n'
        '<trans-unit id="b"><source>二</source><target>二つ</target></trans-unit>\n'
        "</body></file>\n"
        "</xliff>\n"
    )
    document = parse(text)
    assert [u.target_language for u in document.units] == ["en-US", "ja"]
    assert document.language == "en-US"
    assert parse("<xliff><file><body></body></file></xliff>").language is None


# ---------------------------------------------------------------- inline tags


def test_an_artifact_split_by_an_inline_tag_is_found_at_its_place_in_the_file():
    text = v12(
        '<trans-unit id="1">\n'
        "  <source>那辆车</source>\n"
        '  <target>The <g id="1">the</g> car</target>\n'
        "</trans-unit>\n"
    )
    [finding] = check(text)
    assert brief(text, finding) == ("quality.repeated-word", 6, 11, 'The <g id="1">the')
    assert parse(text).segments[0].text == "The the car"
    assert finding.fix is None  # it would delete the tag


def test_a_fix_between_tags_keeps_them():
    text = v20(
        '<unit id="1"><segment><source>源</source><target>It is <pc id="1">more more</pc>'
        ' clever than the the<ph id="2"/> old one.</target></segment></unit>\n'
    )
    found = check(text)
    assert [brief(text, f)[2:] for f in found] == [(66, "more more"), (93, "the the")]
    fixed = apply_fixes(text, found)
    assert '<pc id="1">more</pc> clever than the<ph id="2"/> old one.' in fixed


def test_native_code_and_attributes_are_not_text_but_sub_flows_are():
    text = v12(
        '<trans-unit id="1"><source>点击</source><target>'
        'Click <ph id="1">&lt;img alt="the the"/&gt;</ph> '
        '<bpt id="2">&lt;a title="&lt;unk&gt;"&gt;</bpt>here<ept id="2">&lt;/a&gt;</ept>'
        '<x id="3" equiv-text="the the"/> <it id="4" pos="open">&lt;b&gt;</it>now '
        '<ph id="5">&lt;img alt="<sub>A &lt;unk&gt; cat</sub>"/&gt;</ph>.'
        "</target></trans-unit>\n"
    )
    document = parse(text)
    assert [s.text for s in document.segments] == ["Click  here now .", "A <unk> cat"]
    assert document.units[0].targets[0].text == "Click  here now ."
    unk = LineIndex.of(text).position(text.index("A &lt;unk&gt;") + 2)
    assert briefs(text) == [("quality.mt-tokens", *unk, "&lt;unk&gt;")]


def test_xliff_2_0_inline_elements():
    text = v20(
        '<unit id="1">\n'
        '  <originalData><data id="d1">the the &lt;unk&gt;</data></originalData>\n'
        "  <segment><source>源</source><target>"
        '<pc id="1" dataRefStart="d1">Press</pc> <ph id="2" dataRef="d1"/>the '
        '<sc id="3"/>Go<ec startRef="3"/> <mrk id="m1" type="term">button</mrk> '
        '<sm id="m2"/>now<em startRef="m2"/> <mrk id="m3" translate="no">蔚来</mrk>'
        '<cp hex="0007"/>.'
        "</target></segment>\n"
        "</unit>\n"
    )
    [target] = parse(text).segments
    assert target.text == "Press the Go button now \x07."
    bell = target.text.index("\x07")
    assert text[target.at(bell) :].startswith('<cp hex="0007"/>')
    assert briefs(text, ("quality", "untranslated")) == []


def test_inline_tags_do_not_join_source_and_target_text():
    text = v12(
        '<trans-unit id="1"><source>the <g id="1">the</g></source>'
        '<target><g id="1">the</g> end</target></trans-unit>\n'
    )
    assert briefs(text) == []


# ---------------------------------------------------------------- entities and CDATA


def test_entities_before_an_artifact_keep_its_column_exact():
    line = (
        '<trans-unit id="1"><source>源</source><target>R&amp;D &#8212; &#x4e2d; &lt;b&gt;'
        " the the tea</target></trans-unit>\n"
    )
    text = v12(line)
    [segment] = parse(text).segments
    assert segment.text == "R&D — 中 <b> the the tea"
    assert briefs(text) == [("quality.repeated-word", 4, 81, "the the")]
    assert line.index("the the") + 1 == 81


def test_an_artifact_written_with_entities_spans_them():
    line = (
        '<trans-unit id="1"><source>源</source><target>The &lt;unk&gt; car</target></trans-unit>\n'
    )
    text = v12(line)
    assert briefs(text) == [("quality.mt-tokens", 4, 50, "&lt;unk&gt;")]


def test_unknown_entities_and_bad_references_stay_as_written():
    text = v12(
        '<trans-unit id="1"><source>源</source>'
        "<target>a&nbsp;b &#0; &#xD800; &#99999999999; &amp c</target></trans-unit>\n"
    )
    assert parse(text).segments[0].text == "a&nbsp;b &#0; &#xD800; &#99999999999; &amp c"


def test_cdata_is_text_mapped_exactly():
    line = (
        '<trans-unit id="1"><source>源</source><target>Cold <![CDATA[<30 °C & the\n'
        "the <b>]]> &lt; <![CDATA[<unk>]]></target></trans-unit>\n"
    )
    text = v12(line)
    [segment] = parse(text).segments
    assert segment.text == "Cold <30 °C & the\nthe <b> < <unk>"
    assert briefs(text) == [
        ("quality.repeated-word", 4, 69, "the\nthe"),
        ("quality.mt-tokens", 5, 26, "<unk>"),
    ]


def test_a_cdata_only_target_is_a_plain_slice():
    text = v12('<trans-unit id="1"><source>源</source><target><![CDATA[a <b> c]]></target>\n')
    [segment] = parse(text).segments
    assert (segment.text, segment.origin) == ("a <b> c", None)
    assert segment.start == text.index("a <b>")


# ---------------------------------------------------------------- missing and empty targets


def test_missing_and_empty_targets_have_no_target_segment():
    text = v12(
        '<trans-unit id="missing">\n  <source>一</source>\n</trans-unit>\n'
        '<trans-unit id="empty"><source>二</source><target></target></trans-unit>\n'
        '<trans-unit id="blank"><source>三</source><target> <x id="1"/> </target></trans-unit>\n'
        '<trans-unit id="closed"><source>四</source><target/></trans-unit>\n'
        '<trans-unit id="nothing"></trans-unit>\n'
    )
    document = parse(text)
    assert document.segments == ()
    units = {unit.id: unit for unit in document.units}
    assert all(unit.targets == () for unit in units.values())
    assert units["missing"].target_at == text.index("一") + 1  # where the source ends
    assert units["empty"].target_at == text.index("</target>")
    assert units["blank"].target_at == text.index(' <x id="1"/>')
    assert units["closed"].target_at == text.index("<target/>")
    nothing = units["nothing"]
    assert nothing.source.text == "" and nothing.target_at == text.index(
        "</trans-unit>", text.index('"nothing"')
    )


def test_xliff_2_0_segment_without_target():
    text = v20('<unit id="1"><segment><source>稍后</source></segment></unit>\n')
    [unit] = parse(text).units
    assert (unit.source.text, unit.targets, unit.target_at) == ("稍后", (), text.index("</source>"))


# ---------------------------------------------------------------- lines, CRLF and BOM


def test_multi_line_targets_keep_lines_and_columns():
    text = v12(
        '<trans-unit id="1">\n'
        "  <source>第一行\n第二行</source>\n"
        "  <target>The first line ends with the\n"
        "the second; a &lt;unk&gt;\n"
        "  here.</target>\n"
        "</trans-unit>\n"
    )
    assert briefs(text) == [
        ("quality.repeated-word", 7, 36, "the\nthe"),
        ("quality.mt-tokens", 8, 15, "&lt;unk&gt;"),
    ]


def test_crlf_files():
    text = v12(
        '<trans-unit id="1">\n'
        "  <source>源</source>\n"
        "  <target>See the\nthe &lt;unk&gt; list</target>\n"
        "</trans-unit>\n"
    ).replace("\n", "\r\n")
    assert briefs(text) == [
        ("quality.repeated-word", 6, 15, "the\r\nthe"),
        ("quality.mt-tokens", 7, 5, "&lt;unk&gt;"),
    ]
    assert parse(text).units[0].line == 4


def test_a_utf8_bom_is_not_part_of_the_text():
    source = v12(
        '<trans-unit id="1"><source>源</source><target>A &lt;unk&gt; B</target></trans-unit>\n'
    )
    decoded = files.decode(codecs.BOM_UTF8 + source.encode("utf-8"))
    assert decoded.text == source
    assert briefs(decoded.text) == [("quality.mt-tokens", 4, 48, "&lt;unk&gt;")]
    # a BOM left in the text (not read through lint.files) changes nothing either
    assert briefs("\ufeff" + source) == [("quality.mt-tokens", 4, 48, "&lt;unk&gt;")]


# ---------------------------------------------------------------- what is not linted


def test_only_targets_are_prose():
    text = v12(
        '<trans-unit id="1">\n'
        "  <source>The the <unk> source</source>\n"
        '  <seg-source><mrk mtype="seg" mid="1">The the</mrk></seg-source>\n'
        "  <target>Fine.</target>\n"
        "  <note>the the &lt;unk&gt;</note>\n"
        "  <alt-trans><source>a</source><target>the the &lt;unk&gt;</target></alt-trans>\n"
        "</trans-unit>\n"
        "<!-- the the <unk> -->\n"
        '<trans-unit id="2" translate="no"><source>x</source><target>the the</target>'
        "</trans-unit>\n"
        '<group translate="no"><trans-unit id="3"><source>x</source><target>the the</target>'
        "</trans-unit></group>\n"
        '<trans-unit id="4"><source>x</source><target><mrk mtype="protected" mid="p">'
        "the the</mrk> ok</target></trans-unit>\n"
        "<?pi the the <unk>?>\n"
    )
    document = parse(text)
    assert [unit.id for unit in document.units] == ["1", "4"]
    assert [s.text for s in document.segments] == ["Fine.", " ok"]
    assert briefs(text) == []


def test_xliff_2_0_notes_and_translation_candidates_are_not_prose():
    text = v20(
        '<unit id="1">\n'
        "  <notes><note>the the</note></notes>\n"
        "  <segment><source>the the</source><target>Fine.</target></segment>\n"
        '  <mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:match>'
        "<source>x</source><target>the the</target></mtc:match></mtc:matches>\n"
        "</unit>\n"
        '<unit id="2" translate="no"><segment><source>x</source><target>the the</target>'
        "</segment></unit>\n"
    )
    document = parse(text)
    assert [s.text for s in document.segments] == ["Fine."]
    assert briefs(text) == []


def test_a_chinese_target_file_says_so():
    text = v12(
        '<trans-unit id="1"><source>Hello</source><target>你好</target></trans-unit>\n',
        languages='source-language="en" target-language="zh-CN"',
    )
    assert parse(text).language == "zh-CN"


# ---------------------------------------------------------------- fixes


R_AND_D = """\
module: t
description: d
category: style
rules:
  - id: r-and-d
    kind: pattern
    message: write R&D
    pattern: '\\bR and D\\b'
    fix: 'R&D'
    examples:
      bad:
        - {text: 'R and D', fix: 'R&D'}
"""


@pytest.fixture
def r_and_d(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(R_AND_D, encoding="utf-8")
    return path


def test_a_fix_is_written_as_xml(r_and_d: Path):
    text = v12(
        '<trans-unit id="1"><source>研发</source><target>Our R and D team</target></trans-unit>\n'
        '<trans-unit id="2"><source>研发</source><target>&lt;R and D&gt;</target></trans-unit>\n'
    )
    found = check(text, ("t",), [r_and_d])
    assert [f.fix.edits[0].replacement for f in found if f.fix] == ["R&amp;D", "R&amp;D"]
    fixed = apply_fixes(text, found)
    assert "<target>Our R&amp;D team</target>" in fixed
    assert "<target>&lt;R&amp;D&gt;</target>" in fixed
    assert [s.text for s in parse(fixed).segments] == ["Our R&D team", "<R&D>"]


def test_a_fix_in_cdata_replaces_the_text_in_it(r_and_d: Path):
    text = v12(
        '<trans-unit id="1"><source>研发</source><target><![CDATA[R and D <3]]></target>'
        "</trans-unit>\n"
    )
    [finding] = check(text, ("t",), [r_and_d])
    [edit] = finding.fix.edits
    assert (edit.start, edit.end) == (text.index("R and D"), text.index(" <3"))


# ---------------------------------------------------------------- suppression


def test_xml_comment_directives():
    text = v12(
        '<trans-unit id="1"><source>源</source>\n'
        "  <!-- txtlint-disable-next-line quality.mt-tokens -->\n"
        "  <target>A &lt;unk&gt; here</target>\n"
        "  <!-- txtlint-disable-next-line quality.repeated-word -->\n"
        "</trans-unit>\n"
        '<trans-unit id="2"><source>源</source>\n'
        "  <target><![CDATA[\n<!-- txtlint-disable-next-line -->\nthe <unk>]]></target>\n"
        "</trans-unit>\n"
    )
    document = parse(text)
    assert [(d.kind, d.line) for d in document.directives] == [
        ("disable-next-line", 5),
        ("disable-next-line", 7),
    ]
    assert briefs(text) == [
        (
            "txtlint.unused-suppression",
            7,
            3,
            "<!-- txtlint-disable-next-line quality.repeated-word -->",
        ),
        ("quality.mt-tokens", 12, 5, "<unk>"),
    ]


# ---------------------------------------------------------------- malformed files


def test_a_doctype_with_an_internal_subset_is_refused():
    text = '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n  <!ENTITY e "the the">\n]>\n<xliff/>\n'
    with pytest.raises(ValueError, match="line 2: DOCTYPE with an internal subset"):
        parse(text)
    plain = '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "xliff.dtd">\n' + v12(
        '<trans-unit id="1"><source>源</source><target>A &e; b</target></trans-unit>\n'
    )
    assert [s.text for s in parse(plain).segments] == ["A &e; b"]


EXAMPLES = [ROOT / "examples" / "app-1.2.xlf", ROOT / "examples" / "app-2.0.xliff"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_file_cut_anywhere_in_its_markup_is_read_without_error(path: Path):
    text = path.read_text(encoding="utf-8")
    cuts = {end for i, c in enumerate(text) if c in "<>&;[]!?/=\"'-" for end in (i, i + 1)}
    for end in sorted(cuts):
        document = parse(text[:end])
        assert all(0 <= s.start <= len(text) for s in document.segments)


def test_malformed_markup_is_read_as_well_as_it_can_be():
    broken = [
        '<trans-unit id="1"><source>a</source><target>b <g>c</target></trans-unit>',
        '<trans-unit id="1"><target>b</g></x> c</target>',
        '<trans-unit id="1"><target>a < b <3 and >',
        '<trans-unit id="1"><target a="1 b=2>text</target></trans-unit>',
        "<trans-unit><trans-unit><target>x</target></trans-unit></trans-unit>",
        "<target>x</target><source>y</source></trans-unit>",
        "<![CDATA[x",
        "<!-- x",
        "<? x",
        "<!DOCTYPE x",
        "</>< /><a =/><=>",
        "&#x110000;&#;&#xZ;&",
    ]
    for units in broken:
        parse(v12(units))
        parse(units)
    assert [s.text for s in parse(v12(broken[0])).segments] == ["b c"]
    assert [s.text for s in parse(v12(broken[2])).segments] == ["a < b <3 and >"]


def test_random_markup_never_raises():
    alphabet = ["<", ">", "/", "&", ";", "#", "x", '"', "'", "=", " ", "\n", "!", "?", "[", "]"]
    alphabet += ["-", "source", "target", "trans-unit", "unit", "segment", "sub", "ph", "CDATA"]
    alphabet += ["DOCTYPE", "g", "amp", "lt", 'translate="no"', "the"]
    generator = random.Random(7)
    for _ in range(2000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randrange(60)))
        try:
            document = parse(text)
        except ValueError as error:
            assert "DOCTYPE with an internal subset" in str(error)
            continue
        for segment in document.segments:
            origin = segment.origin or range(segment.start, segment.start + len(segment.text) + 1)
            assert len(origin) == len(segment.text) + 1
            assert list(origin) == sorted(origin) and 0 <= origin[0] <= origin[-1] <= len(text)


# ---------------------------------------------------------------- mapping and examples


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_character_of_a_segment_maps_to_where_it_is_written(path: Path):
    text = path.read_text(encoding="utf-8")
    document = parse(text, path.name)
    assert document.segments
    for segment in (*document.segments, *(unit.source for unit in document.units)):
        for local, character in enumerate(segment.text):
            written = text[segment.at(local) :]
            # a space that joins two segments of a 2.0 unit stands where the first ends
            joins = character == " " and written.startswith("</")
            assert written.startswith((character, "&", "<cp ")) or joins, (segment, local)


def test_the_examples_findings():
    found = {}
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        selected = ("quality", "untranslated", "zh-en", "units")
        found[path.name] = [brief(text, f)[:3] for f in check(text, selected)]
    assert found["app-1.2.xlf"] == [
        ("quality.repeated-word", 18, 21),
        ("quality.mt-tokens", 22, 43),
        ("untranslated.cjk-text", 26, 75),
        ("untranslated.cjk-punctuation", 26, 122),
        ("zh-en.calque.literal-calques", 30, 72),
        ("quality.mojibake", 34, 19),
        ("quality.repeated-word", 42, 51),
    ]
    assert found["app-2.0.xliff"] == [
        ("quality.repeated-word", 23, 85),
        ("zh-en.calque.keji-such-as", 30, 42),
        ("zh-en.calque.literal-calques", 36, 88),
        ("quality.repeated-word", 48, 22),
        ("units.chinese-magnitude", 54, 31),
    ]
