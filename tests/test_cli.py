"""The command line: formats, selection, exit codes, standard input, errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import ROOT, brief, run_cli

ARTIFACT = "He gave such science and technology as a gift.\n"
SCHEMA = json.loads((ROOT / "lint" / "report" / "findings.schema.json").read_text())


@pytest.fixture
def artifact(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTIFACT, encoding="utf-8")
    return path


def test_text_format_shows_header_snippet_caret_and_summary(artifact):
    run = run_cli("--no-color", str(artifact))
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0].startswith(f'{artifact}:1:9: warning zh-en.calque.keji-such-as "such science')
    assert lines[1:5] == [
        "  |",
        "1 | He gave such science and technology as a gift.",
        "  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "  = suggestion: such a product",
    ]
    assert lines[-1] == "1 finding in 1 file (1 file checked, 1 fixable with --unsafe-fixes)."
    assert "\x1b[" not in run.out


def test_caret_accounts_for_wide_characters(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("整车价格: the three highs\n", encoding="utf-8")
    lines = run_cli("--no-color", "--select", "zh-en.calque", str(path)).out.splitlines()
    assert lines[2] == "1 | 整车价格: the three highs"
    assert lines[3] == "  | " + " " * (4 * 2 + len(": the ")) + "^" * len("three highs")


def test_concise_format_is_one_line_per_finding(artifact):
    run = run_cli("--format", "concise", str(artifact))
    assert run.out.splitlines() == [
        f'{artifact}:1:9: warning zh-en.calque.keji-such-as "such science and technology" '
        'renders the netspeak 科技 ("product, additive", as in 科技与狠活) by its dictionary '
        'sense; write "such a product".'
    ]


def test_json_format_matches_the_contract_and_validates(artifact):
    run = run_cli("--format", "json", str(artifact))
    document = run.json
    jsonschema.validate(document, SCHEMA)
    assert document["version"] == 1
    assert document["errors"] == []
    (finding,) = document["findings"]
    assert brief(finding) == (
        "zh-en.calque.keji-such-as",
        1,
        9,
        1,
        36,
        "such science and technology",
    )
    assert (finding["start"], finding["end"]) == (8, 35)
    assert finding["suggestions"] == ["such a product"]
    assert finding["fix"] == {
        "applicability": "unsafe",
        "edits": [{"start": 8, "end": 35, "replacement": "such a product"}],
    }


def test_json_of_a_mixed_run_validates_and_keeps_errors_out_of_stdout(tmp_path, artifact):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 three highs\n")
    run = run_cli("--format", "json", str(artifact), str(tmp_path / "bad.txt"), "missing.txt")
    jsonschema.validate(run.json, SCHEMA)
    assert run.code == 2
    assert run.json["errors"] == [{"path": "missing.txt", "message": "no such file or directory"}]
    assert run.err == "txtlint: error: missing.txt: no such file or directory\n"
    assert [brief(f)[:3] for f in run.json["findings"]] == [
        ("zh-en.calque.keji-such-as", 1, 9),
        ("encoding.undecodable-bytes", 1, 4),
        ("zh-en.calque.literal-calques", 1, 6),
    ]


def test_select_and_ignore_take_ids_modules_and_comma_lists(artifact):
    ids = lambda run: [f["rule"] for f in run.json["findings"]]  # noqa: E731
    text = "The the three highs."
    assert ids(run_cli("--format", "json", "-", stdin=text)) == [
        "quality.repeated-word",
        "zh-en.calque.literal-calques",
    ]
    assert ids(run_cli("--format", "json", "--select", "quality", "-", stdin=text)) == [
        "quality.repeated-word"
    ]
    assert ids(
        run_cli(
            "--format", "json", "--ignore", "quality,zh-en.calque.keji-such-as", "-", stdin=text
        )
    ) == ["zh-en.calque.literal-calques"]


def test_unknown_selector_is_a_usage_error():
    run = run_cli("--select", "nope", "-", stdin="x")
    assert run.code == 2
    assert run.err == "txtlint: error: no rule or module named 'nope'\n"


def test_fail_on_and_exit_zero(artifact):
    assert run_cli(str(artifact)).code == 1
    assert run_cli("--fail-on", "error", str(artifact)).code == 0
    assert run_cli("--exit-zero", str(artifact)).code == 0
    assert run_cli("--fail-on", "info", "-", stdin="clean text").code == 0


def test_stdin_with_filename(tmp_path):
    run = run_cli("--format", "concise", "--stdin-filename", "docs/x.md", "-", stdin=ARTIFACT)
    assert run.out.startswith("docs/x.md:1:9: warning zh-en.calque.keji-such-as")
    assert run.code == 1


def test_user_rules_are_added_and_their_examples_checked(tmp_path):
    module = tmp_path / "house.yaml"
    module.write_text(
        "module: house\ndescription: d\ncategory: style\nrules:\n"
        "  - id: colour\n    kind: lexicon\n    message: 'write {suggestion}'\n"
        "    entries: [{wrong: colour, right: color}]\n"
        "    examples:\n      bad: [my colour]\n      good: [my color]\n",
        encoding="utf-8",
    )
    run = run_cli("--format", "concise", "--rules", str(module), "-", stdin="A colour.")
    assert run.out == "-:1:3: warning house.colour write color\n"
    module.write_text(module.read_text().replace("good: [my color]", "good: [my colour]"))
    run = run_cli("--rules", str(module), "-", stdin="A colour.")
    assert run.code == 2
    assert run.err == (
        f"txtlint: error: {module}:11: rule 'house.colour': good example has a finding "
        "at 3: 'colour'\n"
    )


def test_invalid_rule_module_exits_2_with_one_line(tmp_path):
    module = tmp_path / "broken.yaml"
    module.write_text(
        "module: x\ndescription: d\ncategory: c\nrules:\n  - id: a\n    kind: pattern\n"
    )
    run = run_cli("--rules", str(module), "-", stdin="x")
    assert run.code == 2
    assert run.err == f"txtlint: error: {module}:5: rule 'x.a': rule: missing key 'message'\n"
    assert run.out == ""


def test_rules_lists_every_rule():
    run = run_cli("rules")
    assert run.code == 0
    rows = run.out.splitlines()
    keji = next(row for row in rows if row.startswith("zh-en.calque.keji-such-as "))
    assert keji.split()[1:3] == ["warning", "mistranslation"]
    assert any(row.startswith("encoding.undecodable-bytes ") for row in rows)


def test_explain_prints_description_and_examples():
    run = run_cli("explain", "zh-en.calque.keji-such-as")
    assert run.code == 0
    assert "Chinese netspeak uses 科技" in run.out
    assert "'He gave such science and technology as a gift.'" in run.out
    assert "fixed: 'He gave such a product as a gift.'" in run.out
    unknown = run_cli("explain", "keji")
    assert unknown.code == 2
    assert "did you mean zh-en.calque.keji-such-as" in unknown.err


def test_test_rules_counts_an_example_with_two_problems_once(tmp_path):
    module = tmp_path / "m.yaml"
    module.write_text(
        "module: m\ndescription: d\ncategory: c\nrules:\n"
        "  - id: a\n    kind: pattern\n    message: x\n    pattern: foo\n    fix: bar\n"
        "    examples:\n      bad:\n        - {text: a foo, match: fo, fix: a baz}\n",
        encoding="utf-8",
    )
    run = run_cli("test-rules", str(module))
    assert run.out.splitlines() == [
        f"{module}:12: rule 'm.a': matched 'foo', expected 'fo'; fix gives 'a bar', "
        "expected 'a baz'",
        "1 modules, 1 rules, 1 examples: 0 passed, 1 failed",
    ]


def test_test_rules_reports_failing_examples_with_file_and_line(tmp_path):
    module = tmp_path / "m.yaml"
    module.write_text(
        "module: m\ndescription: d\ncategory: c\nrules:\n"
        "  - id: a\n    kind: pattern\n    message: x\n    pattern: foo\n"
        "    examples:\n      bad: [bar]\n",
        encoding="utf-8",
    )
    run = run_cli("test-rules", str(module))
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{module}:10: rule 'm.a': bad example not found: 'bar'",
        "1 modules, 1 rules, 1 examples: 0 passed, 1 failed",
    ]


def test_color_on_a_terminal_unless_turned_off(artifact, monkeypatch):
    monkeypatch.setattr("lint.cli._is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    colored = run_cli(str(artifact)).out
    assert "\x1b[33mwarning\x1b[0m" in colored
    assert "\x1b[33m" + "^" * 27 + "\x1b[0m" in colored
    assert "\x1b[" not in run_cli("--no-color", str(artifact)).out
    assert "\x1b[" not in run_cli("--format", "concise", str(artifact)).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli(str(artifact)).out
    monkeypatch.setenv("NO_COLOR", "")  # an empty NO_COLOR does not count (no-color.org)
    assert "\x1b[" in run_cli(str(artifact)).out


def test_no_color_when_not_a_terminal(artifact, monkeypatch):
    monkeypatch.setattr("lint.cli._is_terminal", lambda: False)
    assert "\x1b[" not in run_cli(str(artifact)).out


def test_control_characters_from_the_file_are_shown_by_code(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("\x1b[31mred\u200b the three highs", encoding="utf-8")
    lines = run_cli("--no-color", "--select", "zh-en", str(path)).out.splitlines()
    assert lines[2] == "1 | <U+001B>[31mred<U+200B> the three highs"
    assert lines[3] == "  | " + " " * len("<U+001B>[31mred<U+200B> the ") + "^" * 11


def test_info_and_error_findings_against_fail_on(tmp_path):
    module = tmp_path / "m.yaml"
    module.write_text(
        "module: m\ndescription: d\ncategory: style\nrules:\n"
        "  - id: note\n    kind: pattern\n    severity: info\n    message: note\n"
        "    pattern: '\\bplease\\b'\n    examples:\n      bad: [please]\n",
        encoding="utf-8",
    )
    info = ["--rules", str(module), "--select", "m", "-"]
    assert run_cli(*info, stdin="please").code == 0
    assert run_cli("--fail-on", "info", *info, stdin="please").code == 1
    error = ["--select", "quality.mt-tokens", "-"]
    assert run_cli("--fail-on", "error", *error, stdin="a <unk> b").code == 1
    assert run_cli("--fail-on", "error", *error, stdin="a b").code == 0


def test_module_named_like_a_builtin_is_refused(tmp_path):
    module = tmp_path / "q.yaml"
    module.write_text(
        "module: quality\ndescription: d\ncategory: c\nrules:\n"
        "  - id: x\n    kind: pattern\n    message: m\n    pattern: foo\n"
        "    examples:\n      bad: [foo]\n",
        encoding="utf-8",
    )
    run = run_cli("--format", "json", "--rules", str(module), "-", stdin="x")
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith(f"txtlint: error: {module}: module 'quality' is already defined in ")


def test_stdin_filename_that_is_also_checked_is_an_error(artifact):
    run = run_cli("--format", "concise", "--stdin-filename", str(artifact), str(artifact), "-",
                  stdin="three highs")  # fmt: skip
    assert run.code == 2
    assert run.err == (
        f"txtlint: error: {artifact}: --stdin-filename names a file that is also checked\n"
    )
    assert run.out.startswith(f"{artifact}:1:9:")


def test_binary_stdin_is_skipped():
    run = run_cli("-", stdin=b"\x00\x01three highs")
    assert run.code == 0
    assert run.err == "txtlint: -: skipped: binary file\n"


def test_rules_row_is_the_first_sentence_of_the_description():
    rows = run_cli("rules").out.splitlines()
    row = next(r for r in rows if r.startswith("encoding.undecodable-bytes "))
    assert row.endswith("per run and reported here, at their place.")


def test_explain_lists_lexicon_entries_with_sources():
    out = run_cli("explain", "zh-en.calque.literal-calques").out
    assert "  black technology → cutting-edge technology  (黑科技; https://" in out


def test_version():
    run = run_cli("--version")
    assert run.code == 0
    assert run.out.startswith("txtlint, version ")


def test_findings_sorted_by_path_then_position(tmp_path):
    (tmp_path / "b.txt").write_text("three highs", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x three highs and three highs", encoding="utf-8")
    run = run_cli("--format", "json", str(tmp_path))
    assert [(Path(f["path"]).name, f["start"]) for f in run.json["findings"]] == [
        ("a.txt", 2),
        ("a.txt", 18),
        ("b.txt", 0),
    ]
