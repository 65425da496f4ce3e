"""docs/editors.md: every `txtlint` command it gives exists, and Vim's errorformat reads
the concise output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from lint.cli import main

EDITORS = Path(__file__).resolve().parents[1] / "docs" / "editors.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def code_blocks() -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in FENCE.finditer(EDITORS.read_text(encoding="utf-8"))]


def quoted(text: str) -> list[str]:
    return re.findall(r'"([^"]*)"', text)


def commands() -> list[list[str]]:
    """Each `txtlint …` invocation in the code blocks, as its arguments after `txtlint`."""
    found: list[list[str]] = []
    for language, block in code_blocks():
        if language == "sh":
            found += [line.split()[1:] for line in block.splitlines() if line.startswith("txtlint")]
        elif language == "lua":
            for words in map(quoted, re.findall(r"cmd = \{([^}]*)\}", block)):
                assert words[0] == "txtlint"
                found.append(words[1:])
        elif language == "elisp":
            found += [quoted(group)[1:] for group in re.findall(r'\("txtlint"[^)]*\)', block)]
        elif language == "toml":
            for args in re.findall(r'command = "txtlint"\nargs = \[([^]]*)\]', block):
                found.append(quoted(args))
        elif language == "json" and "glspc.server.command" in block:
            settings = json.loads(block)
            assert settings["glspc.server.command"] == "txtlint"
            found.append(settings["glspc.server.commandArguments"])
        elif language == "vim":
            program = re.search(r"makeprg=((?:\\ |\S)+)", block)
            assert program is not None
            words = program[1].split("\\ ")  # Vim escapes the spaces of an option's value
            assert words[0] == "txtlint"
            found.append(words[1:])
    return found


def vim_errorformat() -> str:
    block = next(block for language, block in code_blocks() if language == "vim")
    found = re.search(r"errorformat=((?:\\ |\S)+)", block)
    assert found is not None
    return found[1].replace("\\ ", " ")


def errorformat_regex(errorformat: str) -> re.Pattern[str]:
    """The few errorformat items the docs use, as a regular expression."""
    items = {
        "%f": r"(?P<file>[^:]+)",
        "%l": r"(?P<line>\d+)",
        "%c": r"(?P<col>\d+)",
        "%t": r"(?P<type>.)",
        "%*[a-z]": r"[a-z]*",
        "%m": r"(?P<message>.*)",
    }
    pattern = ""
    position = 0
    while position < len(errorformat):
        item = next((i for i in items if errorformat.startswith(i, position)), None)
        if item is None:
            assert errorformat[position] != "%", f"unknown item at {errorformat[position:]}"
            pattern += re.escape(errorformat[position])
            position += 1
        else:
            pattern += items[item]
            position += len(item)
    return re.compile(pattern)


def test_the_docs_name_every_editor_command():
    assert commands() == [
        ["server"],
        ["server"],
        ["server"],
        ["server"],
        ["server"],
        ["server"],
        ["check", "--format", "concise", "%:S"],
    ]


@pytest.mark.parametrize("args", commands(), ids=" ".join)
@pytest.mark.filterwarnings("ignore:'protected_args' is deprecated:DeprecationWarning")
def test_each_command_in_the_docs_exists(args):
    context = main.make_context("txtlint", list(args))
    # click 8 keeps the subcommand's name apart from the arguments after it
    name, command, rest = main.resolve_command(context, [*context.protected_args, *context.args])
    assert name == args[0] and isinstance(command, click.Command)
    command.make_context(name, rest, parent=context)  # raises for an unknown option or value


def test_vims_errorformat_reads_the_concise_output(tmp_path):
    (tmp_path / "notes.txt").write_text("Fine.\nBeware the three highs.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "concise", "notes.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    match = errorformat_regex(vim_errorformat()).fullmatch(line)
    assert match is not None
    assert match.groupdict() == {
        "file": "notes.txt",
        "line": "2",
        "col": "12",
        "type": "w",
        "message": (
            'zh-en.calque.literal-calques "three highs" renders 三高 word by word; write '
            '"high blood pressure, high blood sugar and high cholesterol".'
        ),
    }
