"""Every built-in rule passes its own examples, through the real `test-rules` command."""

from __future__ import annotations

from lint.api import builtin_rules
from lint.selftest import failures
from tests.helpers import run_cli


def test_test_rules_command_passes_on_builtin_modules():
    run = run_cli("test-rules")
    assert run.code == 0, run.out
    assert run.out.strip().splitlines()[-1].endswith(" 0 failed")


def test_every_yaml_rule_has_bad_examples_and_they_pass():
    yaml_rules = [rule for rule in builtin_rules() if rule.kind != "core"]
    assert len(yaml_rules) >= 6
    for rule in yaml_rules:
        assert rule.bad, rule.id
        assert failures(rule) == [], rule.id


def test_rule_ids_are_unique_and_namespaced():
    ids = [rule.id for rule in builtin_rules()]
    assert len(ids) == len(set(ids))
    assert all(rule.id.startswith(rule.module + ".") for rule in builtin_rules())
