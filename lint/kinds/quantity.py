"""`quantity`: numbers with their units, read with the unit table (`rules/data/units.yaml`).

Keys: `check` (required, one of the checks below), `units` (a unit table, relative to
the module; default the built-in one) and `prefer` (document-level checks: the style
that wins). What counts as a quantity is described in `lint/quantities.py`.

Document-level checks count each style's uses over the whole document, then read it
again to report the uses of losing styles: memory holds the counts, not the uses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint.builtin import builtin_dir
from lint.document import Document, LineIndex
from lint.model import Hit, Related
from lint.numbers import (
    SPELLED_SCALES,
    agrees,
    ascii_digits,
    group_thousands,
    read_figure,
    write_measure,
    write_number,
)
from lint.quantities import (
    LATIN_AFTER,
    MAX_DIGITS,
    NOT_IN_WORD,
    Quantity,
    alternation,
    before_figure,
    compound,
    conventional,
    has_figure,
    measured,
    pairs,
    scan,
    scanned,
    scanner_source,
    unit_forms,
    unpaired,
    words_after,
    words_pattern,
)
from lint.regexes import LazyPattern, time_limit
from lint.spec import Key, SpecError, parse_template
from lint.tally import Winner, tally, winners
from lint.template import Template
from lint.units import Forms, Unit, UnitTable, forms_of, load_table

KEYS = {
    "check": Key((str,), required=True),
    "units": Key((str,)),
    "prefer": Key((str,)),
}
BUILTIN_TABLE = "data/units.yaml"
_DIMENSION_NAMES = {"temperature": "temperatures", "currency": "amounts", "ratio": "ratios"}


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

    def quantities(self, text: str) -> Iterator[Quantity] | tuple[Quantity, ...]:
        """The quantities of one segment, shared by the segment checks."""
        return scanned(self.sources.quantity, self.forms, text)

    def scan(self, text: str) -> Iterator[Quantity]:
        """The quantities of one segment, read anew (document-level passes)."""
        return scan(self.sources.quantity, self.forms, text)

    def spacing(self, unit: Unit) -> str:
        return " " if unit.spacing else ""

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


# ---- document-level checks


class Use(NamedTuple):
    """One use of a style in a segment: counted, then reported if its style lost.
    `quantity` is what a fix is made from."""

    group: str  # what must be written one way: a magnitude class, a dimension, a unit
    style: str
    start: int
    end: int
    quantity: Quantity | None = None


class Check(NamedTuple):
    """A document-level check: how it finds uses, how it fixes a losing one."""

    uses: Callable[[_Base, str, Iterable[Quantity]], Iterator[Use]]  # (segment, its quantities)
    fix: Callable[[_Base, str, Use, str, str], str | None]  # (segment text, use, example, style)
    styles: tuple[str, ...]  # what a configuration may prefer
    values: Callable[[_Base, Use], dict[str, str]] = lambda checker, use: {}
    fixed_preference: str | None = None  # a style that always wins when present
    # whether a document can have a use at all, tested once on its whole text
    needed: Callable[[_Base, str], bool] = lambda checker, text: has_figure(text)


_kept = threading.local()
KEPT_DOCUMENT = 1_000_000  # longer documents are read anew by each check


def _document_quantities(checker: _Base, document: Document) -> list[tuple[Quantity, ...]] | None:
    """The quantities of each segment of a document up to KEPT_DOCUMENT characters,
    kept (per thread) while the document-level checks of one document run; None for a
    longer document, whose quantities may be too many to keep."""
    if len(document.text) > KEPT_DOCUMENT:
        return None
    last = getattr(_kept, "last", None)
    if last is not None and last[0] is document and last[1] == checker.sources.quantity:
        return last[2]
    found = [tuple(checker.scan(segment.text)) for segment in document.segments]
    _kept.last = (document, checker.sources.quantity, found)
    return found


class DocumentQuantityChecker(_Base):
    def styles(self) -> tuple[str, ...]:
        """What `prefer` may name."""
        return DOCUMENT_CHECKS[self.check_name].styles

    def _uses(self, check: Check, document: Document) -> Iterator[tuple[str, Use]]:
        kept = _document_quantities(self, document)
        for index, segment in enumerate(document.segments):
            quantities = kept[index] if kept is not None else self.scan(segment.text)
            for use in check.uses(self, segment.text, quantities):
                yield (
                    segment.text,
                    use._replace(start=segment.at(use.start), end=segment.at(use.end)),
                )

    def check_document(self, document: Document, prefer: str | None) -> Iterator[Hit]:
        check = DOCUMENT_CHECKS[self.check_name]
        if not check.needed(self, document.text):
            return
        wanted = check.fixed_preference or prefer or self.prefer
        counted = tally(use[:4] for _, use in self._uses(check, document))
        best_of = winners(counted, wanted, absent_wins=check.fixed_preference is None)
        if not best_of:
            return
        lines = LineIndex.of(document.text)
        for segment_text, use in self._uses(check, document):
            best = best_of.get(use.group)
            if best is not None and use.style != best.style:
                yield self._report(check, document, lines, segment_text, use, best)

    def _report(
        self,
        check: Check,
        document: Document,
        lines: LineIndex,
        segment_text: str,
        use: Use,
        best: Winner,
    ) -> Hit:
        if best.start < 0:
            example, line, where = SAMPLES.get(best.style, ""), "", "as configured"
            related: tuple[Related, ...] = ()
        else:
            example = document.text[best.start : best.end]
            line = str(lines.position(best.start)[0])
            where = f'"{example}" on line {line}'
            related = (Related(best.start, best.end, f'"{example}" first used here'),)
        values = {
            "match": document.text[use.start : use.end],
            "style": STYLE_LABELS.get(use.style, use.style),
            "preferred": STYLE_LABELS.get(best.style, best.style),
            "example": example,
            "line": line,
            "where": where,
            "count": str(best.count),
            "group": use.group,
            **check.values(self, use),
        }
        suggestion = check.fix(self, segment_text, use, example, best.style)
        suggestions = (suggestion,) if suggestion else ()
        return self.hit((use.start, use.end), values, suggestions, None, related)


def _separator_uses(checker: _Base, text: str, quantities: Iterable[Quantity]) -> Iterator[Use]:
    for quantity in quantities:
        figure = quantity.figure
        counted = quantity.unit or quantity.prefix or figure.separator
        if figure.magnitude_class and counted:
            group = "4-digit" if figure.magnitude_class == "4" else "5-digit and longer"
            yield Use(group, figure.style, *quantity.number, quantity)


def _regroup(checker: _Base, text: str, use: Use, example: str, style: str) -> str:
    """`1000` in the grouping of `example`: `1,000`, `1 000` or `1000`."""
    number = ascii_digits(text[slice(*use.quantity.number)])
    sign = number[0] if number[0] in "-−" else ""
    whole, dot, fraction = number.lstrip("-−").partition(".")
    digits = "".join(c for c in whole if c.isdigit())
    return sign + group_thousands(digits, read_figure(example).separator) + dot + fraction


def _system_uses(checker: _Base, text: str, quantities: Iterable[Quantity]) -> Iterator[Use]:
    for quantity in unpaired(quantities, text):
        if not conventional(quantity, text):
            unit = measured(quantity)
            group = _DIMENSION_NAMES.get(unit.dimension, unit.dimension)
            yield Use(group, unit.system, quantity.start, quantity.end, quantity)


def _converted(checker: _Base, text: str, use: Use, example: str, style: str) -> str | None:
    """`310 miles` → `499 km (310 miles)`: in the unit of the text's own example, or in
    a unit of its system that gives a figure between 1 and 1000 (`12 inches` → `305 mm`)."""
    found = next(checker.scan(example), None)
    if found is None or found.unit is None:
        return None
    example_unit = found.unit.unit
    quantity = use.quantity
    base = quantity.unit.unit.to_base(quantity.value)
    candidates = [example_unit] + [
        unit
        for unit in checker.table.units
        if unit.dimension == example_unit.dimension
        and unit.system == example_unit.system
        and unit.spellings
    ]
    unit = next((u for u in candidates if 1 <= abs(u.from_base(base)) < 1000), example_unit)
    written = text[quantity.start : quantity.end]
    return f"{write_measure(unit.from_base(base))}{checker.spacing(unit)}{unit.symbol} ({written})"


def _spacing_uses(checker: _Base, text: str, quantities: Iterable[Quantity]) -> Iterator[Use]:
    for quantity in quantities:
        form = quantity.unit
        if form is None or form.how not in ("symbol", "miscased") or not form.unit.spacing:
            continue
        if quantity.gap != "-":
            style = "spaced" if quantity.gap else "attached"
            yield Use("spacing", style, quantity.number[0], quantity.unit_span[1], quantity)


def _respace(checker: _Base, text: str, use: Use, example: str, style: str) -> str:
    number = text[slice(*use.quantity.number)]
    unit = text[slice(*use.quantity.unit_span)]
    return f"{number} {unit}" if style == "spaced" else f"{number}{unit}"


def _unit_form_uses(checker: _Base, text: str, quantities: Iterable[Quantity]) -> Iterator[Use]:
    for quantity in quantities:
        unit = measured(quantity)
        if unit is not None:
            style = "word" if quantity.unit.how == "word" else "symbol"
            yield Use(unit.symbol, style, *quantity.unit_span, quantity)


def _to_symbol(checker: _Base, text: str, use: Use, example: str, style: str) -> str | None:
    return use.quantity.unit.unit.symbol if style == "symbol" else None


def _ambiguous_uses(checker: _Base, text: str, quantities: Iterable[Quantity]) -> Iterator[Use]:
    """Mentions of the other meaning and bare signs, as two styles of one group; the
    mention always wins, so each bare sign in a text that has one is reported."""
    for sign in checker.table.ambiguous:
        group = sign.forms[0]
        for found in words_pattern(sign.context).finditer(text, timeout=time_limit(text)):
            yield Use(group, "mention", *found.span())
        for quantity in quantities:
            if quantity.prefix in sign.forms:
                yield Use(group, "sign", quantity.start, quantity.start + len(quantity.prefix))


def _ambiguous_values(checker: _Base, use: Use) -> dict[str, str]:
    sign = next(s for s in checker.table.ambiguous if s.forms[0] == use.group)
    return {"means": sign.means, "write": sign.write}


def _has_ambiguous_sign(checker: _Base, text: str) -> bool:
    return any(form in text for sign in checker.table.ambiguous for form in sign.forms)


def _no_fix(checker: _Base, text: str, use: Use, example: str, style: str) -> None:
    return None


DOCUMENT_CHECKS = {
    "thousands-separator": Check(_separator_uses, _regroup, ("comma", "space", "none")),
    "unit-system": Check(_system_uses, _converted, ("metric", "imperial")),
    "unit-spacing": Check(_spacing_uses, _respace, ("spaced", "attached")),
    "unit-form": Check(_unit_form_uses, _to_symbol, ("symbol", "word")),
    "ambiguous-currency": Check(
        _ambiguous_uses,
        _no_fix,
        (),
        _ambiguous_values,
        fixed_preference="mention",
        needed=_has_ambiguous_sign,
    ),
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


class SegmentQuantityChecker(_Base):
    def check(self, text: str) -> Iterator[Hit]:
        if not has_figure(text):
            return iter(())
        return SEGMENT_CHECKS[self.check_name](self, text)


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
        written = text[slice(*quantity.unit_span)]
        unit = quantity.unit.unit
        right = next(s for s in unit.spellings if s.lower() == written.lower())
        yield checker.hit(quantity.unit_span, {"match": written, "unit": unit.symbol}, (right,))


def _check_conversions(checker: _Base, text: str) -> Iterator[Hit]:
    for first, second in pairs(checker.quantities(text), text):
        if compound(second, text):
            continue  # "1.80 m (5 ft 11 in)": the second is only a part
        source, target = measured(first), measured(second)
        expected = target.from_base(source.to_base(first.value)) / second.scale
        number = ascii_digits(text[slice(*second.number)])
        if agrees(expected, second.figure.value, number):
            continue
        if source.offset != target.offset:  # a difference of temperatures: 1.5 °C (2.7 °F)
            difference = first.value * source.factor / target.factor / second.scale
            if agrees(difference, second.figure.value, number):
                continue
        decimals = second.figure.decimals
        whole, dot, fraction = f"{round(expected, decimals):.{decimals}f}".partition(".")
        separator = second.figure.separator
        figure = (group_thousands(whole, separator) if separator else whole) + dot + fraction
        values = {
            "match": text[second.number[0] : second.unit_span[1]],
            "source": text[first.number[0] : first.unit_span[1]],
            "expected": f"{write_measure(expected)}{checker.spacing(target)}{target.symbol}",
        }
        span = (second.number[0], second.unit_span[1])
        yield checker.hit(span, values, (figure,), fix_span=second.number)


_CONTINENTAL = LazyPattern(r"\d{1,3}(?:\.\d{3})+,\d+")


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
    by_form = {form.lower(): m for m in checker.table.magnitudes for form in m.forms}
    for found in pattern.finditer(text, timeout=time_limit(text)):
        magnitude = by_form[" ".join(found["magnitude"].lower().split())]
        figure = read_figure(found["number"])
        if figure.integer_digits > MAX_DIGITS:
            continue
        if magnitude.attached:
            after = words_after(text, found.end())
            allowed = found["prefix"] or found["tail"]
            if found["gap"] or not (allowed or (after and after[0].lower() in magnitude.before)):
                continue
        written = write_number(figure.value * magnitude.value)
        if found["tail"]:
            tail = checker.forms.read(found["tail"].strip())
            written += " " + (tail.unit.symbol if tail else found["tail"].strip())
        span = (found.start("number"), found.end())
        yield checker.hit(span, {"match": text[slice(*span)]}, (written,))


def _check_chinese_units(checker: _Base, text: str) -> Iterator[Hit]:
    for quantity in checker.quantities(text):
        form = quantity.unit
        if form is None or form.how != "chinese":
            continue
        unit = form.unit
        number = ascii_digits(text[slice(*quantity.number)])
        span = (quantity.number[0], quantity.unit_span[1])
        values = {"match": text[slice(*span)], "note": ""}
        if unit.convert_to is None:
            yield checker.hit(span, values, (f"{number}{checker.spacing(unit)}{unit.symbol}",))
            continue
        target = checker.table.by_symbol(unit.convert_to)
        value = target.from_base(unit.to_base(quantity.value))
        converted = f"{write_measure(value)}{checker.spacing(target)}{target.symbol}"
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
    """Continental figures: `1.000,5`, `1.000.000`, `3,5` (the last two need a unit or
    a currency, before or after: `3,50 €`, or a scale: `1,5 million`)."""
    currency_after = [(p, False) for u in table.units for p in u.prefixes if not p.isalpha()]
    after = "|".join((unit_forms(table), alternation(currency_after), "|".join(SPELLED_SCALES)))
    return (
        rf"{before_figure(table)}|(?<![\p{{L}}\p{{N}}_.,]))"
        r"(?P<number>\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2})"
        rf"(?:[ \u00a0]?(?P<unit>{after}){LATIN_AFTER}|(?!\p{{N}}|[.,]\d))"
    )


def _magnitude_source(table: UnitTable) -> str:
    forms = alternation((f, " " in f) for m in table.magnitudes for f in m.forms)
    chinese = [(c, False) for unit in table.units for c in unit.chinese if not c.isascii()]
    tails = alternation([*chinese, ("yuan", True)])
    return (
        rf"{before_figure(table)}|{NOT_IN_WORD})"
        r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<gap>[ \u00a0]?)(?P<magnitude>{forms})"
        rf"(?:(?P<tail>[ \u00a0]?(?:{tails})))?(?![\p{{Latin}}\p{{N}}_])"
    )


def _date_source(table: UnitTable) -> str:
    def marker(name: str) -> str:
        items = table.date_markers[name]
        alternatives = "|".join(regex.escape(m) + (r"\b" if m.isascii() else "") for m in items)
        return f"(?P<marker>{alternatives})"

    year, month, day = (marker(name) for name in ("year", "month", "day"))
    return (
        r"(?=\d)(?<![\p{N}\p{L}_.,])"
        rf"(?:(?:(?P<year>\d{{4}})[ ]?{year}[ ]?)?(?P<month>\d{{1,2}})[ ]?{month}"
        rf"(?:[ ]?(?P<day>\d{{1,2}})[ ]?{day})?"
        rf"|(?P<year>\d{{4}})[ ]?{year}(?![ ]?\d))"
    )


def build(spec: dict[str, Any], message: str, fix: str | None, folder: Path) -> _Base:
    check = spec["check"]
    kinds: dict[str, type[_Base]] = dict.fromkeys(DOCUMENT_CHECKS, DocumentQuantityChecker)
    kinds.update(dict.fromkeys(SEGMENT_CHECKS, SegmentQuantityChecker))
    if check not in kinds:
        raise SpecError("check", f"unknown check '{check}' (known: {', '.join(sorted(kinds))})")
    styles = DOCUMENT_CHECKS[check].styles if check in DOCUMENT_CHECKS else ()
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
