"""The `txtlint server` command as a command: without pygls, and its import cost."""

from __future__ import annotations

import subprocess
import sys


def test_without_pygls_the_server_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; from lint.cli import main; main(['server'])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "txtlint: error: the language server needs pygls: pip install 'txtlint[lsp]'\n"
    )


def test_the_cli_module_does_not_import_pygls():
    code = "import sys, lint.cli; print('pygls' in sys.modules, 'lint.server' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "False False\n"


def test_markup_read_once_answers_as_reading_each_prefix_afresh():
    """A code-action request asks about several lines: one scan of the text, read on
    from line to line (or again from the start for an earlier line), must answer as a
    fresh reading of the text up to each line does."""
    from lint.server import MarkupScan, OpenElements

    text = (
        '<html><head><title>Prices\n<b>x</b></title></head>\n<body><p title="a\n'
        'b">the &amp\n<i>x</i></p><!-- a\ncomment -->\n<pre>\n<b>y</b></pre>\n<ul>\n'
        "<li>z</li>\n</ul></body></html>\n"
    )
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def afresh(offset: int) -> list[str] | None:
        parser = OpenElements()
        parser.feed(text[:offset])
        return None if parser.rawdata else list(parser.open)

    expected = [afresh(offset) for offset in starts]
    assert expected == [
        [],
        ["html", "head", "title"],
        ["html"],
        None,  # inside the attribute value
        ["html", "body", "p"],
        None,  # inside the comment
        ["html", "body"],
        ["html", "body", "pre"],
        ["html", "body"],
        ["html", "body", "ul"],
        ["html", "body", "ul"],
        [],
    ]
    scan = MarkupScan(text)
    assert [copy(scan.open_at(offset)) for offset in starts] == expected
    backwards = [copy(scan.open_at(offset)) for offset in reversed(starts)]
    assert backwards == list(reversed(expected))


def copy(elements: list[str] | None) -> list[str] | None:
    return None if elements is None else list(elements)
