"""Choose rules by id or module name, as --select and --ignore do."""

from __future__ import annotations

from collections.abc import Sequence

from lint.errors import SelectionError
from lint.model import Rule


def selects(selector: str, rule_id: str) -> bool:
    """Whether a selector (a rule id or a module name) chooses the rule `rule_id`."""
    return rule_id == selector or rule_id.startswith(selector + ".")


def matches(selector: str, rule: Rule) -> bool:
    return selects(selector, rule.id)


def select(
    rules: Sequence[Rule], selected: Sequence[str] = (), ignored: Sequence[str] = ()
) -> tuple[Rule, ...]:
    """Rules chosen by id or module name: all unless `selected`, minus `ignored`."""
    for selector in (*selected, *ignored):
        if not any(matches(selector, rule) for rule in rules):
            raise SelectionError(f"no rule or module named '{selector}'")
    chosen = [r for r in rules if not selected or any(matches(s, r) for s in selected)]
    return tuple(r for r in chosen if not any(matches(s, r) for s in ignored))
