"""Configuration files: discovery and precedence, every key, every error, `txtlint
config`."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.helpers import run_cli

ARTIFACTS = "The the car.\nBeware the three highs.\n"
REPEATED = "quality.repeated-word"
CALQUE = "zh-en.calque.literal-calques"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(*args: str) -> list[tuple[str, str, int, int]]:
    """(path relative to the working folder, rule, line, column) of every finding."""
    result = run_cli("--format", "json", *args)
    assert result.code in (0, 1), result.err
    return [(f["path"], f["rule"], f["line"], f["column"]) for f in result.json["findings"]]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "sub/b.txt", "sub/deep/c.txt"):
        write(tmp_path / name, ARTIFACTS)
    return tmp_path


def test_without_configuration_every_rule_runs(tree: Path):
    assert found("a.txt") == [("a.txt", REPEATED, 1, 1), ("a.txt", CALQUE, 2, 12)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".txtlint.yaml", "ignore: [quality]\n"),
        ("txtlint.yaml", "ignore: [quality]\n"),
        ("pyproject.toml", '[tool.txtlint]\nignore = ["quality"]\n'),
    ],
)
def test_each_file_name_is_read(tree: Path, name: str, text: str):
    write(tree / name, text)
    assert found("a.txt") == [("a.txt", CALQUE, 2, 12)]


def test_a_pyproject_without_the_table_is_passed_over(tree: Path):
    write(tree / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tree / ".txtlint.yaml", "ignore: [quality]\n")
    assert found("sub/b.txt") == [("sub/b.txt", CALQUE, 2, 12)]


def test_the_closest_configuration_wins_and_they_do_not_merge(tree: Path):
    write(tree / ".txtlint.yaml", "ignore: [quality]\n")
    write(tree / "sub" / ".txtlint.yaml", "ignore: [zh-en]\n")
    assert found(".") == [
        ("a.txt", CALQUE, 2, 12),
        ("sub/b.txt", REPEATED, 1, 1),
        ("sub/deep/c.txt", REPEATED, 1, 1),
    ]


def test_in_one_folder_txtlint_yaml_comes_before_pyproject(tree: Path):
    write(tree / "pyproject.toml", '[tool.txtlint]\nignore = ["zh-en"]\n')
    write(tree / ".txtlint.yaml", "ignore: [quality]\n")
    assert found("a.txt") == [("a.txt", CALQUE, 2, 12)]


def test_config_option_and_isolated(tree: Path):
    write(tree / ".txtlint.yaml", "ignore: [quality]\n")
    other = write(tree / "elsewhere" / "strict.yaml", "select: [quality]\n")
    assert found("--config", str(other), "a.txt") == [("a.txt", REPEATED, 1, 1)]
    assert found("--isolated", "a.txt") == [("a.txt", REPEATED, 1, 1), ("a.txt", CALQUE, 2, 12)]


def test_the_user_configuration_applies_only_without_a_project_one(tree: Path):
    user = Path(os.environ["XDG_CONFIG_HOME"]) / "txtlint" / "config.yaml"
    write(user, "ignore: [zh-en]\n")
    try:
        assert found("a.txt") == [("a.txt", REPEATED, 1, 1)]
        write(tree / ".txtlint.yaml", "ignore: [quality]\n")
        assert found("a.txt") == [("a.txt", CALQUE, 2, 12)]
    finally:
        user.unlink()


def test_the_command_line_overrides_select_and_adds_to_ignore(tree: Path):
    write(tree / ".txtlint.yaml", "select: [quality]\nignore: [zh-en]\n")
    assert found("--select", CALQUE, "a.txt") == []  # zh-en still ignored by the file
    assert found("--select", "zh-en,quality", "--ignore", REPEATED, "--isolated", "a.txt") == [
        ("a.txt", CALQUE, 2, 12)
    ]


def test_extend_select_adds_to_select(tree: Path):
    write(tree / ".txtlint.yaml", f"select: [{REPEATED}]\nextend-select: [zh-en]\n")
    assert found("a.txt") == [("a.txt", REPEATED, 1, 1), ("a.txt", CALQUE, 2, 12)]


def test_severity_and_fail_on(tree: Path):
    write(tree / ".txtlint.yaml", "severity:\n  quality: info\nfail-on: warning\n")
    result = run_cli("--format", "json", "--ignore", "zh-en", "a.txt")
    assert [(f["rule"], f["severity"]) for f in result.json["findings"]] == [(REPEATED, "info")]
    assert result.code == 0
    write(tree / ".txtlint.yaml", f"severity:\n  quality: info\n  {REPEATED}: error\n")
    result = run_cli("--format", "json", "--ignore", "zh-en", "a.txt")
    assert [(f["rule"], f["severity"]) for f in result.json["findings"]] == [(REPEATED, "error")]
    write(tree / ".txtlint.yaml", "fail-on: error\n")
    assert run_cli("a.txt").code == 0
    assert run_cli("--fail-on", "warning", "a.txt").code == 1


def test_rule_modules_are_relative_to_the_configuration(tree: Path):
    write(
        tree / "house" / "rules.yaml",
        """\
        module: house
        description: House style.
        category: style
        rules:
          - id: car
            kind: pattern
            message: 'No "{match}".'
            pattern: '\\bcar\\b'
            examples:
              bad: [A car.]
              good: [A bus.]
        """,
    )
    write(tree / "sub" / ".txtlint.yaml", "rules: [../house/rules.yaml]\nselect: [house]\n")
    assert found("sub/b.txt") == [("sub/b.txt", "house.car", 1, 9)]


def test_exclude_skips_found_files_but_not_named_ones(tree: Path):
    write(tree / ".txtlint.yaml", "exclude: [deep/, 'a.*']\nselect: [quality]\n")
    assert found(".") == [("sub/b.txt", REPEATED, 1, 1)]
    assert found("a.txt") == [("a.txt", REPEATED, 1, 1)]


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git"
)
def test_gitignore_is_honoured_in_a_work_tree(tree: Path, git_env: dict[str, str]):
    subprocess.run(["git", "init", "-q", "."], cwd=tree, env=git_env, check=True)
    write(tree / ".gitignore", "sub/\n")
    write(tree / ".txtlint.yaml", "select: [quality]\n")
    assert found(".") == [("a.txt", REPEATED, 1, 1)]
    assert found("--no-gitignore", ".") == [
        ("a.txt", REPEATED, 1, 1),
        ("sub/b.txt", REPEATED, 1, 1),
        ("sub/deep/c.txt", REPEATED, 1, 1),
    ]
    write(tree / ".txtlint.yaml", "select: [quality]\nrespect-gitignore: false\n")
    assert found(".") == [
        ("a.txt", REPEATED, 1, 1),
        ("sub/b.txt", REPEATED, 1, 1),
        ("sub/deep/c.txt", REPEATED, 1, 1),
    ]


def test_per_file_ignores(tree: Path):
    write(
        tree / ".txtlint.yaml", "select: [quality, zh-en]\nper-file-ignores:\n  'sub/**': [zh-en]\n"
    )
    assert found(".") == [
        ("a.txt", REPEATED, 1, 1),
        ("a.txt", CALQUE, 2, 12),
        ("sub/b.txt", REPEATED, 1, 1),
        ("sub/deep/c.txt", REPEATED, 1, 1),
    ]


def test_allow_language_cjk_share_and_prefer(tree: Path):
    write(tree / "zh.txt", "这是一个中文句子，里面有很多汉字。The the end.\n")
    write(tree / "units.txt", "It rose 5 percent, then 6 percent.\n")
    write(tree / ".txtlint.yaml", "allow: [The the]\n")
    assert found("a.txt") == [("a.txt", CALQUE, 2, 12)]
    write(tree / ".txtlint.yaml", "language: en\nselect: [quality]\n")
    assert found("zh.txt") == [("zh.txt", REPEATED, 1, 18)]
    write(tree / ".txtlint.yaml", "cjk-share: 0.9\nselect: [quality, language]\n")
    assert found("zh.txt") == [("zh.txt", REPEATED, 1, 18)]
    write(tree / ".txtlint.yaml", "prefer:\n  units.percent-notation: '%'\n")
    assert found("units.txt") == [
        ("units.txt", "units.percent-notation", 1, 11),
        ("units.txt", "units.percent-notation", 1, 27),
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (".txtlint.yaml", "select: [quality]\nselcet: [x]\n", ":2: unknown key 'selcet'"),
        (".txtlint.yaml", "select: 3\n", ":1: 'select' must be a list of texts"),
        (
            ".txtlint.yaml",
            "respect-gitignore: yes please\n",
            ":1: 'respect-gitignore' must be true or false",
        ),
        (".txtlint.yaml", "cjk-share: 2\n", ":1: 'cjk-share' must be a number from 0 to 1"),
        (".txtlint.yaml", "fail-on: never\n", ":1: 'fail-on' must be error, warning or info"),
        (".txtlint.yaml", "language: fr\n", ":1: 'language' must be one of auto, en, zh, ja, ko"),
        (
            ".txtlint.yaml",
            "severity:\n  quality: loud\n",
            ":1: 'severity' of 'quality' must be error, warning or info",
        ),
        (".txtlint.yaml", "per-file-ignores: [x]\n", ":1: 'per-file-ignores' must be a mapping"),
        (".txtlint.yaml", "select: [quality\n", ":2:"),
        (
            "pyproject.toml",
            '[tool.txtlint]\nselect = ["quality"]\nsevrity = 1\n',
            ":3: unknown key 'sevrity'",
        ),
        ("pyproject.toml", "[tool.txtlint]\nselect = [\n", "pyproject.toml: "),
    ],
)
def test_configuration_errors_are_one_line_with_file_and_line(
    tree: Path, name: str, text: str, message: str
):
    path = write(tree / name, text)
    result = run_cli("a.txt")
    assert result.code == 2
    assert result.out == "No findings (0 files checked).\n"
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"txtlint: error: a.txt: {path}")
    assert message in lines[0]


def test_an_unknown_selector_in_a_configuration_names_the_file(tree: Path):
    path = write(tree / ".txtlint.yaml", "select: [nonsense]\n")
    result = run_cli("a.txt")
    assert (result.code, result.err) == (
        2,
        f"txtlint: error: a.txt: {path}:1: 'select': no rule or module named 'nonsense'\n",
    )


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("severity:\n  nonsense: info\n", 1, "severity"),
        ("select: [quality]\nper-file-ignores:\n  '*.txt': [nonsense]\n", 2, "per-file-ignores"),
        ("select: [quality]\nextend-select: [nonsense]\n", 2, "extend-select"),
    ],
)
def test_every_selector_in_a_configuration_is_checked(tree: Path, text: str, line: int, key: str):
    path = write(tree / ".txtlint.yaml", text)
    result = run_cli("a.txt")
    assert result.err == (
        f"txtlint: error: a.txt: {path}:{line}: '{key}': no rule or module named 'nonsense'\n"
    )


def test_the_order_of_paths_does_not_matter_for_a_broken_configuration(tree: Path):
    write(tree / "sub" / ".txtlint.yaml", "selcet: [x]\n")
    for order in (["sub/b.txt", "a.txt"], ["a.txt", "sub/b.txt"]):
        result = run_cli("--format", "concise", "--select", "quality", *order)
        assert result.code == 2
        assert result.out == 'a.txt:1:1: warning quality.repeated-word "The" is repeated.\n'


def test_an_invalid_configuration_deeper_down_stops_only_its_files(tree: Path):
    write(tree / ".txtlint.yaml", "select: [quality]\n")
    bad = write(tree / "sub" / ".txtlint.yaml", "selcet: [x]\n")
    result = run_cli("--format", "concise", ".")
    assert result.code == 2
    assert result.out == 'a.txt:1:1: warning quality.repeated-word "The" is repeated.\n'
    assert result.err.splitlines() == [
        f"txtlint: error: sub/b.txt: {bad}:1: unknown key 'selcet' (known: select, "
        "extend-select, ignore, severity, fail-on, rules, exclude, force-exclude, "
        "respect-gitignore, per-file-ignores, language, allow, cjk-share, prefer, format-for)",
        "txtlint: error: sub/deep/c.txt: not checked: its configuration is invalid "
        "(see the error above)",
    ]


def test_config_command_shows_each_setting_and_its_source(tree: Path):
    path = write(tree / "sub" / ".txtlint.yaml", "select: [quality]\nallow: [Foo]\n")
    result = run_cli("config", "sub/b.txt")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:2] == ["# settings for sub/b.txt", f"# configuration file: {path}"]
    assert f'select = ["quality"]  # {path}:1' in lines
    assert f'allow = ["Foo"]  # {path}:2' in lines
    assert 'fail-on = "warning"  # default' in lines
    assert len(lines) == 2 + 15


def test_force_exclude_applies_to_named_files(tree: Path):
    write(tree / ".txtlint.yaml", "exclude: [sub/]\nselect: [quality]\n")
    assert found("sub/b.txt") == [("sub/b.txt", REPEATED, 1, 1)]
    assert found("--force-exclude", "sub/b.txt") == []
    write(tree / ".txtlint.yaml", "exclude: [sub/]\nselect: [quality]\nforce-exclude: true\n")
    assert found("sub/b.txt", "a.txt") == [("a.txt", REPEATED, 1, 1)]


def test_a_path_through_dotdot_finds_the_configuration_of_where_it_leads(
    tree: Path, monkeypatch: pytest.MonkeyPatch
):
    write(tree / "sub" / ".txtlint.yaml", "ignore: [quality, zh-en]\n")
    write(tree / "other" / "x.txt", ARTIFACTS)
    monkeypatch.chdir(tree / "sub")
    assert [rule for _, rule, _, _ in found("../other/x.txt")] == [REPEATED, CALQUE]


@pytest.mark.parametrize(
    "text",
    [
        '[tool]\ntxtlint = {ignore = ["quality"]}\n',
        'tool.txtlint.ignore = ["quality"]\n',
        "[tool.'txtlint']\nignore = ['quality']\n",
    ],
)
def test_every_toml_spelling_of_the_table_is_read(tree: Path, text: str):
    write(tree / "pyproject.toml", text)
    assert found("a.txt") == [("a.txt", CALQUE, 2, 12)]


def test_a_toml_file_given_with_config_is_read_as_toml(tree: Path):
    path = write(tree / "settings" / "txtlint.toml", 'ignore = ["quality"]\n')
    assert found("--config", str(path), "a.txt") == [("a.txt", CALQUE, 2, 12)]


@pytest.mark.parametrize(
    ("glob", "relative", "expected"),
    [
        ("./sub", "sub/b.txt", True),
        ("sub/", "sub/b.txt", True),
        ("b.txt/", "sub/b.txt", False),  # a trailing / means a folder
        ("[ab].txt", "a.txt", True),
        ("[!ab].txt", "a.txt", False),
        ("deep", "sub/deep/c.txt", True),
        ("sub/*.txt", "sub/deep/c.txt", False),
        ("sub/**/*.txt", "sub/deep/c.txt", True),
    ],
)
def test_globs(glob: str, relative: str, expected: bool):
    from lint.config import glob_matches

    assert glob_matches(glob, relative) is expected


def test_a_rule_module_named_twice_is_loaded_once(tree: Path):
    write(
        tree / "house.yaml",
        """\
        module: house
        description: House style.
        category: style
        rules:
          - id: car
            kind: pattern
            message: 'No "{match}".'
            pattern: '\\bcar\\b'
            examples:
              bad: [A car.]
        """,
    )
    write(tree / ".txtlint.yaml", "rules: [house.yaml]\nselect: [house]\n")
    assert found("--rules", "house.yaml", "a.txt") == [("a.txt", "house.car", 1, 9)]


def test_allow_terms_keep_their_commas(tree: Path):
    write(tree / "c.txt", "Say 整车, 价格 now.\n")
    write(tree / ".txtlint.yaml", "select: [untranslated]\nallow: ['整车, 价格']\n")
    # one term with a comma in it, not the two terms 整车 and 价格: both are reported
    assert [rule for _, rule, _, _ in found("c.txt")] == ["untranslated.cjk-text"] * 2
