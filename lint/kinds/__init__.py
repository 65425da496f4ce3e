"""The registry of rule kinds. Adding a kind is one module plus one line here.

A kind module exposes `KEYS` (its own YAML keys) and `build(spec, message, fix, folder)`
(`folder`: where the rule module is, for data files it names), which returns a checker
with `check(text) -> Iterable[Hit]`.
"""

from __future__ import annotations

from types import ModuleType

from lint.kinds import bilingual, consistency, lexicon, pattern, quantity, script

KINDS: dict[str, ModuleType] = {
    "pattern": pattern,
    "lexicon": lexicon,
    "script": script,
    "consistency": consistency,
    "quantity": quantity,
    "bilingual": bilingual,
}
