"""Shared helpers for the tests: run the CLI in-process and read findings back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.out)


def run_cli(*args: str, stdin: str | bytes | None = None) -> Run:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def brief(finding: dict[str, Any]) -> tuple:
    """(rule, line, column, end_line, end_column, text) of a JSON finding."""
    return (
        finding["rule"],
        finding["line"],
        finding["column"],
        finding["end_line"],
        finding["end_column"],
        finding["text"],
    )
