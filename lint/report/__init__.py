"""Output formats. Adding one is a module plus its name in `FORMAT_NAMES`. A format
writes a run as it goes, file by file, so a run over many files holds one at a time:

- `file(path, text, findings, options, before) -> str`: one file's findings (`text` is
  the file's decoded text, for positions and source lines; `before`, the Totals of the
  files written so far);
- `begin(options) -> str`, if the format writes something before the first file;
- `end(totals, errors, options) -> str`, if it writes something after the last.

`reporter(name)` gives a format's three parts as a `Format`, whose `render(report,
options)` writes a whole collected Report the same way.

Formats for programs (json, jsonl, sarif, rdjson, github) are documented in
`docs/ci.md` and `docs/architecture.md`; columns are code points unless the consumer's
own format says otherwise (`Positions.columns`)."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from lint.document import LineIndex
from lint.model import Finding, Problem, Report, Rule

# How a consumer counts columns: code points (txtlint's own), UTF-16 code units (SARIF's
# default), or UTF-8 bytes (reviewdog).
ColumnUnit = Literal["code-point", "utf-16", "utf-8"]


class Options(NamedTuple):
    color: bool = False
    version: str = ""
    # The rules findings may name, by id, for formats that describe them (sarif, the
    # statistics); a rule missing here is described by its id alone.
    rules: Mapping[str, Rule] = MappingProxyType({})
    # Of the file being written, set file by file: the bytes of the file that its text
    # does not show (a byte-order mark; runs of undecodable bytes, each shown as one
    # U+FFFD at an offset), for the formats that count the file's bytes (rdjson).
    bom: bytes = b""
    bad_bytes: tuple[tuple[int, bytes], ...] = ()


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

    def paths(self) -> Sequence[str]:
        return list(self._texts)

    def span(self, path: str, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, end just past the last character."""
        index = self.index(path)
        return (*index.position(start), *index.position(end))

    def of(self, finding: Finding) -> tuple[int, int, int, int]:
        return self.span(finding.path, finding.start, finding.end)

    def columns(
        self, path: str, start: int, end: int, unit: ColumnUnit
    ) -> tuple[int, int, int, int]:
        """Like `span`, with columns counted in `unit`."""
        line, column, end_line, end_column = self.span(path, start, end)
        if unit == "code-point":
            return line, column, end_line, end_column
        text = self.text(path)
        return (
            line,
            _column_in(text, start, column, unit),
            end_line,
            _column_in(text, end, end_column, unit),
        )


def _column_in(text: str, offset: int, column: int, unit: ColumnUnit) -> int:
    """The 1-based code-point `column` of `offset`, counted in UTF-16 units or UTF-8 bytes."""
    before = text[offset - column + 1 : offset]
    if before.isascii():
        return column
    if unit == "utf-16":
        return len(before.encode("utf-16-le", "surrogatepass")) // 2 + 1
    return len(before.encode("utf-8", "surrogatepass")) + 1


class Totals(NamedTuple):
    """What a summary counts, added up file by file."""

    files_checked: int = 0
    findings: int = 0
    files_with_findings: int = 0
    fixable: int = 0  # findings --fix would fix
    unsafe_fixable: int = 0  # findings only --unsafe-fixes would fix
    fixed: int = 0  # fixes applied (--fix)
    rules: tuple[str, ...] = ()  # the rules reported so far, in order of first finding

    def add(self, checked: bool, findings: Sequence[Finding], fixed: int = 0) -> Totals:
        rules = self.rules
        if findings:
            rules = tuple(dict.fromkeys((*rules, *(finding.rule for finding in findings))))
        return Totals(
            self.files_checked + checked,
            self.findings + len(findings),
            self.files_with_findings + bool(findings),
            self.fixable + sum(1 for f in findings if f.fix and f.fix.applicability == "safe"),
            self.unsafe_fixable
            + sum(1 for f in findings if f.fix and f.fix.applicability == "unsafe"),
            self.fixed + fixed,
            rules,
        )


def one_file(path: str, text: str) -> Positions:
    return Positions({path: text})


def indented(value: Any, depth: int) -> str:
    """`value` as `json.dumps(..., indent=2)` writes it `depth` levels down, so a format
    written piece by piece is byte for byte what one `json.dumps` would write."""
    import json  # only the JSON-like formats need it

    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def array_items(items: Iterable[Any], written_before: int, depth: int) -> str:
    """More items of a JSON array that already holds `written_before`, each as
    `json.dumps(..., indent=2)` writes an item `depth` levels down."""
    lead = "\n" + "  " * depth
    return "".join(
        ("," if number else "") + lead + indented(item, depth)
        for number, item in enumerate(items, start=written_before)
    )


FORMAT_NAMES = ("text", "concise", "json", "jsonl", "sarif", "github", "rdjson")
# Formats that programs read: no colors, no progress on the terminal.
MACHINE_FORMATS = frozenset({"json", "jsonl", "sarif", "github", "rdjson"})


def _nothing_before(options: Options) -> str:
    return ""


def _nothing_after(totals: Totals, errors: Sequence[Problem], options: Options) -> str:
    return ""


class Format(NamedTuple):
    """One output format: what it writes before the files, for each file, and after."""

    begin: Callable[[Options], str]
    file: Callable[[str, str, Sequence[Finding], Options, Totals], str]
    end: Callable[[Totals, Sequence[Problem], Options], str]

    def render(self, report: Report, options: Options) -> str:
        """A collected report: its files in order, then the end."""
        parts = [self.begin(options)]
        totals = Totals(files_checked=report.files_checked)
        for path, group in itertools.groupby(report.findings, key=lambda f: f.path):
            findings = list(group)
            parts.append(self.file(path, report.texts.get(path, ""), findings, options, totals))
            totals = totals.add(False, findings)
        parts.append(self.end(totals, report.errors, options))
        return "".join(parts)


def reporter(name: str) -> Format:
    """One output format; only its module is imported."""
    module = importlib.import_module(f"lint.report.{name}")
    return Format(
        getattr(module, "begin", _nothing_before),
        module.file,
        getattr(module, "end", _nothing_after),
    )
