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
