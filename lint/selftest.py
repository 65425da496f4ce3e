"""Check a rule against its own examples."""

from __future__ import annotations

from lint import formats
from lint.engine import lint_document
from lint.fixes import apply_fixes
from lint.model import Example, Rule


def _problem(rule: Rule, example: Example, good: bool) -> str | None:
    """What is wrong with one example of `rule`, or None."""
    text = example.text
    # A bilingual rule needs translation units: its examples are small PO files.
    path = "<example>.po" if rule.kind == "bilingual" else "<example>.txt"
    findings, errors = lint_document(formats.parse(path, text), [rule])
    if errors:
        return errors[0].message
    if good:
        if findings:
            return f"good example has a finding at {findings[0].start}: {findings[0].text!r}"
        return None
    if not findings:
        return f"bad example not found: {text!r}"
    problems = []
    if example.match is not None and findings[0].text != example.match:
        problems.append(f"matched {findings[0].text!r}, expected {example.match!r}")
    if example.fixed is not None:
        fixed = apply_fixes(text, findings, unsafe=True)
        if fixed != example.fixed:
            problems.append(f"fix gives {fixed!r}, expected {example.fixed!r}")
    return "; ".join(problems) or None


def failures(rule: Rule) -> list[tuple[Example, str]]:
    """(example, one line naming file, line and rule) for each example the rule fails."""
    result = []
    labelled = [(e, False) for e in rule.bad] + [(e, True) for e in rule.good]
    for example, good in labelled:
        problem = _problem(rule, example, good)
        if problem is not None:
            where = f"{rule.source_path}:{example.line}: rule '{rule.id}'"
            result.append((example, f"{where}: {problem}"))
    return result
