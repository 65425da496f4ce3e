"""Character classes that word boundaries and script checks depend on."""

from __future__ import annotations

import unicodedata

import regex

# Scripts written without spaces between words: a word in them needs no boundary.
_UNSPACED = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}]"


def is_spaced_word_char(char: str) -> bool:
    """A letter, digit, mark or '_' of a script that separates words with spaces."""
    is_word = char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")
    return is_word and not regex.match(_UNSPACED, char)


def word_boundary(before: str, after: str) -> bool:
    """Whether a word may end between `before` and `after` (either may be '' at an edge)."""
    return not (before and after and is_spaced_word_char(before) and is_spaced_word_char(after))
