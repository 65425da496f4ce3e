"""docs/ci.md: every txtlint command in its code blocks is one the CLI accepts, its YAML
parses, and its pre-commit snippet names the hook this repository defines."""

from __future__ import annotations

import functools
import json
import re
import shlex
from collections import Counter

import click
import pytest
import yaml
from jsonschema import Draft4Validator

from lint.cli import main
from tests.helpers import ROOT, run_cli

EXAMPLES = ROOT / "examples"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
CONCISE = re.compile(r".+:\d+:\d+: (?:error|warning|info) ([\w.-]+) .+")

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


@functools.cache
def example_findings() -> list[dict]:
    return run_cli("--format", "json", str(EXAMPLES)).json["findings"]


@pytest.mark.parametrize("args", commands(), ids=" ".join)
def test_every_command_runs_and_writes_its_format(args: list[str]):
    """Each command of the doc, run on the examples instead of the doc's folder, exits as
    the doc says and writes the format it names."""
    paths = [arg for arg in args[1:] if arg in (".", "docs/")]
    assert len(paths) == 1, args
    run = run_cli(*[str(EXAMPLES) if arg in paths else arg for arg in args[1:]])
    assert run.code == (0 if "--exit-zero" in args else 1), run.err
    output = args[args.index("--format") + 1] if "--format" in args else "text"
    # every format reports the findings of the JSON output, rule for rule
    rules = [finding["rule"] for finding in example_findings()]
    if "--statistics" in args:
        if output == "json":
            counted = {row["rule"]: row["count"] for row in json.loads(run.out)}
        else:
            counted = {line.split()[1]: int(line.split()[0]) for line in run.out.splitlines()}
        assert counted == Counter(rules)
    elif output == "sarif":
        document = json.loads(run.out)
        Draft4Validator(SARIF_SCHEMA).validate(document)
        assert [result["ruleId"] for result in document["runs"][0]["results"]] == rules
    elif output == "rdjson":
        diagnostics = json.loads(run.out)["diagnostics"]
        assert [diagnostic["code"]["value"] for diagnostic in diagnostics] == rules
    elif output == "github":
        assert [
            line.split("title=txtlint (")[1].split(")::")[0] for line in run.out.splitlines()
        ] == rules
        assert all(
            line.startswith(("::warning ", "::error ", "::notice "))
            for line in run.out.splitlines()
        )
    elif output == "concise":
        assert [CONCISE.fullmatch(line)[1] for line in run.out.splitlines()] == rules


def workflows() -> list[dict]:
    """The GitHub Actions workflows of the doc (YAML blocks with jobs)."""
    found = [yaml.safe_load(body) for language, body in BLOCKS if language == "yaml"]
    return [
        block
        for block in found
        if "jobs" in block and "runs-on" in next(iter(block["jobs"].values()))
    ]


def test_workflows_use_known_actions_and_the_permissions_they_need():
    steps_of = [next(iter(workflow["jobs"].values())) for workflow in workflows()]
    assert len(steps_of) == 3
    used = {step["uses"] for job in steps_of for step in job["steps"] if "uses" in step}
    assert used == {
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "github/codeql-action/upload-sarif@v3",
        "reviewdog/action-setup@v1",
    }
    for job in steps_of:
        uses = [step.get("uses", "") for step in job["steps"]]
        runs = " ".join(step.get("run", "") for step in job["steps"])
        if "github/codeql-action/upload-sarif@v3" in uses:
            assert job["permissions"] == {
                "actions": "read",
                "contents": "read",
                "security-events": "write",
            }
            upload = job["steps"][uses.index("github/codeql-action/upload-sarif@v3")]
            target = re.search(r"--format sarif [^>]*> (\S+)", runs)
            assert target is not None and upload["with"]["sarif_file"] == target.group(1)
        if "reviewdog/action-setup@v1" in uses:
            assert job["permissions"]["pull-requests"] == "write"
            step = next(step for step in job["steps"] if "reviewdog " in step.get("run", ""))
            assert set(step["env"]) == {"REVIEWDOG_GITHUB_API_TOKEN"}
            flags = re.search(r"\| reviewdog (.*)$", step["run"]).group(1).split()
            assert flags[0] == "-f=rdjson"
            assert flags[1].split("=")[1] in {"github-pr-review", "github-pr-check", "github-check"}


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
