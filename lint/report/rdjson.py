"""Reviewdog Diagnostic Format, JSON (`reviewdog -f=rdjson`): one DiagnosticResult, its
diagnostics written file by file.

Columns are UTF-8 bytes, 1-based, as reviewdog's `Position` defines them (`a𐐀b`: `b` is
at column 6); ranges end just past the last character. A fix's edits become
`suggestions`, which reviewdog can post as suggested changes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from lint.model import Finding, Problem, Report, Severity
from lint.report import Options, Positions, Totals, indented, one_file, render_report

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _range(positions: Positions, path: str, start: int, end: int) -> dict[str, Any]:
    line, column, end_line, end_column = positions.columns(path, start, end, "utf-8")
    return {
        "start": {"line": line, "column": column},
        "end": {"line": end_line, "column": end_column},
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
            "range": _range(positions, finding.path, finding.start, finding.end),
        },
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    if finding.fix is not None:
        result["suggestions"] = [
            {
                "range": _range(positions, finding.path, edit.start, edit.end),
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
                    "range": _range(positions, item.path or finding.path, item.start, item.end),
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
    parts = []
    for number, finding in enumerate(findings, start=before.findings):
        lead = ",\n    " if number else "\n    "
        parts.append(lead + indented(diagnostic(finding, positions, options), 2))
    return "".join(parts)


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    return ("\n  ]" if totals.findings else "]") + "\n}\n"


def render(report: Report, options: Options) -> str:
    return render_report(sys.modules[__name__], report, options)
