"""One line per finding, `path:line:col: severity rule message`, for editors' error
formats (Vim: `set errorformat=%f:%l:%c:\\ %m`) and CI logs."""

from __future__ import annotations

from collections.abc import Sequence

from lint.model import Finding
from lint.report import Options, Positions, Totals, one_file


def header(finding: Finding, positions: Positions) -> str:
    line, column, _, _ = positions.of(finding)
    return (
        f"{finding.path}:{line}:{column}: {finding.severity.label} {finding.rule} {finding.message}"
    )


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    return "".join(header(finding, positions) + "\n" for finding in findings)
