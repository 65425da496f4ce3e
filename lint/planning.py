"""From configuration to a Plan per file: which rules, with which settings. The
command line's planner: one set of rules per configuration file, loaded once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from lint.api import Plan, Planner, check_preferences, load_rules
from lint.config import (
    EMPTY,
    Config,
    ConfigError,
    Effective,
    Overrides,
    config_for,
    config_path_for,
    effective,
    excluded,
    format_for,
    ignored_here,
    load_config,
    severities,
)
from lint.errors import RuleModuleError, SelectionError
from lint.formats import names
from lint.model import Rule, Settings, Severity
from lint.selection import matches


class Prepared(NamedTuple):
    """What one configuration gives every file under it."""

    settings: Effective
    rules: tuple[Rule, ...]
    chosen: Settings


def _selected(settings: Effective) -> tuple[str, ...]:
    select = settings.values["select"]
    return (*select, *settings.values["extend-select"]) if select else ()


def _rules(settings: Effective) -> tuple[Rule, ...]:
    rules = load_rules(settings.values["rules"], _selected(settings), settings.values["ignore"])
    overrides = severities(settings)
    if not overrides:
        return rules
    # the most specific selector wins: a rule id over its module
    ranked = sorted(overrides.items(), key=lambda item: len(item[0]))
    changed = []
    for rule in rules:
        severity = rule.severity
        for selector, chosen in ranked:
            if matches(selector, rule):
                severity = chosen
        changed.append(rule._replace(severity=severity) if severity != rule.severity else rule)
    return tuple(changed)


def _settings(settings: Effective) -> Settings:
    values = settings.values
    return Settings(
        allow=frozenset(values["allow"]),
        cjk_share=values["cjk-share"],
        prefer=dict(values["prefer"]),
        language=values["language"],
    )


def _unknown_selector(config: Config, every: Sequence[Rule]) -> str | None:
    """A selector of the configuration (in select, extend-select, ignore, severity or
    per-file-ignores) that names no rule, as an error naming the file and line."""
    values = config.values
    places = [
        *((key, s) for key in ("select", "extend-select", "ignore") for s in values.get(key, ())),
        *(("severity", s) for s in values.get("severity", {})),
        *(("per-file-ignores", s) for v in values.get("per-file-ignores", {}).values() for s in v),
    ]
    for key, selector in places:
        if not any(matches(selector, rule) for rule in every):
            return f"{config.where(key)}: '{key}': no rule or module named '{selector}'"
    return None


def _prepare(config: Config, overrides: Overrides) -> Prepared | str:
    settings = effective(config, overrides)
    known = names()
    for glob, name in settings.values["format-for"].items():
        if name not in known:
            line = config.where("format-for")
            return f"{line}: 'format-for' of '{glob}': no format '{name}' ({', '.join(known)})"
    try:
        every = load_rules(settings.values["rules"])
        unknown = _unknown_selector(config, every)
        if unknown is not None:
            return unknown
        rules = _rules(settings)
        chosen = _settings(settings)
        check_preferences(rules, chosen)
    except RuleModuleError as error:
        return "; ".join(error.problems)
    except SelectionError as error:
        return f"{config.path}: {error}" if config.path else str(error)
    except ValueError as error:
        return f"{config.where('prefer')}: {error}"
    return Prepared(settings, rules, chosen)


def planner(overrides: Overrides) -> Planner:
    """Plans for the files of one run, the rules loaded once per configuration file. A
    problem with a configuration (or the rule modules it names) is reported in full for
    the first file it applies to, and briefly for the others."""
    reported: set[str] = set()
    known: dict[Path, Path | None] = {}
    prepared: dict[Path | None, Prepared | str] = {}

    def plan(path: str) -> Plan | str:
        found = config_path_for(path, overrides, known)
        if found not in prepared:
            try:
                config = load_config(found) if found is not None else EMPTY
            except ConfigError as error:
                prepared[found] = str(error)
            else:
                prepared[found] = _prepare(config, overrides)
        ready = prepared[found]
        if isinstance(ready, str):
            return _once(ready, reported)
        rules = ready.rules
        turned_off = ignored_here(path, ready.settings)
        if turned_off:
            rules = tuple(r for r in rules if not any(matches(s, r) for s in turned_off))
        return Plan(
            rules,
            ready.chosen,
            fail_on=Severity.parse(ready.settings.values["fail-on"]),
            excluded=excluded(path, ready.settings),
            force_exclude=ready.settings.values["force-exclude"],
            gitignore=ready.settings.values["respect-gitignore"],
            format_name=format_for(path, ready.settings, overrides),
        )

    return plan


# What the planner says for a file under a configuration whose problem it already gave.
ALREADY_REPORTED = "not checked: its configuration is invalid (see the error above)"


def _once(problem: str, reported: set[str]) -> str:
    if problem in reported:
        return ALREADY_REPORTED
    reported.add(problem)
    return problem


def effective_for(path: str, overrides: Overrides) -> Effective:
    return effective(config_for(path, overrides), overrides)


__all__: Sequence[str] = ("ALREADY_REPORTED", "effective_for", "planner")
