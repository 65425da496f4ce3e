"""Bad input gets one clear line and never a traceback; the other files are still checked."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from lint import files
from tests.helpers import brief, run_cli

ARTIFACT = "Beware the three highs.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTIFACT, encoding="utf-8")
    return path


def rules_found(run) -> list[str]:
    return [f["rule"] for f in run.json["findings"]]


def test_binary_file_is_skipped_with_a_notice(tmp_path, good):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR three highs")
    run = run_cli("--format", "json", str(binary), str(good))
    assert run.code == 1
    assert run.err == f"txtlint: {binary}: skipped: binary file\n"
    assert [f["path"] for f in run.json["findings"]] == [str(good)]
    assert run.json["errors"] == []


def test_undecodable_bytes_are_reported_where_they_are(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("line one\nCaf\xe9 and the three highs \xff\xfe.\n".encode("latin-1"))
    run = run_cli("--format", "json", str(path))
    assert [brief(f) for f in run.json["findings"]] == [
        ("encoding.undecodable-bytes", 2, 4, 2, 5, "\ufffd"),
        ("zh-en.calque.literal-calques", 2, 14, 2, 25, "three highs"),
        ("encoding.undecodable-bytes", 2, 26, 2, 27, "\ufffd"),
    ]
    assert run.json["findings"][2]["message"].startswith("bytes 0xff 0xfe are not valid UTF-8")


def test_utf8_bom_is_not_counted_in_columns(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"the three highs")
    (finding,) = run_cli("--format", "json", str(path)).json["findings"]
    assert brief(finding) == ("zh-en.calque.literal-calques", 1, 5, 1, 16, "three highs")


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("整车: the three highs".encode("utf-16"))
    (finding,) = run_cli("--format", "json", "--select", "zh-en", str(path)).json["findings"]
    assert brief(finding)[:3] == ("zh-en.calque.literal-calques", 1, 9)


def test_empty_file_is_clean(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run = run_cli(str(path))
    assert run.code == 0
    assert run.out == "No findings (1 file checked).\n"


def test_fifty_megabyte_single_line(tmp_path):
    path = tmp_path / "huge.txt"
    filler = "The quick brown fox jumps over the lazy dog. " * (50_000_000 // 45)
    path.write_text(filler + "such science and technology as a gift", encoding="utf-8")
    run = run_cli("--no-color", "--select", "zh-en.calque.keji-such-as", str(path))
    assert run.code == 1
    header, _, source_line, carets, _ = run.out.split("\n", 4)
    column = len(filler) + 1
    assert header.startswith(f"{path}:1:{column}: warning zh-en.calque.keji-such-as")
    assert len(source_line) < 200  # a window around the finding, not 50 MB
    shown = "The quick brown fox jumps over the lazy dog. such science and technology as a gift"
    assert source_line == "1 | … the lazy dog. " + shown
    assert carets.endswith("^" * len("such science and technology"))


def test_missing_path_is_an_error_and_the_rest_is_checked(tmp_path, good):
    run = run_cli("--format", "concise", str(tmp_path / "nope.txt"), str(good))
    assert run.code == 2
    assert run.err == f"txtlint: error: {tmp_path / 'nope.txt'}: no such file or directory\n"
    assert run.out.startswith(f"{good}:1:12: warning zh-en.calque.literal-calques")


def test_unreadable_file_is_an_error_and_the_rest_is_checked(tmp_path, good, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("three highs", encoding="utf-8")
    real_read = files.read

    def read(path: str) -> bytes:
        if path == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(files, "read", read)
    run = run_cli("--format", "concise", str(locked), str(good))
    assert run.code == 2
    assert run.err == f"txtlint: error: {locked}: cannot read: Permission denied\n"
    assert run.out.startswith(f"{good}:1:12:")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_on_disk(tmp_path, good):
    locked = tmp_path / "locked.txt"
    locked.write_text("three highs", encoding="utf-8")
    locked.chmod(0)
    run = run_cli(str(locked), str(good))
    assert run.code == 2
    assert "cannot read: Permission denied" in run.err


def test_broken_link_and_fifo_are_errors_not_hangs(tmp_path, good):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    run = run_cli(
        "--format", "concise", str(tmp_path / "dangling.txt"), str(tmp_path / "pipe.txt"), str(good)
    )
    assert run.code == 2
    assert run.err.splitlines() == [
        f"txtlint: error: {tmp_path / 'dangling.txt'}: broken symbolic link",
        f"txtlint: error: {tmp_path / 'pipe.txt'}: not a regular file",
    ]


def test_directory_walk_skips_hidden_and_unknown_extensions_and_link_loops(tmp_path):
    tree = tmp_path / "docs"
    (tree / "sub").mkdir(parents=True)
    (tree / ".git").mkdir()
    (tree / ".git" / "x.txt").write_text("three highs")
    (tree / ".hidden.txt").write_text("three highs")
    (tree / "data.json").write_text('"three highs"')
    (tree / "sub" / "a.md").write_text("the three highs")
    (tree / "sub" / "loop").symlink_to(tree, target_is_directory=True)
    run = run_cli("--format", "json", str(tree))
    assert [(f["path"], f["line"], f["column"]) for f in run.json["findings"]] == [
        (str(tree / "sub" / "a.md"), 1, 5)
    ]
    assert (
        run.err
        == f"txtlint: {tree / 'sub' / 'loop'}: skipped: directory already visited (a link loop)\n"
    )
    assert run.code == 1


def test_named_file_with_any_extension_is_checked(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('"the three highs"', encoding="utf-8")
    assert rules_found(run_cli("--format", "json", str(path))) == ["zh-en.calque.literal-calques"]


def test_crlf_lines_are_counted_once(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\r\nthe three highs\r\n")
    (finding,) = run_cli("--format", "json", str(path)).json["findings"]
    assert brief(finding) == ("zh-en.calque.literal-calques", 3, 5, 3, 16, "three highs")


def test_a_path_given_twice_is_checked_once(tmp_path, good):
    run = run_cli("--format", "json", str(good), str(good), str(tmp_path), str(tmp_path))
    assert [f["path"] for f in run.json["findings"]] == [str(good)]
    assert run.err == ""


def test_utf32_big_endian_with_bom_is_read(tmp_path):
    path = tmp_path / "u32.txt"
    path.write_bytes("the three highs".encode("utf-32"))
    path.write_bytes(b"\x00\x00\xfe\xff" + "the three highs".encode("utf-32-be"))
    (finding,) = run_cli("--format", "json", str(path)).json["findings"]
    assert brief(finding) == ("zh-en.calque.literal-calques", 1, 5, 1, 16, "three highs")


def test_bad_bytes_in_utf16_are_reported(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le"))
    (finding,) = run_cli("--format", "json", str(path)).json["findings"]
    assert brief(finding) == ("encoding.undecodable-bytes", 1, 3, 1, 4, "\ufffd")
    assert finding["message"] == "bytes 0x00 0xd8 are not valid UTF-16; they were read as U+FFFD"


def test_a_rule_that_fails_is_reported_and_the_others_still_run():
    import lint
    from lint.engine import lint_document
    from lint.formats import parse

    class Broken:
        def check(self, text: str) -> list:
            raise ValueError("cannot read this")

    rules = lint.load_rules(selected=["quality.repeated-word"])
    broken = rules[-1]._replace(id="user.broken", checker=Broken())
    findings, errors = lint_document(parse("t.txt", "The the end."), [broken, *rules])
    assert [(f.rule, f.text) for f in findings] == [("quality.repeated-word", "The the")]
    assert [e.message for e in errors] == [
        f"rule 'user.broken' ({broken.source_path}:{broken.line}) failed on this file and "
        "was stopped (ValueError: cannot read this)"
    ]
