"""Numbers as texts write them: reading a figure with its formatting, writing one back.

A figure is digits (ASCII or fullwidth) with an optional thousands separator (comma,
space, no-break or thin space) and decimal point, or a decimal comma in the styles this
module names `continental`. Shared by the quantity rules and any check that compares
figures.
"""

from __future__ import annotations

import math
import unicodedata
from typing import NamedTuple

# Characters that group thousands, named for messages: "1,000", "1 000".
SEPARATORS = {",": "comma", " ": "space", "\u00a0": "space", "\u2009": "space", "\u202f": "space"}

# Written English for a power of ten, largest first.
SCALE_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
SPELLED_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


class Figure(NamedTuple):
    """One figure as written: its value and how its digits are grouped."""

    value: float
    integer_digits: int  # digits before the decimal mark
    decimals: int  # digits after it
    separator: str  # the thousands separator used, "" for none

    @property
    def magnitude_class(self) -> str:
        """'4' for 1000-9999 (often written without a separator), '5+' above, '' below."""
        if self.integer_digits >= 5:
            return "5+"
        return "4" if self.integer_digits == 4 else ""

    @property
    def style(self) -> str:
        """How the thousands are grouped: 'comma', 'space' or 'none'."""
        return SEPARATORS.get(self.separator, "none")


def ascii_digits(text: str) -> str:
    """Fullwidth and other decimal digits as ASCII digits; other characters unchanged."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def read_figure(text: str, decimal_mark: str = ".") -> Figure:
    """The figure in `text`, such as `1,000.5`, `1 000`, `１０００` or (with
    decimal_mark=",") `1.000,5`. The text must be a well-formed figure."""
    text = ascii_digits(text)
    sign = -1 if text[:1] in ("-", "−") else 1
    text = text.lstrip("-−")
    grouping = "," if decimal_mark == "." else "."
    integer, _, fraction = text.partition(decimal_mark)
    separator = next((c for c in integer if c in SEPARATORS or c == grouping), "")
    digits = "".join(c for c in integer if c.isdigit())
    value = float(f"{digits}.{fraction}" if fraction else digits)
    return Figure(sign * value, len(digits), len(fraction), separator)


def group_thousands(digits: str, separator: str = ",") -> str:
    """'1234567' → '1,234,567'; '-1234' → '-1,234'."""
    if digits[:1] in ("-", "−"):
        return digits[0] + group_thousands(digits[1:], separator)
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _trimmed(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_number(value: float, separator: str = ",") -> str:
    """A value as an English text would write it: 300000 → '300,000'; 120000000 →
    '120 million'; 1500000 → '1.5 million'; 12345678 → '12,345,678'."""
    if not math.isfinite(value) or abs(value) >= 10**18:
        return f"{value:.3g}"
    for scale, word in SCALE_WORDS:
        if value >= scale:
            scaled = value / scale
            if abs(scaled * 100 - round(scaled * 100)) < 1e-6:
                return f"{_trimmed(scaled, 2)} {word}"
            break
    if value == int(value):
        return group_thousands(str(int(value)), separator)
    whole, _, fraction = _trimmed(value, 6).partition(".")
    return group_thousands(whole, separator) + ("." + fraction if fraction else "")


def write_measure(value: float, significant: int = 3) -> str:
    """A converted measure rounded to `significant` digits: 2.5; 6666.67 → '6,670'."""
    if value == 0:
        return "0"
    if not math.isfinite(value) or abs(value) >= 10**18:
        return f"{value:.3g}"
    places = significant - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, places)
    text = _trimmed(rounded, max(0, places))
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return sign + group_thousands(whole.lstrip("-")) + ("." + fraction if fraction else "")


def rounding_step(figure_text: str) -> float:
    """Half the place value of the last significant digit as written: '310' → 5,
    '300' → 50, '2.5' → 0.05. How far a rounded figure may be from the exact one."""
    text = ascii_digits(figure_text)
    integer, _, fraction = text.partition(".")
    if fraction:
        return 0.5 * 10 ** -len(fraction)
    digits = "".join(c for c in integer if c.isdigit())
    trailing_zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 0.5 * 10**trailing_zeros


def agrees(expected: float, given: float, given_text: str, tolerance: float = 0.02) -> bool:
    """Whether `given` (written `given_text`) is `expected` rounded as written, or within
    `tolerance` as a share of `expected` (conversions are often rounded loosely).

    Trailing zeros may be rounding (`300` for 310.7) but not by more than a tenth of
    the value: `100 miles` is not 100 km (62.1 miles)."""
    difference = abs(expected - given)
    rounding = min(rounding_step(given_text), 0.1 * abs(expected))
    return difference <= rounding or difference <= tolerance * abs(expected)
