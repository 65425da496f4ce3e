"""The JSON contract with editors and tools, version 1 (see findings.schema.json).

Fields are only ever added; a change that removes or alters one needs a new version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lint.model import Finding, Problem
from lint.report import Options, Positions, Totals, array_items, indented, one_file

VERSION = 1


def finding_object(finding: Finding, positions: Positions) -> dict[str, Any]:
    line, column, end_line, end_column = positions.of(finding)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability.value,
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement}
                for e in finding.fix.edits
            ],
        }
    related = []
    for item in finding.related:
        path = item.path or finding.path
        related_line, related_column, related_end_line, related_end_column = positions.span(
            path, item.start, item.end
        )
        related.append(
            {
                "path": path,
                "line": related_line,
                "column": related_column,
                "end_line": related_end_line,
                "end_column": related_end_column,
                "start": item.start,
                "end": item.end,
                "message": item.message,
            }
        )
    return {
        "path": finding.path,
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "suggestions": list(finding.suggestions),
        "fix": fix,
        "related": related,
    }


def begin(options: Options) -> str:
    tool = {"name": "txtlint", "version": options.version}
    return f'{{\n  "version": {VERSION},\n  "tool": {indented(tool, 1)},\n  "findings": ['


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    return array_items((finding_object(f, positions) for f in findings), before.findings, 2)


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    closing = "\n  ]" if totals.findings else "]"
    problems = [{"path": e.path, "message": e.message} for e in errors]
    return f'{closing},\n  "errors": {indented(problems, 1)}\n}}\n'
