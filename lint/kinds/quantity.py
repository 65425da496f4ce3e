"""`quantity`: numbers with their units, read with the unit table (`rules/data/units.yaml`).

Keys: `check` (required, one of CHECKS below) and `units` (a unit table, relative to the
module; default the built-in one). Document-level checks see the whole text before
deciding which style it uses; the others look at one segment at a time.

What counts as a quantity: a figure (`1,000.5`, `1 000`, `１０００`) with a unit from
the table after it (`500 km`, `25°C`, `5-inch`) or a currency before it (`RMB 100`,
`¥100`). Figures inside words and codes (`L9`, `A1000`, `x86`), version numbers
(`1.2.3`) and figures with letters glued on that are not units are not quantities.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import regex

from lint.builtin import builtin_dir
from lint.document import Document, LineIndex
from lint.kinds.base import Key, SpecError, parse_template
from lint.model import Hit, Related
from lint.numbers import (
    SPELLED_SCALES,
    Figure,
    agrees,
    ascii_digits,
    group_thousands,
    read_figure,
    write_measure,
    write_number,
)
from lint.regexes import time_limit
from lint.template import Template
from lint.units import Form, Forms, Unit, UnitTable, forms_of, load_table

KEYS = {
    "check": Key((str,), required=True),
    "units": Key((str,)),
    "prefer": Key((str,)),
}
BUILTIN_TABLE = "data/units.yaml"

# After a figure: letters that would make it part of a word, digits that would make it
# part of a longer figure or a version number.
_LATIN_AFTER = r"(?![\p{Latin}\p{N}_²³])"
_NOT_IN_WORD = r"(?<![\p{L}\p{N}_.,]|[\p{L}_]-)"
_END_OF_FIGURE = r"(?![\p{L}\p{N}_]|[.,]\d)"
_CONVERSION_BETWEEN = regex.compile(
    r"\s*(?:[(（/]|\bor\b)\s*"
    r"(?:(?:about|approx\.|approximately|around|roughly|ca\.|some)\s+|[~≈]\s*)?"
    r"(?:\d[\d.,]*\s*(?:[-–]|to)\s*)?",  # the start of a range: (0-62 mph)
    regex.IGNORECASE,
)
_WORDS_AFTER = regex.compile(r"[\s+-]*(\w+)(?:\s+(\w+))?")
_DIMENSION_NAMES = {"temperature": "temperatures", "currency": "amounts", "ratio": "ratios"}


class Quantity(NamedTuple):
    """A figure and what is written with it; spans are offsets in the segment."""

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


def _alternation(forms: Iterable[tuple[str, bool]]) -> str:
    """Longest first; each form with its case flag; a space may be any run of spaces."""
    items = sorted(set(forms), key=lambda item: (-len(item[0]), item))
    parts = []
    for text, any_case in items:
        escaped = regex.escape(text).replace(r"\ ", r"[ \u00a0]+")
        parts.append(f"(?i:{escaped})" if any_case else escaped)
    return "|".join(parts)


def _unit_forms(table: UnitTable) -> list[tuple[str, bool]]:
    forms: list[tuple[str, bool]] = []
    for unit in table.units:
        forms += [(s, unit.case_strict) for s in unit.spellings]
        forms += [(w, True) for w in unit.words]
        forms += [(c, False) for c in unit.chinese]
    return forms


def _prefixes(table: UnitTable) -> str:
    return _alternation((p, False) for unit in table.units for p in unit.prefixes)


def _before_figure(table: UnitTable) -> str:
    """The opening of an expression for a figure, which may have a currency before it.
    The figure's first digit is tested first and the currency looked for behind it:
    trying every currency at every position of a text is three times slower."""
    prefixes = _prefixes(table)
    return rf"(?=\d)(?:(?<=(?<![\p{{L}}\p{{N}}_])(?P<prefix>{prefixes})[ \u00a0]?)"


def scanner_source(table: UnitTable) -> str:
    """One expression for every quantity the table can read."""
    units = _alternation(_unit_forms(table))
    figure = (
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
        r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?"
        # grouped by plain spaces only after a currency or before a unit: "10 100-meter"
        rf"|\d{{1,3}}(?: \d{{3}})+(?:\.\d+)?"
        rf"(?(prefix)(?![ ]?\d)|(?=[ \u00a0]?(?:{units}){_LATIN_AFTER}))"
        r"|\d+(?:\.\d+)?"
    )
    return (
        rf"{_before_figure(table)}|{_NOT_IN_WORD})"
        rf"(?P<number>{figure})"
        rf"(?:[ \u00a0](?P<scale>(?i:{'|'.join(SPELLED_SCALES)}))(?!\p{{L}}))?"
        rf"(?:(?P<gap>[ \u00a0\u202f]|-|)(?P<unit>{units}){_LATIN_AFTER}|{_END_OF_FIGURE})"
    )


def scan(pattern: regex.Pattern[str], forms: Forms, text: str) -> Iterator[Quantity]:
    for found in pattern.finditer(text, timeout=time_limit(text)):
        unit = forms.read(found["unit"]) if found["unit"] else None
        gap = found["gap"] or ""
        if unit is not None and gap == "" and not unit.unit.attached:
            continue  # "5g", "5m": not grams or metres
        if unit is not None and found["prefix"] and unit.unit.dimension != "currency":
            unit = None  # "$5 m": five million dollars
        yield Quantity(
            start=found.start("prefix") if found["prefix"] else found.start(),
            end=found.end(),
            figure=read_figure(found["number"]),
            number=found.span("number"),
            prefix=found["prefix"] or "",
            gap=gap,
            unit=unit,
            unit_span=found.span("unit") if found["unit"] else (found.end(), found.end()),
            scale=SPELLED_SCALES[found["scale"].lower()] if found["scale"] else 1,
        )


def _words_after(text: str, end: int) -> tuple[str, ...]:
    found = _WORDS_AFTER.match(text, end, min(len(text), end + 60))
    return tuple(w for w in found.groups() if w) if found else ()


def conventional(quantity: Quantity, text: str) -> bool:
    """An imperial unit used as it is everywhere (`15.6-inch screen`)."""
    unit = quantity.unit.unit
    return bool(unit.conventional_before) and any(
        word in unit.conventional_before for word in _words_after(text, quantity.unit_span[1])
    )


def measured(quantity: Quantity) -> Unit | None:
    """The unit of a quantity measured in a system (metric or imperial), else None."""
    form = quantity.unit
    if form is None or form.how == "chinese" or form.unit.system not in ("metric", "imperial"):
        return None
    return form.unit


def pairs(quantities: Iterable[Quantity], text: str) -> Iterator[tuple[Quantity, Quantity]]:
    """(first, second) for a quantity given again in other units right after itself:
    `500 km (310 miles)`, `500 km/310 mi`, `100 kg or 220 lb`, `0-100 km/h (0-62 mph)`."""
    previous = None
    for quantity in quantities:
        unit = measured(quantity)
        if unit is None:
            continue
        if previous is not None:
            before = measured(previous)
            between = _CONVERSION_BETWEEN.fullmatch(text, previous.end, quantity.start)
            if between and before.dimension == unit.dimension and before != unit:
                yield previous, quantity
                previous = None  # "500 km/310 mi or 800 km/497 mi": two pairs, not three
                continue
        previous = quantity


# ---- document-level checks: observe every use, then report those not in the winning style


class Observation(NamedTuple):
    """One use of a style (document offsets): counted, then reported if it lost."""

    group: str  # what must be written one way: a magnitude class, a dimension, a unit
    style: str  # how this use writes it
    start: int
    end: int
    fix: Callable[[str, str], str | None] | None = None  # (winner's text, style) → text
    values: tuple[tuple[str, str], ...] = ()  # more placeholders for the message


class Winner(NamedTuple):
    style: str
    count: int
    start: int
    end: int


def winners(
    observations: Iterable[Observation], prefer: str | None, absent_wins: bool = True
) -> dict[str, Winner]:
    """Per group written in more than one style, or not in the preferred one: the
    preferred style, else the most used, the earliest on a tie. A preferred style the
    text never uses wins with no first occurrence (start -1), if `absent_wins`."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for seen in observations:
        key = (seen.group, seen.style)
        counts[key] += 1
        first.setdefault(key, (seen.start, seen.end))
    styles: dict[str, list[str]] = collections.defaultdict(list)
    for group, style in counts:
        styles[group].append(style)
    result = {}
    for group, used in styles.items():
        if prefer is not None and prefer not in used:
            if absent_wins:
                result[group] = Winner(prefer, 0, -1, -1)
        elif len(used) < 2:
            continue
        else:
            best = prefer or max(used, key=lambda s: (counts[group, s], -first[group, s][0]))
            result[group] = Winner(best, counts[group, best], *first[group, best])
    return result


_last_scan: list[tuple[str, str, tuple[Quantity, ...]]] = []


def _scanned(source: str, forms: Forms, text: str) -> tuple[Quantity, ...]:
    """The quantities in `text`, kept for the next call: the engine runs every rule on
    one segment before the next, so the quantity checks of a segment share one scan."""
    last = _last_scan[-1] if _last_scan else None
    if last is not None and last[1] is text and last[0] == source:
        return last[2]
    quantities = tuple(scan(regex.compile(source), forms, text))
    _last_scan[:] = [(source, text, quantities)]
    return quantities


class Sources(NamedTuple):
    """The expressions the checks run, built from the unit table (compiled on use)."""

    quantity: str
    decimal: str
    magnitude: str
    date: str


class _Base(NamedTuple):
    check_name: str
    prefer: str | None  # the module's preferred style (document-level checks)
    sources: Sources
    forms: Forms
    table: UnitTable
    message: Template
    fix: Template | None

    def quantities(self, text: str) -> tuple[Quantity, ...]:
        return _scanned(self.sources.quantity, self.forms, text)

    def hit(
        self,
        span: tuple[int, int],
        values: dict[str, str],
        suggestions: tuple[str, ...] = (),
        fix_span: tuple[int, int] | None = None,
        related: tuple[Related, ...] = (),
    ) -> Hit:
        replacement = None
        if suggestions:
            values["suggestion"] = suggestions[0]
            if self.fix is not None:
                replacement = self.fix.render(values)
        return Hit(
            *span,
            self.message.render(values),
            suggestions=suggestions,
            replacement=replacement,
            related=related,
            fix_span=fix_span,
        )


class SegmentQuantityChecker(_Base):
    def check(self, text: str) -> Iterator[Hit]:
        return SEGMENT_CHECKS[self.check_name](self, text)


class DocumentQuantityChecker(_Base):
    def styles(self) -> tuple[str, ...]:
        """What `prefer` may name."""
        return STYLES.get(self.check_name, ())

    def check_document(self, document: Document, prefer: str | None) -> Iterator[Hit]:
        observe = OBSERVERS[self.check_name]
        prefer = FIXED_PREFERENCE.get(self.check_name, prefer or self.prefer)

        observations = [
            seen._replace(start=seen.start + segment.start, end=seen.end + segment.start)
            for segment in document.segments
            for seen in observe(self, segment.text)
        ]
        best_of = winners(observations, prefer, self.check_name not in FIXED_PREFERENCE)
        if not best_of:
            return
        lines = LineIndex.of(document.text)
        for seen in observations:
            best = best_of.get(seen.group)
            if best is None or seen.style == best.style:
                continue
            if best.start < 0:
                example, line, where = SAMPLES.get(best.style, ""), "", "as configured"
                related: tuple[Related, ...] = ()
            else:
                example = document.text[best.start : best.end]
                line = str(lines.position(best.start)[0])
                where = f'"{example}" on line {line}'
                related = (Related(best.start, best.end, f'"{example}" first used here'),)
            values = {
                "match": document.text[seen.start : seen.end],
                "style": STYLE_LABELS.get(seen.style, seen.style),
                "preferred": STYLE_LABELS.get(best.style, best.style),
                "example": example,
                "line": line,
                "where": where,
                "count": str(best.count),
                "group": seen.group,
                **dict(seen.values),
            }
            suggestion = seen.fix(example, best.style) if seen.fix else None
            yield self.hit(
                (seen.start, seen.end), values, (suggestion,) if suggestion else (), None, related
            )


def _observe_separators(checker: _Base, text: str) -> Iterator[Observation]:
    for quantity in checker.quantities(text):
        figure = quantity.figure
        counted = quantity.unit or quantity.prefix or figure.separator
        if not figure.magnitude_class or not counted:
            continue
        start, end = quantity.number
        group = "4-digit" if figure.magnitude_class == "4" else "5-digit and longer"
        number = ascii_digits(text[start:end])
        yield Observation(group, figure.style, start, end, functools.partial(_regroup, number))


def _regroup(number: str, example: str, style: str) -> str:
    """`1000` in the grouping of `example`: `1,000`, `1 000` or `1000`."""
    whole, dot, fraction = number.partition(".")
    digits = "".join(c for c in whole if c.isdigit())
    separator = read_figure(example).separator
    return group_thousands(digits, separator) + dot + fraction


def _observe_systems(checker: _Base, text: str) -> Iterator[Observation]:
    quantities = checker.quantities(text)
    paired = {q.start for pair in pairs(quantities, text) for q in pair}
    for quantity in quantities:
        unit = measured(quantity)
        if unit is None or quantity.start in paired or conventional(quantity, text):
            continue
        written = text[quantity.start : quantity.end]
        convert = functools.partial(_converted, checker, quantity, written)
        group = _DIMENSION_NAMES.get(unit.dimension, unit.dimension)
        yield Observation(group, unit.system, quantity.start, quantity.end, convert)


def _converted(
    checker: _Base, quantity: Quantity, written: str, example: str, _: str
) -> str | None:
    """`310 miles` → `499 km (310 miles)`: in the unit of the text's own example, or in
    a unit of its system that gives a figure between 1 and 1000 (`12 inches` → `30.5 cm`)."""
    found = checker.quantities(example)
    if not found or found[0].unit is None:
        return None
    example_unit = found[0].unit.unit
    base = quantity.unit.unit.to_base(quantity.value)
    candidates = [example_unit] + [
        unit
        for unit in checker.table.units
        if unit.dimension == example_unit.dimension
        and unit.system == example_unit.system
        and unit.spellings
    ]
    unit = next((u for u in candidates if 1 <= abs(u.from_base(base)) < 1000), example_unit)
    space = " " if unit.spacing else ""
    return f"{write_measure(unit.from_base(base))}{space}{unit.symbol} ({written})"


def _observe_spacing(checker: _Base, text: str) -> Iterator[Observation]:
    for quantity in checker.quantities(text):
        form = quantity.unit
        if form is None or form.how not in ("symbol", "miscased") or not form.unit.spacing:
            continue
        if quantity.gap == "-":
            continue
        start, end = quantity.number[0], quantity.unit_span[1]
        number = text[start : quantity.number[1]]
        unit = text[quantity.unit_span[0] : end]
        style = "spaced" if quantity.gap else "attached"
        respace = functools.partial(_respace, number, unit)
        yield Observation("spacing", style, start, end, respace)


def _respace(number: str, unit: str, example: str, style: str) -> str:
    return f"{number} {unit}" if style == "spaced" else f"{number}{unit}"


def _observe_unit_forms(checker: _Base, text: str) -> Iterator[Observation]:
    for quantity in checker.quantities(text):
        unit = measured(quantity)
        if unit is None:
            continue
        style = "word" if quantity.unit.how == "word" else "symbol"
        to_symbol = functools.partial(_symbol_for_word, unit, style)
        yield Observation(unit.symbol, style, *quantity.unit_span, to_symbol)


def _symbol_for_word(unit: Unit, style: str, example: str, winner: str) -> str | None:
    return unit.symbol if style == "word" and winner == "symbol" else None


@functools.lru_cache(maxsize=16)
def _context_pattern(words: tuple[str, ...]) -> regex.Pattern[str]:
    alternatives = "|".join(regex.escape(word) for word in words)
    source = rf"(?<![\p{{L}}\p{{N}}_])(?:{alternatives})(?![\p{{L}}\p{{N}}_])"
    return regex.compile(source, regex.IGNORECASE)


def _observe_ambiguous(checker: _Base, text: str) -> Iterator[Observation]:
    """Mentions of the other meaning and bare signs, as two styles of one group; the
    mention always wins, so each bare sign in a text that has one is reported."""
    for sign in checker.table.ambiguous:
        values = (("means", sign.means), ("write", sign.write))
        group = sign.forms[0]
        context = _context_pattern(sign.context)
        for found in context.finditer(text, timeout=time_limit(text)):
            yield Observation(group, "mention", *found.span(), None, values)
        for quantity in checker.quantities(text):
            if quantity.prefix in sign.forms:
                span = (quantity.start, quantity.start + len(quantity.prefix))
                yield Observation(group, "sign", *span, None, values)


OBSERVERS: dict[str, Callable[[_Base, str], Iterator[Observation]]] = {
    "thousands-separator": _observe_separators,
    "unit-system": _observe_systems,
    "unit-spacing": _observe_spacing,
    "unit-form": _observe_unit_forms,
    "ambiguous-currency": _observe_ambiguous,
}
FIXED_PREFERENCE = {"ambiguous-currency": "mention"}
# The styles a text may prefer, by check.
STYLES = {
    "thousands-separator": ("comma", "space", "none"),
    "unit-system": ("metric", "imperial"),
    "unit-spacing": ("spaced", "attached"),
    "unit-form": ("symbol", "word"),
}
# What a fix takes as the example of a preferred style the text does not use.
SAMPLES = {"comma": "1,000", "space": "1\u202f000", "none": "1000"}
# How messages name a style; the names themselves are what a configuration prefers.
STYLE_LABELS = {
    "comma": "with commas",
    "space": "with spaces",
    "none": "without a separator",
    "spaced": "with a space",
    "attached": "without a space",
    "symbol": "as a symbol",
    "word": "in full",
}


# ---- segment-level checks


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the words around a span are written in capitals (a heading), not just
    an acronym (`CATL 75 KWH`)."""
    around = text[max(0, start - 30) : start] + text[end : end + 30]
    letters = [c for c in around if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _check_unit_case(checker: _Base, text: str) -> Iterator[Hit]:
    for quantity in checker.quantities(text):
        if quantity.unit is None or quantity.unit.how != "miscased":
            continue
        if _in_capitals(text, quantity.start, quantity.unit_span[0]):
            continue  # "TOP SPEED 200 KM/H": a heading in capitals
        written = text[quantity.unit_span[0] : quantity.unit_span[1]]
        unit = quantity.unit.unit
        right = next(s for s in unit.spellings if s.lower() == written.lower())
        yield checker.hit(quantity.unit_span, {"match": written, "unit": unit.symbol}, (right,))


def _check_conversions(checker: _Base, text: str) -> Iterator[Hit]:
    for first, second in pairs(checker.quantities(text), text):
        source, target = measured(first), measured(second)
        expected = target.from_base(source.to_base(first.value)) / second.scale
        number = text[second.number[0] : second.number[1]]
        if agrees(expected, second.figure.value, ascii_digits(number)):
            continue
        rounded = round(expected, second.figure.decimals)
        figure = f"{rounded:.{second.figure.decimals}f}"
        whole, dot, fraction = figure.partition(".")
        figure = (
            group_thousands(whole, second.figure.separator) if second.figure.separator else whole
        )
        figure += dot + fraction
        values = {
            "match": text[second.number[0] : second.unit_span[1]],
            "source": text[first.number[0] : first.unit_span[1]],
            "expected": f"{write_measure(expected)} {target.symbol}",
        }
        span = (second.number[0], second.unit_span[1])
        yield checker.hit(span, values, (figure,), fix_span=second.number)


_CONTINENTAL = regex.compile(r"\d{1,3}(?:\.\d{3})+,\d+")


def _check_decimal_mark(checker: _Base, text: str) -> Iterator[Hit]:
    pattern = regex.compile(checker.sources.decimal)
    for found in pattern.finditer(text, timeout=time_limit(text)):
        number = ascii_digits(found["number"])
        continental = _CONTINENTAL.fullmatch(number)
        if not continental and not (found["prefix"] or found["unit"]):
            continue  # "1,5" alone may be a list, "1.000.000" a version
        english = number.translate(str.maketrans(",.", ".,"))
        values = {"match": found["number"], "english": english}
        yield checker.hit(found.span("number"), values, (english,))


def _check_magnitudes(checker: _Base, text: str) -> Iterator[Hit]:
    pattern = regex.compile(checker.sources.magnitude)
    by_form = {form: m for m in checker.table.magnitudes for form in m.forms}
    for found in pattern.finditer(text, timeout=time_limit(text)):
        magnitude = by_form.get(found["magnitude"]) or next(
            m
            for m in checker.table.magnitudes
            if found["magnitude"].lower() in (f.lower() for f in m.forms)
        )
        if magnitude.attached:
            after = _words_after(text, found.end())
            if found["gap"] or not (
                found["prefix"] or (after and after[0].lower() in magnitude.before)
            ):
                continue
        value = read_figure(found["number"]).value * magnitude.value
        written = write_number(value)
        if found["tail"]:
            tail = checker.forms.read(found["tail"].strip())
            written += " " + (tail.unit.symbol if tail else found["tail"].strip())
        values = {"match": found.group()[found.start("number") - found.start() :]}
        span = (found.start("number"), found.end())
        yield checker.hit(span, values, (written,))


def _check_chinese_units(checker: _Base, text: str) -> Iterator[Hit]:
    for quantity in checker.quantities(text):
        form = quantity.unit
        if form is None or form.how != "chinese":
            continue
        unit = form.unit
        number = ascii_digits(text[quantity.number[0] : quantity.number[1]])
        span = (quantity.number[0], quantity.unit_span[1])
        values = {"match": text[span[0] : span[1]], "note": ""}
        if unit.convert_to is None:
            yield checker.hit(span, values, (f"{number} {unit.symbol}",))
            continue
        target = checker.table.by_symbol(unit.convert_to)
        value = target.from_base(unit.to_base(quantity.value))
        converted = f"{write_measure(value)} {target.symbol}"
        values["note"] = f" ({unit.note})" if unit.note else ""
        yield checker.hit(span, values, (converted, f"{number} {unit.symbol} ({converted})"))


def _check_dates(checker: _Base, text: str) -> Iterator[Hit]:
    pattern = regex.compile(checker.sources.date)
    months = checker.table.months
    for found in pattern.finditer(text, timeout=time_limit(text)):
        year, month, day = found["year"], found["month"], found["day"]
        parts = sum(part is not None for part in (year, month, day))
        words = any(marker.isascii() for marker in found.captures("marker"))
        if words and parts < 2:
            continue  # "a 5 month plan": words alone say a date only in pairs
        if month is not None and not 1 <= int(ascii_digits(month)) <= 12:
            continue
        if day is not None and not 1 <= int(ascii_digits(day)) <= 31:
            continue
        name = months[int(ascii_digits(month)) - 1] if month else ""
        year_text = ascii_digits(year) if year else ""
        day_text = str(int(ascii_digits(day))) if day else ""
        if day and year:
            options = (f"{name} {day_text}, {year_text}", f"{day_text} {name} {year_text}")
        elif day:
            options = (f"{name} {day_text}", f"{day_text} {name}")
        else:
            options = (" ".join(part for part in (name, year_text) if part),)
        yield checker.hit(found.span(), {"match": found.group()}, options)


SEGMENT_CHECKS: dict[str, Callable[[_Base, str], Iterator[Hit]]] = {
    "unit-case": _check_unit_case,
    "unit-conversion": _check_conversions,
    "decimal-mark": _check_decimal_mark,
    "chinese-magnitude": _check_magnitudes,
    "chinese-unit": _check_chinese_units,
    "chinese-date": _check_dates,
}
DOCUMENT_NAMES = ("style", "preferred", "example", "line", "where", "count", "group")
MESSAGE_NAMES = {
    "thousands-separator": DOCUMENT_NAMES,
    "unit-system": DOCUMENT_NAMES,
    "unit-spacing": DOCUMENT_NAMES,
    "unit-form": DOCUMENT_NAMES,
    "ambiguous-currency": ("example", "line", "where", "count", "means", "write"),
    "unit-case": ("unit",),
    "unit-conversion": ("source", "expected"),
    "decimal-mark": ("english",),
    "chinese-magnitude": (),
    "chinese-unit": ("note",),
    "chinese-date": (),
}


def _decimal_source(table: UnitTable) -> str:
    units = _alternation(_unit_forms(table))
    return (
        rf"{_before_figure(table)}|(?<![\p{{L}}\p{{N}}_.,]))"
        r"(?P<number>\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2})"
        rf"(?:[ \u00a0]?(?P<unit>{units}){_LATIN_AFTER}|(?!\p{{N}}|[.,]\d))"
    )


def _magnitude_source(table: UnitTable) -> str:
    forms = _alternation((f, " " in f) for m in table.magnitudes for f in m.forms)
    chinese = [(c, False) for unit in table.units for c in unit.chinese if not c.isascii()]
    tails = _alternation([*chinese, ("yuan", True)])
    return (
        rf"{_before_figure(table)}|{_NOT_IN_WORD})"
        r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<gap>[ \u00a0]?)(?P<magnitude>{forms})"
        rf"(?:(?P<tail>[ \u00a0]?(?:{tails})))?(?![\p{{Latin}}\p{{N}}_])"
    )


def _date_source(table: UnitTable) -> str:
    def marker(name: str) -> str:
        items = table.date_markers[name]
        return (
            "(?P<marker>"
            + "|".join(regex.escape(m) + (r"\b" if m.isascii() else "") for m in items)
            + ")"
        )

    year, month, day = (marker(name) for name in ("year", "month", "day"))
    return (
        r"(?=\d)(?<![\p{N}\p{L}_.,])"
        rf"(?:(?:(?P<year>\d{{4}})[ ]?{year}[ ]?)?(?P<month>\d{{1,2}})[ ]?{month}"
        rf"(?:[ ]?(?P<day>\d{{1,2}})[ ]?{day})?"
        rf"|(?P<year>\d{{4}})[ ]?{year}(?![ ]?\d))"
    )


def build(spec: dict, message: str, fix: str | None, folder: Path) -> _Base:
    check = spec["check"]
    kinds = {**{name: DocumentQuantityChecker for name in OBSERVERS}}
    kinds.update({name: SegmentQuantityChecker for name in SEGMENT_CHECKS})
    if check not in kinds:
        raise SpecError("check", f"unknown check '{check}' (known: {', '.join(sorted(kinds))})")
    styles = STYLES.get(check, ())
    if "prefer" in spec and spec["prefer"] not in styles:
        known = ", ".join(styles) or "none for this check"
        raise SpecError("prefer", f"'prefer' must name a style of '{check}': {known}")
    path = folder / spec["units"] if "units" in spec else builtin_dir() / BUILTIN_TABLE
    table = load_table(path)
    names = ("match", "suggestion", *MESSAGE_NAMES[check])
    sources = Sources(
        scanner_source(table), _decimal_source(table), _magnitude_source(table), _date_source(table)
    )
    return kinds[check](
        check,
        spec.get("prefer"),
        sources,
        forms_of(table),
        table,
        parse_template(message, names, "message"),
        parse_template(fix, names, "fix") if fix is not None else None,
    )
