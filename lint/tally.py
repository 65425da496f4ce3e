"""Which style a document uses: count each style's uses per group, then pick a winner.
Shared by the document-level rule kinds (`consistency`, `quantity`)."""

from __future__ import annotations

import collections
from collections.abc import Iterable
from typing import NamedTuple


class Winner(NamedTuple):
    """The style a group should be written in, and its first use (-1: none, it was
    preferred by configuration and the text never uses it)."""

    style: str
    count: int
    start: int
    end: int


class Tally(NamedTuple):
    counts: collections.Counter[tuple[str, str]]
    first: dict[tuple[str, str], tuple[int, int]]


def tally(uses: Iterable[tuple[str, str, int, int]]) -> Tally:
    """Count (group, style, start, end) uses, keeping each style's first span."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for group, style, start, end in uses:
        counts[group, style] += 1
        first.setdefault((group, style), (start, end))
    return Tally(counts, first)


def winners(counted: Tally, prefer: str | None, absent_wins: bool = True) -> dict[str, Winner]:
    """Per group written in more than one style, or not in the preferred one: the
    preferred style, else the most used, the earliest on a tie. A preferred style the
    text never uses wins only if `absent_wins`."""
    styles: dict[str, list[str]] = collections.defaultdict(list)
    for group, style in counted.counts:
        styles[group].append(style)
    result = {}
    for group, used in styles.items():
        if prefer is not None and prefer not in used:
            if absent_wins:
                result[group] = Winner(prefer, 0, -1, -1)
            continue
        if len(used) < 2:
            continue
        first = counted.first
        best = prefer or max(used, key=lambda s: (counted.counts[group, s], -first[group, s][0]))
        result[group] = Winner(best, counted.counts[group, best], *first[group, best])
    return result
