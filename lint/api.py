"""The Python API: load rules, check text or paths. The CLI is a thin layer over this."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from lint import files, formats
from lint.core_rules import CORE_RULES, INVALID_UTF8, invalid_utf8_findings
from lint.engine import lint_document
from lint.errors import RuleModuleError
from lint.model import Finding, ReadError, Rule
from lint.selection import select


class Report(NamedTuple):
    findings: tuple[Finding, ...]
    errors: tuple[ReadError, ...]
    notices: tuple[ReadError, ...]
    files_checked: int
    texts: Mapping[str, str] = MappingProxyType({})  # decoded text of files with findings


@functools.lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    from lint.builtin import load_builtin

    return CORE_RULES + load_builtin()


def load_rules(
    extra: Iterable[str | Path] = (),
    selected: Sequence[str] = (),
    ignored: Sequence[str] = (),
    builtin: bool = True,
) -> tuple[Rule, ...]:
    """Built-in rules plus the user's modules, chosen by `selected`/`ignored`.

    A user's module must also pass its own examples. Raises RuleModuleError or
    SelectionError."""
    rules = builtin_rules() if builtin else CORE_RULES
    extra_modules = []
    if extra:
        from lint.rulebook import load_modules
        from lint.selftest import failures

        extra_modules = load_modules([Path(p) for p in extra])
        problems = [problem for m in extra_modules for r in m.rules for problem in failures(r)]
        if problems:
            raise RuleModuleError(problems)
    all_rules = rules + tuple(r for m in extra_modules for r in m.rules)
    ids = [r.id for r in all_rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuleModuleError([f"rule id '{i}' is defined twice" for i in duplicates])
    return select(all_rules, selected, ignored)


def _lint(
    path: str, text: str, rules: Sequence[Rule], bad_bytes=()
) -> tuple[list[Finding], list[ReadError]]:
    document = formats.parse(path, text)
    runnable = [rule for rule in rules if rule.checker is not None]
    findings, errors = lint_document(document, runnable)
    if bad_bytes and INVALID_UTF8 in rules:
        findings.extend(invalid_utf8_findings(document, bad_bytes))
        findings.sort(key=lambda f: f.sort_key)
    return findings, errors


def check_text(
    text: str, path: str = "<text>", rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Findings for one text; `path` chooses the format and is reported."""
    findings, errors = _lint(path, text, builtin_rules() if rules is None else rules)
    if errors:
        raise TimeoutError(errors[0].message)
    return findings


def check_paths(
    paths: Sequence[str],
    rules: Sequence[Rule] | None = None,
    stdin_filename: str | None = None,
) -> Report:
    """Check files and folders ('-' is standard input); problems with one path are
    reported in the Report and never stop the others."""
    rules = builtin_rules() if rules is None else rules
    findings: list[Finding] = []
    errors: list[ReadError] = []
    notices: list[ReadError] = []
    texts: dict[str, str] = {}
    checked = 0
    for found in files.discover([p for p in paths if p != "-"]) if paths else ():
        if found.error:
            errors.append(ReadError(found.path, found.error))
            continue
        if found.notice:
            notices.append(ReadError(found.path, found.notice))
            continue
        checked += _check_one(found.path, found.path, rules, findings, errors, notices, texts)
    if "-" in paths:
        shown = stdin_filename or "-"
        checked += _check_one("-", shown, rules, findings, errors, notices, texts)
    findings.sort(key=lambda f: f.sort_key)
    return Report(tuple(findings), tuple(errors), tuple(notices), checked, texts)


def _check_one(
    source: str,
    shown: str,
    rules: Sequence[Rule],
    findings: list[Finding],
    errors: list[ReadError],
    notices: list[ReadError],
    texts: dict[str, str],
) -> int:
    try:
        data = files.read(source)
    except OSError as error:
        errors.append(ReadError(shown, f"cannot read: {error.strerror or error}"))
        return 0
    if files.looks_binary(data):
        notices.append(ReadError(shown, "skipped: binary file"))
        return 0
    decoded = files.decode(data)
    found, problems = _lint(shown, decoded.text, rules, decoded.bad_bytes)
    findings.extend(found)
    errors.extend(problems)
    if found:
        texts[shown] = decoded.text
    return 1
