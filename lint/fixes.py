"""Apply the edits of findings to a text, round after round, and show what changed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from lint.model import Applicability, Edit, Finding

# Git splits only at "\n": a "\r" stays part of its line, so CRLF shows in the diff.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_NO_NEWLINE = "\\ No newline at end of file\n"


class Fixed(NamedTuple):
    """A text after fixing: `findings` are those of the fixed text, `applied` counts the
    edits that changed it, over `rounds` rounds."""

    text: str
    applied: int
    findings: list[Finding]
    rounds: int


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


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with `edits` applied; they must be in order and must not overlap."""
    parts: list[str] = []
    position = 0
    for edit in edits:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    return apply_edits(text, choose_edits(findings, unsafe))


class Round(NamedTuple):
    """One round of fixing: the new text and the edits applied, in order, each of them
    changing the text."""

    text: str
    edits: list[Edit]


def fix_round(text: str, findings: Iterable[Finding], unsafe: bool = False) -> Round:
    # A fix that would change nothing must not keep a real one out, round after round;
    # one whose edits are out of place (a rule's bug) must not garble the text.
    usable = [finding for finding in findings if _usable(text, finding)]
    edits = [edit for edit in choose_edits(usable, unsafe) if _changes(text, edit)]
    return Round(apply_edits(text, edits), edits)


def fix_text(
    text: str,
    lint_once: Callable[[str], list[Finding]],
    unsafe: bool = False,
    max_rounds: int = 10,
) -> Fixed:
    """Lint, apply what can be fixed, lint again, until nothing more is fixable or
    `max_rounds` rounds have changed the text."""
    findings = lint_once(text)
    applied = rounds = 0
    while rounds < max_rounds:
        fixed = fix_round(text, findings, unsafe)
        # Edits can also cancel out (a deletion next to the same insertion).
        if fixed.text == text:
            break
        text = fixed.text
        applied += len(fixed.edits)
        rounds += 1
        findings = lint_once(text)
    return Fixed(text, applied, findings, rounds)


def _changes(text: str, edit: Edit) -> bool:
    return text[edit.start : edit.end] != edit.replacement


def _usable(text: str, finding: Finding) -> bool:
    if finding.fix is None or not finding.fix.edits:
        return False
    edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
    in_place = all(0 <= e.start <= e.end <= len(text) for e in edits) and all(
        before.end <= after.start for before, after in pairwise(edits)
    )
    return in_place and any(_changes(text, edit) for edit in edits)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff from `before` to `after` as git shows it: lines split at "\\n"
    only, line endings kept, and a missing final newline marked."""
    lines = difflib.unified_diff(
        _LINE.findall(before),
        _LINE.findall(after),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
        lineterm="\n",
    )
    return "".join(line if line.endswith("\n") else f"{line}\n{_NO_NEWLINE}" for line in lines)
