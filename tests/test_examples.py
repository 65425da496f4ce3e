"""The bundled examples produce exactly their expected JSON."""

from __future__ import annotations

import json

import pytest

from tests.helpers import ROOT, run_cli

EXAMPLES = sorted((ROOT / "examples").glob("*.expected.json"))


@pytest.mark.parametrize("expected_path", EXAMPLES, ids=lambda p: p.name)
def test_example_output_matches_expected(expected_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    source = expected_path.name.replace(".expected.json", "")
    matches = [p for p in (ROOT / "examples").iterdir() if p.stem == source and p != expected_path]
    assert len(matches) == 1, f"no single source file for {expected_path.name}"
    run = run_cli("--format", "json", f"examples/{matches[0].name}")
    actual = run.json
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    actual["tool"]["version"] = expected["tool"]["version"]
    assert actual == expected, (
        f"regenerate with: txtlint --format json examples/{matches[0].name} > "
        f"examples/{expected_path.name}"
    )
    failing = [f for f in expected["findings"] if f["severity"] in ("warning", "error")]
    assert run.code == (1 if failing else 0)


def test_there_are_examples_with_and_without_findings():
    counts = [len(json.loads(p.read_text())["findings"]) for p in EXAMPLES]
    assert 0 in counts
    assert any(count >= 5 for count in counts)


def test_examples_folder_exits_1_and_lists_the_calque(monkeypatch):
    monkeypatch.chdir(ROOT)
    run = run_cli("--no-color", "examples/")
    assert run.code == 1
    assert "examples/mt-from-chinese.txt:8:11: warning zh-en.calque.keji-such-as" in run.out
    assert run.out.rstrip().endswith(
        "(15 files checked, 44 fixable with --fix, 34 fixable with --unsafe-fixes)."
    )
