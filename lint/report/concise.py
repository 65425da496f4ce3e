"""One line per finding, `path:line:col: severity rule message`, for editors' error
formats (Vim: `set errorformat=%f:%l:%c:\\ %m`) and CI logs."""

from __future__ import annotations

from lint.model import Finding, Report
from lint.report import Options, Positions


def header(finding: Finding, positions: Positions) -> str:
    line, column, _, _ = positions.of(finding)
    return (
        f"{finding.path}:{line}:{column}: {finding.severity.label} {finding.rule} {finding.message}"
    )


def render(report: Report, options: Options) -> str:
    positions = Positions(report.texts)
    return "".join(header(finding, positions) + "\n" for finding in report.findings)
