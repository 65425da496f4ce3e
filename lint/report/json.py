"""The JSON contract with editors and tools, version 1 (see findings.schema.json).

Fields are only ever added; a change that removes or alters one needs a new version."""

from __future__ import annotations

import json
from typing import Any

from lint.model import Finding, Report
from lint.report import Options, Positions

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


def document(report: Report, version: str) -> dict[str, Any]:
    positions = Positions(report.texts)
    return {
        "version": VERSION,
        "tool": {"name": "txtlint", "version": version},
        "findings": [finding_object(finding, positions) for finding in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }


def render(report: Report, options: Options) -> str:
    return json.dumps(document(report, options.version), ensure_ascii=False, indent=2) + "\n"
