"""The unit table (`rules/data/units.yaml`): units with their dimension, system, factor
and written forms, plus Chinese magnitudes, ambiguous currency signs and date markers."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from lint.spec import Key, SpecError, check_keys, load_data_file, text_list

TABLE_KEYS = {
    "dimensions": Key((dict,), required=True),
    "ambiguous": Key((list,), default=[]),
    "magnitudes": Key((list,), default=[]),
    "months": Key((list,), required=True),
    "date_markers": Key((dict,), required=True),
}
DIMENSION_KEYS = {"base": Key((str,), required=True), "units": Key((list,), required=True)}
UNIT_KEYS = {
    "symbol": Key((str,), required=True),
    "system": Key((str,), required=True),
    "factor": Key((int, float), required=True),
    "offset": Key((int, float), default=0),
    "spellings": Key((list,)),
    "words": Key((list,), default=[]),
    "chinese": Key((list,), default=[]),
    "prefixes": Key((list,), default=[]),
    "case_strict": Key((bool,), default=False),
    "spacing": Key((bool,), default=True),
    "attached": Key((bool,), default=True),
    "conventional_before": Key((list,), default=[]),
    "convert_to": Key((str,)),
    "note": Key((str,)),
}
MAGNITUDE_KEYS = {
    "value": Key((int, float), required=True),
    "forms": Key((list,), required=True),
    "attached": Key((bool,), default=False),
    "before": Key((list,), default=[]),
}
AMBIGUOUS_KEYS = {
    "forms": Key((str, list), required=True),
    "means": Key((str,), required=True),
    "write": Key((str,), required=True),
    "context": Key((list,), required=True),
}
DATE_MARKER_KEYS = {name: Key((list,), required=True) for name in ("year", "month", "day")}
SYSTEMS = ("metric", "imperial", "chinese", "none")


class Unit(NamedTuple):
    symbol: str
    dimension: str
    system: str
    factor: float
    offset: float
    spellings: tuple[str, ...]
    words: tuple[str, ...]
    chinese: tuple[str, ...]
    prefixes: tuple[str, ...]
    case_strict: bool
    spacing: bool
    attached: bool
    conventional_before: frozenset[str]
    convert_to: str | None
    note: str

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset

    def from_base(self, value: float) -> float:
        return (value - self.offset) / self.factor


class Magnitude(NamedTuple):
    value: int
    forms: tuple[str, ...]
    attached: bool  # written right after the digits, no space ("10w")
    before: frozenset[str]  # if given, only before one of these words


class AmbiguousSign(NamedTuple):
    forms: tuple[str, ...]  # the sign as written before a figure
    means: str
    write: str
    context: tuple[str, ...]


class UnitTable(NamedTuple):
    units: tuple[Unit, ...]
    magnitudes: tuple[Magnitude, ...]
    ambiguous: tuple[AmbiguousSign, ...]
    months: tuple[str, ...]
    date_markers: Mapping[str, tuple[str, ...]]

    def by_symbol(self, symbol: str) -> Unit:
        return next(unit for unit in self.units if unit.symbol == symbol)


class Form(NamedTuple):
    """How one written unit form reads: its unit and whether it is a symbol, a word,
    a Chinese form, a currency prefix, or a symbol in the wrong case."""

    unit: Unit
    how: str  # "symbol", "word", "chinese", "prefix", "miscased"


class Forms(NamedTuple):
    """Every written form of the table's units, for reading what follows a number."""

    exact: Mapping[str, Form]  # symbols and Chinese forms, case as written
    folded: Mapping[str, Form]  # words and miscased strict symbols, by lower case
    prefixes: Mapping[str, Unit]

    def read(self, text: str) -> Form | None:
        return self.exact.get(text) or self.folded.get(text.lower())


def _unit(raw: Any, line: int, dimension: str) -> Unit:
    check_keys(raw, UNIT_KEYS, "unit", line)
    if raw["system"] not in SYSTEMS:
        raise SpecError("system", f"unit system must be one of {', '.join(SYSTEMS)}", line)
    if raw["factor"] == 0:
        raise SpecError("factor", "a unit's factor cannot be 0", line)

    def texts(key: str) -> tuple[str, ...]:
        return text_list(raw[key], key, line) if raw.get(key) else ()

    spellings = texts("spellings") if "spellings" in raw else (raw["symbol"],)
    return Unit(
        symbol=raw["symbol"],
        dimension=dimension,
        system=raw["system"],
        factor=float(raw["factor"]),
        offset=float(raw.get("offset", 0)),
        spellings=spellings,
        words=texts("words"),
        chinese=texts("chinese"),
        prefixes=texts("prefixes"),
        case_strict=raw.get("case_strict", False),
        spacing=raw.get("spacing", True),
        attached=raw.get("attached", True),
        conventional_before=frozenset(texts("conventional_before")),
        convert_to=raw.get("convert_to"),
        note=raw.get("note", ""),
    )


def _table(data: Any) -> UnitTable:
    check_keys(data, TABLE_KEYS, "unit table", 1)
    units: list[Unit] = []
    unit_lines: list[int] = []
    dimensions = data["dimensions"]
    for name, dimension in dimensions.items():
        line = dimensions.key_lines[name]
        check_keys(dimension, DIMENSION_KEYS, f"dimension '{name}'", line)
        items = dimension["units"]
        units += [_unit(raw, at, name) for raw, at in zip(items, items.item_lines, strict=True)]
        unit_lines += items.item_lines
    symbols = {unit.symbol for unit in units}
    for unit, line in zip(units, unit_lines, strict=True):
        if unit.convert_to is not None and unit.convert_to not in symbols:
            message = f"unit '{unit.convert_to}' is not in the table"
            raise SpecError("convert_to", message, line)
    magnitudes = []
    items = data.get("magnitudes", [])
    for raw, line in zip(items, getattr(items, "item_lines", []), strict=True):
        check_keys(raw, MAGNITUDE_KEYS, "magnitude", line)
        before = frozenset(w.lower() for w in text_list(raw.get("before", []), "before", line))
        forms = text_list(raw["forms"], "forms", line)
        magnitudes.append(Magnitude(raw["value"], forms, raw.get("attached", False), before))
    ambiguous = []
    items = data.get("ambiguous", [])
    for raw, line in zip(items, getattr(items, "item_lines", []), strict=True):
        check_keys(raw, AMBIGUOUS_KEYS, "ambiguous sign", line)
        context = text_list(raw["context"], "context", line)
        forms = text_list(raw["forms"], "forms", line)
        ambiguous.append(AmbiguousSign(forms, raw["means"], raw["write"], context))
    months = text_list(data["months"], "months")
    if len(months) != 12:
        line = data.key_lines["months"]
        raise SpecError("months", "'months' must name the twelve months in order", line)
    markers = data["date_markers"]
    check_keys(markers, DATE_MARKER_KEYS, "date_markers", data.key_lines["date_markers"])
    date_markers = {name: text_list(markers[name], name) for name in DATE_MARKER_KEYS}
    return UnitTable(tuple(units), tuple(magnitudes), tuple(ambiguous), months, date_markers)


@functools.lru_cache(maxsize=4)
def load_table(path: Path) -> UnitTable:
    """The unit table at `path`, validated; problems are SpecError naming file and line."""
    data = load_data_file(path, "units")
    try:
        return _table(data)
    except SpecError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        raise SpecError("units", f"{where}: {error.message}") from None


def forms_of(table: UnitTable) -> Forms:
    exact: dict[str, Form] = {}
    folded: dict[str, Form] = {}
    prefixes: dict[str, Unit] = {}
    for unit in table.units:
        for spelling in unit.spellings:
            exact.setdefault(spelling, Form(unit, "symbol"))
        for form in unit.chinese:
            exact.setdefault(form, Form(unit, "chinese"))
        for word in unit.words:
            folded.setdefault(word.lower(), Form(unit, "word"))
        for prefix in unit.prefixes:
            prefixes.setdefault(prefix, unit)
    for unit in table.units:
        if unit.case_strict:
            for spelling in unit.spellings:
                folded.setdefault(spelling.lower(), Form(unit, "miscased"))
    return Forms(exact, folded, prefixes)
