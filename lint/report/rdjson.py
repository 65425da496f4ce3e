"""Reviewdog Diagnostic Format, JSON (`reviewdog -f=rdjson`): one DiagnosticResult, its
diagnostics written file by file.

Columns are UTF-8 bytes, 1-based, as reviewdog's `Position` defines them (`a𐐀b`: `b` is
at column 6), counted in the file's own bytes: a byte-order mark on the first line and
undecodable bytes count as what they are in the file. (A UTF-16 or UTF-32 file has no
UTF-8 columns of its own: its text's UTF-8 bytes are given.) Ranges end just past the last
character. A fix's edits become `suggestions`, which reviewdog can post as suggested
changes."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from typing import Any

from lint.model import Finding, Problem, Severity
from lint.report import Options, Positions, Totals, array_items, one_file

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _byte_column(
    positions: Positions, path: str, offset: int, line: int, column: int, options: Options
) -> int:
    """`column` (UTF-8 bytes of the text) plus what the file's bytes add before `offset`
    on its line: the byte-order mark, and each undecodable run beyond the 3 bytes of the
    U+FFFD that shows it. `options` describes the file being written, which is the only
    one `positions` holds."""
    if path not in positions.paths() or options.bom not in (b"", codecs.BOM_UTF8):
        return column  # a related location in another file; a UTF-16 or UTF-32 file
    line_start = positions.index(path).starts[line - 1]
    if line == 1:
        column += len(options.bom)
    for at, raw in options.bad_bytes:
        if line_start <= at < offset:
            column += len(raw) - 3
    return column


def _range(
    positions: Positions, path: str, start: int, end: int, options: Options
) -> dict[str, Any]:
    line, column, end_line, end_column = positions.columns(path, start, end, "utf-8")
    return {
        "start": {
            "line": line,
            "column": _byte_column(positions, path, start, line, column, options),
        },
        "end": {
            "line": end_line,
            "column": _byte_column(positions, path, end, end_line, end_column, options),
        },
    }


def diagnostic(finding: Finding, positions: Positions, options: Options) -> dict[str, Any]:
    code: dict[str, str] = {"value": finding.rule}
    rule = options.rules.get(finding.rule)
    if rule is not None and rule.link:
        code["url"] = rule.link
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {
            "path": finding.path,
            "range": _range(positions, finding.path, finding.start, finding.end, options),
        },
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    if finding.fix is not None:
        result["suggestions"] = [
            {
                "range": _range(positions, finding.path, edit.start, edit.end, options),
                "text": edit.replacement,
            }
            for edit in finding.fix.edits
        ]
    if finding.related:
        result["related_locations"] = [
            {
                "message": item.message,
                "location": {
                    "path": item.path or finding.path,
                    "range": _range(
                        positions, item.path or finding.path, item.start, item.end, options
                    ),
                },
            }
            for item in finding.related
        ]
    return result


def begin(options: Options) -> str:
    return '{\n  "source": {\n    "name": "txtlint"\n  },\n  "diagnostics": ['


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    diagnostics = (diagnostic(finding, positions, options) for finding in findings)
    return array_items(diagnostics, before.findings, 2)


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    return ("\n  ]" if totals.findings else "]") + "\n}\n"
