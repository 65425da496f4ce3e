"""Output formats. Adding one is a module plus its name in `FORMAT_NAMES`. A format
writes a run as it goes, file by file, so a run over many files holds one at a time:

- `begin(options) -> str`: what comes before the first file;
- `file(path, text, findings, options, before) -> str`: one file's findings (`text` is
  the file's decoded text, for positions and source lines; `before`, the Totals of the
  files written so far);
- `end(totals, errors, options) -> str`: what comes last.

`render(report, options)` writes a whole collected Report the same way."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import NamedTuple

from lint.document import LineIndex
from lint.model import Finding, Report


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


class Totals(NamedTuple):
    """What a summary counts, added up file by file."""

    files_checked: int = 0
    findings: int = 0
    files_with_findings: int = 0
    fixable: int = 0  # findings --fix would fix
    unsafe_fixable: int = 0  # findings only --unsafe-fixes would fix
    fixed: int = 0  # fixes applied (--fix)

    def add(self, checked: bool, findings: Sequence[Finding], fixed: int = 0) -> Totals:
        return Totals(
            self.files_checked + checked,
            self.findings + len(findings),
            self.files_with_findings + bool(findings),
            self.fixable + sum(1 for f in findings if f.fix and f.fix.applicability == "safe"),
            self.unsafe_fixable
            + sum(1 for f in findings if f.fix and f.fix.applicability == "unsafe"),
            self.fixed + fixed,
        )


def render_report(module: ModuleType, report: Report, options: Options) -> str:
    """A collected report in one format: its files in order, then the end."""
    parts = [module.begin(options)]
    totals = Totals(files_checked=report.files_checked)
    for path, group in itertools.groupby(report.findings, key=lambda finding: finding.path):
        findings = list(group)
        parts.append(module.file(path, report.texts.get(path, ""), findings, options, totals))
        totals = totals.add(False, findings)
    parts.append(module.end(totals, report.errors, options))
    return "".join(parts)


def one_file(path: str, text: str) -> Positions:
    return Positions({path: text})


FORMAT_NAMES = ("text", "concise", "json")


def reporter(name: str) -> ModuleType:
    """The module of one output format; only that one is imported."""
    return importlib.import_module(f"lint.report.{name}")
