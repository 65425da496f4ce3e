"""GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
finding, which the runner turns into an annotation on the file and line.

Escaped as the Actions toolkit escapes them (`@actions/core`, command.ts): the message
`%`, CR and LF; property values also `:` and `,`. Columns are code points, as in
txtlint's other outputs; GitHub does not say how it counts them, and annotations take
columns only within one line, so a finding over several lines gives lines alone."""

from __future__ import annotations

from collections.abc import Sequence

from lint.model import Finding, Problem, Severity
from lint.report import Options, Totals, one_file

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Sequence[tuple[str, str | int]], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {listed}::{escape_data(message)}\n"


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    lines = []
    for finding in findings:
        line, column, end_line, end_column = positions.of(finding)
        properties: list[tuple[str, str | int]] = [("file", path), ("line", line)]
        if line == end_line:
            properties += [("col", column), ("endLine", end_line), ("endColumn", end_column)]
        else:
            properties += [("endLine", end_line)]
        properties.append(("title", f"txtlint ({finding.rule})"))
        lines.append(command(COMMANDS[finding.severity], properties, finding.message))
    return "".join(lines)


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    # Files that could not be checked are annotated too: a log line is easily missed.
    return "".join(
        command("error", [("file", error.path), ("title", "txtlint")], error.message)
        for error in errors
    )
