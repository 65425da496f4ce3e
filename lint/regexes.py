"""Rule authors' regular expressions: compiled one way, run with a time limit."""

from __future__ import annotations

import regex

from lint.errors import SpecError

# A user's regex may backtrack without end; each search gets this long, plus per MB of text.
BASE_SECONDS = 1.0
SECONDS_PER_MB = 2.0


def compile_regex(source: str, key: str, case_sensitive: bool) -> regex.Pattern[str]:
    """Unicode word boundaries (`\\b` between `the` and `整车`), case-insensitive unless asked."""
    flags = regex.WORD | (0 if case_sensitive else regex.IGNORECASE)
    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise SpecError(key, f"'{key}' is not a valid regular expression: {error}") from None


def time_limit(text: str) -> float:
    return BASE_SECONDS + SECONDS_PER_MB * len(text) / 1_000_000
