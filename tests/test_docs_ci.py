"""docs/ci.md: every txtlint command in its code blocks is one the CLI accepts, its YAML
parses, and its pre-commit snippet names the hook this repository defines."""

from __future__ import annotations

import re
import shlex

import click
import yaml

from lint.cli import main
from tests.helpers import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```$", DOC, flags=re.MULTILINE | re.DOTALL)
# `txtlint …` at the start of a line, a list item, a YAML `run:` or after a pipe.
COMMAND = re.compile(r"(?:^\s*(?:-\s+)?(?:run:\s*)?|[|&]\s*)txtlint\s+([^\n]*)", re.MULTILINE)
# Where the shell takes over: redirections, pipes, lists, comments.
SHELL = re.compile(r"\s(?:>|2>|\||&&|;|#)")


def commands() -> list[list[str]]:
    found = []
    for _, body in BLOCKS:
        for match in COMMAND.finditer(body):
            line = SHELL.split(" " + match.group(1), maxsplit=1)[0]
            found.append(shlex.split(line))
    return found


def test_the_doc_has_the_commands_it_promises():
    formats = {args[args.index("--format") + 1] for args in commands() if "--format" in args}
    assert formats == {"github", "sarif", "rdjson", "concise", "json"}


def test_every_command_parses():
    check = main.commands["check"]
    for args in commands():
        assert args[0] == "check", args
        with check.make_context("txtlint check", args[1:]) as context:
            assert isinstance(context, click.Context)


def test_a_wrong_command_would_be_caught():
    check = main.commands["check"]
    try:
        check.make_context("txtlint check", ["--format", "junit", "."])
    except click.UsageError:
        return
    raise AssertionError("--format junit parsed")


def test_yaml_blocks_parse():
    yaml_blocks = [body for language, body in BLOCKS if language == "yaml"]
    assert len(yaml_blocks) == 5
    for body in yaml_blocks:
        assert isinstance(yaml.safe_load(body), dict)


def test_the_pre_commit_snippet_names_a_defined_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    defined = {hook["id"] for hook in hooks}
    configs = [
        yaml.safe_load(body)
        for language, body in BLOCKS
        if language == "yaml" and body.startswith("repos:")
    ]
    assert len(configs) == 1
    used = {hook["id"] for repo in configs[0]["repos"] for hook in repo["hooks"]}
    assert used == {"txtlint"} <= defined
