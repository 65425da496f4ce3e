"""Output is written file by file as each is checked: the formats must add up to exactly
what one collected report gives, in order of path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lint
from lint.report import Options, reporter
from tests.helpers import run_cli

FILES = {
    "b.txt": "Beware the three highs.\n",
    "a.txt": "Nothing to see.\n",
    "c/d.txt": "The the car is red.\nIt costs 30万元.\n",
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("output", ["text", "concise", "json"])
def test_streamed_output_is_the_collected_report(tree: Path, output: str):
    paths = [str(tree / "c"), str(tree / "b.txt"), str(tree / "a.txt"), str(tree / "missing")]
    streamed = run_cli("--format", output, "--no-color", *paths)
    report = lint.check_paths(paths)
    collected = reporter(output).render(report, Options(version=lint.__version__))
    assert streamed.out == collected
    assert streamed.code == 2  # the missing path


def test_json_is_what_json_dumps_writes(tree: Path):
    for args in ([str(tree)], [str(tree / "a.txt")], [str(tree), str(tree / "missing")]):
        out = run_cli("--format", "json", *args).out
        assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


def test_files_are_checked_and_written_in_order_of_path(tree: Path):
    out = run_cli("--format", "concise", str(tree / "c"), str(tree / "b.txt")).out
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(tree / "b.txt"),
        str(tree / "c" / "d.txt"),
        str(tree / "c" / "d.txt"),
    ]


def test_check_files_yields_problems_first_then_each_file_with_its_own_text(tree: Path):
    results = list(lint.check_files([str(tree), str(tree / "missing")]))
    assert [(r.path, r.checked, bool(r.errors)) for r in results] == [
        (str(tree / "missing"), False, True),
        (str(tree / "a.txt"), True, False),
        (str(tree / "b.txt"), True, False),
        (str(tree / "c" / "d.txt"), True, False),
    ]
    assert [r.text for r in results[1:]] == [FILES["a.txt"], FILES["b.txt"], FILES["c/d.txt"]]
    assert [f.rule for f in results[3].findings] == [
        "quality.repeated-word",
        "units.chinese-magnitude",
    ]
