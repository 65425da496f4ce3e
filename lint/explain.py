"""A rule's documentation as text: what `txtlint explain` prints."""

from __future__ import annotations

from lint.model import Rule


def explanation(rule: Rule) -> str:
    lines = [
        rule.id,
        "=" * len(rule.id),
        f"kind: {rule.kind}    severity: {rule.severity.label}    category: {rule.category}",
    ]
    if rule.source_path:
        lines.append(f"defined in: {rule.source_path}:{rule.line}")
    if rule.link:
        lines.append(f"see: {rule.link}")
    lines += ["", rule.description or rule.message, "", f"message: {rule.message}"]
    if rule.bad:
        lines += ["", "Reported:"]
        for example in rule.bad:
            lines.append(f"  {example.text!r}")
            if example.fixed is not None:
                lines.append(f"    fixed: {example.fixed!r}")
    if rule.good:
        lines += ["", "Not reported:"]
        lines += [f"  {example.text!r}" for example in rule.good]
    table = getattr(rule.checker, "explain", None)
    if table is not None:
        lines += ["", "Entries:"]
        lines += [f"  {line}" for line in table()]
    return "\n".join(lines)
