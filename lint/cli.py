"""The `txtlint` command. The only module that knows about click, prints or exits."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lint import __version__
from lint.model import Rule

if TYPE_CHECKING:
    from lint.api import FileResult, Plan, Planner
    from lint.model import Problem
    from lint.progress import Progress
    from lint.report import Options
    from lint.report.statistics import Statistics
from lint.report import FORMAT_NAMES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS_HELP = "Check files (the default), or list, explain and test rules."


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _fail(lines: Sequence[str]) -> None:
    for line in lines:
        click.echo(f"txtlint: error: {line}", err=True)
    sys.exit(EXIT_ERROR)


def _load(
    rules: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[Rule, ...]:
    from lint.api import load_rules
    from lint.errors import RuleModuleError, SelectionError

    try:
        return load_rules(rules, _split(select), _split(ignore))
    except RuleModuleError as error:
        _fail(error.problems)
    except SelectionError as error:
        _fail([str(error)])
    raise AssertionError("unreachable")


def _allowed(terms: Sequence[str], files: Sequence[str]) -> frozenset[str]:
    allowed = set(_split(terms))
    if not files:
        return frozenset(allowed)
    from lint.allowlist import AllowListError, read_allow_list

    for path in files:
        try:
            allowed.update(read_allow_list(Path(path)))
        except AllowListError as error:
            _fail([str(error)])
    return frozenset(allowed)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def _wants_color() -> bool:
    """Color on a terminal unless NO_COLOR is set to a non-empty value (no-color.org)."""
    return not os.environ.get("NO_COLOR") and _is_terminal()


class DefaultToCheck(click.Group):
    """`txtlint PATH…` means `txtlint check PATH…`; a folder named like a subcommand
    can be given as `./rules` or `txtlint check rules`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if a not in ("--help", "-h", "--version")), None)
        if first is not None and first not in self.commands:
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(
    cls=DefaultToCheck, help=COMMANDS_HELP, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="txtlint")
def main() -> None:
    pass


rules_option = click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(),
    help="A rule module file or folder of modules to add (repeatable).",
)


def config_options(command: Callable[..., None]) -> Callable[..., None]:
    """--config, --isolated and --no-gitignore, shared by `check` and `config`."""
    command = click.option(
        "--no-gitignore", is_flag=True, help="Check files that .gitignore ignores too."
    )(command)
    command = click.option("--isolated", is_flag=True, help="Read no configuration file.")(command)
    return click.option(
        "--config",
        "config_file",
        type=click.Path(),
        help="Use this configuration file for every path (pyproject.toml, .txtlint.yaml).",
    )(command)


@main.command(help="Check files and folders ('-' reads standard input).")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select", multiple=True, help="Only these rules or modules (comma list, repeatable)."
)
@click.option(
    "--ignore", multiple=True, help="Not these rules or modules (comma list, repeatable)."
)
@rules_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Count findings per rule instead of listing them (formats text, concise, json).",
)
@click.option("--stdin-filename", help="Name to report, and to choose the format by, for '-'.")
@click.option("--no-color", is_flag=True, help="No colors (also: NO_COLOR set).")
@click.option(
    "--allow", "allowed", multiple=True, help="Terms never reported (comma list, repeatable)."
)
@click.option(
    "--allow-file",
    type=click.Path(),
    multiple=True,
    help="A YAML list of terms never reported (repeatable).",
)
@click.option(
    "--cjk-share",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Share of CJK characters past which a text is not treated as English (0.5).",
)
@click.option(
    "--format-for",
    "format_for",
    multiple=True,
    help="GLOB=FORMAT: read matching files as this format (plain, markdown, …; repeatable).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, writing the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the diff --fix would make; change nothing.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply exclude and .gitignore to files named on the command line too (pre-commit).",
)
@config_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rule_paths: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    stdin_filename: str | None,
    no_color: bool,
    allowed: tuple[str, ...],
    allow_file: tuple[str, ...],
    cjk_share: float | None,
    format_for: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    force_exclude: bool,
    config_file: str | None,
    isolated: bool,
    no_gitignore: bool,
) -> None:
    from lint.api import FixMode, check_files
    from lint.config import Overrides
    from lint.planning import planner
    from lint.report import MACHINE_FORMATS, Options

    counts = None
    if statistics:
        from lint.report import statistics as counting

        if output_format not in counting.FORMATS:
            _fail([f"--statistics works with --format {', '.join(counting.FORMATS)}"])
        if diff:
            _fail(["--statistics counts findings; --diff prints changes: choose one"])
        counts = counting.Statistics()

    overrides = Overrides(
        select=tuple(_split(select)) or None,
        ignore=tuple(_split(ignore)),
        rules=rule_paths,
        fail_on=fail_on,
        allow=tuple(_allowed(allowed, allow_file)),
        cjk_share=cjk_share,
        respect_gitignore=False if no_gitignore else None,
        force_exclude=True if force_exclude else None,
        config=Path(config_file) if config_file else None,
        isolated=isolated,
        format_for=_format_choices(format_for),
    )
    paths = paths or (".",)
    _load(rule_paths, select, ignore)  # the command line's own mistakes: usage errors
    rules: dict[str, Rule] = {}
    plan = _remembering_rules(planner(overrides), rules)
    fixing = FixMode(unsafe=unsafe_fixes, write=not diff) if fix or diff else None
    results = check_files(list(paths), stdin_filename=stdin_filename, planner=plan, fix=fixing)
    if diff:
        _print_diffs(results, exit_zero)
    # With --fix on standard input, the fixed text goes to stdout and the report to stderr.
    to_stderr = fix and "-" in paths
    color = output_format == "text" and not no_color and not to_stderr and _wants_color()
    progress = None
    if output_format not in MACHINE_FORMATS and not to_stderr and sys.stderr.isatty():
        from lint.progress import Progress

        progress = Progress()
    fixed_stdin = (stdin_filename or "-") if to_stderr else None
    screen = _Screen(color, fixed_stdin, progress)
    options = Options(color=color, version=__version__, rules=rules)
    try:
        errors, failing = _report(results, output_format, options, counts, screen)
    finally:
        screen.clear_progress()  # also when interrupted (Ctrl-C)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


class _Screen:
    """Where a report goes: stdout, or stderr when stdout takes the fixed text of
    standard input (`--fix -`, reported as `fixed_stdin`); the progress line on stderr
    is cleared before anything else is written."""

    def __init__(self, color: bool, fixed_stdin: str | None, progress: Progress | None) -> None:
        self.color, self.fixed_stdin, self.progress = color, fixed_stdin, progress

    def write(self, text: str) -> None:
        if text:
            self.clear_progress()
        click.echo(text, nl=False, color=self.color, err=self.fixed_stdin is not None)

    def clear_progress(self) -> None:
        if self.progress is not None:
            click.echo(self.progress.clear(), nl=False, err=True)

    def show_progress(self, files_checked: int) -> None:
        if self.progress is not None:
            click.echo(self.progress.update(files_checked), nl=False, err=True)


def _report(
    results: Iterable[FileResult],
    output_format: str,
    options: Options,
    counts: Statistics | None,
    screen: _Screen,
) -> tuple[list[Problem], bool]:
    """Write each file's findings as soon as it is checked, then drop them; the errors,
    and whether a finding fails the run."""
    from lint.report import Totals, reporter

    output = reporter(output_format)
    totals = Totals()
    errors: list[Problem] = []
    failing = False
    if counts is None:
        screen.write(output.begin(options))
    for result in results:
        if result.errors or result.notices:
            screen.clear_progress()
        _problems(result)
        errors.extend(result.errors)
        if result.path == screen.fixed_stdin and result.output is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(result.output)
            sys.stdout.buffer.flush()
        if result.findings:
            if counts is not None:
                counts.add(result.findings)
            else:
                shown = options._replace(bom=result.bom, bad_bytes=result.bad_bytes)
                screen.write(output.file(result.path, result.text, result.findings, shown, totals))
            failing = failing or any(f.severity >= result.fail_on for f in result.findings)
        totals = totals.add(result.checked, result.findings, result.fixed)
        if result.checked:
            screen.show_progress(totals.files_checked)
    if counts is not None:
        screen.write(counts.render(output_format, options.rules))
    else:
        screen.write(output.end(totals, errors, options))
    return errors, failing


def _remembering_rules(plan: Planner, rules: dict[str, Rule]) -> Planner:
    """`plan`, noting every rule a file's plan uses in `rules`, for the formats that
    describe the rules of their findings."""
    from lint.core_rules import CORE_RULES

    rules.update((rule.id, rule) for rule in CORE_RULES)
    last: list[Sequence[Rule]] = [()]  # files of one configuration share their rules

    def planning(path: str) -> Plan | str:
        chosen = plan(path)
        if not isinstance(chosen, str) and chosen.rules is not last[0]:
            last[0] = chosen.rules
            rules.update((rule.id, rule) for rule in chosen.rules)
        return chosen

    return planning


def _format_choices(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    from lint.formats import names

    choices = []
    for value in values:
        glob, _, name = value.rpartition("=")
        if not glob or name not in names():
            known = ", ".join(names())
            _fail([f"--format-for {value!r}: expected GLOB=FORMAT, FORMAT one of {known}"])
        choices.append((glob, name))
    return tuple(choices)


def _problems(result: FileResult) -> None:
    for notice in result.notices:
        click.echo(f"txtlint: {notice.path}: {notice.message}", err=True)
    for error in result.errors:
        click.echo(f"txtlint: error: {error.path}: {error.message}", err=True)


def _print_diffs(results: Iterable[FileResult], exit_zero: bool) -> None:
    """--diff: the diff of each file --fix would change, then a count on stderr; exit 1
    if anything would change."""
    from lint.fixes import unified_diff

    fixes = changed = 0
    errors = False
    for result in results:
        _problems(result)
        errors = errors or bool(result.errors)
        if result.before is not None:
            click.echo(unified_diff(result.path, result.before, result.text), nl=False)
            fixes += result.fixed
            changed += 1
    files = "file" if changed == 1 else "files"
    click.echo(
        f"Would apply {fixes} fix{'es' if fixes != 1 else ''} to {changed} {files}.", err=True
    )
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed and not exit_zero else EXIT_OK)


@main.command("config", help="Show the settings that apply to a path, and where each is from.")
@click.argument("path", default=".", type=click.Path())
@config_options
def show_config(path: str, config_file: str | None, isolated: bool, no_gitignore: bool) -> None:
    from lint.config import ConfigError, Overrides, describe
    from lint.planning import effective_for

    overrides = Overrides(
        respect_gitignore=False if no_gitignore else None,
        config=Path(config_file) if config_file else None,
        isolated=isolated,
    )
    try:
        settings = effective_for(path, overrides)
    except ConfigError as error:
        _fail([str(error)])
    for line in describe(settings, path):
        click.echo(line)


@main.command("rules", help="List every loaded rule.")
@rules_option
def list_rules(rule_paths: tuple[str, ...]) -> None:
    rules = _load(rule_paths)
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        click.echo(
            f"{rule.id:<{width}}  {rule.severity.label:<7}  {rule.category:<15}  "
            f"{rule.short_description}"
        )


@main.command(help="Show a rule's full description and examples.")
@click.argument("rule_id")
@rules_option
def explain(rule_id: str, rule_paths: tuple[str, ...]) -> None:
    from lint.explain import explanation

    rules = _load(rule_paths)
    matches = [rule for rule in rules if rule.id == rule_id]
    if not matches:
        close = [rule.id for rule in rules if rule_id in rule.id]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        _fail([f"no rule named '{rule_id}'{hint}"])
    click.echo(explanation(matches[0]))


@main.command(help="Run the language server (LSP over standard input and output).")
def server() -> None:
    try:
        from lint.server import serve
    except ImportError as error:
        if (error.name or "").partition(".")[0] not in ("pygls", "lsprotocol"):
            raise
        _fail(["the language server needs pygls: pip install 'txtlint[lsp]'"])
    serve()


@main.command("test-rules", help="Check rule modules against their own examples.")
@click.argument("paths", nargs=-1, type=click.Path())
def test_rules(paths: tuple[str, ...]) -> None:
    from lint.rulebook import RuleModuleError, builtin_dir, load_modules
    from lint.selftest import failures

    try:
        modules = load_modules([Path(p) for p in paths] or [builtin_dir()])
    except RuleModuleError as error:
        _fail(error.problems)
    rules = [rule for module in modules for rule in module.rules]
    problems = [problem for rule in rules for problem in failures(rule)]
    for _, line in problems:
        click.echo(line)
    examples = sum(len(rule.bad) + len(rule.good) for rule in rules)
    failed = len(problems)
    click.echo(
        f"{len(modules)} modules, {len(rules)} rules, {examples} examples: "
        f"{examples - failed} passed, {failed} failed"
    )
    sys.exit(EXIT_FINDINGS if problems else EXIT_OK)
