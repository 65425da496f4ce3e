"""The zh→en rule pack: calques, slang, idioms, names and pinyin, as data with sources."""

from __future__ import annotations

import pytest

import lint
from lint.kinds.lexicon import LexiconChecker
from tests.helpers import brief, run_cli

PACK = ("zh-en.calque", "zh-en.idiom", "zh-en.names", "zh-en.pinyin")


def pack_rules():
    return [r for r in lint.load_rules() if r.module in PACK]


def lexicon_entries():
    for rule in pack_rules():
        if isinstance(rule.checker, LexiconChecker):
            for entry in dict.fromkeys(rule.checker.lookup.values()):
                yield rule, entry


def test_every_module_of_the_pack_is_loaded():
    assert {rule.module for rule in pack_rules()} == set(PACK)


def test_at_least_200_entries_each_with_source_suggestion_and_reference():
    entries = list(lexicon_entries())
    assert len(entries) >= 200
    missing = [
        (rule.id, entry.wrong[0])
        for rule, entry in entries
        if not (entry.source and entry.right and entry.refs)
    ]
    assert missing == []


def test_idioms_credit_petci():
    idioms = [entry for rule, entry in lexicon_entries() if rule.module == "zh-en.idiom"]
    assert len(idioms) >= 150
    assert all(any("PETCI" in ref or "petci" in ref for ref in e.refs) for e in idioms)


def findings(text: str, select: str = "zh-en") -> list:
    return lint.check_text(text, "t.txt", rules=lint.load_rules(selected=[select]))


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Science and Technology published a plan.",
        "She studied at a university of science and technology.",
        "Science and technology policy changed in 2019.",
        "The Hong Kong University of Science and Technology products fair.",
    ],
)
def test_keji_antipatterns_stay_silent(text):
    assert findings(text, "zh-en.calque") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He gave such science and technology as a gift.", "such science and technology"),
        ("This science and technology product is cheap.", "This science and technology product"),
    ],
)
def test_keji_slang_is_found(text, found):
    start = text.index(found)
    assert [(f.start, f.end, f.text) for f in findings(text, "zh-en.calque")][:1] == [
        (start, start + len(found), found)
    ]


def test_sentence_end_quotes_line_break_and_capitalisation():
    text = (
        "My uncle has the three highs.\n"
        '"THREE HIGHS" is a phrase.\n'
        "They want to play the piano to the\n"
        'cow again, as in "One board and three eyes".\n'
    )
    run = run_cli("--format", "json", "--select", "zh-en", "-", stdin=text)
    assert [brief(f) for f in run.json["findings"]] == [
        ("zh-en.calque.literal-calques", 1, 18, 1, 29, "three highs"),
        ("zh-en.calque.literal-calques", 2, 2, 2, 13, "THREE HIGHS"),
        ("zh-en.idiom.literal-idioms", 3, 14, 4, 4, "play the piano to the\ncow"),
        ("zh-en.idiom.literal-idioms", 4, 19, 4, 43, "One board and three eyes"),
    ]


def test_a_brand_that_is_a_common_word_needs_context():
    assert findings("Millet porridge is cheap; a red flag for investors.", "zh-en.names") == []
    (finding,) = findings("I bought a Millet phone.", "zh-en.names")
    assert (finding.rule, finding.start, finding.end, finding.text) == (
        "zh-en.names.literal-names",
        11,
        17,
        "Millet",
    )
    assert finding.suggestions[0] == "Xiaomi"


def test_official_pinyin_names_are_not_flagged():
    text = "Huawei, Xiaomi, Weibo, Baidu, Alibaba and Meituan reported earnings."
    assert findings(text) == []


def test_pinyin_name_gets_the_official_name_as_a_safe_fix():
    (finding,) = findings("He studied at Qinghua University.", "zh-en.names")
    assert finding.suggestions[0] == "Tsinghua University"
    assert finding.fix.applicability.value == "safe"
