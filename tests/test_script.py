"""Untranslated fragments and foreign-script leaks: the `script` kind and its modules."""

from __future__ import annotations

import pytest

import lint
from lint.model import Settings
from tests.helpers import brief, run_cli


def findings(text: str, select: str = "untranslated", **settings) -> list:
    rules = lint.load_rules(selected=[select])
    return lint.check_text(text, "t.txt", rules=rules, settings=Settings(**settings))


def spans(found) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.start, f.end, f.text) for f in found]


# --- detect -----------------------------------------------------------------


def test_chinese_glued_to_latin_is_one_finding_covering_only_the_han():
    (finding,) = findings("Check the整车 (whole vehicle) price first.")
    assert (finding.rule, finding.start, finding.end, finding.text) == (
        "untranslated.cjk-text",
        9,
        11,
        "整车",
    )
    assert finding.suggestions[0] == "whole vehicle"
    assert finding.fix.applicability.value == "unsafe"
    (edit,) = finding.fix.edits
    assert (edit.start, edit.end, edit.replacement) == (9, 27, " whole vehicle")


def test_runs_are_named_by_their_letters():
    texts = ["Tap iPhone手机 now.", "Then ボタン and 東京タワー.", "And 설정 too."]
    found = [f for text in texts for f in findings(text)]
    assert [(f.start, f.end, f.text, f.message.split(" text")[0]) for f in found] == [
        (10, 12, "手机", "Chinese"),
        (5, 8, "ボタン", "Japanese"),
        (13, 18, "東京タワー", "Japanese"),
        (4, 6, "설정", "Korean"),
    ]


def test_chinese_is_segmented_and_glossed_word_by_word():
    (finding,) = findings("The 整车价格 is low.")
    assert (finding.rule, finding.start, finding.end, finding.text) == (
        "untranslated.cjk-text",
        4,
        8,
        "整车价格",
    )
    assert finding.message == (
        'Chinese text left untranslated: "整车价格" (整车 / 价格 = complete vehicle / price).'
    )
    assert finding.suggestions == ("complete vehicle price",)


def test_glossary_terms_are_not_split_by_jieba():
    (finding,) = findings("A 黑科技产品 again.")
    assert (finding.start, finding.end, finding.text) == (2, 7, "黑科技产品")
    assert "(黑科技 / 产品 = cutting-edge technology / " in finding.message


def test_a_mostly_japanese_text_is_named_japanese():
    run = run_cli("--format", "json", "-", stdin="このボタンを三秒間押してください。OK")
    (finding,) = run.json["findings"]
    assert brief(finding) == (
        "language.not-checked",
        1,
        1,
        1,
        17,
        "このボタンを三秒間押してください",
    )
    assert finding["message"].startswith("this text is mostly Japanese (")


def test_glossary_term_is_suggested_for_the_whole_run():
    (finding,) = findings("It is full of 黑科技.")
    assert (finding.start, finding.end, finding.text) == (14, 17, "黑科技")
    assert finding.suggestions[0] == "cutting-edge technology"
    (edit,) = finding.fix.edits
    assert (edit.start, edit.end, edit.replacement) == (14, 17, "cutting-edge technology")


def test_punctuation_between_han_belongs_to_the_run():
    found = findings("He wrote 整车，价格 here.")
    assert spans(found) == [("untranslated.cjk-text", 9, 14, "整车，价格")]


def test_cjk_punctuation_and_forms_are_fixed_to_ascii():
    text = "Press 【Up/Down】，then ＯＫ。Area 120㎡."
    found = findings(text, select="untranslated.cjk-punctuation")
    assert [(f.rule, f.start, f.end, f.text, f.suggestions[0]) for f in found] == [
        ("untranslated.cjk-punctuation", 6, 7, "【", "["),
        ("untranslated.cjk-punctuation", 14, 16, "】，", "], "),
        ("untranslated.cjk-punctuation", 21, 24, "ＯＫ。", "OK. "),
        ("untranslated.cjk-punctuation", 32, 33, "㎡", "m²"),
    ]
    assert all(f.fix.applicability.value == "safe" for f in found)


def test_fullwidth_parentheses_keep_the_run_inside_reported_separately():
    found = findings("See（文件）here.")
    assert [brief_span for brief_span in spans(found)] == [
        ("untranslated.cjk-punctuation", 3, 4, "（"),
        ("untranslated.cjk-text", 4, 6, "文件"),
        ("untranslated.cjk-punctuation", 6, 7, "）"),
    ]


def test_lookalike_letters_get_the_intended_word():
    found = findings("Log in to pаypal or Ρython.", select="quality.lookalike-letters")
    assert [(f.start, f.end, f.text, f.suggestions, f.fix.applicability.value) for f in found] == [
        (10, 16, "pаypal", ("paypal",), "safe"),
        (20, 26, "Ρython", ("Python",), "safe"),
    ]
    assert "а (U+0430 CYRILLIC SMALL LETTER A)" in found[0].message


def test_cyrillic_words_through_the_same_kind():
    found = findings("He said Привет and pаypal.", select="ru-en")
    assert spans(found) == [("ru-en.cyrillic-text", 8, 14, "Привет")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zero\u200bwidth", ("quality.invisible-character", 4, 5, "\u200b")),
        ("a\u200db", ("quality.invisible-character", 1, 2, "\u200d")),
        ("mid\ufeffway", ("quality.invisible-character", 3, 4, "\ufeff")),
        ("price \u202e001", ("quality.bidi-control", 6, 7, "\u202e")),
        ("trans\u00adlation", ("quality.soft-hyphen", 0, 12, "trans\u00adlation")),
    ],
)
def test_invisible_and_bidi_characters(text, expected):
    assert spans(findings(text, select="quality")) == [expected]


def test_bidi_controls_are_errors_and_emoji_joiners_are_fine():
    (finding,) = findings("a \u202eb", select="quality.bidi-control")
    assert finding.severity.label == "error"
    isolates = findings("price \u2067x\u2069", select="quality.bidi-control")
    assert spans(isolates) == [
        ("quality.bidi-control", 6, 7, "\u2067"),
        ("quality.bidi-control", 8, 9, "\u2069"),
    ]
    assert findings("Dev 👩\u200d💻 here", select="quality") == []


# --- stay silent ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lu Xun (鲁迅) wrote it.",
        "Tsinghua University (清华大学) is in Beijing.",
        "Tsinghua University — 清华大学",
        "Lu Xun (鲁迅, 1881–1936) wrote it.",
        "The word “科技” means technology.",
        'The term "内卷" is popular.',
        "Set `语言=中文` in the file.",
        "See https://example.com/搜索?q=整车 for more.",
    ],
)
def test_glosses_quoted_terms_code_and_urls_stay_silent(text):
    assert findings(text) == []


def test_quoted_terms_can_be_reported_when_configured(tmp_path):
    module = tmp_path / "strict.yaml"
    module.write_text(
        "module: strict\ndescription: d\ncategory: untranslated\nrules:\n"
        "  - id: cjk\n    kind: script\n    message: '{language}: {match}'\n"
        "    scripts: [Han]\n    allow_quoted: false\n"
        "    examples:\n      bad: ['the word “科技”']\n",
        encoding="utf-8",
    )
    rules = lint.load_rules([module], selected=["strict"])
    (finding,) = lint.check_text("The word “科技” means it.", rules=rules)
    assert (finding.start, finding.end, finding.message) == (10, 12, "Han: 科技")


def test_allowed_terms_are_never_reported(tmp_path):
    assert findings("Visit 北京 and 上海.", allow=frozenset({"北京"}))[0].text == "上海"
    allow_file = tmp_path / "allow.yaml"
    allow_file.write_text("- 北京\n- 上海\n", encoding="utf-8")
    run = run_cli("--format", "json", "--allow-file", str(allow_file), "-",
                  stdin="Visit 北京 and 上海.")  # fmt: skip
    assert run.json["findings"] == []
    run = run_cli("--format", "json", "--allow", "北京,上海", "-", stdin="Visit 北京 and 上海.")
    assert run.json["findings"] == []


def test_bad_allow_file_is_a_one_line_error(tmp_path):
    allow_file = tmp_path / "allow.yaml"
    allow_file.write_text("- 北京\n- [x]\n", encoding="utf-8")
    run = run_cli("--allow-file", str(allow_file), "-", stdin="x")
    assert run.code == 2
    assert run.err == f"txtlint: error: {allow_file}:2: each allowed term must be non-empty text\n"


def test_mostly_chinese_text_gets_one_info_finding():
    text = "这是一篇中文文章，价格很低。整车质量很好，三高人群也可以使用。OK"
    run = run_cli("--format", "json", "-", stdin=text)
    assert [brief(f) for f in run.json["findings"]] == [
        ("language.not-checked", 1, 1, 1, 9, "这是一篇中文文章"),
    ]
    assert run.json["findings"][0]["message"].startswith(
        "this text is mostly Chinese (82% of its characters)"
    )
    assert run.json["findings"][0]["severity"] == "info"
    assert run.code == 0


def test_cjk_share_threshold_is_configurable():
    text = "整车价格 is the price."
    assert [f.rule for f in findings(text, select="untranslated.cjk-text")] == [
        "untranslated.cjk-text"
    ]
    run = run_cli("--format", "json", "--cjk-share", "0.1", "-", stdin=text)
    assert [f["rule"] for f in run.json["findings"]] == ["language.not-checked"]


def test_english_only_text_never_imports_jieba_but_chinese_does():
    import subprocess
    import sys

    code = (
        "import sys, lint\n"
        "lint.check_text('The three highs, plain English.')\n"
        "print('jieba' in sys.modules)\n"
        "lint.check_text('The 整车价格 is low.')\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
    assert "Building prefix dict" not in out.stderr


def test_kanji_in_a_text_with_kana_are_named_japanese():
    found = findings("Press the ボタン, then open 設定 and 設定画面.")
    assert [(f.text, f.message.split(" text")[0]) for f in found] == [
        ("ボタン", "Japanese"),
        ("設定", "Japanese"),
        ("設定画面", "Japanese"),
    ]
    (alone,) = findings("Then open 設定 again.")
    assert alone.message.startswith("Chinese text")
