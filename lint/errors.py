"""Errors that reach the command line as one line each."""

from __future__ import annotations

from collections.abc import Sequence


class RuleModuleError(Exception):
    """Everything wrong with one or more rule modules, one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


class SelectionError(ValueError):
    """A --select/--ignore name that matches no rule."""


class SpecError(ValueError):
    """A problem in a rule's YAML; `key` names the offending key, `line` overrides its line."""

    def __init__(self, key: str | None, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.line = line
