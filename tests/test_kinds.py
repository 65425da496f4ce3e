"""The pattern and lexicon kinds: exact spans, word boundaries, unless, case, fixes."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lint
from lint.kinds.lexicon import trie_regex
from lint.rulebook import load_module


@pytest.fixture
def rules(tmp_path):
    def make(rule_yaml: str):
        path = tmp_path / "m.yaml"
        body = "module: t\ndescription: d\ncategory: c\nrules:\n" + textwrap.indent(
            textwrap.dedent(rule_yaml), "  "
        )
        path.write_text(body, encoding="utf-8")
        return load_module(path).rules

    return make


def spans(findings):
    return [(f.rule, f.start, f.end, f.text) for f in findings]


LEXICON = """\
- id: lex
  kind: lexicon
  message: '"{match}" renders {source}; write "{suggestion}".'
  fix: '{suggestion}'
  entries:
    - {wrong: three highs, right: hypertension, source: 三高}
    - {wrong: black technology, right: [cutting-edge technology, gadgetry], source: 黑科技}
    - {wrong: 整车, right: complete vehicle}
  examples:
    bad:
      - {text: the three highs, fix: the hypertension}
"""


def test_lexicon_matches_at_sentence_end_and_in_quotes(rules):
    found = lint.check_text('He has "three highs". Mine: three highs.', rules=rules(LEXICON))
    assert spans(found) == [("t.lex", 8, 19, "three highs"), ("t.lex", 28, 39, "three highs")]


def test_lexicon_matches_across_a_line_break_and_any_case(rules):
    found = lint.check_text("Full of BLACK\n  Technology here", rules=rules(LEXICON))
    assert spans(found) == [("t.lex", 8, 26, "BLACK\n  Technology")]
    assert found[0].suggestions == ("Cutting-edge technology", "Gadgetry")


def test_lexicon_requires_whole_words_but_not_at_cjk_seams(rules):
    text = "threehighs three highsx the整车 price iPhone整车"
    found = lint.check_text(text, rules=rules(LEXICON))
    assert spans(found) == [("t.lex", 27, 29, "整车"), ("t.lex", 42, 44, "整车")]


def test_lexicon_message_and_fix(rules):
    (finding,) = lint.check_text("Beware the three highs.", rules=rules(LEXICON))
    assert finding.message == '"three highs" renders 三高; write "hypertension".'
    assert finding.fix.applicability.value == "safe"
    assert [(e.start, e.end, e.replacement) for e in finding.fix.edits] == [
        (11, 22, "hypertension")
    ]


def test_lexicon_with_several_suggestions_gets_an_unsafe_fix(rules):
    (finding,) = lint.check_text("black technology", rules=rules(LEXICON))
    assert finding.fix.applicability.value == "unsafe"
    assert finding.fix.edits[0].replacement == "cutting-edge technology"


def test_lexicon_longest_entry_wins():
    source = trie_regex(["black", "black technology", "blue"])
    import re

    assert re.match(source, "black technology").group() == "black technology"
    assert re.match(source, "black tea").group() == "black"


PATTERN = r"""
- id: keji
  kind: pattern
  message: '"{match}" renders 科技; write "{1} {2}".'
  pattern: '\b(this|the)\s+science\s+and\s+technology\s+(products?)\b'
  unless: ['\bministry\s+of\s+science\s+and\s+technology\b']
  fix: '{1} {2}'
  examples:
    bad:
      - {text: this science and technology product, fix: this product}
"""


def test_pattern_groups_in_message_and_fix(rules):
    (finding,) = lint.check_text("Buy This science and technology product!", rules=rules(PATTERN))
    assert (finding.start, finding.end) == (4, 39)
    assert (
        finding.message
        == '"This science and technology product" renders 科技; write "This product".'
    )
    assert finding.fix.edits[0].replacement == "This product"


def test_pattern_unless_suppresses_overlapping_matches_only(rules):
    text = (
        "the Ministry of Science and Technology products list. the science and technology products"
    )
    found = lint.check_text(text, rules=rules(PATTERN))
    assert spans(found) == [("t.keji", 54, 89, "the science and technology products")]


def test_pattern_word_boundary_separates_latin_from_cjk(rules):
    rule = r"""
- id: zc
  kind: pattern
  message: '{match}'
  pattern: '\b整车\b'
  examples:
    bad: [the整车 price]
"""
    (finding,) = lint.check_text("the整车 (whole vehicle) price", rules=rules(rule))
    assert (finding.start, finding.end, finding.text) == (3, 5, "整车")


def test_pattern_case_sensitive_option(rules):
    rule = r"""
- id: rmb
  kind: pattern
  message: '{match}'
  case_sensitive: true
  pattern: '\bRmb\b'
  examples:
    bad: [100 Rmb]
"""
    assert spans(lint.check_text("100 RMB, 100 rmb, 100 Rmb", rules=rules(rule))) == [
        ("t.rmb", 22, 25, "Rmb")
    ]


def test_catastrophic_pattern_is_stopped_and_reported(rules, monkeypatch):
    rule = r"""
- id: slow
  kind: pattern
  message: '{match}'
  pattern: '(?:a|a)+$'
  examples:
    bad: [a]
"""
    monkeypatch.setattr("lint.regexes.SECONDS_PER_MB", 0.0)
    monkeypatch.setattr("lint.regexes.BASE_SECONDS", 0.2)
    with pytest.raises(TimeoutError, match=r"rule 't\.slow' .* ran too long"):
        lint.check_text("a" * 40 + "!", rules=rules(rule))


def test_a_combining_mark_is_part_of_the_word(rules):
    assert lint.check_text("three highś and three highs\u0301", rules=rules(LEXICON)) == []


def test_pattern_message_can_quote_the_suggestion(rules):
    rule = r"""
- id: s
  kind: pattern
  message: 'write "{suggestion}"'
  pattern: '\bcolour\b'
  fix: color
  examples:
    bad:
      - {text: colour, fix: color}
"""
    (finding,) = lint.check_text("A Colour.", rules=rules(rule))
    assert finding.message == 'write "Color"'


def test_lexicon_treats_curly_and_straight_apostrophes_alike(rules):
    rule = """
- id: ap
  kind: lexicon
  message: '{match}'
  entries:
    - {wrong: "don't panic", right: stay calm}
  examples:
    bad: ["don't panic"]
"""
    found = lint.check_text("Don’t panic. DON'T PANIC.", rules=rules(rule))
    assert spans(found) == [("t.ap", 0, 11, "Don’t panic"), ("t.ap", 13, 24, "DON'T PANIC")]


def test_match_case_capitalises_but_keeps_deliberate_case():
    from lint.template import match_case

    assert match_case("Three highs", "hypertension") == "Hypertension"
    assert match_case("Aiqiyi", "iQIYI") == "iQIYI"
    assert match_case("three highs", "hypertension") == "hypertension"


PHRASES = ["three highs", "three high", "black technology", "black", "a b", "b c d", "整车"]


@given(
    st.lists(
        st.sampled_from(["three", "high", "highs", "black", "technology", "a", "b", "c", "d",
                         "整", "车", " ", "  ", "\n", ",", "x", "’"]),
        max_size=30,
    ).map("".join)
)  # fmt: skip
def test_the_trie_walk_finds_exactly_what_the_expression_finds(text):
    import re

    from lint.kinds.lexicon import _trie, trie_regex, walk

    phrases = sorted(PHRASES)
    expected = [m.span() for m in re.finditer(trie_regex(phrases), text)]
    assert [m.span() for m in walk(text, _trie(tuple(phrases)))] == expected


def test_short_and_long_texts_give_the_same_findings(rules, monkeypatch):
    text = "The three highs and black\ntechnology, the整车 price. " * 3
    short = spans(lint.check_text(text, rules=rules(LEXICON)))
    monkeypatch.setattr("lint.kinds.lexicon.WALK_LIMIT", 0)
    assert spans(lint.check_text(text, rules=rules(LEXICON))) == short
    assert len(short) == 9


def test_a_table_is_compiled_once_many_short_texts_add_up(rules, monkeypatch):
    from lint.kinds import lexicon

    monkeypatch.setattr(lexicon, "_compiled", {})
    monkeypatch.setattr(lexicon, "_walked", {})
    monkeypatch.setattr(lexicon, "WALK_LIMIT", 100)
    table = rules(LEXICON)
    text = "The three highs and black technology. "  # 38 characters
    found = [spans(lint.check_text(text, rules=table)) for _ in range(4)]
    assert found == [[("t.lex", 4, 15, "three highs"), ("t.lex", 20, 36, "black technology")]] * 4
    # the first two texts were walked (76 characters); the third would pass the limit
    assert list(lexicon._walked.values()) == [76]
    assert len(lexicon._compiled) == 1


def test_required_literals_let_a_pattern_skip_text_it_cannot_match():
    from lint.regexes import required_literals

    assert required_literals(r"\bsuch\s+science\s+and\s+technology\b") == ("technology",)
    assert required_literals(r"<unk>|▁+|@@(?= )") == ("<unk>", "▁", "@@")
    assert required_literals(r"\b(\p{L})\1") == ()  # not plain `re` syntax: no shortcut
    assert required_literals(r"[a-z]+|foo") == (*"abcdefghijklmnopqrstuvwxyz", "foo")
    assert required_literals(r"\w+|foo") == ()  # one branch has no literal


def test_a_pattern_with_a_literal_still_matches_in_any_case(rules):
    rule = r"""
- id: k
  kind: pattern
  message: '{match}'
  pattern: '\bSuch\s+Science\b'
  examples:
    bad: [such science]
"""
    assert spans(lint.check_text("SUCH SCIENCE, such science", rules=rules(rule))) == [
        ("t.k", 0, 12, "SUCH SCIENCE"),
        ("t.k", 14, 26, "such science"),
    ]


def test_required_literals_see_through_properties_repeats_and_small_sets():
    from lint.regexes import required_literals

    assert required_literals(r"(?P<w>\p{L}+(?:\u00AD+\p{L}+)+)") == ("\u00ad",)
    assert required_literals(r"[\u202A-\u202C]") == ("\u202a", "\u202b", "\u202c")
    assert required_literals(r"[^\u202A]") == ()
    assert required_literals(r"\bab(?:cd|ef)") == ("ab",)
    assert required_literals(r"\b(?:xcd|yef)") == ("xcd", "yef")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"[\p{L}a]", "b"),
        (r"[[:alpha:]]+", "hello"),
        (r"(?:colour){e<=1}", "color"),
        (r"\bs\b", "ſ"),
        (r"σ", "ς"),
        (r"μ", "µ"),
        (r"ς", "Σ"),
        (r"\bsuch\s+science\b", "SUCH SCIENCE"),
    ],
)
def test_the_literal_shortcut_never_skips_a_text_the_pattern_matches(pattern, text):
    from pathlib import Path

    import regex

    from lint.kinds.pattern import build
    from lint.regexes import compile_regex

    checker = build({"pattern": pattern}, "{match}", None, Path("."))
    expected = [m.span() for m in compile_regex(pattern, "pattern", False).finditer(text)]
    assert expected, "the case must be one the pattern matches"
    assert [(hit.start, hit.end) for hit in checker.check(text)] == expected
    assert regex  # the `regex` module is what rules run on


def test_lexicon_with_dotted_capital_i_neither_crashes_nor_loses_other_matches(rules):
    found = lint.check_text("İstanbul has the three highs.", rules=rules(LEXICON))
    assert spans(found) == [("t.lex", 17, 28, "three highs")]


def test_own_gloss_is_words_only(tmp_path):
    rules = lint.load_rules(selected=["untranslated.cjk-text"])
    (finding,) = lint.check_text("It was 整车 (cost: $5) then.", rules=rules)
    assert "cost: $5" not in finding.suggestions
