"""Check a rule against its own examples."""

from __future__ import annotations

from lint.document import Document, Segment
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.model import Rule


def failures(rule: Rule) -> list[str]:
    """One line per example that the rule contradicts (empty when all pass)."""
    problems: list[str] = []
    where = f"{rule.source_path}:"
    for example in rule.bad:
        findings, errors = lint_document(_document(example.text), [rule])
        if errors:
            problems.append(f"{where}{example.line}: rule '{rule.id}': {errors[0].message}")
            continue
        if not findings:
            problems.append(
                f"{where}{example.line}: rule '{rule.id}': bad example not found: {example.text!r}"
            )
            continue
        if example.match is not None and findings[0].text != example.match:
            problems.append(
                f"{where}{example.line}: rule '{rule.id}': bad example matched "
                f"{findings[0].text!r}, expected {example.match!r}"
            )
        if example.fixed is not None:
            fixed = apply_fixes(example.text, findings, unsafe=True)
            if fixed != example.fixed:
                problems.append(
                    f"{where}{example.line}: rule '{rule.id}': fix gives {fixed!r}, "
                    f"expected {example.fixed!r}"
                )
    for example in rule.good:
        findings, _ = lint_document(_document(example.text), [rule])
        if findings:
            first = findings[0]
            problems.append(
                f"{where}{example.line}: rule '{rule.id}': good example has a finding "
                f"at {first.start}: {first.text!r}"
            )
    return problems


def _document(text: str) -> Document:
    return Document("<example>", text, (Segment(0, text),))
