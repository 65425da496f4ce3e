"""The bilingual kind: each check with passing and failing source/target pairs, exact
findings, the normalisations of numbers and punctuation, and the rule module's examples."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document, Segment, TranslationUnit, mapped
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.kinds.bilingual import language_scripts, source_system
from lint.rulebook import RuleModuleError, load_module
from tests.helpers import ROOT


def make_rule(tmp_path: Path, check: str, message: str = "{reason}", extra: str = ""):
    """One rule of kind bilingual, loaded from YAML like any other."""
    body = textwrap.dedent(
        f"""\
        module: t
        description: d
        category: c
        rules:
          - id: r
            kind: bilingual
            check: {check}
            message: '{message}'
        """
    )
    body += textwrap.indent(textwrap.dedent(extra), "    ")
    fixed = "{text: x, fix: x}" if "fix:" in extra else "x"
    body += f"    examples:\n      bad: [{fixed}]\n"
    path = tmp_path / "m.yaml"
    path.write_text(body, encoding="utf-8")
    return load_module(path).rules[0]


def document(source: str, *targets: str, language: str = "en", untranslated: bool = False):
    """A file holding one unit: the source on the first line, each target on its own
    line after it; with `untranslated`, a unit without targets whose empty target is at
    the end of the file."""
    text = "\n".join((source, *targets)) + "\n"
    segments, position = [], len(source) + 1
    for target in targets:
        segments.append(Segment(position, target))
        position += len(target) + 1
    unit = TranslationUnit(
        id=source,
        source=Segment(0, source),
        targets=() if untranslated else tuple(segments),
        source_language="zh",
        target_language=language,
        line=1,
        target_at=len(text),
    )
    return Document("a.po", text, tuple(s for s in segments if s.text), units=(unit,))


@pytest.fixture
def check(tmp_path):
    """check(name, source, *targets, language=…, extra=…) → [(start, end, text, message)]."""

    def run(name, source, *targets, language="en", extra="", message="{reason}", **kwargs):
        rule = make_rule(tmp_path, name, message, extra)
        found, errors = lint_document(
            document(source, *targets, language=language, **kwargs), [rule]
        )
        assert errors == []
        return [(f.start, f.end, f.text, f.message) for f in found]

    return run


@pytest.fixture
def findings(tmp_path):
    """The Finding objects of one check on one unit, for fixes and suggestions."""

    def run(name, source, *targets, language="en", extra="", message="{reason}"):
        rule = make_rule(tmp_path, name, message, extra)
        doc = document(source, *targets, language=language)
        found, errors = lint_document(doc, [rule])
        assert errors == []
        return doc, found

    return run


# ---- languages and scripts


@pytest.mark.parametrize(
    ("language", "scripts"),
    [
        ("en", {"Latin"}),
        ("en_US", {"Latin"}),
        ("zh_CN", {"Han", "Bopomofo"}),
        ("zh-Hant-TW", {"Han", "Bopomofo"}),
        ("ja", {"Han", "Hiragana", "Katakana"}),
        ("ko", {"Hangul"}),
        ("ru", {"Cyrillic"}),
        ("sr", {"Cyrillic"}),
        ("sr@latin", {"Latin"}),
        ("sr-Latn", {"Latin"}),
        ("uz@cyrillic", {"Cyrillic"}),
    ],
)
def test_language_scripts(language, scripts):
    assert language_scripts(language) == scripts


@pytest.mark.parametrize("language", ["", "und", "xx", "  "])
def test_unknown_languages_have_no_scripts(language):
    assert language_scripts(language) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("保存文件", "Chinese"),
        ("iPhone 保存", "Chinese"),
        ("ファイルを保存", "Japanese"),
        ("保存する", "Japanese"),
        ("파일 저장", "Korean"),
        ("Сохранить файл", "Cyrillic"),
        ("Αποθήκευση", "Greek"),
    ],
)
def test_source_system(text, name):
    assert source_system(text).name == name


def test_a_latin_source_has_no_foreign_system():
    assert source_system("Save the file") is None
    assert source_system("Café") is None
    assert source_system("Select 中文 for Chinese") is None
    assert source_system("使用iPhone和iPad同步").name == "Chinese"
    assert source_system("Language: 中文").name == "Chinese"


# ---- untranslated


def test_no_target_is_reported_with_zero_length_at_target_at(check):
    found = check("untranslated", "保存文件", untranslated=True)
    assert found == [(5, 5, "", "is empty")]


def test_an_empty_plural_form_is_reported_where_it_is(check):
    found = check("untranslated", "%d 个文件", "%d file", "")
    assert found == [(15, 15, "", "is empty")]


def test_a_target_of_white_space_is_empty(check):
    assert check("untranslated", "保存文件", "  ") == [(5, 5, "", "is empty")]


def test_a_chinese_source_copied_into_an_english_target(check):
    assert check("untranslated", "保存文件", "保存文件") == [
        (5, 9, "保存文件", "copies the Chinese source")
    ]


def test_a_copy_is_compared_without_white_space(check):
    assert check("untranslated", "保存文件", " 保存 文件") == [
        (5, 11, " 保存 文件", "copies the Chinese source")
    ]


def test_the_message_may_name_the_script_and_language(check):
    found = check(
        "untranslated", "保存", "保存", message="{script} copied into {language}: {match}"
    )
    assert found == [(3, 5, "保存", "Chinese copied into en: 保存")]


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("保存文件", "Save file", "en"),
        ("保存文件", "保存文件", "ja"),  # Japanese is written with Han
        ("保存文件", "保存文件", "zh_TW"),
        ("保存文件", "保存文件", "und"),  # the target language is not known: not guessed
        ("OK", "OK", "en"),  # a copy in the target's own script
        ("OK", "OK", "zh"),
    ],
)
def test_translated_entries_and_copies_in_the_target_script_pass(check, source, target, language):
    assert check("untranslated", source, target, language=language) == []


# ---- source-script leak


def test_each_run_of_source_script_letters_is_reported(check):
    found = check("source-script-leak", "点击保存文件", "Click 保存 to save the 文件。")
    assert found == [
        (13, 15, "保存", 'Chinese text "保存" left in the translation'),
        (28, 30, "文件", 'Chinese text "文件" left in the translation'),
    ]


def test_a_run_is_joined_by_spaces_digits_and_cjk_punctuation(check):
    found = check("source-script-leak", "保存文件", "Then 保存，文件 3 个 now", message="{match}")
    assert found == [(10, 19, "保存，文件 3 个", "保存，文件 3 个")]


def test_letters_not_in_the_source_are_reported_too(check):
    found = check("source-script-leak", "保存", "Save 文件", message="{match}")
    assert found == [(8, 10, "文件", "文件")]


def test_kana_of_a_japanese_source_leak_into_a_chinese_target_but_kanji_do_not(check):
    found = check("source-script-leak", "ファイルを保存", "保存ファイル", language="zh_CN")
    assert found == [(10, 14, "ファイル", 'Japanese text "ファイル" left in the translation')]


def test_hangul_and_cyrillic_leaks(check):
    assert check("source-script-leak", "파일 저장", "Save 파일", message="{match}") == [
        (11, 13, "파일", "파일")
    ]
    assert check("source-script-leak", "Сохранить файл", "Save the файл", message="{match}") == [
        (24, 28, "файл", "файл")
    ]


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("点击保存", "Click Save", "en"),
        ("保存文件", "ファイルを保存", "ja"),
        ("保存文件", "Save 文件", "und"),  # unknown target language
        ("Save file", "Save 文件", "en"),  # a Latin source has no script to leak
        ("保存文件", "保存文件", "en"),  # a copy: left to untranslated
        ("Select 中文 for Chinese", "Choisir 中文 pour le chinois", "fr"),  # mostly Latin
    ],
)
def test_no_leak(check, source, target, language):
    assert check("source-script-leak", source, target, language=language) == []


# ---- numbers


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("共1500个", "1,500 in total"),
        ("共１５００个", "1500 in total"),  # fullwidth digits
        ("1,500", "1\u00a0500"),  # a no-break space groups thousands
        ("1,500", "1\u202f500"),
        ("30万用户", "300,000 users"),
        ("30万用户", "300 thousand users"),
        ("30万用户", "0.3 million users"),
        ("30 万用户", "300000 users"),
        ("营收1.2亿元", "revenue of 120 million yuan"),
        ("营收1.2亿元", "revenue of 120,000,000 yuan"),
        ("3千万", "30 million"),
        ("5百万", "5 million"),
        ("3千元", "3,000 yuan"),
        ("3千米", "3 km"),  # 千 before 米 is kilo
        ("2 millions", "2,000,000"),
        ("1.50 元", "1.5 yuan"),
        ("版本1.2.3", "version 1.2.3"),
        ("10-20个", "10 to 20"),
        ("第2个和第1个", "the 1st and the 2nd"),  # any order
    ],
)
def test_numbers_that_match(check, source, target):
    assert check("numbers", source, target) == []


def test_a_wrong_number_is_reported_on_both_sides(check):
    found = check("numbers", "共5000个", "500 in total")
    assert found == [
        (7, 10, "500", '"500" is not in the source'),
        (7, 19, "500 in total", '"5000" of the source is not in the target'),
    ]


def test_a_magnitude_is_named_with_its_value(check):
    found = check("numbers", "1.2亿元", "12 million yuan")
    assert found == [
        (6, 16, "12 million", '"12 million" is not in the source'),
        (6, 21, "12 million yuan", '"1.2亿" (120 million) of the source is not in the target'),
    ]
    found = check("numbers", "30万", "3,000", message="{match} = {value}")
    assert found == [(4, 9, "3,000", "3,000 = 3,000"), (4, 9, "3,000", "30万 = 300,000")]


def test_numbers_are_a_multiset(check):
    assert check("numbers", "5个和5个", "5 and 5") == []
    assert check("numbers", "5个和5个", "5 and more", message="{match}") == [
        (6, 16, "5 and more", "5")
    ]
    assert check("numbers", "5个", "5 and 5", message="{match}") == [(9, 10, "5", "5")]


def test_a_plain_space_separates_two_figures(check):
    found = check("numbers", "1500", "1 500", message="{match}")
    assert found == [(5, 6, "1", "1"), (5, 10, "1 500", "1500"), (7, 10, "500", "500")]


def test_numbers_inside_placeholders_markup_and_urls_do_not_count(check):
    assert check("numbers", "第%1$d页，共{0}项", "Page %1$d of {0}") == []
    assert check("numbers", "见 <h2>标题</h2>", "See <h3>title</h3>") == []
    assert check("numbers", "访问 https://example.com/v2", "Visit https://example.com/v3") == []


def test_numbers_in_words_excuse_a_figure(check):
    assert check("numbers", "已删除３个文件", "Three files deleted") == []
    assert check("numbers", "已删除三个文件", "Deleted 3 files") == []
    assert check("numbers", "二十五人", "25 people") == []
    assert check("numbers", "三万人", "30,000 people") == []
    assert check("numbers", "25 people", "twenty-five people") == []
    assert check("numbers", "2,000,000", "two million") == []


def test_ordinals_months_and_one_in_words_excuse_a_figure(check):
    assert check("numbers", "1个文件", "One file") == []
    assert check("numbers", "第1名", "First place") == []
    assert check("numbers", "2023年5月20日", "May 20, 2023") == []
    assert check("numbers", "9月", "Sept.") == []
    assert check("numbers", "三百人", "300 people") == []


def test_words_only_excuse(check):
    # a number in words is never reported, and never stands for another value
    assert check("numbers", "三个", "four") == []
    assert check("numbers", "三个", "4", message="{match}") == [(3, 4, "4", "4")]


def test_a_target_without_figures_where_the_source_has_none_is_not_checked(check):
    assert check("numbers", "保存", "Save") == []


# ---- placeholders


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("已删除 %d 个文件", "Deleted %d files"),
        ("%1$s 给 %2$s 发了消息", "%2$s got a message from %1$s"),
        ("%(name)s 已登录", "%(name)s signed in"),
        ("占 50%% 空间", "50%% of the space"),
        ("打五折", "50% off"),  # a space flag is not read: no placeholder
        ("你好，{name}，你有 {0} 条消息", "Hello {name}, you have {0} messages"),
        ("{{user}} 已加入", "{{user}} joined"),
        ("<b>注意</b>：<br/>请保存", "<b>Note</b>:<br/>please save"),
        ("见 https://example.com/a?b=1。", "See https://example.com/a?b=1."),
        ("联系 support@example.com", "Write to support@example.com"),
    ],
)
def test_placeholders_preserved(check, source, target):
    assert check("placeholders", source, target) == []


def test_a_changed_printf_placeholder(check):
    found = check("placeholders", "已删除 %d 个文件", "Deleted %s files")
    assert found == [
        (11, 27, "Deleted %s files", 'printf placeholder "%d" is missing from the target'),
        (19, 21, "%s", 'printf placeholder "%s" is not in the source'),
    ]


def test_numbered_and_named_printf_placeholders(check):
    found = check("placeholders", "%1$d 项", "%d items", message="{what}: {placeholder}")
    assert found == [
        (7, 9, "%d", "printf placeholder: %d"),
        (7, 15, "%d items", "printf placeholder: %1$d"),
    ]
    found = check("placeholders", "%(count)d 项", "%(cnt)d items", message="{placeholder}")
    assert [f[3] for f in found] == ["%(cnt)d", "%(count)d"]


def test_brace_placeholders(check):
    found = check("placeholders", "你好，{name}！", "Hello, {{name}}!", message="{match}")
    assert found == [(11, 27, "Hello, {{name}}!", "{name}"), (18, 26, "{{name}}", "{{name}}")]
    found = check("placeholders", "第 {0} 页", "Page {1}", message="{match}")
    assert [f[3] for f in found] == ["{0}", "{1}"]


def test_a_lost_tag_and_a_changed_url_and_address(check):
    found = check("placeholders", "<b>注意</b>", "<b>Note", message="{what} {match}")
    assert found == [(10, 17, "<b>Note", "tag </b>")]
    found = check("placeholders", "访问 https://example.com/help", "Visit https://example.com/hlep")
    assert [f[3] for f in found] == [
        'URL "https://example.com/help" is missing from the target',
        'URL "https://example.com/hlep" is not in the source',
    ]
    found = check("placeholders", "写信给 a@example.com", "Write to b@example.com")
    assert [f[2] for f in found] == ["Write to b@example.com", "b@example.com"]


def test_plural_forms_are_compared_together(check):
    # msgid "One file" / msgid_plural "%d files": the forms may have %d
    assert check("placeholders", "One file", "%d файл", "%d файла", "%d файлов") == []
    found = check("placeholders", "%d 个文件", "file", "files", message="{match}")
    assert found == [(7, 11, "file", "%d")]


# ---- accelerators


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("文件(&F)", "&File"),
        ("文件(&F)", "Fi&le"),  # any letter
        ("另存为(_A)…", "Save _As…"),
        ("研发与测试", "R&D &amp; testing"),
        ("A && B", "A && B"),
        ("见 file_name", "See file_name"),
        ("访问 https://example.com/?a=1&b=2", "Visit https://example.com/?a=1&b=2"),
        ("保存", "Save"),
    ],
)
def test_accelerators_that_match(check, source, target):
    assert check("accelerators", source, target) == []


def test_a_missing_accelerator_is_reported_on_the_whole_target(check):
    found = check("accelerators", "文件(&F)", "File", message="{accelerator}: {reason}")
    assert found == [(7, 11, "File", '&F: the source has the accelerator "&F", the target none')]


def test_an_extra_accelerator_is_reported_at_its_span(check):
    assert check("accelerators", "保存", "_Save", message="{match}") == [(3, 5, "_S", "_S")]
    assert check("accelerators", "另存为", "Save &As", message="{match}") == [(9, 11, "&A", "&A")]


# ---- punctuation


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("保存完成。", "Saved.", "en"),
        ("确定要删除吗？", "Delete it?", "en"),
        ("提示：", "Tip:", "en"),
        ("太好了！", "Great!", "en"),
        ("请稍候……", "Please wait...", "en"),
        ("请稍候…", "Please wait…", "en"),
        ("保存（测试版）", "Save (beta)", "en"),
        ("他说：“好。”", 'He said: "OK."', "en"),
        ("Saved.", "保存完成。", "zh_CN"),
        ("Saved.", "保存完成.", "zh_CN"),
        ("  缩进\n", "  Indented\n", "en"),
        ("保存", "Save", "en"),
    ],
)
def test_punctuation_that_matches(check, source, target, language):
    assert check("punctuation", source, target, language=language) == []


def test_a_cjk_end_mark_in_an_english_target_is_fixed(findings):
    doc, found = findings("punctuation", "保存完成。", "Saved。", extra="fix: '{suggestion}'\n")
    assert [(f.start, f.end, f.text, f.message) for f in found] == [
        (11, 12, "。", 'the end punctuation "。" is CJK; write "."')
    ]
    assert apply_fixes(doc.text, found) == "保存完成。\nSaved.\n"


@pytest.mark.parametrize(
    ("source", "target", "fixed"),
    [
        ("请稍候……", "Please wait……", "Please wait..."),
        ("保存（测试版）", "Save (beta）", "Save (beta)"),
        ("确定？", "OK？", "OK?"),
        ("提示：", "Tip：", "Tip:"),
    ],
)
def test_cjk_end_marks_map_to_latin(findings, source, target, fixed):
    doc, found = findings("punctuation", source, target, extra="fix: '{suggestion}'\n")
    assert len(found) == 1
    assert apply_fixes(doc.text, found) == f"{source}\n{fixed}\n"


def test_a_cjk_mark_in_an_unknown_language_is_fixed_only_in_a_latin_text(findings):
    _, found = findings(
        "punctuation", "完成。", "Done。", language="und", extra="fix: '{suggestion}'\n"
    )
    assert [(f.text, [e.replacement for e in f.fix.edits]) for f in found] == [("。", ["."])]
    _, found = findings(
        "punctuation", "Done.", "完成。", language="und", extra="fix: '{suggestion}'\n"
    )
    assert found == []


def test_a_different_end_mark_is_suggested_not_fixed(findings):
    _, found = findings("punctuation", "完成！", "Done.", extra="fix: '{suggestion}'\n")
    assert [(f.start, f.end, f.text, f.message) for f in found] == [
        (8, 9, ".", 'the source ends with "！", the target with "."')
    ]
    assert found[0].suggestions == ("!",)
    assert found[0].fix is None


def test_a_chinese_target_is_expected_to_end_with_chinese_marks(findings):
    _, found = findings("punctuation", "Done!", "完成。", language="zh", message="{expected}")
    assert [(f.text, f.message, f.suggestions) for f in found] == [("。", "！", ("！",))]


def test_missing_and_extra_end_punctuation(check):
    assert check("punctuation", "完成！", "Done") == [
        (7, 8, "e", 'the source ends with "！", the target without end punctuation')
    ]
    assert check("punctuation", "完成", "Done:") == [
        (7, 8, ":", 'the target ends with ":", the source without end punctuation')
    ]


def test_a_full_stop_on_one_side_only_is_optional_unless_configured(check, findings):
    assert check("punctuation", "完成。", "Done") == []
    assert check("punctuation", "点击地图开始导航", "Tap the map to start navigation.") == []
    strict = "optional_full_stop: false\n"
    assert check("punctuation", "完成。", "Done", extra=strict) == [
        (7, 8, "e", 'the source ends with "。", the target without end punctuation')
    ]
    assert check("punctuation", "完成", "Done.", extra=strict) == [
        (7, 8, ".", 'the target ends with ".", the source without end punctuation')
    ]
    # a CJK full stop in an English target is still CJK
    doc, found = findings("punctuation", "完成", "Done。", extra="fix: '{suggestion}'\n")
    assert apply_fixes(doc.text, found) == "完成\nDone.\n"


def test_leading_and_trailing_white_space_is_fixed_to_the_source(findings):
    doc, found = findings("punctuation", "完成\n", " Done", extra="fix: '{suggestion}'\n")
    assert [(f.start, f.end, f.text, f.message) for f in found] == [
        (4, 5, " ", 'the source starts with no white space, the target with white space " "'),
        (8, 9, "e", 'the source ends with white space "\\n", the target with no white space'),
    ]
    assert apply_fixes(doc.text, found) == "完成\n\nDone\n\n"


def test_fixes_in_an_escaped_string_are_escaped(tmp_path):
    # A PO-like target "Done" whose original is quoted: the fix writes \n, escaped.
    rule = make_rule(tmp_path, "punctuation", extra="fix: '{suggestion}'\n")
    text = 'msgid "完成\\n"\nmsgstr "Done"\n'
    source = mapped([("完成", 7, 9), ("\n", 9, 11)])
    target = mapped([("Done", 21, 25)])
    target = target._replace(origin=tuple(range(21, 26)))
    unit = TranslationUnit("完成\n", source, (target,), "zh", "en", 1, 21)
    doc = Document("a.po", text, (target,), units=(unit,), escape=lambda s: s.replace("\n", "\\n"))
    found, _ = lint_document(doc, [rule])
    assert [(f.start, f.end, f.text) for f in found] == [(24, 25, "e")]
    assert apply_fixes(text, found) == 'msgid "完成\\n"\nmsgstr "Done\\n"\n'


# ---- length ratio


def test_a_short_target_is_an_outlier(check):
    found = check("length-ratio", "请在设置页面中选择您的默认语言", "Language")
    assert found == [
        (16, 24, "Language", "the target is 0.21 times as long as the source (at least 0.3)")
    ]


def test_a_long_target_is_an_outlier(check):
    source = "请选择语言设置"  # 7 characters: 17.5
    target = "Please choose the language you would like to use for every screen of the app"
    found = check("length-ratio", source, target, extra="min_length: 10\n", message="{ratio}")
    assert found == [(8, 8 + len(target), target, "3.54")]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("请在设置页面中选择您的默认语言", "Choose your default language on the settings page"),
        ("确定", "OK"),  # under min_length
        ("Choose your default language on the settings page", "请在设置页面中选择您的默认语言"),
        (
            "请在设置页面中选择您的默认语言 <b>https://example.com/a/very/long/path</b>",
            "Choose a language <b>https://example.com/a/very/long/path</b>",
        ),
    ],
)
def test_lengths_in_range(check, source, target):
    assert check("length-ratio", source, target) == []


def test_the_bounds_and_the_weight_are_configurable(check):
    extra = "min_ratio: 0.5\nmax_ratio: 2\nmin_length: 4\ncjk_weight: 1\n"
    found = check(
        "length-ratio", "保存文件", "Save the file", extra=extra, message="{ratio} {max_ratio}"
    )
    assert found == [(5, 18, "Save the file", "2.75 2")]


# ---- the rule's YAML


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("min_ratio: 0.5\n", "'min_ratio' is a key of the check 'length-ratio'"),
        ("fix: '{match}'\n", "the check 'numbers' has no fix"),
        ("unless: x\n", "a bilingual rule cannot have 'unless'"),
        ("optional_full_stop: false\n", "'optional_full_stop' is a key of the check 'punctuation'"),
    ],
)
def test_keys_a_check_does_not_take(tmp_path, extra, message):
    with pytest.raises(RuleModuleError) as error:
        make_rule(tmp_path, "numbers", extra=extra)
    assert message in error.value.problems[0]


def test_unknown_check_and_placeholder_and_bad_bounds(tmp_path):
    with pytest.raises(RuleModuleError) as error:
        make_rule(tmp_path, "spelling")
    assert "unknown check 'spelling' (known: accelerators, length-ratio" in error.value.problems[0]
    with pytest.raises(RuleModuleError) as error:
        make_rule(tmp_path, "numbers", message="{placeholder}")
    assert "unknown placeholder '{placeholder}'" in error.value.problems[0]
    with pytest.raises(RuleModuleError) as error:
        make_rule(tmp_path, "length-ratio", extra="min_ratio: 3\nmax_ratio: 2\n")
    assert "'min_ratio' must be less than 'max_ratio'" in error.value.problems[0]


def test_a_plain_text_has_no_units_and_no_bilingual_findings(tmp_path):
    rule = make_rule(tmp_path, "untranslated")
    found, _ = lint_document(Document("a.txt", "保存文件", (Segment(0, "保存文件"),)), [rule])
    assert found == []


def test_the_module_examples_pass_as_po_files(monkeypatch):
    """What `txtlint test-rules` does with the module, with the PO adapter named
    directly (whether or not it is registered for `.po` yet)."""
    po = pytest.importorskip("lint.formats.po")
    from lint import formats
    from lint.selftest import failures

    parse = formats.parse
    monkeypatch.setattr(
        formats,
        "parse",
        lambda path, text, name=None: (
            po.parse(path, text) if path.endswith(".po") else parse(path, text, name)
        ),
    )
    module = load_module(ROOT / "rules" / "bilingual.yaml")
    assert [rule.id for rule in module.rules] == [f"bilingual.{check}" for check in CHECKS]
    assert [line for rule in module.rules for _, line in failures(rule)] == []


# ---- any text


_PIECES = st.sampled_from(
    ["保存", "文件", "ファイル", "파일", "файл", "Save", " ", "\n", "。", "！", "？", "：", "）",
     "(", ".", "!", "...", "……", "1,500", "30万", "1.2亿", "３", "three", "三", "%d", "%%",
     "%1$s", "{0}", "{{x}}", "<b>", "</b>", "https://a.example/x?a=1&b=2", "a@b.example",
     "&F", "_A", "&&", "&amp;", "R&D", "0.3 million", "千米", "\u3000"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=8).map("".join)


CHECKS = (
    "untranslated",
    "source-script-leak",
    "numbers",
    "placeholders",
    "accelerators",
    "punctuation",
    "length-ratio",
)


@pytest.fixture(scope="module")
def every_check(tmp_path_factory):
    rules = []
    for name in CHECKS:
        extra = "fix: '{suggestion}'\n" if name == "punctuation" else ""
        rules.append(make_rule(tmp_path_factory.mktemp(name), name, extra=extra))
    return rules


@settings(max_examples=300, deadline=None)
@given(source=_TEXTS, target=_TEXTS, language=st.sampled_from(["en", "zh_CN", "ja", "und"]))
def test_every_check_reports_inside_the_target_and_fixes_only_it(
    every_check, source, target, language
):
    doc = document(source, target, language=language)
    begin, end = len(source) + 1, len(source) + 1 + len(target)
    for rule in every_check:
        found, errors = lint_document(doc, [rule])
        assert errors == []
        for finding in found:
            assert begin <= finding.start <= finding.end <= end, (rule.id, finding)
        assert apply_fixes(doc.text, found).startswith(source + "\n")


def test_a_trailing_accelerator_is_not_end_punctuation(check):
    assert check("punctuation", "文件(&F)", "&File") == []


def test_no_white_space_fix_next_to_markup_left_out_of_the_text():
    import lint

    text = (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh-CN" '
        'target-language="en" datatype="plaintext" original="x"><body>\n'
        '<trans-unit id="1"><source>打开<x id="1"/>文件</source>'
        '<target>Open the <x id="1"/> file <ph id="2">x</ph></target></trans-unit>\n'
        "</body></file></xliff>\n"
    )
    rules = lint.load_rules(selected=["bilingual.punctuation"])
    [finding] = lint.check_text(text, "w.xlf", rules=rules)
    assert (finding.text, finding.fix) == (" ", None)
