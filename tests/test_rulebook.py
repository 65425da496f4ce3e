"""Loading rule modules: every problem is one line naming file, line and key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lint.rulebook import RuleModuleError, load_module, load_modules
from lint.selection import select

GOOD_RULE = """\
  - id: ok
    kind: pattern
    message: found {match}
    pattern: '\\bfoo\\b'
    examples:
      bad: [a foo b]
      good: [food]
"""

KNOWN_KINDS = "bilingual, consistency, lexicon, pattern, quantity, script"


def write(tmp_path: Path, body: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def module_text(rules: str, name: str = "user") -> str:
    return f"module: {name}\ndescription: d\ncategory: style\nrules:\n{rules}"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RuleModuleError) as caught:
        load_module(path)
    return list(caught.value.problems)


def test_valid_module_loads_with_namespaced_ids(tmp_path):
    module = load_module(write(tmp_path, module_text(GOOD_RULE)))
    assert [rule.id for rule in module.rules] == ["user.ok"]
    assert module.rules[0].line == 5
    assert module.rules[0].category == "style"


def test_unknown_key_names_file_line_and_key(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE.replace("pattern:", "patern:")))
    assert problems_of(path) == [
        f"{path}:8: rule 'user.ok': rule: unknown key 'patern'",
    ]


def test_wrong_type_is_reported_at_its_key(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE + "    case_sensitive: 'yes'\n"))
    assert problems_of(path) == [
        f"{path}:12: rule 'user.ok': rule: 'case_sensitive' must be true/false",
    ]


def test_bad_regex_is_reported(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE.replace("'\\bfoo\\b'", "'(foo'")))
    (problem,) = problems_of(path)
    assert problem.startswith(
        f"{path}:8: rule 'user.ok': 'pattern' is not a valid regular expression"
    )


def test_rule_without_examples_does_not_load(tmp_path):
    rule = "\n".join(GOOD_RULE.splitlines()[:4]) + "\n"
    path = write(tmp_path, module_text(rule))
    assert problems_of(path) == [f"{path}:5: rule 'user.ok': rule: missing key 'examples'"]


def test_rule_without_bad_examples_does_not_load(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE.replace("bad: [a foo b]", "bad: []")))
    assert problems_of(path) == [
        f"{path}:10: rule 'user.ok': a rule needs at least one bad example"
    ]


def test_duplicate_ids_in_one_module(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE + GOOD_RULE))
    assert problems_of(path) == [f"{path}:12: rule 'user.ok': duplicate id 'user.ok'"]


def test_duplicate_module_names_across_files(tmp_path):
    write(tmp_path, module_text(GOOD_RULE), "a.yaml")
    write(tmp_path, module_text(GOOD_RULE), "b.yaml")
    with pytest.raises(RuleModuleError) as caught:
        load_modules([tmp_path])
    assert caught.value.problems == (
        f"{tmp_path / 'b.yaml'}: module 'user' is already defined in {tmp_path / 'a.yaml'}",
    )


def test_unknown_kind(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE.replace("kind: pattern", "kind: magic")))
    assert problems_of(path) == [
        f"{path}:6: rule 'user.ok': unknown kind 'magic' (known: {KNOWN_KINDS})"
    ]


def test_unknown_placeholder_in_message(tmp_path):
    path = write(tmp_path, module_text(GOOD_RULE.replace("found {match}", "found {nope}")))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:7: rule 'user.ok': unknown placeholder '{{nope}}'")


def test_broken_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "module: x\nrules: [\n  - a\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "invalid YAML" in problem


def test_python_tags_are_refused(tmp_path):
    path = write(tmp_path, "module: !!python/object/apply:os.system ['true']\n")
    assert problems_of(path) == [
        f"{path}:1: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    ]
    path = write(tmp_path, "module: !!python/name:os.system ''\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:1: could not determine a constructor")


def test_every_problem_of_a_module_is_listed(tmp_path):
    path = write(
        tmp_path,
        module_text(
            GOOD_RULE.replace("pattern:", "patern:")
            + GOOD_RULE.replace("ok", "ok2").replace("kind: pattern", "kind: nope")
        ),
    )
    assert len(problems_of(path)) == 2


def test_select_and_ignore_by_module_and_rule(tmp_path):
    module = load_module(write(tmp_path, module_text(GOOD_RULE + GOOD_RULE.replace("ok", "two"))))
    rules = module.rules
    assert [r.id for r in select(rules, ["user"], ["user.two"])] == ["user.ok"]
    assert [r.id for r in select(rules, ["user.two"])] == ["user.two"]
    with pytest.raises(ValueError, match="no rule or module named 'use'"):
        select(rules, ["use"])


def test_yaml_alias_bomb_loads_fast_and_self_reference_is_refused(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        items = ", ".join([f"*a{level - 1}"] * 10)
        levels.append(f"a{level}: &a{level} [{items}]")
    path = write(tmp_path, "\n".join(levels) + "\n")
    assert problems_of(path) == [f"{path}:1: module: unknown key 'a0'"]
    path = write(tmp_path, "module: &m [*m]\n")
    assert problems_of(path) == [f"{path}:1: a YAML alias refers to the node that contains it"]


def test_aliases_share_values_between_rules(tmp_path):
    body = module_text(
        GOOD_RULE.replace("  - id: ok\n", "  - id: ok\n    unless: &names ['\\bfoo fighters\\b']\n")
        + GOOD_RULE.replace("id: ok", "id: two").replace(
            "    kind:", "    unless: *names\n    kind:"
        )
    )
    rules = load_module(write(tmp_path, body)).rules
    assert [r.unless for r in rules] == ["(?wi)(?:\\bfoo fighters\\b)"] * 2


IDS_RULE = "ids use lower-case letters, digits, '-' and '_'"
RULE_PROBLEMS = [
    (("id: ok", "id: ''"), f"5: rule: {IDS_RULE}"),
    (("id: ok", "id: a.b"), f"5: rule 'user.a.b': {IDS_RULE}"),
    (
        ("    kind:", "    unless: [3]\n    kind:"),
        "6: rule 'user.ok': 'unless' must be text or a list of non-empty texts",
    ),
    (
        ("    kind:", "    fix: x\n    kind:"),
        "10: rule 'user.ok': a rule with a fix needs a bad example with the fixed text ('fix:')",
    ),
    (
        ("    kind:", "    severity: fatal\n    kind:"),
        "6: rule 'user.ok': severity must be error, warning or info",
    ),
    (
        ("    kind:", "    examples2: 1\n    kind:"),
        "6: rule 'user.ok': rule: unknown key 'examples2'",
    ),
]


@pytest.mark.parametrize(("change", "problem"), RULE_PROBLEMS)
def test_each_rule_problem_is_one_line_with_its_line(tmp_path, change, problem):
    path = write(tmp_path, module_text(GOOD_RULE.replace(*change)))
    assert problems_of(path) == [f"{path}:{problem}"]


LEXICON_RULE = """\
  - id: lex
    kind: lexicon
    message: '{match}'
    entries:
      - {wrong: foo, right: bar}
      - %s
    examples:
      bad: [foo]
"""


@pytest.mark.parametrize(
    ("second_entry", "problem"),
    [
        ("{wrong: baz, rihgt: qux}", "10: rule 'user.lex': entry: unknown key 'rihgt'"),
        (
            "{wrong: baz, ref: [1]}",
            "10: rule 'user.lex': 'ref' must be text or a list of non-empty texts",
        ),
        ("{right: qux}", "10: rule 'user.lex': entry: missing key 'wrong'"),
        ("{wrong: foo}", "10: rule 'user.lex': 'foo' is listed twice"),
    ],
)
def test_lexicon_entry_problems_point_at_the_entry(tmp_path, second_entry, problem):
    path = write(tmp_path, module_text(LEXICON_RULE % second_entry))
    assert problems_of(path) == [f"{path}:{problem}"]


def test_broken_yaml_and_several_problems_name_their_lines(tmp_path):
    path = write(tmp_path, "module: x\nrules: [\n  - a\n")
    assert problems_of(path) == [f"{path}:3: invalid YAML: did not find expected node content"]
    two = GOOD_RULE.replace("pattern:", "patern:") + GOOD_RULE.replace("ok", "ok2").replace(
        "kind: pattern", "kind: nope"
    )
    path = write(tmp_path, module_text(two))
    assert problems_of(path) == [
        f"{path}:8: rule 'user.ok': rule: unknown key 'patern'",
        f"{path}:13: rule 'user.ok2': unknown kind 'nope' (known: {KNOWN_KINDS})",
    ]
