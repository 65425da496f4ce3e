"""Inline suppression: directives in each comment syntax, what each kind silences, that
directive lines are not linted, and the unused-suppression finding with its safe fix."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from lint import load_rules
from lint.document import Directive, Document, LineIndex, Segment
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.formats import parse
from lint.formats.plain import prose_segments
from lint.model import Applicability, Edit, Finding, Fix, Severity
from lint.suppression import suppress

SELECTED = ("quality", "zh-en.calque")
UNUSED = "txtlint.unused-suppression"

Brief = tuple[str, int, int, str]


def brief(text: str, finding: Finding) -> Brief:
    """(rule, line, column, text) of a finding."""
    line, column = LineIndex.of(text).position(finding.start)
    return (finding.rule, line, column, finding.text)


def lint(
    path: str, text: str, selected: Sequence[str] = SELECTED, every_rule: bool = False
) -> tuple[list[Finding], list[Finding]]:
    """What `api.lint_text` will do: parse, lint with the rules that run, then suppress."""
    running = [rule for rule in load_rules(selected=selected) if rule.checker is not None]
    document = parse(path, text)
    findings, errors = lint_document(document, running)
    assert errors == []
    ran = [rule.id for rule in running]
    # as txtlint runs it: every built-in rule is known, whether it was selected or not
    known = [rule.id for rule in load_rules() if rule.checker is not None] if every_rule else ran
    return suppress(document, findings, ran, known)


def kept_and_unused(
    path: str, text: str, selected: Sequence[str] = SELECTED, every_rule: bool = False
) -> tuple[list[Brief], list[Brief]]:
    kept, unused = lint(path, text, selected, every_rule)
    return [brief(text, f) for f in kept], [brief(text, f) for f in unused]


def mt_token(line: int) -> Brief:
    return ("quality.mt-tokens", line, 9, "<unk>")


# ---------------------------------------------------------------- comment syntaxes

COMMENTS: dict[str, Callable[[str], str]] = {
    "hash": lambda body: f"# {body}",
    "hash-tight": lambda body: f"#{body}",
    "slashes": lambda body: f"// {body}",
    "slashes-indented": lambda body: f"  //   {body}\t",
    "html": lambda body: f"<!-- {body} -->",
    "html-tight": lambda body: f"<!--{body}-->",
}
SYNTAXES = [("a.txt", comment) for comment in COMMENTS.values()]
SYNTAXES += [("a.md", COMMENTS["html"]), ("a.text", COMMENTS["hash"])]
SYNTAXES += [("a.rst", comment) for comment in COMMENTS.values()]
SYNTAXES += [("a.rst", lambda body: f".. {body}"), ("a.rst", lambda body: f"  ..\t{body}  ")]
SYNTAX_IDS = [f"{path}:{comment('x')!r}" for path, comment in SYNTAXES]


@pytest.mark.parametrize(("path", "comment"), SYNTAXES, ids=SYNTAX_IDS)
def test_disable_next_line_in_each_syntax(path: str, comment: Callable[[str], str]) -> None:
    text = f"{comment('txtlint-disable-next-line quality')}\nHe said <unk>.\nHe said <unk>.\n"
    assert [d.kind for d in parse(path, text).directives] == ["disable-next-line"]
    assert kept_and_unused(path, text) == ([mt_token(3)], [])


@pytest.mark.parametrize(("path", "comment"), SYNTAXES, ids=SYNTAX_IDS)
def test_disable_and_enable_in_each_syntax(path: str, comment: Callable[[str], str]) -> None:
    text = (
        f"He said <unk>.\n{comment('txtlint-disable quality.mt-tokens')}\nHe said <unk>.\n"
        f"He said <unk>.\n{comment('txtlint-enable')}\nHe said <unk>.\n"
    )
    assert [d.kind for d in parse(path, text).directives] == ["disable", "enable"]
    assert kept_and_unused(path, text) == ([mt_token(1), mt_token(6)], [])


@pytest.mark.parametrize(("path", "comment"), SYNTAXES, ids=SYNTAX_IDS)
def test_disable_file_in_each_syntax(path: str, comment: Callable[[str], str]) -> None:
    text = f"He said <unk>.\n{comment('txtlint-disable-file')}\nHe said <unk>.\n"
    assert [d.kind for d in parse(path, text).directives] == ["disable-file"]
    assert kept_and_unused(path, text) == ([], [])


@pytest.mark.parametrize(
    "line",
    [
        ".. txtlint-disable-next-line quality",  # a reStructuredText comment only in .rst
        "# see txtlint-disable-next-line quality",
        "He wrote # txtlint-disable-next-line quality",
        "<!-- txtlint-disable-next-line quality",
        "<!-- txtlint-disable-next-line quality --> and more",
        "# txtlint-disabled quality",
        "# txtlint-disable-next-linequality",
        "# TXTLINT-DISABLE-NEXT-LINE quality",
    ],
)
def test_lines_that_are_not_directives_are_linted(line: str) -> None:
    text = f"{line} the the\nHe said <unk>.\n"
    assert parse("a.txt", text).directives == ()
    column = len(line) + 2
    repeated = ("quality.repeated-word", 1, column, "the the")
    assert kept_and_unused("a.txt", text) == ([repeated, mt_token(2)], [])


def test_rst_comment_needs_white_space_after_the_dots() -> None:
    text = "..txtlint-disable-next-line quality\nHe said <unk>.\n"
    assert parse("a.rst", text).directives == ()
    assert kept_and_unused("a.rst", text) == ([mt_token(2)], [])


def test_unknown_extensions_read_directives_as_plain_text() -> None:
    text = "# txtlint-disable-next-line quality\nHe said <unk>.\n.. txtlint-disable-file\n"
    assert [d.kind for d in parse("<text>", text).directives] == ["disable-next-line"]
    assert [d.kind for d in parse("notes.log", text).directives] == ["disable-next-line"]
    assert kept_and_unused("-", text) == ([], [])


# ---------------------------------------------------------------- what a directive is


def test_directives_are_parsed_with_their_whole_line_spans() -> None:
    text = (
        "Intro.\r\n"
        "  # txtlint-disable quality.mt-tokens, zh-en.calque  \r\n"
        "Body.\n"
        "// txtlint-enable quality\r"
        "<!-- txtlint-disable-next-line  quality,zh-en -->\n"
        "Tail.\n"
        "# txtlint-disable-file"
    )
    assert parse("a.txt", text).directives == (
        Directive("disable", ("quality.mt-tokens", "zh-en.calque"), 2, 8, 63),
        Directive("enable", ("quality",), 4, 69, 95),
        Directive("disable-next-line", ("quality", "zh-en"), 5, 95, 145),
        Directive("disable-file", (), 7, 151, 173),
    )
    assert text[8:63] == "  # txtlint-disable quality.mt-tokens, zh-en.calque  \r\n"
    assert text[69:95] == "// txtlint-enable quality\r"
    assert text[151:] == "# txtlint-disable-file"


def test_directive_lines_are_left_out_of_the_prose_segments() -> None:
    text = "Intro `code`.\r\n# txtlint-disable\r\n\r\n# txtlint-enable\nBody http://a.example.\n"
    document = parse("a.txt", text)
    assert document.segments == (
        Segment(0, "Intro "),
        Segment(12, ".\r\n"),
        Segment(34, "\r\n"),
        Segment(53, "Body "),
        Segment(74, ".\n"),
    )
    for segment in document.segments:
        assert text[segment.start : segment.start + len(segment.text)] == segment.text


def test_text_without_directives_keeps_its_segments() -> None:
    text = "No `code` here, but txtlint is named.\n# txtlint\n"
    document = parse("a.txt", text)
    assert document.directives == ()
    assert document.segments == prose_segments(text)


def test_a_text_of_directives_only_has_no_prose() -> None:
    text = "# txtlint-disable-file quality\n<!-- txtlint-enable -->\n"
    assert parse("a.txt", text).segments == ()
    assert kept_and_unused("a.txt", text) == ([], [(UNUSED, 1, 1, text[:30])])


def test_a_document_built_without_directives_has_none() -> None:
    assert Document("a.txt", "text", (Segment(0, "text"),)).directives == ()


def test_a_directive_line_is_not_linted() -> None:
    # Read as prose, "the the" on the directive line would be a repeated word.
    text = "# txtlint-disable-next-line the the\nHe said <unk>.\n"
    # not a repeated word, but "the" names no rule: the directive suppresses nothing
    directive = (UNUSED, 1, 1, "# txtlint-disable-next-line the the")
    assert kept_and_unused("a.txt", text) == ([mt_token(2)], [directive])
    text = "# txtlint-disable-next-line quality\nThe the end.\n"
    assert kept_and_unused("a.txt", text) == ([], [])


def test_positions_of_the_remaining_findings_are_unchanged() -> None:
    text = (
        "The the cat.\n"
        "  # txtlint-disable-next-line zh-en\n"
        "Beware the three highs. The the end.\n"
        "<!-- txtlint-disable quality.repeated-word -->\n"
        "He said <unk> and the the.\n"
    )
    kept, unused = lint("a.txt", text)
    assert [brief(text, f) for f in kept] == [
        ("quality.repeated-word", 1, 1, "The the"),
        ("quality.repeated-word", 3, 25, "The the"),
        ("quality.mt-tokens", 5, 9, "<unk>"),
    ]
    assert unused == []
    # The same text with lines that are not directives: the findings left are the same,
    # at the same offsets.
    plain = text.replace("txtlint-disable", "txtlint_disable")
    everything, _ = lint("a.txt", plain)
    suppressed = {("zh-en.calque.literal-calques", 3), ("quality.repeated-word", 5)}
    expected = [f for f in everything if (f.rule, brief(plain, f)[1]) not in suppressed]
    assert [(f.rule, f.start, f.end, f.text) for f in kept] == [
        (f.rule, f.start, f.end, f.text) for f in expected
    ]


# ---------------------------------------------------------------- what each kind silences

LINE = "He said <unk>: beware the three highs."
CALQUE = ("zh-en.calque.literal-calques", 1, 27, "three highs")


def calque(line: int) -> Brief:
    return ("zh-en.calque.literal-calques", line, 27, "three highs")


@pytest.mark.parametrize(
    ("rules", "kept"),
    [
        ("", []),
        (" quality", [calque(2)]),
        (" quality.mt-tokens", [calque(2)]),
        (" zh-en", [mt_token(2)]),
        (" zh-en.calque", [mt_token(2)]),
        (" zh-en.calque.literal-calques", [mt_token(2)]),
        (" quality.mt-tokens,zh-en", []),
        (" quality.mt-tokens, zh-en", []),
        (" quality.mt-tokens zh-en", []),
        ("  quality.mt-tokens ,\tzh-en, ", []),
    ],
)
def test_next_line_with_and_without_rules(rules: str, kept: list[Brief]) -> None:
    text = f"# txtlint-disable-next-line{rules}\n{LINE}\n{LINE}\n"
    assert kept_and_unused("a.txt", text) == ([*kept, mt_token(3), calque(3)], [])


def test_a_module_prefix_ends_at_a_dot() -> None:
    text = f"# txtlint-disable-file zh-en.cal quality.mt\n{LINE}\n"
    # names that match no rule: a typo, reported as suppressing nothing
    assert kept_and_unused("a.txt", text, every_rule=True) == (
        [mt_token(2), calque(2)],
        [(UNUSED, 1, 1, text[:43])],
    )


def test_next_line_covers_findings_that_start_on_the_next_line_only() -> None:
    text = f"{LINE}\n# txtlint-disable-next-line\n\n{LINE}\n"
    # The line right after the directive is empty: nothing is suppressed.
    expected = [mt_token(1), calque(1), mt_token(4), calque(4)]
    assert kept_and_unused("a.txt", text) == (expected, [(UNUSED, 2, 1, text[39:66])])


def test_disable_without_enable_runs_to_the_end_of_the_file() -> None:
    text = f"{LINE}\n# txtlint-disable zh-en\n{LINE}\n\n{LINE}"
    assert kept_and_unused("a.txt", text) == (
        [mt_token(1), calque(1), mt_token(3), mt_token(5)],
        [],
    )


def test_enable_with_rules_re_enables_just_those() -> None:
    text = (
        f"# txtlint-disable\n{LINE}\n"
        f"# txtlint-enable quality\n{LINE}\n"
        f"# txtlint-enable zh-en.calque.literal-calques\n{LINE}\n"
        f"# txtlint-disable quality, zh-en\n{LINE}\n"
        f"# txtlint-enable\n{LINE}\n"
    )
    assert kept_and_unused("a.txt", text) == (
        [mt_token(4), mt_token(6), calque(6), mt_token(10), calque(10)],
        [],
    )


def test_enable_of_a_module_re_enables_a_rule_disabled_by_id() -> None:
    text = f"# txtlint-disable quality.mt-tokens\n{LINE}\n# txtlint-enable quality\n{LINE}\n"
    assert kept_and_unused("a.txt", text) == ([calque(2), mt_token(4), calque(4)], [])


def test_disable_file_covers_lines_before_it() -> None:
    text = f"{LINE}\n\n{LINE}\n// txtlint-disable-file quality\n"
    assert kept_and_unused("a.txt", text) == ([calque(1), calque(3)], [])


def test_overlapping_directives_all_count_as_used() -> None:
    text = (
        "# txtlint-disable-file quality.mt-tokens\n"
        "# txtlint-disable quality\n"
        "# txtlint-disable-next-line\n"
        f"{LINE}\n"
    )
    assert kept_and_unused("a.txt", text) == ([], [])


def test_suppress_without_directives_returns_the_findings() -> None:
    document = parse("a.txt", LINE)
    rules = load_rules(selected=SELECTED)
    findings, _ = lint_document(document, [r for r in rules if r.checker is not None])
    assert suppress(document, findings, [r.id for r in rules]) == (findings, [])


# ---------------------------------------------------------------- unused suppressions


def test_an_unused_directive_is_reported_with_a_safe_fix_that_deletes_its_line() -> None:
    text = "He said <unk>.\r\n  # txtlint-disable-next-line zh-en.calque  \r\nBeware.\r\n"
    kept, unused = lint("a.txt", text)
    assert [brief(text, f) for f in kept] == [mt_token(1)]
    assert unused == [
        Finding(
            path="a.txt",
            rule=UNUSED,
            category="suppression",
            severity=Severity.WARNING,
            message='"txtlint-disable-next-line zh-en.calque" suppresses no finding; remove it.',
            start=18,
            end=58,
            text="# txtlint-disable-next-line zh-en.calque",
            fix=Fix(Applicability.SAFE, (Edit(16, 62, ""),)),
        )
    ]
    assert [brief(text, f) for f in unused] == [(UNUSED, 2, 3, unused[0].text)]
    assert apply_fixes(text, unused) == "He said <unk>.\r\nBeware.\r\n"


def test_the_fix_deletes_a_last_line_without_a_line_break() -> None:
    text = "He said <unk>.\n<!-- txtlint-disable-file zh-en -->"
    kept, unused = lint("a.txt", text)
    assert [brief(text, f) for f in kept] == [mt_token(1)]
    assert [brief(text, f) for f in unused] == [(UNUSED, 2, 1, text[15:])]
    assert apply_fixes(text, unused) == "He said <unk>."  # still no final line break


def test_each_unused_kind_is_reported_but_enable_never() -> None:
    text = (
        "# txtlint-disable-file zh-en\n"
        "Clean.\n"
        "# txtlint-disable quality.repeated-word\n"
        "# txtlint-disable-next-line quality.mt-tokens\n"
        "Clean.\n"
        "# txtlint-enable\n"
        "# txtlint-enable quality\n"
        "// txtlint-disable\n"
        "Clean.\n"
    )
    kept, unused = lint("a.txt", text)
    assert kept == []
    assert [brief(text, f) for f in unused] == [
        (UNUSED, 1, 1, "# txtlint-disable-file zh-en"),
        (UNUSED, 3, 1, "# txtlint-disable quality.repeated-word"),
        (UNUSED, 4, 1, "# txtlint-disable-next-line quality.mt-tokens"),
        (UNUSED, 8, 1, "// txtlint-disable"),
    ]
    assert [f.message for f in unused] == [
        '"txtlint-disable-file zh-en" suppresses no finding; remove it.',
        '"txtlint-disable quality.repeated-word" suppresses no finding; remove it.',
        '"txtlint-disable-next-line quality.mt-tokens" suppresses no finding; remove it.',
        '"txtlint-disable" suppresses no finding; remove it.',
    ]
    assert apply_fixes(text, unused) == (
        "Clean.\nClean.\n# txtlint-enable\n# txtlint-enable quality\nClean.\n"
    )


@pytest.mark.parametrize(
    "rules",
    [
        "zh-en",  # selected rules are quality only
        "zh-en.calque.literal-calques",
        "quality.mt-tokens, zh-en",  # one rule ran, the other did not
        "quality",  # some rules of the module did not run
    ],
)
def test_a_directive_naming_a_rule_that_did_not_run_is_not_reported(rules: str) -> None:
    text = f"# txtlint-disable-next-line {rules}\nClean.\n# txtlint-disable-file {rules}\n"
    selected = ["quality.mt-tokens", "quality.repeated-word"]
    assert kept_and_unused("a.txt", text, selected, every_rule=True) == ([], [])


@pytest.mark.parametrize("rules", ["no-such-rule", "quality.mt", "quality because of X"])
def test_a_directive_naming_no_known_rule_is_reported(rules: str) -> None:
    text = f"# txtlint-disable-next-line {rules}\nClean.\n"
    line = f"# txtlint-disable-next-line {rules}"
    assert kept_and_unused("a.txt", text, ["quality"], every_rule=True) == (
        [],
        [(UNUSED, 1, 1, line)],
    )


def test_a_directive_for_all_rules_is_not_reported_when_no_rule_ran() -> None:
    text = "# txtlint-disable-file\nClean.\n"
    assert kept_and_unused("a.txt", text, selected=[UNUSED]) == ([], [])
    assert kept_and_unused("a.txt", text, selected=["quality"]) == ([], [(UNUSED, 1, 1, text[:22])])


def test_a_directive_that_suppressed_some_of_its_rules_is_used() -> None:
    text = "# txtlint-disable-next-line quality.mt-tokens, quality.repeated-word\nHe said <unk>.\n"
    assert kept_and_unused("a.txt", text) == ([], [])


def test_a_colon_after_the_directive_is_allowed() -> None:
    text = "# txtlint-disable-next-line: quality\nThe the end.\n"
    assert kept_and_unused("a.txt", text) == ([], [])
