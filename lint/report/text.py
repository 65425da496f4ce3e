"""The default human format: a header line per finding, then the source line with the
exact span underlined, and a summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lint.model import Finding, Problem, Severity
from lint.report import Options, Positions, Totals, one_file
from lint.report.concise import header

# Lines longer than LONG_LINE are shown as a window of CONTEXT_CHARS around the finding.
LONG_LINE = 160
CONTEXT_CHARS = 60
_SEVERITY_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "34"}


def _style(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def display_width(text: str) -> int:
    """Terminal columns: CJK wide and fullwidth characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def printable(text: str) -> str:
    """Text safe to show on a terminal: a tab is a space, other control and format
    characters (escape sequences, zero-width and direction marks) are shown by code."""
    shown = []
    for char in text:
        if char == "\t":
            shown.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            shown.append(f"<U+{ord(char):04X}>")
        else:
            shown.append(char)
    return "".join(shown)


def snippet(finding: Finding, positions: Positions, color: bool) -> list[str]:
    text = positions.text(finding.path)
    line, _, end_line, _ = positions.of(finding)
    line_start, line_end = positions.index(finding.path).line_span(line, text)
    mark_start = finding.start
    mark_end = min(finding.end, line_end) if end_line > line else finding.end
    window_start, window_end = line_start, line_end
    if line_end - line_start > LONG_LINE:
        window_start = max(line_start, mark_start - CONTEXT_CHARS)
        window_end = min(line_end, max(mark_end, mark_start + 1) + CONTEXT_CHARS)
    before = ("…" if window_start > line_start else "") + printable(text[window_start:mark_start])
    marked = printable(text[mark_start:mark_end])
    after = printable(text[mark_end:window_end]) + ("…" if window_end < line_end else "")
    gutter = " " * len(str(line))
    carets = _style("^" * max(1, display_width(marked)), _SEVERITY_COLOR[finding.severity], color)
    return [
        f"{gutter} |",
        f"{line} | {before}{marked}{after}",
        f"{gutter} | {' ' * display_width(before)}{carets}",
    ]


def format_finding(finding: Finding, positions: Positions, color: bool) -> str:
    line, column, _, _ = positions.of(finding)
    if color:
        where = _style(f"{finding.path}:{line}:{column}:", "1", color)
        severity = _style(finding.severity.label, _SEVERITY_COLOR[finding.severity], color)
        rule = _style(finding.rule, "36", color)
        title = f"{where} {severity} {rule} {printable(finding.message)}"
    else:
        title = printable(header(finding, positions))
    lines = [title, *snippet(finding, positions, color)]
    if finding.suggestions:
        gutter = " " * len(str(line))
        label = "suggestion" if len(finding.suggestions) == 1 else "suggestions"
        lines.append(f"{gutter} = {label}: " + " | ".join(map(printable, finding.suggestions)))
    return "\n".join(lines)


def summary(totals: Totals) -> str:
    checked = totals.files_checked
    files_word = "file" if checked == 1 else "files"
    fixed = f", {totals.fixed} fixed" if totals.fixed else ""
    if not totals.findings:
        return f"No findings ({checked} {files_word} checked{fixed})."
    count, with_findings, fixable = totals.findings, totals.files_with_findings, totals.fixable
    unsafe = totals.unsafe_fixable
    return (
        f"{count} finding{'s' if count != 1 else ''} in {with_findings} "
        f"file{'s' if with_findings != 1 else ''} ({checked} {files_word} checked"
        + fixed
        + (f", {fixable} fixable with --fix" if fixable else "")
        + (f", {unsafe} fixable with --unsafe-fixes" if unsafe else "")
        + ")."
    )


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    return "".join(format_finding(f, positions, options.color) + "\n\n" for f in findings)


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    return summary(totals) + "\n"
