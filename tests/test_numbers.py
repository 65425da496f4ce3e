"""Numbers as texts write them (lint/numbers.py): reading a figure with its grouping,
writing a value back the English way, and whether a rounded figure agrees."""

from __future__ import annotations

import pytest

from lint.numbers import (
    Figure,
    agrees,
    ascii_digits,
    group_thousands,
    read_figure,
    rounding_step,
    write_measure,
    write_number,
)


@pytest.mark.parametrize(
    ("text", "figure", "magnitude_class", "style"),
    [
        ("12", Figure(12.0, 2, 0, ""), "", "none"),
        ("3.25", Figure(3.25, 1, 2, ""), "", "none"),
        ("1000", Figure(1000.0, 4, 0, ""), "4", "none"),
        ("1,000", Figure(1000.0, 4, 0, ","), "4", "comma"),
        ("1,000.5", Figure(1000.5, 4, 1, ","), "4", "comma"),
        ("1 000", Figure(1000.0, 4, 0, " "), "4", "space"),
        ("1\u00a0000", Figure(1000.0, 4, 0, "\u00a0"), "4", "space"),
        ("1\u202f000", Figure(1000.0, 4, 0, "\u202f"), "4", "space"),
        ("１０００", Figure(1000.0, 4, 0, ""), "4", "none"),
        ("１,０００.５", Figure(1000.5, 4, 1, ","), "4", "comma"),
        ("12345", Figure(12345.0, 5, 0, ""), "5+", "none"),
        ("1 234 567.25", Figure(1234567.25, 7, 2, " "), "5+", "space"),
    ],
)
def test_read_figure(text: str, figure: Figure, magnitude_class: str, style: str):
    read = read_figure(text)
    assert read == figure
    assert (read.magnitude_class, read.style) == (magnitude_class, style)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("3,5", Figure(3.5, 1, 1, "")),
        ("1.000,5", Figure(1000.5, 4, 1, ".")),
        ("1.000.000", Figure(1000000.0, 7, 0, ".")),
        ("1 000,25", Figure(1000.25, 4, 2, " ")),
        ("１.０００,５", Figure(1000.5, 4, 1, ".")),
    ],
)
def test_read_figure_with_a_decimal_comma(text: str, figure: Figure):
    assert read_figure(text, decimal_mark=",") == figure


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (300000, "300,000"),
        (120000000, "120 million"),
        (1500000, "1.5 million"),
        (12345678, "12,345,678"),
        (1e9, "1 billion"),
        (1000000, "1 million"),
        (12340000, "12.34 million"),
        (2e12, "2 trillion"),
        (1234000, "1,234,000"),
        (1000, "1,000"),
        (999, "999"),
        (0.5, "0.5"),
        (1234.5, "1,234.5"),
    ],
)
def test_write_number(value: float, written: str):
    assert write_number(value) == written


def test_write_number_with_another_separator():
    assert write_number(1234567, " ") == "1 234 567"
    assert write_number(120000000, " ") == "120 million"


@pytest.mark.parametrize(
    ("value", "significant", "written"),
    [
        (2.5, 3, "2.5"),
        (310.686, 3, "311"),
        (96.56, 3, "96.6"),
        (96.56, 2, "97"),
        (0.1234, 3, "0.123"),
        (0.000305, 3, "0.000305"),
        (-17.78, 3, "-17.8"),
        (35.0, 3, "35"),
        (1.0, 3, "1"),
        (0, 3, "0"),
        (10000.0, 3, "10,000"),
        (666.6666666666666, 3, "667"),
    ],
)
def test_write_measure(value: float, significant: int, written: str):
    assert write_measure(value, significant) == written


@pytest.mark.parametrize(("value", "written"), [(6666.67, "6,670"), (12345.6, "12,300")])
def test_write_measure_rounds_large_values_to_significant_digits(value: float, written: str):
    assert write_measure(value) == written


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("310", 5),
        ("300", 50),
        ("2.5", 0.05),
        ("2.50", 0.005),
        ("1,500", 50),
        ("0", 0.5),
        ("３１０", 5),
    ],
)
def test_rounding_step(text: str, step: float):
    assert rounding_step(text) == pytest.approx(step)


@pytest.mark.parametrize(
    ("expected", "given", "text", "result"),
    [
        (310.686, 310, "310", True),  # within the rounding of "310"
        (310.686, 311, "311", True),
        (310.686, 500, "500", False),
        (220.462, 220, "220", True),
        (220.462, 100, "100", False),
        (356.0, 180, "180", False),
        (100.0, 101.5, "101.5", True),  # not within its rounding, but within 2%
        (100.0, 103, "103", False),
        (6.214, 6.2, "6.2", True),
        (6.214, 10.0, "10.0", False),
    ],
)
def test_agrees(expected: float, given: float, text: str, result: bool):
    assert agrees(expected, given, text) is result


def test_agrees_with_another_tolerance():
    assert agrees(100.0, 104, "104", tolerance=0.05) is True
    assert agrees(100.0, 104, "104", tolerance=0.01) is False


def test_ascii_digits_and_group_thousands():
    assert ascii_digits("１２,３ km") == "12,3 km"
    assert ascii_digits("٣") == "3"
    assert group_thousands("1234567") == "1,234,567"
    assert group_thousands("123") == "123"
    assert group_thousands("1234", "\u202f") == "1\u202f234"
