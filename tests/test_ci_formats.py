"""The formats for CI and other programs: sarif, github, rdjson, jsonl; and --statistics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import lint
from lint.api import builtin_rules
from lint.report import FORMAT_NAMES, Options, reporter
from lint.report.sarif import readable_name
from tests.helpers import ROOT, run_cli

DATA = Path(__file__).resolve().parent / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FINDINGS_SCHEMA = json.loads(
    (ROOT / "lint" / "report" / "findings.schema.json").read_text(encoding="utf-8")
)

# An emoji (two UTF-16 units, four UTF-8 bytes) and Chinese (one unit, three bytes) before
# the findings; a figure whose finding names the first use of the text's style (related);
# safe fixes.
CRAFTED = "😀 设置 and the the car costs 1,120 yuan.\nIt weighs 1000 kg.\n"


@pytest.fixture
def crafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(CRAFTED, encoding="utf-8")
    return tmp_path


def sarif_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


def test_the_schema_is_the_oasis_one():
    assert SARIF_SCHEMA["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    assert SARIF_SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_sarif_of_the_examples_is_valid_and_names_every_rule_it_uses():
    run = run_cli("--format", "sarif", str(ROOT / "examples"))
    assert run.code == 1
    document = run.json
    assert sarif_errors(document) == []
    (sarif_run,) = document["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    used = list(dict.fromkeys(result["ruleId"] for result in sarif_run["results"]))
    assert [rule["id"] for rule in rules] == used
    assert all(
        rules[result["ruleIndex"]]["id"] == result["ruleId"] for result in sarif_run["results"]
    )
    expected = sum(
        len(json.loads(path.read_text(encoding="utf-8"))["findings"])
        for path in (ROOT / "examples").glob("*.expected.json")
    )
    assert len(sarif_run["results"]) == expected
    assert sarif_run["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}
    ]


def test_sarif_result_with_related_location_fix_and_utf16_columns(crafted: Path):
    run = run_cli("--format", "sarif", "r.txt", "missing.txt")
    assert run.code == 2
    document = run.json
    assert sarif_errors(document) == []
    (sarif_run,) = document["runs"]
    assert sarif_run["columnKind"] == "utf16CodeUnits"
    assert [r["ruleId"] for r in sarif_run["results"]] == [
        "untranslated.cjk-text",
        "quality.repeated-word",
        "units.thousands-separator",
    ]
    repeated = sarif_run["results"][1]
    source = {"uri": "r.txt", "uriBaseId": "%SRCROOT%"}
    assert repeated == {
        "ruleId": "quality.repeated-word",
        "ruleIndex": 1,
        "level": "warning",
        "message": {"text": '"the" is repeated.'},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": source,
                    "region": {
                        "startLine": 1,
                        "startColumn": 11,  # the emoji counts two
                        "endLine": 1,
                        "endColumn": 18,
                        "snippet": {"text": "the the"},
                    },
                }
            }
        ],
        "fixes": [
            {
                "description": {"text": "Safe fix (txtlint --fix)."},
                "artifactChanges": [
                    {
                        "artifactLocation": source,
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": 1,
                                    "startColumn": 11,
                                    "endLine": 1,
                                    "endColumn": 18,
                                },
                                "insertedContent": {"text": "the"},
                            }
                        ],
                    }
                ],
                "properties": {"applicability": "safe"},
            }
        ],
        "properties": {"suggestions": ["the"]},
    }
    assert sarif_run["results"][2]["message"] == {
        "text": '"1000" is written without a separator; this text writes its other 4-digit '
        'figures with commas ("1,120" on line 1). ["1,120" first used here](1)'
    }
    assert sarif_run["results"][2]["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": source,
                "region": {"startLine": 1, "startColumn": 29, "endLine": 1, "endColumn": 34},
            },
            "message": {"text": '"1,120" first used here'},
        }
    ]
    assert sarif_run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "no such file or directory"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "missing.txt",
                                    "uriBaseId": "%SRCROOT%",
                                }
                            }
                        }
                    ],
                }
            ],
        }
    ]
    repeated_rule = sarif_run["tool"]["driver"]["rules"][1]
    assert repeated_rule["id"] == "quality.repeated-word"
    assert repeated_rule["name"] == "RepeatedWord"
    assert repeated_rule["shortDescription"] == {
        "text": (
            "The same word twice in a row, a common slip and a common machine-translation artifact."
        )
    }
    assert repeated_rule["defaultConfiguration"] == {"level": "warning"}
    assert repeated_rule["properties"] == {
        "category": "fluency",
        "module": "quality",
        "tags": ["fluency"],
    }
    assert sarif_run["tool"]["driver"]["name"] == "txtlint"
    assert sarif_run["tool"]["driver"]["version"] == lint.__version__


def test_sarif_of_nothing_is_valid(tmp_path: Path):
    (tmp_path / "clean.txt").write_text("Nothing to see.\n", encoding="utf-8")
    document = run_cli("--format", "sarif", str(tmp_path)).json
    assert sarif_errors(document) == []
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_paths_become_uris(tmp_path: Path):
    path = tmp_path / "a b%.txt"
    path.write_text("the the\n", encoding="utf-8")
    document = run_cli("--format", "sarif", str(path)).json
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": path.as_uri()}
    assert path.as_uri().endswith("/a%20b%25.txt")


def test_sarif_relative_paths_keep_their_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    names = {"a b%#.txt": "a%20b%25%23.txt", "文件.txt": "%E6%96%87%E4%BB%B6.txt"}
    names["bad\udcff.txt"] = "bad%FF.txt"  # a name that is not UTF-8, as Python reads it
    names["back\\slash.txt"] = "back%5Cslash.txt"  # part of the name outside Windows
    for name in names:
        (tmp_path / name).write_text("the the\n", encoding="utf-8")
    run = run_cli("--format", "sarif", ".")
    assert run.code == 1
    document = json.loads(run.out)
    assert sarif_errors(document) == []
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]
        for result in document["runs"][0]["results"]
    ]
    expected = [{"uri": uri, "uriBaseId": "%SRCROOT%"} for uri in sorted(names.values())]
    assert sorted(uris, key=lambda location: location["uri"]) == expected


def test_rdjson_counts_the_files_own_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A byte-order mark and undecodable bytes are in the file reviewdog reads: columns
    count them as they are there, not as the text shows them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfthe the car.\n")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\xe9 the the\nok the the\n")
    document = json.loads(run_cli("--format", "rdjson", "bad.txt", "bom.txt").out)

    def place(diagnostic: dict[str, Any]) -> tuple:
        where = diagnostic["location"]
        start, end = where["range"]["start"], where["range"]["end"]
        return (where["path"], start["line"], start["column"], end["line"], end["column"])

    assert [place(d) for d in document["diagnostics"]] == [
        ("bad.txt", 1, 4, 1, 6),  # the two undecodable bytes
        ("bad.txt", 1, 7, 1, 14),  # "the the" after them
        ("bad.txt", 2, 4, 2, 11),  # the next line starts afresh
        ("bom.txt", 1, 4, 1, 11),  # after the 3 bytes of the mark
    ]
    data = (tmp_path / "bad.txt").read_bytes().split(b"\n")[0]
    assert data[7 - 1 : 14 - 1] == b"the the"
    suggestion = document["diagnostics"][1]["suggestions"][0]
    assert suggestion == {
        "range": {"start": {"line": 1, "column": 7}, "end": {"line": 1, "column": 14}},
        "text": "the",
    }


def test_sarif_messages_escape_brackets_that_are_not_links():
    from lint.model import Finding, Related, Severity
    from lint.report import Totals, sarif

    finding = Finding(
        "a.txt", "r", "c", Severity.WARNING, r"Write [x] not \[y].", 0, 1, "a",
        related=(Related(2, 3, "the [first] one"),),
    )  # fmt: skip
    out = sarif.file("a.txt", "abc\n", [finding], Options(), Totals())
    message = json.loads(out.strip().lstrip(","))["message"]["text"]
    assert message == r"Write \[x\] not \\\[y\]. [the \[first\] one](1)"


def test_rdjson_of_a_utf16_file_counts_the_texts_utf8_bytes(tmp_path: Path):
    """reviewdog reads files as UTF-8: for a UTF-16 file no column is the file's own, so
    the text's UTF-8 bytes are given, with no allowance for its byte order mark."""
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffcafé the the\n".encode("utf-16-le"))
    document = json.loads(run_cli("--format", "rdjson", str(path)).out)
    (diagnostic,) = document["diagnostics"]
    assert diagnostic["location"]["range"] == {
        "start": {"line": 1, "column": 7},
        "end": {"line": 1, "column": 14},
    }


def test_readable_rule_names():
    rule = next(r for r in builtin_rules() if r.id == "zh-en.calque.literal-calques")
    assert readable_name(rule, rule.id) == "LiteralCalques"
    assert readable_name(None, "custom_rules.no-foo") == "CustomRulesNoFoo"


def test_github_lines(crafted: Path):
    run = run_cli("--format", "github", "r.txt", "missing.txt")
    assert run.out.splitlines() == [
        "::warning file=r.txt,line=1,col=3,endLine=1,endColumn=5,"
        "title=txtlint (untranslated.cjk-text)::"
        'Chinese text left untranslated: "设置" (设置 = to set up).',
        "::warning file=r.txt,line=1,col=10,endLine=1,endColumn=17,"
        'title=txtlint (quality.repeated-word)::"the" is repeated.',
        "::warning file=r.txt,line=2,col=11,endLine=2,endColumn=15,"
        'title=txtlint (units.thousands-separator)::"1000" is written without a separator; '
        'this text writes its other 4-digit figures with commas ("1,120" on line 1).',
        "::error file=missing.txt,title=txtlint::no such file or directory",
    ]
    assert run.code == 2


def test_github_escapes_as_the_actions_toolkit_does(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    module = tmp_path / "odd.yaml"
    module.write_text(
        """module: odd
description: A module with an awkward message.
language: en
category: style
rules:
  - id: percent
    kind: pattern
    severity: info
    message: '50% off: "{match}", see'
    pattern: 'sale\\s+and'
    examples:
      bad: ['A sale and more.']
      good: ['A bargain.']
""",
        encoding="utf-8",
    )
    (tmp_path / "a,b:100%\n.txt").write_text("A sale\nand the the end.\n", encoding="utf-8")
    run = run_cli("--format", "github", "--rules", str(module), "--select", "odd", ".")
    assert run.out == (
        "::notice file=a%2Cb%3A100%25%0A.txt,line=1,endLine=2,"
        'title=txtlint (odd.percent)::50%25 off: "sale and", see\n'
    )


def test_github_escaping_of_carriage_returns():
    from lint.report.github import command

    assert command("error", [("file", "a\r\n:,%.txt")], "x\r\ny:,%") == (
        "::error file=a%0D%0A%3A%2C%25.txt::x%0D%0Ay:,%25\n"
    )


def test_github_gives_no_columns_to_a_finding_over_lines():
    from lint.model import Finding, Severity
    from lint.report import github

    finding = Finding("a.md", "x.y", "style", Severity.ERROR, "m", 2, 9, "b\ncd\nef")
    out = github.file("a.md", "a b\ncd\nefg\n", [finding], Options(), lint.report.Totals())
    assert out == "::error file=a.md,line=1,endLine=3,title=txtlint (x.y)::m\n"


def test_rdjson_of_one_file(crafted: Path):
    run = run_cli("--format", "rdjson", "r.txt")
    assert run.code == 1
    assert run.out == json.dumps(run.json, ensure_ascii=False, indent=2) + "\n"

    def span(line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
        return {
            "start": {"line": line, "column": column},
            "end": {"line": end_line, "column": end_column},
        }

    assert run.json == {
        "source": {"name": "txtlint"},
        "diagnostics": [
            {
                "message": 'Chinese text left untranslated: "设置" (设置 = to set up).',
                "location": {"path": "r.txt", "range": span(1, 6, 1, 12)},
                "severity": "WARNING",
                "code": {"value": "untranslated.cjk-text"},
            },
            {
                "message": '"the" is repeated.',
                "location": {"path": "r.txt", "range": span(1, 17, 1, 24)},
                "severity": "WARNING",
                "code": {"value": "quality.repeated-word"},
                "suggestions": [{"range": span(1, 17, 1, 24), "text": "the"}],
            },
            {
                "message": (
                    '"1000" is written without a separator; this text writes its other '
                    '4-digit figures with commas ("1,120" on line 1).'
                ),
                "location": {"path": "r.txt", "range": span(2, 11, 2, 15)},
                "severity": "WARNING",
                "code": {"value": "units.thousands-separator"},
                "suggestions": [{"range": span(2, 11, 2, 15), "text": "1,000"}],
                "related_locations": [
                    {
                        "message": '"1,120" first used here',
                        "location": {"path": "r.txt", "range": span(1, 35, 1, 40)},
                    }
                ],
            },
        ],
    }


def test_rdjson_code_links_to_the_rule():
    linked = next(rule for rule in builtin_rules() if rule.link)
    from lint.model import Finding
    from lint.report import rdjson

    finding = Finding("a.txt", linked.id, "c", linked.severity, "m", 0, 1, "a")
    options = Options(rules={linked.id: linked})
    out = rdjson.file("a.txt", "a\n", [finding], options, lint.report.Totals())
    assert json.loads(out.lstrip())["code"] == {"value": linked.id, "url": linked.link}


def test_jsonl_lines_are_json_v1_findings(crafted: Path):
    run = run_cli("--format", "jsonl", "r.txt", "missing.txt", str(ROOT / "examples"))
    assert run.code == 2
    assert "missing.txt" not in run.out
    finding_schema = {"$ref": "#/$defs/finding", "$defs": FINDINGS_SCHEMA["$defs"]}
    validator = jsonschema.Draft202012Validator(finding_schema)
    lines = run.out.split("\n")
    assert lines[-1] == ""
    objects = [json.loads(line) for line in lines[:-1]]
    for obj in objects:
        assert list(validator.iter_errors(obj)) == []
    collected = run_cli("--format", "json", "r.txt", str(ROOT / "examples")).json["findings"]
    assert objects == collected


def test_jsonl_keeps_each_finding_on_one_line_for_splitlines(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("The the\u2028line.\n", encoding="utf-8")
    out = run_cli("--format", "jsonl", "--select", "quality", str(path)).out
    assert "\u2028" not in out
    assert [json.loads(line)["rule"] for line in out.splitlines()] == ["quality.repeated-word"]


@pytest.mark.parametrize("output", ["jsonl", "sarif", "github", "rdjson"])
def test_streamed_output_is_the_collected_report(crafted: Path, output: str):
    paths = ["r.txt", str(ROOT / "examples"), "missing.txt"]
    streamed = run_cli("--format", output, *paths)
    rules = {rule.id: rule for rule in builtin_rules()}
    options = Options(version=lint.__version__, rules=rules)
    assert streamed.out == reporter(output).render(lint.check_paths(paths), options)


def test_help_lists_every_format():
    out = run_cli("check", "--help").out
    assert "[text|concise|json|jsonl|sarif|github|rdjson]" in " ".join(out.split())
    assert FORMAT_NAMES == ("text", "concise", "json", "jsonl", "sarif", "github", "rdjson")


def test_statistics_text(crafted: Path):
    (crafted / "s.txt").write_text("The the end and the the start. 30万元\n", encoding="utf-8")
    run = run_cli("--statistics", "r.txt", "s.txt")
    assert run.code == 1
    assert run.out.splitlines() == [
        "3  quality.repeated-word      [*] The same word twice in a row, a common slip and a "
        "common machine-translation artifact.",
        "1  units.chinese-magnitude    [*] Chinese counts large numbers by 万 (ten thousand) "
        "and 亿 (hundred million).",
        "1  units.thousands-separator  [*] A text should group the thousands of its figures "
        "one way: `1000 km` beside `1,000 yuan`, or `1 000` beside `1,000`, is a sign of "
        "figures copied from different sources.",
        "1  untranslated.cjk-text      [ ] A run of Chinese, Japanese or Korean letters inside "
        "English text: a word the translation left behind (`the整车 (whole vehicle) price`).",
    ]


def test_statistics_json(crafted: Path):
    (crafted / "u.txt").write_text("Beware the three highs.\n", encoding="utf-8")
    run = run_cli("--statistics", "--format", "json", "--exit-zero", "r.txt", "u.txt")
    assert run.code == 0
    assert run.json == [
        {"rule": "quality.repeated-word", "count": 1, "fixable": 1, "unsafe_fixable": 0},
        {"rule": "units.thousands-separator", "count": 1, "fixable": 1, "unsafe_fixable": 0},
        {"rule": "untranslated.cjk-text", "count": 1, "fixable": 0, "unsafe_fixable": 0},
        {
            "rule": "zh-en.calque.literal-calques",
            "count": 1,
            "fixable": 0,
            "unsafe_fixable": 1,
        },
    ]


def test_statistics_marks_rules_fixed_only_unsafely(crafted: Path):
    (crafted / "u.txt").write_text("Beware the three highs.\n", encoding="utf-8")
    out = run_cli("--statistics", "--format", "concise", "u.txt").out
    assert out == (
        "1  zh-en.calque.literal-calques  [-] Abbreviations, slang, slogans and sign texts "
        "from Chinese rendered word by word.\n"
    )


def test_statistics_of_nothing(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Nothing to see.\n", encoding="utf-8")
    assert run_cli("--statistics", str(tmp_path)).out == ""
    assert run_cli("--statistics", "--format", "json", str(tmp_path)).out == "[]\n"


@pytest.mark.parametrize("output", ["jsonl", "sarif", "github", "rdjson"])
def test_statistics_with_another_format_is_a_usage_error(crafted: Path, output: str):
    run = run_cli("--statistics", "--format", output, "r.txt")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("txtlint: error: --statistics works with --format text, concise, json\n")
