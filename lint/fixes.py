"""Apply the edits of findings to a text."""

from __future__ import annotations

from collections.abc import Iterable

from lint.model import Applicability, Edit, Finding


def choose_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """Edits to apply, in order; an edit overlapping an earlier one is left for later."""
    chosen: list[Edit] = []
    reach = -1
    for finding in sorted(findings, key=lambda f: f.sort_key):
        fix = finding.fix
        if fix is None or (fix.applicability is Applicability.UNSAFE and not unsafe):
            continue
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if edits and edits[0].start >= reach:
            chosen.extend(edits)
            reach = max(e.end for e in edits)
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    parts: list[str] = []
    position = 0
    for edit in choose_edits(findings, unsafe):
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
