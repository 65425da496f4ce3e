"""Output formats. Adding one is a module with `render(report, options) -> str` plus its
name in `FORMAT_NAMES`."""

from __future__ import annotations

import importlib
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

    def span(self, path: str, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, end just past the last character."""
        index = self.index(path)
        return (*index.position(start), *index.position(end))

    def of(self, finding: Finding) -> tuple[int, int, int, int]:
        return self.span(finding.path, finding.start, finding.end)


FORMAT_NAMES = ("text", "concise", "json")


def reporter(name: str) -> ModuleType:
    """The module of one output format; only that one is imported."""
    return importlib.import_module(f"lint.report.{name}")
