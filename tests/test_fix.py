"""Fixing: rounds of edits on real rules, the diff, and writing back byte for byte."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import lint
from lint import files
from lint.fixes import Fixed, fix_round, fix_text, unified_diff
from lint.model import Applicability, Edit, Finding, Fix, Severity
from lint.writing import WriteError, encode_back, write_atomically

REPEATED = "quality.repeated-word"
LOOKALIKE = "quality.lookalike-letters"
DECIMAL = "units.decimal-mark"


def linter(*selected: str) -> Callable[[str], list[Finding]]:
    rules = lint.load_rules(selected=list(selected))
    return lambda text: lint.check_text(text, "t.txt", rules=rules)


def fix_file(path: Path, *selected: str, unsafe: bool = False) -> Fixed:
    """Read, fix and write back `path` as the CLI does."""
    data = path.read_bytes()
    decoded = files.decode(data)
    fixed = fix_text(decoded.text, linter(*selected), unsafe=unsafe)
    write_atomically(path, encode_back(fixed.text, decoded), expected=data)
    return fixed


def finding(start: int, end: int, replacement: str, text: str = "") -> Finding:
    fix = Fix(Applicability.SAFE, (Edit(start, end, replacement),))
    return Finding("t.txt", "t.rule", "t", Severity.WARNING, "m", start, end, text, fix=fix)


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# fix_text on the built-in rules


def test_counts_the_edits_it_applied() -> None:
    fixed = fix_text("The the car. It was cheap and and fast.", linter(REPEATED))
    assert fixed == Fixed("The car. It was cheap and fast.", 2, [], 1)


def test_fixing_a_fixed_text_changes_nothing() -> None:
    lint_once = linter(REPEATED, LOOKALIKE, DECIMAL)
    first = fix_text("Рaris Рaris has the the 3,5 kg cat.", lint_once, unsafe=True)
    again = fix_text(first.text, lint_once, unsafe=True)
    assert again == Fixed(first.text, 0, first.findings, 0)


def test_overlapping_edits_are_resolved_over_two_rounds() -> None:
    # Each lookalike fix overlaps the repetition, which starts first but ends later:
    # the lookalikes win the first round, the repetition is fixed in the second.
    lint_once = linter(REPEATED, LOOKALIKE)
    text = "Рaris Рaris"
    assert [(f.rule, f.start, f.end) for f in lint_once(text)] == [
        (LOOKALIKE, 0, 5),
        (REPEATED, 0, 11),
        (LOOKALIKE, 6, 11),
    ]
    first_round = fix_text(text, lint_once, max_rounds=1)
    assert first_round.text == "Paris Paris"
    assert (first_round.applied, first_round.rounds) == (2, 1)
    assert rules_of(first_round.findings) == [REPEATED]
    assert fix_text(text, lint_once) == Fixed("Paris", 3, [], 2)


def test_unsafe_fixes_only_when_asked() -> None:
    lint_once = linter(DECIMAL)
    safe_only = fix_text("It weighs 3,5 kg.", lint_once)
    assert (safe_only.text, safe_only.applied, safe_only.rounds) == ("It weighs 3,5 kg.", 0, 0)
    assert rules_of(safe_only.findings) == [DECIMAL]
    assert fix_text("It weighs 3,5 kg.", lint_once, unsafe=True) == Fixed(
        "It weighs 3.5 kg.", 1, [], 1
    )


def test_max_rounds_bounds_the_rounds() -> None:
    lint_once = linter(REPEATED, LOOKALIKE)
    unchanged = fix_text("Рaris Рaris", lint_once, max_rounds=0)
    assert (unchanged.text, unchanged.applied, unchanged.rounds) == ("Рaris Рaris", 0, 0)
    assert unchanged.findings == lint_once("Рaris Рaris")


def test_findings_are_those_of_the_fixed_text() -> None:
    lint_once = linter(REPEATED, DECIMAL)
    fixed = fix_text("The the cat weighs 3,5 kg.", lint_once)
    assert fixed.text == "The cat weighs 3,5 kg."
    assert fixed.findings == lint_once(fixed.text)
    assert [(f.start, f.text) for f in fixed.findings] == [(15, "3,5")]


# the loop itself, with rules made up to misbehave


def test_stops_when_the_edits_cancel_out() -> None:
    calls: list[str] = []

    def lint_once(text: str) -> list[Finding]:
        calls.append(text)
        return [finding(0, 1, ""), finding(1, 1, "a")]  # delete the "a", insert it again

    assert fix_text("a", lint_once) == Fixed("a", 0, [finding(0, 1, ""), finding(1, 1, "a")], 0)
    assert calls == ["a"]


def test_a_fix_that_changes_nothing_does_not_block_one_that_does() -> None:
    def lint_once(text: str) -> list[Finding]:
        if text == "abcde":
            return [finding(0, 5, "abcde"), finding(2, 3, "C")]
        return [finding(0, 5, text)]

    assert fix_text("abcde", lint_once) == Fixed("abCde", 1, [finding(0, 5, "abCde")], 1)


def test_a_fix_that_undoes_itself_stops_at_max_rounds() -> None:
    def lint_once(text: str) -> list[Finding]:
        return [finding(0, 1, "b" if text == "a" else "a")]

    fixed = fix_text("a", lint_once, max_rounds=5)
    assert (fixed.text, fixed.applied, fixed.rounds) == ("b", 5, 5)


def test_edits_out_of_place_are_not_applied() -> None:
    broken = [finding(3, 1, "x"), finding(2, 9, "y"), finding(-1, 0, "z")]
    assert fix_round("abcd", broken) == ("abcd", [])


def test_a_round_applies_only_the_edits_that_change_the_text() -> None:
    findings = [finding(0, 1, "a"), finding(2, 3, "C")]
    assert fix_round("abc", findings) == ("abC", [Edit(2, 3, "C")])


# unified_diff


def test_diff_has_git_headers_and_hunks() -> None:
    assert unified_diff("docs/a.txt", "one\ntwo\nthree\n", "one\n2\nthree\n") == (
        "--- a/docs/a.txt\n+++ b/docs/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n"
    )


def test_diff_keeps_line_endings_and_marks_a_missing_final_newline() -> None:
    assert unified_diff("a.txt", "The the end.\r\nok", "The end.\r\nok") == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-The the end.\r\n+The end.\r\n ok\n"
        "\\ No newline at end of file\n"
    )
    assert unified_diff("a.txt", "x\n", "x") == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n"
    )


def test_no_diff_without_changes() -> None:
    assert unified_diff("a.txt", "same\n", "same\n") == ""


# writing back, byte for byte


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"The the end.\r\nIt is fine.\r\n", b"The end.\r\nIt is fine.\r\n"),
        (b"The the end.\rIt is fine.\r", b"The end.\rIt is fine.\r"),
        (b"one\r\nThe the end.\nno newline", b"one\r\nThe end.\nno newline"),
        (b"The the end.", b"The end."),
        (codecs.BOM_UTF8 + b"The the end.\r\n", codecs.BOM_UTF8 + b"The end.\r\n"),
        (
            codecs.BOM_UTF16_LE + "The the 整车 end.\r\n".encode("utf-16-le"),
            codecs.BOM_UTF16_LE + "The 整车 end.\r\n".encode("utf-16-le"),
        ),
        (
            codecs.BOM_UTF16_BE + "The the end.".encode("utf-16-be"),
            codecs.BOM_UTF16_BE + "The end.".encode("utf-16-be"),
        ),
    ],
    ids=["crlf", "cr", "mixed", "no-final-newline", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_fixing_keeps_encoding_bom_and_line_endings(
    tmp_path: Path, before: bytes, after: bytes
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(before)
    assert fix_file(path, REPEATED).applied == 1
    assert path.read_bytes() == after


def test_undecodable_bytes_are_put_back(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9 The the end\n")
    fixed = fix_file(path, REPEATED)
    assert fixed.text == "caf\ufffd The end\n"
    assert path.read_bytes() == b"caf\xe9 The end\n"


def test_undecodable_bytes_and_a_real_replacement_character_keep_their_places(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    real = "\ufffd".encode()
    path.write_bytes(b"The the " + real + b" x\xe9 is is is \xff\xfe" + real + b"\n")
    fix_file(path, REPEATED)
    assert path.read_bytes() == b"The " + real + b" x\xe9 is \xff\xfe" + real + b"\n"


def test_an_odd_byte_in_utf_16_is_put_back(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "The the end.\n".encode("utf-16-le") + b"x")
    fix_file(path, REPEATED)
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "The end.\n".encode("utf-16-le") + b"x"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain\n",
        b"\xef\xbb\xbf\xef\xbb\xbfdouble bom",
        b"\xff\xfe\x00\x00" + "utf-32".encode("utf-32-le"),
        b"\xfe\xff" + "utf-16".encode("utf-16-be") + b"\xd8\x00",
        b"\x80\x81 runs \xed\xa0\x80 \xc3",
    ],
)
def test_an_unchanged_text_encodes_back_to_the_same_bytes(data: bytes) -> None:
    decoded = files.decode(data)
    assert encode_back(decoded.text, decoded) == data


def test_a_changed_number_of_replacement_characters_is_refused() -> None:
    decoded = files.decode(b"caf\xe9 ok\n")
    with pytest.raises(WriteError, match=r"U\+FFFD"):
        encode_back("cafe ok\n", decoded)
    with pytest.raises(WriteError, match=r"U\+FFFD"):
        encode_back("caf\ufffd \ufffd ok\n", decoded)


def test_a_text_that_cannot_be_encoded_is_refused() -> None:
    with pytest.raises(WriteError, match="cannot encode the fixed text as utf-8"):
        encode_back("lone \udc80 surrogate", files.decode(b"ok"))


def test_permission_bits_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"The the end.\n")
    path.chmod(0o640)
    fix_file(path, REPEATED)
    assert path.read_bytes() == b"The end.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "a.txt"
    target.parent.mkdir()
    target.write_bytes(b"The the end.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fix_file(link, REPEATED)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == b"The end.\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "link.txt", "real"]


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"The the end.\n")
    data = path.read_bytes()
    path.write_bytes(b"Someone else wrote this.\n")
    with pytest.raises(WriteError) as raised:
        write_atomically(path, b"The end.\n", expected=data)
    assert str(raised.value) == "changed on disk since it was read; not overwritten"
    assert path.read_bytes() == b"Someone else wrote this.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_file_gone_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    with pytest.raises(WriteError, match=r"^cannot read before writing: No such file"):
        write_atomically(path, b"new\n", expected=b"old\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failing", ["fsync", "chmod", "replace"])
def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"The the end.\n")

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError) as raised:
        write_atomically(path, b"The end.\n", expected=b"The the end.\n")
    assert str(raised.value) == f"cannot write: {os.strerror(errno.ENOSPC)}"
    assert path.read_bytes() == b"The the end.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_no_temporary_file_when_the_folder_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=f"^cannot write: {os.strerror(errno.EACCES)}$"):
        write_atomically(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"old\n"
