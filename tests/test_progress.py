"""The progress line on a terminal's stderr: shown for the human formats on a terminal
only, and cleared before the end."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lint.progress import CLEAR_LINE, Progress

PROGRESS_ONLY = re.compile(r"(?:\rChecked \d+ files?…|\r\x1b\[K)+")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    for number in range(30):
        text = "The the car.\n" if number % 10 == 0 else "Nothing to see.\n"
        (texts / f"{number:02}.txt").write_text(text, encoding="utf-8")
    return texts


def run(folder: Path, *args: str, terminal: bool) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the CLI with stderr on a pseudo-terminal (or a
    pipe); stdout is a file either way."""
    command = [sys.executable, "-c", "from lint.cli import main; main()", "check", *args]
    command.append(str(folder))
    out_path = folder.parent / "stdout"
    with open(out_path, "wb") as out:
        if not terminal:
            done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, check=False)
            return done.returncode, out_path.read_text("utf-8"), done.stderr.decode("utf-8")
        master, slave = pty.openpty()
        process = subprocess.Popen(command, stdout=out, stderr=slave)
        os.close(slave)
        received = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal's other side closed: the process ended
                break
            if not chunk:
                break
            received += chunk
        os.close(master)
        code = process.wait()
    return code, out_path.read_text("utf-8"), received.decode("utf-8")


def test_progress_on_a_terminal(folder: Path):
    code, out, err = run(folder, "--format", "concise", terminal=True)
    assert code == 1
    assert err.startswith("\rChecked 10 files…")
    assert err.endswith(CLEAR_LINE)
    assert PROGRESS_ONLY.fullmatch(err)
    assert out.splitlines() == [
        f'{folder / name}:1:1: warning quality.repeated-word "The" is repeated.'
        for name in ("00.txt", "10.txt", "20.txt")
    ]


def screen(received: str) -> list[str]:
    """The lines a terminal shows after `received`: `\\r` goes back to the start of the
    line, `\\x1b[K` erases from there to its end, `\\n` (or `\\r\\n`) starts a new one."""
    lines, line, column = [], "", 0
    for token in re.findall(r"\x1b\[K|\r\n|\r|\n|[^\r\n\x1b]+", received):
        if token in ("\n", "\r\n"):
            lines.append(line)
            line, column = "", 0
        elif token == "\r":
            column = 0
        elif token == "\x1b[K":
            line = line[:column]
        else:
            line = line[:column] + token + line[column + len(token) :]
            column += len(token)
    return [*lines, line] if line else lines


def run_on_one_terminal(folder: Path, *args: str, stdin: bytes | None = None) -> str:
    """What the CLI writes to a terminal that is both its stdout and its stderr."""
    command = [sys.executable, "-c", "from lint.cli import main; main()", "check", *args]
    master, slave = pty.openpty()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=slave, stderr=slave, cwd=folder
    )
    os.close(slave)
    assert process.stdin is not None
    process.stdin.write(stdin or b"")
    process.stdin.close()
    received = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    process.wait()
    # a terminal turns each \n written into \r\n
    return received.decode("utf-8")


def test_the_progress_line_never_stays_on_a_shared_terminal(folder: Path):
    shown = screen(run_on_one_terminal(folder, "--format", "concise", "--no-color", "."))
    assert shown == [
        f'{name}:1:1: warning quality.repeated-word "The" is repeated.'
        for name in ("00.txt", "10.txt", "20.txt")
    ]


def test_no_progress_when_stdout_takes_the_fixed_text(folder: Path):
    received = run_on_one_terminal(folder, "--fix", "--no-color", "-", ".", stdin=b"The the end.\n")
    assert "Checked" not in received
    assert screen(received)[0] == "The end."


def test_statistics_and_diff_together_are_a_usage_error(folder: Path):
    code, out, err = run(folder, "--statistics", "--diff", terminal=False)
    assert (code, out) == (2, "")
    assert (
        err == "txtlint: error: --statistics counts findings; --diff prints changes: choose one\n"
    )


def test_no_progress_through_a_pipe(folder: Path):
    code, out, err = run(folder, "--format", "concise", terminal=False)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'{folder / name}:1:1: warning quality.repeated-word "The" is repeated.'
        for name in ("00.txt", "10.txt", "20.txt")
    ]


@pytest.mark.parametrize("output", ["json", "jsonl", "sarif", "github", "rdjson"])
def test_no_progress_for_machine_formats_on_a_terminal(folder: Path, output: str):
    code, _, err = run(folder, "--format", output, terminal=True)
    assert (code, err) == (1, "")


def test_updates_at_most_every_tenth_of_a_second():
    now = [0.0]
    progress = Progress(clock=lambda: now[0])
    assert progress.update(10) == "\rChecked 10 files…"
    now[0] = 0.05
    assert progress.update(11) == ""
    now[0] = 0.2
    assert progress.update(12) == "\rChecked 12 files…"
    assert progress.clear() == CLEAR_LINE
    assert progress.clear() == ""


def test_a_short_run_shows_nothing_until_it_is_long():
    now = [0.0]
    progress = Progress(clock=lambda: now[0])
    assert [progress.update(files) for files in range(1, 10)] == [""] * 9
    assert progress.clear() == ""
    now[0] = 1.5  # a few large files that take a while
    assert progress.update(3) == "\rChecked 3 files…"
