"""Rule authors' regular expressions: compiled one way, run with a time limit."""

from __future__ import annotations

import functools
import re._constants as _constants
import re._parser as _parser

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


@functools.lru_cache(maxsize=4)
def folded(text: str) -> str:
    """Case and apostrophe folded, always the same length as `text` (a character whose
    lower case is longer, such as İ, is left as it is). Cached: every lexicon rule of a
    run folds the same segment."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("’", "'")


@functools.lru_cache(maxsize=4)
def casefolded(text: str) -> str:
    """Full Unicode case folding (ſ, ς and µ fold like s, σ and μ), for the literal test."""
    return text.casefold()


def required_literals(source: str) -> tuple[str, ...]:
    """Folded strings one of which every match of `source` contains, or () if unknown.

    The standard library's parser reads the pattern; a pattern it cannot read (`\\p{L}`,
    inline flags of the `regex` module) simply has none. Used to skip a rule, without
    even compiling it, on text that cannot match."""
    if _REGEX_ONLY.search(source):
        return ()
    # A Unicode property becomes a category: never part of a literal, in a set or not.
    plain = _PROPERTY.sub(lambda found: found.group(1) + r"\d", source)
    try:
        tree = _parser.parse(plain)
    except Exception:  # not plain `re` syntax
        return ()
    literals = _required(list(tree))
    if any(len(literal.casefold()) != len(literal) for literal in literals):
        return ()  # İ, ß: case folding changes them too much to test for
    return tuple(literal.casefold() for literal in literals)


# Syntax the standard library would read as something else: POSIX classes, fuzzy
# matching, branch reset. Such patterns get no literals.
_REGEX_ONLY = regex.compile(r"\[:|\{[^}]*[<>=]|\{[eisd][,}<>=]|\(\?\|")
_PROPERTY = regex.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")


_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}


def _required(items: list) -> list[str]:
    """Strings one of which every match of the parsed sequence `items` contains."""
    best, run = "", ""
    one_of: list[str] = []  # alternatives (a small character set, a branch) when no literal
    for op, argument in [*items, (None, None)]:
        if op is _constants.LITERAL:
            run += chr(argument)
            continue
        if op in _REPEATS and argument[0] >= 1 and len(argument[2]) == 1:
            (inner_op, inner_argument), *_ = argument[2]
            if inner_op is _constants.LITERAL:  # x+ : at least one x
                run += chr(inner_argument)
                best, run = max(best, run, key=len), ""
                continue
        best, run = max(best, run, key=len), ""
        if op is _constants.IN and not one_of:
            one_of = _characters(argument)
        elif op is _constants.BRANCH:
            options = [_required(list(branch)) for branch in argument[1]]
            if all(options) and not one_of:
                one_of = [literal for option in options for literal in option]
        elif op is _constants.SUBPATTERN or (op in _REPEATS and argument[0] >= 1):
            inner = _required(list(argument[-1]))
            if len(inner) == 1:
                best = max(best, inner[0], key=len)
            elif inner and not one_of:
                one_of = inner
    return [best] if best else one_of


def _characters(items: list) -> list[str]:
    """The characters of a small positive set `[…]`, or [] for anything else."""
    chars: list[str] = []
    for op, argument in items:
        if op is _constants.LITERAL:
            chars.append(chr(argument))
        elif op is _constants.RANGE and argument[1] - argument[0] < 32:
            chars += [chr(code) for code in range(argument[0], argument[1] + 1)]
        else:
            return []
    return chars if len(chars) <= 32 else []


class LazyPattern:
    """A module-level expression compiled on first use: a module that holds many of
    them costs nothing to import (the compiled-rules cache imports every rule kind)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: regex.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
        return getattr(self._compiled, name)
