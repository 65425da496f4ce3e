"""Quantities in text: figures with the unit or currency written with them, read with a
unit table. Used by the `quantity` rule kind.

A quantity is a figure (`1,000.5`, `1 000`, `１０００`, `-5`) with a unit from the table
after it (`500 km`, `25°C`, `a 5-inch`, `5公里`) or a currency before it (`RMB 100`,
`¥100`), and optionally a spelled scale between (`1.2 million km`). Figures inside words
and codes (`L9`, `A1000`, `x86`, `COVID-19`), versions (`1.2.3`) and figures glued to
letters that are not units are not quantities.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex

from lint.numbers import SPELLED_SCALES, Figure, read_figure
from lint.regexes import LazyPattern, time_limit
from lint.units import Form, Forms, Unit, UnitTable

# Figures longer than this are identifiers or noise, never quantities (and their value
# would overflow a float).
MAX_DIGITS = 15

# After a unit: letters that would make it part of a word, digits that would make it
# part of a code, or a hyphen and digits (`5W-30` is an oil grade).
LATIN_AFTER = r"(?![\p{Latin}\p{N}_²³]|-\d)"
# Before a figure: not inside a word, a figure or a version, nor after `COVID-`.
NOT_IN_WORD = r"(?<![\p{L}\p{N}_.,]|[\p{L}_]-)"
_END_OF_FIGURE = r"(?![\p{L}\p{N}_]|[.,]\d)"
_SIGN = r"(?:(?<![\p{L}\p{N}_.,)\]])[-−](?=\d))?"
# Between a quantity and the same quantity in other units: `500 km (310 miles)`,
# `500 km/310 mi`, `42.195 km, or 26.2 miles`, `500 km [c. 310 miles]`, `0-100 km/h (0-62
# mph)`, `25 °C, i.e. 77 °F`, `500 km – about 310 miles`.
_CONVERSION_BETWEEN = LazyPattern(
    r"\s*(?:[(（\[/]|,?\s*(?:\bor\b|\bi\.e\.|\bthat\s+is\b)|\s[–—-]\s)\s*"
    r"(?:(?:about|approx\.|approximately|around|roughly|ca\.|c\.|some|nearly|almost)\s+"
    r"|[~≈]\s*)?"
    r"(?:\d[\d.,]*\s*(?:[-–]|to)\s*)?",
    regex.IGNORECASE,
)
_WORDS_AFTER = LazyPattern(r"[\s+-]*(\w+)(?:\s+(\w+))?")
_COMPOUND_AFTER = LazyPattern(r"\s+\d")
_DIGIT = LazyPattern(r"\d")
_GROUPED = LazyPattern(r"\d[, \u00a0\u2009\u202f]\d")
# A four-digit figure before a currency word is a year: `in 2019 dollars`.
_YEARS = range(1800, 2101)


class Quantity(NamedTuple):
    """A figure and what is written with it; spans are offsets in the scanned text."""

    start: int
    end: int
    figure: Figure
    number: tuple[int, int]
    prefix: str
    gap: str  # between figure and unit: "", a space, or "-"
    unit: Form | None
    unit_span: tuple[int, int]
    scale: float = 1  # a spelled magnitude after the figure: "1.2 million km"

    @property
    def value(self) -> float:
        return self.figure.value * self.scale


def alternation(forms: Iterable[tuple[str, bool]]) -> str:
    """Longest first; each form with its case flag (True: any case); a space may be any
    run of spaces."""
    items = sorted(set(forms), key=lambda item: (-len(item[0]), item))
    parts = []
    for text, any_case in items:
        escaped = regex.escape(text).replace(r"\ ", r"[ \u00a0]+")
        parts.append(f"(?i:{escaped})" if any_case else escaped)
    return "|".join(parts)


def unit_forms(table: UnitTable) -> str:
    """Every written form of every unit, as one alternation."""
    forms: list[tuple[str, bool]] = []
    for unit in table.units:
        forms += [(s, unit.case_strict) for s in unit.spellings]
        forms += [(w, True) for w in unit.words]
        forms += [(c, False) for c in unit.chinese]
    return alternation(forms)


def prefixes(table: UnitTable) -> str:
    return alternation((p, False) for unit in table.units for p in unit.prefixes)


def before_figure(table: UnitTable) -> str:
    """The opening of an expression for a figure that may have a currency before it,
    up to the `|` before the alternative without one. The first digit is tested first
    and the currency looked for behind it: trying every currency at every position of
    a text is three times slower."""
    return rf"(?=[-−]?\d)(?:(?<=(?<![\p{{L}}\p{{N}}_])(?P<prefix>{prefixes(table)})[ \u00a0]?)"


def scanner_source(table: UnitTable) -> str:
    """One expression for every quantity the table can read."""
    units = unit_forms(table)
    # Grouped by plain spaces only where it cannot be two figures (`3 100 m sprints`,
    # `4 400 m relay`): two or three digits first, or several groups, or `1 000`, and
    # then only before a unit or after a currency. Only the first figure of a run may
    # start one, which keeps a long run of spaced figures linear.
    spaced = (
        r"(?<!\d )(?:\d{2,3}(?: \d{3})++|\d(?: \d{3}){2,}+|\d 000(?! \d)"
        r"|(?(prefix)\d(?: \d{3})++|(?!)))(?:\.\d+)?"
        rf"(?(prefix)(?![ ]?\d)|(?=[ \u00a0]?(?:{units}){LATIN_AFTER}))"
    )
    figure = (
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
        r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?"
        rf"|{spaced}"
        r"|\d+(?:\.\d+)?"
    )
    return (
        rf"{before_figure(table)}|{NOT_IN_WORD})"
        rf"(?P<number>{_SIGN}(?:{figure}))"
        rf"(?:[ \u00a0](?=[tmbTMB])(?P<scale>(?i:{'|'.join(SPELLED_SCALES)}))(?!\p{{L}}))?"
        # a unit is tried only where something other than a figure or a stop follows
        rf"(?:(?=[ \u00a0\u202f-]?[^\s\d,.;:!?)\]])(?P<gap>[ \u00a0\u202f]|-|)"
        rf"(?P<unit>{units}){LATIN_AFTER}|{_END_OF_FIGURE})"
    )


def has_figure(text: str) -> bool:
    """Whether `text` has a digit at all: without one, no quantity check needs to
    compile its (large) expression."""
    return _DIGIT.search(text) is not None


def scan(source: str, forms: Forms, text: str) -> Iterator[Quantity]:
    if not has_figure(text):
        return
    pattern = regex.compile(source)
    for found in pattern.finditer(text, timeout=time_limit(text)):
        if not (found["unit"] or found["prefix"] or _GROUPED.search(found["number"])):
            continue  # a bare figure: no check needs it
        figure = read_figure(found["number"])
        if figure.integer_digits > MAX_DIGITS:
            continue
        unit = forms.read(found["unit"]) if found["unit"] else None
        gap = found["gap"] or ""
        if unit is not None and gap == "" and not unit.unit.attached:
            continue  # "5g", "5m": a network, a million
        if unit is not None and found["prefix"] and unit.unit.dimension != "currency":
            unit = None  # "$5 m": five million dollars
        if (
            unit is not None
            and unit.how == "word"
            and unit.unit.dimension == "currency"
            and not figure.separator
            and figure.decimals == 0
            and int(figure.value) in _YEARS
        ):
            unit = None  # "in 2019 dollars": a year
        yield Quantity(
            start=found.start("prefix") if found["prefix"] else found.start(),
            end=found.end(),
            figure=figure,
            number=found.span("number"),
            prefix=found["prefix"] or "",
            gap=gap,
            unit=unit,
            unit_span=found.span("unit") if found["unit"] else (found.end(), found.end()),
            scale=SPELLED_SCALES[found["scale"].lower()] if found["scale"] else 1,
        )


_cache = threading.local()
CACHED_TEXT = 100_000  # longer segments are scanned anew: their quantities may be many


def scanned(source: str, forms: Forms, text: str) -> tuple[Quantity, ...] | Iterator[Quantity]:
    """The quantities in `text`. The engine runs every rule on one segment before the
    next, so the last segment's quantities are kept (per thread) for the next check."""
    if len(text) > CACHED_TEXT:
        return scan(source, forms, text)
    last = getattr(_cache, "last", None)
    if last is not None and last[1] is text and last[0] == source:
        return last[2]
    quantities = tuple(scan(source, forms, text))
    _cache.last = (source, text, quantities)
    return quantities


def words_after(text: str, end: int) -> tuple[str, ...]:
    """The one or two words after `end`."""
    found = _WORDS_AFTER.match(text, end, min(len(text), end + 60))
    return tuple(w for w in found.groups() if w) if found else ()


def conventional(quantity: Quantity, text: str) -> bool:
    """An imperial unit used as it is everywhere (`15.6-inch screen`)."""
    unit = quantity.unit.unit
    return bool(unit.conventional_before) and any(
        word.lower() in unit.conventional_before
        for word in words_after(text, quantity.unit_span[1])
    )


def measured(quantity: Quantity) -> Unit | None:
    """The unit of a quantity measured in a system (metric or imperial), else None."""
    form = quantity.unit
    if form is None or form.how == "chinese" or form.unit.system not in ("metric", "imperial"):
        return None
    return form.unit


def _converts(previous: Quantity, quantity: Quantity, text: str) -> bool:
    """Whether `quantity` gives `previous` again in other units of the same dimension."""
    before, after = measured(previous), measured(quantity)
    return (
        before.dimension == after.dimension
        and before != after
        and _CONVERSION_BETWEEN.fullmatch(text, previous.end, quantity.start) is not None
    )


def pairs(quantities: Iterable[Quantity], text: str) -> Iterator[tuple[Quantity, Quantity]]:
    """(first, second) for a quantity given again in other units right after itself."""
    previous = None
    for quantity in quantities:
        if measured(quantity) is None:
            continue
        if previous is not None and _converts(previous, quantity, text):
            yield previous, quantity
            previous = None  # "500 km/310 mi or 800 km/497 mi": two pairs, not three
            continue
        previous = quantity


def unpaired(quantities: Iterable[Quantity], text: str) -> Iterator[Quantity]:
    """The measured quantities that are not part of a pair, in order, reading
    `quantities` once."""
    previous = None
    for quantity in quantities:
        if measured(quantity) is None:
            continue
        if previous is not None and _converts(previous, quantity, text):
            previous = None
            continue
        if previous is not None:
            yield previous
        previous = quantity
    if previous is not None:
        yield previous


def compound(quantity: Quantity, text: str) -> bool:
    """Whether another figure follows, as in `5 ft 11 in`: the quantity is a part."""
    return bool(_COMPOUND_AFTER.match(text, quantity.end))


@functools.lru_cache(maxsize=16)
def words_pattern(words: tuple[str, ...]) -> regex.Pattern[str]:
    """Any of `words`, as whole words in any case."""
    alternatives = "|".join(regex.escape(word) for word in words)
    source = rf"(?<![\p{{L}}\p{{N}}_])(?:{alternatives})(?![\p{{L}}\p{{N}}_])"
    return regex.compile(source, regex.IGNORECASE)
