"""SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers: one run.

Columns are UTF-16 code units, SARIF's default `columnKind`, which the run states: CodeQL
writes them, and GitHub code scanning documents no other. Results are written file by file;
the tool with the rules the results name (`ruleIndex` in order of first finding) and the
invocation with the files that could not be checked come after them, since JSON does not
fix the order of keys."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from lint.model import Applicability, Finding, Problem, Rule, Severity
from lint.report import Options, Positions, Totals, array_items, indented, one_file

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_BRACKET = re.compile(r"(\\*)([\[\]])")
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A path as given, as a URI: relative ones against the source root. A name that is
    not UTF-8 keeps its bytes, percent-encoded."""
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        absolute = PurePosixPath(path) if path.startswith("/") else PureWindowsPath(path)
        return {"uri": absolute.as_uri()}
    if os.sep == "\\":  # elsewhere a backslash is part of a file's name
        path = path.replace("\\", "/")
    return {"uri": quote(path, errors="surrogateescape"), "uriBaseId": SOURCE_ROOT}


def _region(positions: Positions, path: str, start: int, end: int) -> dict[str, int]:
    line, column, end_line, end_column = positions.columns(path, start, end, "utf-16")
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def readable_name(rule: Rule | None, rule_id: str) -> str:
    """`zh-en.calque.three-highs` → `ThreeHighs`: the rule's name within its module."""
    name = rule_id
    if rule is not None and rule_id.startswith(rule.module + "."):
        name = rule_id[len(rule.module) + 1 :]
    words = name.replace("_", "-").replace(".", "-").split("-")
    return "".join(word[:1].upper() + word[1:] for word in words)


def rule_descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:
        return {"id": rule_id, "name": readable_name(None, rule_id)}
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "name": readable_name(rule, rule_id),
        "shortDescription": {"text": rule.short_description},
        "fullDescription": {"text": " ".join((rule.description or rule.message).split())},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {
        "category": rule.category,
        "module": rule.module,
        "tags": [rule.category],
    }
    return descriptor


def _fix(finding: Finding, positions: Positions) -> dict[str, Any]:
    assert finding.fix is not None
    unsafe = finding.fix.applicability == Applicability.UNSAFE
    description = (
        "Unsafe fix (txtlint --fix --unsafe-fixes): check the meaning is kept."
        if unsafe
        else "Safe fix (txtlint --fix)."
    )
    replacements = [
        {
            "deletedRegion": _region(positions, finding.path, edit.start, edit.end),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in finding.fix.edits
    ]
    return {
        "description": {"text": description},
        "artifactChanges": [
            {"artifactLocation": artifact_location(finding.path), "replacements": replacements}
        ],
        "properties": {"applicability": finding.fix.applicability.value},
    }


def _message(finding: Finding) -> str:
    """The finding's message, linking to its related locations (`[text](id)`, SARIF's
    embedded links), which is how GitHub code scanning shows them."""
    links = [
        f"[{_escape_brackets(item.message)}]({number})"
        for number, item in enumerate(finding.related, start=1)
    ]
    return " ".join([_escape_brackets(finding.message), *links])


def _escape_brackets(text: str) -> str:
    """Plain text in a SARIF message: a bracket is escaped with a backslash, and so are
    the backslashes just before one."""
    return _BRACKET.sub(lambda found: found[1] * 2 + "\\" + found[2], text)


def result_object(finding: Finding, rule_index: int, positions: Positions) -> dict[str, Any]:
    region = _region(positions, finding.path, finding.start, finding.end)
    region["snippet"] = {"text": finding.text}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": region,
                }
            }
        ],
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": artifact_location(item.path or finding.path),
                    "region": _region(positions, item.path or finding.path, item.start, item.end),
                },
                "message": {"text": item.message},
            }
            for number, item in enumerate(finding.related, start=1)
        ]
    if finding.fix is not None:
        result["fixes"] = [_fix(finding, positions)]
    if finding.suggestions:
        result["properties"] = {"suggestions": list(finding.suggestions)}
    return result


def begin(options: Options) -> str:
    return (
        f'{{\n  "$schema": "{SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {{\n'
        f'      "columnKind": "utf16CodeUnits",\n      "results": ['
    )


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    indexes = {rule: index for index, rule in enumerate(before.rules)}
    results = (
        result_object(finding, indexes.setdefault(finding.rule, len(indexes)), positions)
        for finding in findings
    )
    return array_items(results, before.findings, 4)


def _notification(problem: Problem) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(problem.path)}}],
    }
    if problem.rule:
        notification["associatedRule"] = {"id": problem.rule}
    return notification


def end(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    closing = "\n      ]" if totals.findings else "]"
    invocation = {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [_notification(problem) for problem in errors],
    }
    driver: dict[str, Any] = {
        "name": "txtlint",
        "version": options.version,
        "rules": [rule_descriptor(rule, options.rules.get(rule)) for rule in totals.rules],
    }
    return (
        f'{closing},\n      "invocations": {indented([invocation], 3)},\n'
        f'      "tool": {indented({"driver": driver}, 3)}\n    }}\n  ]\n}}\n'
    )
