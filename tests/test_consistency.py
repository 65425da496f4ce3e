"""The `consistency` kind: variants one document must not mix. The winner (preferred, or
used most, or first on a tie) is never reported; every other occurrence is, with a
`related` location at the winner's first occurrence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import lint
from lint.document import LineIndex
from lint.fixes import apply_fixes
from lint.model import DEFAULT_SETTINGS, Finding, Rule, Settings
from lint.rulebook import RuleModuleError, load_module

HEADER = "module: t\ndescription: d\ncategory: style\nrules:\n"

MAIL = """\
- id: mail
  kind: consistency
  message: '"{match}" is {variant}; the text writes "{preferred}" {count}x ({where}).'
  fix: '{write}'
  variants: [e-mail, email]
  examples:
    bad:
      - {text: 'an email, an email, an e-mail', fix: 'an email, an email, an email'}
"""

GREY = """\
- id: grey
  kind: consistency
  message: '"{match}" is {variant}; the text writes {preferred} ({where}).'
  fix: '{write}'
  prefer: British
  variants:
    - {name: British, pattern: '\\bgrey\\b', write: grey}
    - {name: American, pattern: '\\bgray\\b', write: gray}
  examples:
    bad:
      - {text: 'a gray cat', fix: 'a grey cat'}
"""

WIFI = """\
- id: wifi
  kind: consistency
  message: '{match}'
  fix: '{write}'
  case_sensitive: true
  variants: [Wi-Fi, WiFi, wifi]
  examples:
    bad:
      - {text: 'Wi-Fi and WiFi', fix: 'Wi-Fi and Wi-Fi'}
"""

NO_WRITE = """\
- id: size
  kind: consistency
  message: '{match} ({where})'
  variants:
    - {name: metric, pattern: '\\d+ ?cm\\b'}
    - {name: imperial, pattern: '\\d+ ?in\\b'}
  examples:
    bad: ['5 cm, 6 cm and 2 in']
"""


def write_module(folder: Path, rules: str) -> Path:
    path = folder / "m.yaml"
    path.write_text(HEADER + textwrap.indent(rules, "  "), encoding="utf-8")
    return path


@pytest.fixture
def module(tmp_path: Path):
    def make(rules: str) -> tuple[Rule, ...]:
        return load_module(write_module(tmp_path, rules)).rules

    return make


def rows(findings: list[Finding], text: str) -> list[tuple]:
    """(rule, line, column, text, suggestions, related (line, column, text)...)."""
    index = LineIndex.of(text)
    return [
        (
            f.rule,
            *index.position(f.start),
            f.text,
            f.suggestions,
            tuple((*index.position(r.start), text[r.start : r.end]) for r in f.related),
        )
        for f in findings
    ]


def check(
    rules: tuple[Rule, ...], text: str, settings: Settings = DEFAULT_SETTINGS
) -> list[Finding]:
    return lint.check_text(text, "t.txt", rules=rules, settings=settings)


@pytest.mark.parametrize(
    ("text", "expected", "fixed"),
    [
        # the most used wins; the fix keeps the case of the match
        (
            "E-mail us.\nSend an email, then another email.",
            [("t.mail", 1, 1, "E-mail", ("Email",), ((2, 9, "email"),))],
            "Email us.\nSend an email, then another email.",
        ),
        # a tie goes to the variant that appears first
        (
            "Send an email.\nSend an e-mail.",
            [("t.mail", 2, 9, "e-mail", ("email",), ((1, 9, "email"),))],
            "Send an email.\nSend an email.",
        ),
        (
            "Send an e-mail.\nSend an email.",
            [("t.mail", 2, 9, "email", ("e-mail",), ((1, 9, "e-mail"),))],
            "Send an e-mail.\nSend an e-mail.",
        ),
        # related is the winner's FIRST occurrence, wherever the losers are
        (
            "An email.\nAn E-MAIL.\nAn email, an e-mail.\nAn email.",
            [
                ("t.mail", 2, 4, "E-MAIL", ("Email",), ((1, 4, "email"),)),
                ("t.mail", 3, 14, "e-mail", ("email",), ((1, 4, "email"),)),
            ],
            "An email.\nAn Email.\nAn email, an email.\nAn email.",
        ),
        # variants are words: e-mails, emailing are neither
        ("Send e-mails, try emailing, then email us.", [], None),
    ],
)
def test_plain_variants(module, text: str, expected: list[tuple], fixed: str | None):
    found = check(module(MAIL), text)
    assert rows(found, text) == expected
    assert apply_fixes(text, found) == (text if fixed is None else fixed)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "E-mail us.\nSend an email, then another email.",
            '"E-mail" is e-mail; the text writes "email" 2x (line 2).',
        ),
        (
            "Send an email.\n\n\nSend an e-mail.",
            '"e-mail" is e-mail; the text writes "email" 1x (line 1).',
        ),
    ],
)
def test_message_names_the_winner_its_count_and_line(module, text: str, message: str):
    (finding,) = check(module(MAIL), text)
    assert finding.message == message
    assert finding.related[0].message == '"email" first used here'


def test_pattern_variants_with_the_module_preference(module):
    rules = module(GREY)
    text = "Gray skies, gray roads, grey cat."
    found = check(rules, text)
    assert rows(found, text) == [
        ("t.grey", 1, 1, "Gray", ("Grey",), ((1, 25, "grey"),)),
        ("t.grey", 1, 13, "gray", ("grey",), ((1, 25, "grey"),)),
    ]
    assert apply_fixes(text, found) == "Grey skies, grey roads, grey cat."
    assert found[0].message == '"Gray" is American; the text writes British (line 1).'
    assert found[0].related[0].message == '"British" first used here'


def test_a_preferred_variant_the_text_never_uses(module):
    text = "Gray skies,\ngray roads."
    found = check(module(GREY), text)
    assert rows(found, text) == [
        ("t.grey", 1, 1, "Gray", ("Grey",), ()),
        ("t.grey", 2, 1, "gray", ("grey",), ()),
    ]
    assert found[0].message == ('"Gray" is American; the text writes British (as configured).')


def test_settings_override_the_module_preference(module):
    rules = module(GREY)
    text = "Gray skies, grey roads, grey cats."
    found = check(rules, text, Settings(prefer={"t.grey": "American"}))
    assert rows(found, text) == [
        ("t.grey", 1, 13, "grey", ("gray",), ((1, 1, "Gray"),)),
        ("t.grey", 1, 25, "grey", ("gray",), ((1, 1, "Gray"),)),
    ]
    assert apply_fixes(text, found) == "Gray skies, gray roads, gray cats."


def test_a_consistent_text_is_silent_unless_a_preference_says_otherwise(module):
    rules = module(MAIL)
    assert check(rules, "An email, another email.") == []
    text = "An email, another email."
    found = check(rules, text, Settings(prefer={"t.mail": "e-mail"}))
    assert rows(found, text) == [
        ("t.mail", 1, 4, "email", ("e-mail",), ()),
        ("t.mail", 1, 19, "email", ("e-mail",), ()),
    ]


def test_case_sensitive_variants_are_fixed_as_written(module):
    text = "WiFi, Wi-Fi, wifi and Wi-Fi."
    found = check(module(WIFI), text)
    assert rows(found, text) == [
        ("t.wifi", 1, 1, "WiFi", ("Wi-Fi",), ((1, 7, "Wi-Fi"),)),
        ("t.wifi", 1, 14, "wifi", ("Wi-Fi",), ((1, 7, "Wi-Fi"),)),
    ]
    assert apply_fixes(text, found) == "Wi-Fi, Wi-Fi, Wi-Fi and Wi-Fi."
    assert check(module(WIFI), "WIFI and Wi-Fi") == []  # WIFI is no variant


def test_a_variant_without_write_has_no_fix(module):
    text = "5 cm, 6 cm and 2 in.\n3 in more."
    found = check(module(NO_WRITE), text)
    assert rows(found, text) == [
        ("t.size", 1, 16, "2 in", (), ((1, 1, "5 cm"),)),
        ("t.size", 2, 1, "3 in", (), ((1, 1, "5 cm"),)),
    ]
    assert [finding.fix for finding in found] == [None, None]
    assert [finding.message for finding in found] == ["2 in (line 1)", "3 in (line 1)"]


def test_each_file_is_its_own_document(tmp_path: Path):
    path = write_module(tmp_path, MAIL)
    rules = lint.load_rules([path], selected=["t"])
    one = tmp_path / "one.txt"
    one.write_text("Send an e-mail.\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Send an email.\nAnd an e-mail, and an email.\n", encoding="utf-8")
    report = lint.check_paths([str(one), str(two)], rules=rules)
    assert [
        (f.path, f.rule, f.start, f.end, f.text, [(r.start, r.end, r.path) for r in f.related])
        for f in report.findings
    ] == [(str(two), "t.mail", 22, 28, "e-mail", [(8, 13, None)])]


BUILTIN = [
    (
        "consistency.email",
        "Send an email, then another email, then an e-mail.",
        [("consistency.email", 1, 44, "e-mail", ("email",), ((1, 9, "email"),))],
        "Send an email, then another email, then an email.",
    ),
    (
        "consistency.wifi",
        "Connect to Wi-Fi. The Wi-Fi module and the WiFi icon.",
        [("consistency.wifi", 1, 44, "WiFi", ("Wi-Fi",), ((1, 12, "Wi-Fi"),))],
        "Connect to Wi-Fi. The Wi-Fi module and the Wi-Fi icon.",
    ),
    (
        "consistency.metre-spelling",
        "Two kilometres away,\nthen three litres, then one kilometer.",
        [("consistency.metre-spelling", 2, 29, "kilometer", (), ((1, 5, "kilometres"),))],
        None,
    ),
    (
        "consistency.metre-spelling",
        "Two kilometres away; check the parameter and the thermometer.",
        [],
        None,
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected", "fixed"), BUILTIN)
def test_builtin_consistency_rules(rule: str, text: str, expected: list, fixed: str | None):
    found = lint.check_text(text, "t.txt", rules=lint.load_rules(selected=[rule]))
    assert rows(found, text) == expected
    assert apply_fixes(text, found) == (text if fixed is None else fixed)


def test_builtin_metre_spelling_message():
    text = "Two kilometres away,\nthen three litres, then one kilometer."
    rules = lint.load_rules(selected=["consistency.metre-spelling"])
    (finding,) = lint.check_text(text, "t.txt", rules=rules)
    assert finding.message == (
        '"kilometer" is the American spelling; this text uses the British one (line 1).'
    )


# ---- problems in a module: one line each, naming file and line ---------------------

RULE = """\
- id: v
  kind: consistency
  message: '{match}'
  %s
  examples:
    bad: ['email e-mail email']
"""


@pytest.mark.parametrize(
    ("variants", "problem"),
    [
        ("variants: [email]", "8: rule 't.v': 'variants' needs at least two variants"),
        ("variants: []", "8: rule 't.v': 'variants' needs at least two variants"),
        ("variants: [email, email]", "8: rule 't.v': variant names must differ"),
        (
            "variants:\n    - {name: a, pattern: x}\n    - {name: a, pattern: y}",
            "8: rule 't.v': variant names must differ",
        ),
        (
            "variants: [e-mail, email]\n  prefer: mail",
            "9: rule 't.v': 'prefer' must name a variant: e-mail, email",
        ),
        (
            "variants:\n    - {name: a, pattern: x}\n    - {name: b, pattern: y}\n  prefer: c",
            "11: rule 't.v': 'prefer' must name a variant: a, b",
        ),
        ("variants: [e-mail, '']", "8: rule 't.v': a variant cannot be empty"),
        (
            "variants:\n    - {name: a, pattern: x, colour: red}\n    - {name: b, pattern: y}",
            "9: rule 't.v': variant: unknown key 'colour'",
        ),
        (
            "variants:\n    - {name: a, pattern: x}\n    - {pattern: y}",
            "10: rule 't.v': variant: missing key 'name'",
        ),
        ("variants: email", "8: rule 't.v': rule: 'variants' must be a list"),
    ],
)
def test_module_problems(tmp_path: Path, variants: str, problem: str):
    path = write_module(tmp_path, RULE % variants)
    with pytest.raises(RuleModuleError) as caught:
        load_module(path)
    assert list(caught.value.problems) == [f"{path}:{problem}"]


def test_a_bad_variant_pattern_names_its_line(tmp_path: Path):
    path = write_module(
        tmp_path, RULE % "variants:\n    - {name: a, pattern: x}\n    - {name: b, pattern: '(y'}"
    )
    with pytest.raises(RuleModuleError) as caught:
        load_module(path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:10: rule 't.v': 'pattern' is not a valid regular expression")
