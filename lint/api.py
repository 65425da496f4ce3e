"""The Python API: load rules, check text or paths. The CLI is a thin layer over this."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from lint import files, formats
from lint.core_rules import (
    CORE_RULES,
    NOT_CHECKED,
    UNDECODABLE,
    UNUSED_SUPPRESSION,
    not_checked_finding,
    undecodable_findings,
)
from lint.engine import lint_document
from lint.errors import RuleModuleError
from lint.language import CODES, dominant_cjk
from lint.model import DEFAULT_SETTINGS, Finding, Problem, Report, Rule, Settings, Severity
from lint.selection import select
from lint.suppression import suppress

__all__ = [
    "FileResult",
    "FixMode",
    "Plan",
    "Planner",
    "Settings",
    "builtin_rules",
    "check_files",
    "check_paths",
    "check_text",
    "load_rules",
]


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
    extra = list(extra)
    if extra:
        from lint.rulebook import load_modules
        from lint.selftest import failures

        taken = {rule.module: rule.source_path or "txtlint itself" for rule in rules}
        modules = load_modules([Path(p) for p in extra])
        problems = [
            f"{m.path}: module '{m.name}' is already defined in {taken[m.name]}"
            for m in modules
            if m.name in taken
        ]
        problems += [line for m in modules for r in m.rules for _, line in failures(r)]
        if problems:
            raise RuleModuleError(problems)
        rules = rules + tuple(rule for module in modules for rule in module.rules)
    return select(rules, selected, ignored)


def check_preferences(rules: Sequence[Rule], settings: Settings) -> None:
    """Raises ValueError for a preference that names no rule in use, or a style the rule
    does not have."""
    by_id = {rule.id: rule for rule in rules}
    for rule_id, style in settings.prefer.items():
        rule = by_id.get(rule_id)
        styles = getattr(rule.checker, "styles", None) if rule is not None else None
        if styles is None:
            raise ValueError(f"preference for '{rule_id}': not a document-level rule in use")
        if style not in styles():
            known = ", ".join(styles())
            raise ValueError(f"preference for '{rule_id}': unknown style '{style}' ({known})")


class Checked(NamedTuple):
    """One text's findings, and the rules that could not finish on it."""

    findings: list[Finding]
    errors: list[Problem]


def lint_text(
    path: str,
    text: str,
    rules: Sequence[Rule],
    settings: Settings,
    encoding: str = "utf-8",
    bad_bytes: tuple[tuple[int, bytes], ...] = (),
    format_name: str | None = None,
) -> Checked:
    """Check one decoded text as the file `path` (read as `format_name`, else by its
    extension): language gating, the rules, core findings, then suppression. What the
    command line does for each file and the language server for each buffer."""
    document = formats.parse(path, text, format_name)
    runnable = [rule for rule in rules if rule.checker is not None]
    extra: list[Finding] = []
    language = settings.language
    if language == "auto" and document.language is not None:
        language = document.language.split("-")[0].split("_")[0].lower()  # zh-CN → zh
    dominant = dominant_cjk(document, settings.cjk_share) if language == "auto" else None
    if language not in ("auto", "en"):
        # the file is in another language: only its rules, and the bilingual ones
        runnable = [r for r in runnable if r.language == language or r.kind == "bilingual"]
    chosen = {rule.id for rule in rules}
    if dominant is not None:
        code = CODES[dominant.language]
        runnable = [r for r in runnable if r.language == code or r.kind == "bilingual"]
        if NOT_CHECKED.id in chosen:
            extra.append(not_checked_finding(document, dominant))
    if bad_bytes and UNDECODABLE.id in chosen:
        extra.extend(undecodable_findings(document, encoding, bad_bytes))
    findings, errors = lint_document(document, runnable, settings)
    if extra:
        findings = sorted(findings + extra, key=lambda f: f.sort_key)
    if document.directives:
        # a rule stopped on this file lost its findings: its directives are not unused
        stopped = {error.rule for error in errors}
        running = [rule.id for rule in runnable if rule.id not in stopped]
        known = {rule.id for rule in (*builtin_rules(), *rules) if rule.checker is not None}
        findings, unused = suppress(document, findings, running, known)
        if UNUSED_SUPPRESSION.id in chosen:
            findings = sorted(findings + unused, key=lambda f: f.sort_key)
    return Checked(findings, errors)


def check_text(
    text: str,
    path: str = "<text>",
    rules: Sequence[Rule] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Findings for one text; `path` chooses the format and is reported. Raises
    TimeoutError when a rule's pattern runs too long on this text, and ValueError for
    a preference (`settings.prefer`) that no rule in use has."""
    rules = builtin_rules() if rules is None else rules
    check_preferences(rules, settings)
    checked = lint_text(path, text, rules, settings)
    if checked.errors:
        raise TimeoutError(checked.errors[0].message)
    return checked.findings


class FileResult(NamedTuple):
    """One input's outcome: its findings, or the problems that kept it from being
    (fully) checked. `text` is the decoded text ('' when it was not read)."""

    path: str  # as reported
    text: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()
    checked: bool = False
    fail_on: Severity = Severity.WARNING  # from the file's configuration
    fixed: int = 0  # fix edits applied (with a FixMode)
    before: str | None = None  # the text before fixing, when it was fixed
    output: bytes | None = None  # with a FixMode: the file's bytes after fixing
    # the file's bytes that `text` does not show: its byte-order mark, and each run of
    # undecodable bytes (shown as one U+FFFD at an offset of `text`)
    bom: bytes = b""
    bad_bytes: tuple[tuple[int, bytes], ...] = ()


class Plan(NamedTuple):
    """How to check one file: its rules and settings, and whether it is skipped."""

    rules: Sequence[Rule]
    settings: Settings
    fail_on: Severity = Severity.WARNING
    excluded: bool = False  # by an `exclude` glob
    force_exclude: bool = False  # excluded even when named (pre-commit names every file)
    gitignore: bool = False  # skip it if git ignores it
    format_name: str | None = None  # the format chosen for it, else its extension's


# A file's path → its Plan, or the one-line reason it cannot be checked.
Planner = Callable[[str], "Plan | str"]


def check_files(
    paths: Sequence[str],
    rules: Sequence[Rule] | None = None,
    stdin_filename: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    planner: Planner | None = None,
    fix: FixMode | None = None,
) -> Iterator[FileResult]:
    """Check files and folders ('-' is standard input) one at a time, yielding each
    result as soon as it is ready: problems found while looking for files first, then
    the files in order of their reported path. A caller that writes each result and
    drops it holds one file at a time, however many there are.

    Without a `planner`, every file is checked with `rules` and `settings`; with one
    (the command line's, from configuration files), each file gets its own plan, and
    files found in folders may be excluded. With `fix`, each file is fixed (and written
    back, unless `fix.write` is false) and the findings left in the fixed text are
    reported."""
    if planner is None:
        fixed = Plan(builtin_rules() if rules is None else rules, settings)
        check_preferences(fixed.rules, settings)

        def planner(path: str) -> Plan | str:
            return fixed

    named_paths = {os.path.realpath(p) for p in paths if p != "-"}
    inputs: list[tuple[str, str, Plan]] = []
    for found in files.discover([p for p in paths if p != "-"]):
        if found.error:
            yield FileResult(found.path, "", errors=(Problem(found.path, found.error),))
            continue
        if found.notice:
            yield FileResult(found.path, "", notices=(Problem(found.path, found.notice),))
            continue
        named = os.path.realpath(found.path) in named_paths
        plan = planner(found.path)
        if isinstance(plan, str):
            yield FileResult(found.path, "", errors=(Problem(found.path, plan),))
        elif not plan.excluded or (named and not plan.force_exclude):
            inputs.append((found.path, found.path, plan))
    if "-" in paths:
        shown = stdin_filename or "-"
        plan = planner(shown)
        if any(shown == path for path, _, _ in inputs):
            message = "--stdin-filename names a file that is also checked"
            yield FileResult(shown, "", errors=(Problem(shown, message),))
        elif isinstance(plan, str):
            yield FileResult(shown, "", errors=(Problem(shown, plan),))
        else:
            inputs.append(("-", shown, plan))
    ignored = _git_ignored(inputs, named_paths)
    for source, shown, plan in sorted(inputs, key=lambda item: item[1]):
        if source not in ignored:
            yield _check_file(source, shown, plan, fix)


def _git_ignored(inputs: Sequence[tuple[str, str, Plan]], named: set[str]) -> set[str]:
    candidates = [
        source
        for source, _, plan in inputs
        if source != "-"
        and plan.gitignore
        and (plan.force_exclude or os.path.realpath(source) not in named)
    ]
    if not candidates:
        return set()
    from lint.gitignore import ignored

    return ignored(candidates)


class FixMode(NamedTuple):
    """How to fix: with unsafe fixes too, and whether to write files (not for --diff)."""

    unsafe: bool = False
    write: bool = True


def _check_file(source: str, shown: str, plan: Plan, fix: FixMode | None) -> FileResult:
    try:
        data = files.read(source)
    except OSError as error:
        reason = f"cannot read: {error.strerror or error}"
        return FileResult(shown, "", errors=(Problem(shown, reason),), fail_on=plan.fail_on)
    if files.looks_binary(data):
        notice = (Problem(shown, "skipped: binary file"),)
        return FileResult(shown, "", notices=notice, output=data if fix else None)
    decoded = files.decode(data)
    try:
        result = _lint_decoded(shown, decoded, plan)
    except ValueError as error:  # a file its format refuses to read (an XLIFF DOCTYPE)
        reason = f"not checked: {error}"
        return FileResult(shown, "", errors=(Problem(shown, reason),), fail_on=plan.fail_on)
    if fix is not None and any(finding.fix is not None for finding in result.findings):
        return _fixed(source, shown, plan, fix, data, decoded, result)
    return _checked(shown, decoded, result, plan, output=data if fix else None)


def _checked(
    shown: str, decoded: files.Decoded, result: Checked, plan: Plan, **more: Any
) -> FileResult:
    return FileResult(
        shown,
        decoded.text,
        tuple(result.findings),
        tuple(result.errors),
        checked=True,
        fail_on=plan.fail_on,
        bom=decoded.bom,
        bad_bytes=decoded.bad_bytes,
        **more,
    )


def _lint_decoded(shown: str, decoded: files.Decoded, plan: Plan) -> Checked:
    return lint_text(
        shown,
        decoded.text,
        plan.rules,
        plan.settings,
        decoded.encoding,
        decoded.bad_bytes,
        plan.format_name,
    )


def _fixed(
    source: str,
    shown: str,
    plan: Plan,
    fix: FixMode,
    data: bytes,
    decoded: files.Decoded,
    first: Checked,
) -> FileResult:
    """Fix a file until nothing more is fixable, write it back (unless only asked for
    a diff, or it is standard input), and report what is left in the fixed text."""
    from lint.fixes import fix_text
    from lint.writing import WriteError, encode_back, write_atomically

    def lint_once(text: str) -> list[Finding]:
        if text is decoded.text:
            return first.findings
        return lint_text(
            shown, text, plan.rules, plan.settings, format_name=plan.format_name
        ).findings

    fixed = fix_text(decoded.text, lint_once, unsafe=fix.unsafe)
    unfixed = _checked(shown, decoded, first, plan, output=data)
    if fixed.applied == 0:
        return unfixed
    try:
        output = encode_back(fixed.text, decoded)
        if fix.write and source != "-":
            write_atomically(Path(source), output, data)
    except WriteError as error:
        problem = Problem(shown, f"not fixed: {error}")
        return unfixed._replace(errors=(*unfixed.errors, problem))
    # Read the fixed bytes as a new file: undecodable bytes are where they now are.
    again = files.decode(output)
    final = _lint_decoded(shown, again, plan)
    return _checked(
        shown, again, final, plan, fixed=fixed.applied, before=decoded.text, output=output
    )


def check_paths(
    paths: Sequence[str],
    rules: Sequence[Rule] | None = None,
    stdin_filename: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Check files and folders ('-' is standard input) and collect everything in one
    Report; problems with one path are reported in it and never stop the others."""
    findings: list[Finding] = []
    errors: list[Problem] = []
    notices: list[Problem] = []
    texts: dict[str, str] = {}
    checked = 0
    for result in check_files(paths, rules, stdin_filename, settings):
        findings.extend(result.findings)
        errors.extend(result.errors)
        notices.extend(result.notices)
        checked += result.checked
        if result.findings:
            texts[result.path] = result.text
    findings.sort(key=lambda f: f.sort_key)
    return Report(tuple(findings), tuple(errors), tuple(notices), checked, texts)
