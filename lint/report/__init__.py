"""Output formats. Adding one is a module with `render(report, rules, options)` plus one
line in `FORMATS`."""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import NamedTuple

from lint.document import LineIndex
from lint.model import Finding


class Options(NamedTuple):
    color: bool = False
    version: str = ""


class Positions:
    """Line/column lookups for the findings of a report, one line index per file."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._indexes: dict[str, LineIndex] = {}

    def index(self, path: str) -> LineIndex:
        if path not in self._indexes:
            self._indexes[path] = LineIndex.of(self._texts.get(path, ""))
        return self._indexes[path]

    def text(self, path: str) -> str:
        return self._texts.get(path, "")

    def span(self, finding: Finding) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, end just past the last character."""
        index = self.index(finding.path)
        line, column = index.position(finding.start)
        end_line, end_column = index.position(finding.end)
        return line, column, end_line, end_column


def formats() -> dict[str, ModuleType]:
    from lint.report import concise, json, text

    return {"text": text, "concise": concise, "json": json}


FORMAT_NAMES = ("text", "concise", "json")
