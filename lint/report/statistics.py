"""`txtlint check --statistics`: how many findings each rule has, most first (then by
rule id), instead of the findings. Only the counts are kept while files are checked.

Text (for `--format text` and `concise`), one line per rule:

    count  rule  marker  short description

where the marker is `[*]` when `--fix` fixes every finding of the rule, `[-]` when
every one has a fix but some only with `--unsafe-fixes`, and `[ ]` otherwise. JSON
(`--format json`): an array of `{"rule", "count", "fixable", "unsafe_fixable"}`, the
last two the numbers of findings `--fix` fixes and of those only `--unsafe-fixes` fixes."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from lint.model import Applicability, Finding, Rule

FORMATS = ("text", "concise", "json")


class RuleCount(NamedTuple):
    rule: str
    count: int = 0
    fixable: int = 0  # findings --fix fixes
    unsafe_fixable: int = 0  # findings only --unsafe-fixes fixes

    @property
    def marker(self) -> str:
        if self.fixable == self.count:
            return "[*]"
        if self.fixable + self.unsafe_fixable == self.count:
            return "[-]"
        return "[ ]"


class Statistics:
    """Counts per rule, added up file by file."""

    def __init__(self) -> None:
        self._counts: dict[str, RuleCount] = {}

    def add(self, findings: Sequence[Finding]) -> None:
        for finding in findings:
            known = self._counts.get(finding.rule) or RuleCount(finding.rule)
            applicability = finding.fix.applicability if finding.fix else None
            self._counts[finding.rule] = RuleCount(
                finding.rule,
                known.count + 1,
                known.fixable + (applicability == Applicability.SAFE),
                known.unsafe_fixable + (applicability == Applicability.UNSAFE),
            )

    def rows(self) -> list[RuleCount]:
        return sorted(self._counts.values(), key=lambda row: (-row.count, row.rule))

    def render(self, output_format: str, rules: Mapping[str, Rule]) -> str:
        rows = self.rows()
        return json_text(rows) if output_format == "json" else text(rows, rules)


def text(rows: Sequence[RuleCount], rules: Mapping[str, Rule]) -> str:
    if not rows:
        return ""
    count_width = len(str(rows[0].count))
    rule_width = max(len(row.rule) for row in rows)
    lines = []
    for row in rows:
        rule = rules.get(row.rule)
        description = rule.short_description if rule is not None else ""
        line = f"{row.count:>{count_width}}  {row.rule:<{rule_width}}  {row.marker} {description}"
        lines.append(line.rstrip() + "\n")
    return "".join(lines)


def json_text(rows: Sequence[RuleCount]) -> str:
    objects = [
        {
            "rule": row.rule,
            "count": row.count,
            "fixable": row.fixable,
            "unsafe_fixable": row.unsafe_fixable,
        }
        for row in rows
    ]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
