"""--fix, --unsafe-fixes and --diff on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from tests.helpers import run_cli

TEXT = "The the car.\r\nIt weighs 3,5 kg and 75 KWH.\r\nNo final newline: 30 ten thousand"
SAFE = "The car.\r\nIt weighs 3,5 kg and 75 kWh.\r\nNo final newline: 300,000"
UNSAFE = "The car.\r\nIt weighs 3.5 kg and 75 kWh.\r\nNo final newline: 300,000"


@pytest.fixture
def file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    path.chmod(0o640)
    return path


def test_fix_writes_safe_fixes_and_reports_what_is_left(file: Path):
    result = run_cli("--fix", "--format", "concise", "--isolated", "a.txt")
    assert file.read_bytes() == SAFE.encode("utf-8")
    assert file.stat().st_mode & 0o777 == 0o640
    assert result.out == (
        'a.txt:2:11: warning units.decimal-mark "3,5" uses the continental decimal mark; '
        'in English write "3.5".\n'
    )
    assert result.code == 1


def test_unsafe_fixes_too(file: Path):
    result = run_cli("--fix", "--unsafe-fixes", "--isolated", "a.txt")
    assert file.read_bytes() == UNSAFE.encode("utf-8")
    assert result.out == "No findings (1 file checked, 4 fixed).\n"
    assert result.code == 0


def test_fixing_twice_changes_nothing_more(file: Path):
    run_cli("--fix", "--isolated", "a.txt")
    result = run_cli("--fix", "--isolated", "--select", "quality,units.unit-case", "a.txt")
    assert file.read_bytes() == SAFE.encode("utf-8")
    assert result.out == "No findings (1 file checked).\n"


def test_diff_prints_and_writes_nothing(file: Path):
    runner = CliRunner()
    result = runner.invoke(main, ["--diff", "--isolated", "a.txt"], catch_exceptions=False)
    assert file.read_bytes() == TEXT.encode("utf-8")
    assert result.stdout_bytes.decode("utf-8") == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n"
        "-The the car.\r\n-It weighs 3,5 kg and 75 KWH.\r\n"
        "-No final newline: 30 ten thousand\n\\ No newline at end of file\n"
        "+The car.\r\n+It weighs 3,5 kg and 75 kWh.\r\n"
        "+No final newline: 300,000\n\\ No newline at end of file\n"
    )
    assert result.stderr == "Would apply 3 fixes to 1 file.\n"
    assert result.exit_code == 1


def test_diff_of_a_clean_file_is_empty_and_exits_0(tmp_path: Path):
    path = tmp_path / "clean.txt"
    path.write_text("Nothing to fix here.\n", encoding="utf-8")
    result = run_cli("--diff", "--isolated", str(path))
    assert (result.out, result.err, result.code) == ("", "Would apply 0 fixes to 0 files.\n", 0)


def test_fix_on_standard_input_prints_the_fixed_text(tmp_path: Path):
    result = run_cli("--fix", "--isolated", "--format", "concise", "-", stdin="The the car.\n")
    assert result.out == "The car.\n"
    assert result.err == ""
    assert result.code == 0


def test_a_file_that_cannot_be_written_is_an_error_and_keeps_its_text(file: Path):
    folder = file.parent
    folder.chmod(0o500)
    try:
        if (folder / "probe").exists() or _writable(folder):
            pytest.skip("running as a user who can write anywhere (root)")
        result = run_cli("--fix", "--isolated", "a.txt")
    finally:
        folder.chmod(0o700)
    assert file.read_bytes() == TEXT.encode("utf-8")
    assert result.code == 2
    assert result.err.startswith("txtlint: error: a.txt: not fixed: cannot write")


def _writable(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True
