"""Offsets to lines and columns: one line index, code points, every line-break style."""

from __future__ import annotations

from lint.document import LineIndex


def test_positions_with_mixed_line_breaks():
    text = "ab\ncd\r\nef\rgh"
    index = LineIndex.of(text)
    assert [index.position(text.index(c)) for c in "acegh"] == [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 2),
    ]


def test_columns_count_code_points_not_bytes_or_utf16_units():
    text = "整车😀 x"
    assert LineIndex.of(text).position(text.index("x")) == (1, 5)


def test_end_of_text_and_line_span():
    text = "one\r\ntwo"
    index = LineIndex.of(text)
    assert index.position(len(text)) == (2, 4)
    assert index.line_span(1, text) == (0, 3)
    assert index.line_span(2, text) == (5, 8)
