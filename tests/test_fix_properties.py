"""Properties of fixing over generated texts full of translation artifacts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import lint
from lint import files
from lint.fixes import fix_round, fix_text
from lint.model import Applicability, Finding
from lint.writing import encode_back

RULES = lint.load_rules()


def lint_once(text: str) -> list[Finding]:
    return lint.check_text(text, "t.txt", rules=RULES)


CLEAN_WORDS = (
    "the", "The", "price", "is", "fine", "we", "ship", "cars", "today", "and", "of", "a",
    "It", "Paris", "email", "metre", "kg", "30", "five", "per", "cent", "yuan",
)  # fmt: skip
ARTIFACTS = (
    "The the", "is is is", "the整车 (whole vehicle) price", "整车", "【Up/Down】", "，", "。",
    "「quoted」", "it’s fine", "itâ€™s", "cafÃ©", "30 ten thousand", "1.2 hundred million",
    "30万元", "75 KWH", "5 Kg", "80kg", "30 kilometres", "kilometer", "1000 km", "1,000 km",
    "12 000 kg", "3,5 kg", "€1.000,50", "1.000 km", "10 kg and 22 lb", "500 km (500 miles)",
    "2 jin", "15 mu", "RMB 100 yuan", "¥300,000", "100 RMB", "30 yuan", "50%", "86 percent",
    "2023 year 5 month 20 day", "5月20日", "such science and technology as",
    "Beware the three highs.", "e-mail", "email", "Wi-Fi", "WiFi", "meter", "metre",
    "Рaris", "pаypal", "zero\u200bwidth", "mid\ufefftext", "soft\u00adhyphen", "\u202eRTL",
    "<unk>", "deliver@@ y",
)  # fmt: skip
SEPARATORS = (" ", " ", " ", "", "\n", "\r\n", ". ", ", ", "\n\n")

texts = st.lists(
    st.tuples(st.sampled_from(CLEAN_WORDS + ARTIFACTS), st.sampled_from(SEPARATORS)),
    max_size=10,
).map(lambda pieces: "".join(word + separator for word, separator in pieces))

PROPERTY = settings(max_examples=400, deadline=None, database=None)


@PROPERTY
@given(texts, st.booleans())
def test_fixing_is_idempotent(text: str, unsafe: bool) -> None:
    once = fix_text(text, lint_once, unsafe=unsafe)
    twice = fix_text(once.text, lint_once, unsafe=unsafe)
    assert twice.text == once.text
    assert (twice.applied, twice.rounds) == (0, 0)


@PROPERTY
@given(texts, st.booleans())
def test_a_round_changes_nothing_outside_the_edits_it_applied(text: str, unsafe: bool) -> None:
    findings = lint_once(text)
    fixed, edits = fix_round(text, findings, unsafe)
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    offered = {
        edit
        for finding in findings
        if finding.fix is not None and finding.fix.applicability in allowed
        for edit in finding.fix.edits
    }
    assert set(edits) <= offered
    # Walk the original and the fixed text side by side: every piece between edits is
    # where it should be, unchanged, and each edit's replacement sits between them.
    position = shift = 0
    for edit in edits:
        assert position <= edit.start <= edit.end <= len(text)
        untouched = text[position : edit.start]
        assert fixed[position + shift : edit.start + shift] == untouched
        replaced = edit.start + shift
        assert fixed[replaced : replaced + len(edit.replacement)] == edit.replacement
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    assert fixed[position + shift :] == text[position:]
    assert len(fixed) == len(text) + shift


@PROPERTY
@given(texts, st.booleans())
def test_remaining_findings_have_valid_positions(text: str, unsafe: bool) -> None:
    fixed = fix_text(text, lint_once, unsafe=unsafe)
    for checked, findings in ((text, lint_once(text)), (fixed.text, fixed.findings)):
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(checked)
            assert finding.text == checked[finding.start : finding.end]
            for edit in finding.fix.edits if finding.fix else ():
                assert 0 <= edit.start <= edit.end <= len(checked)


@PROPERTY
@given(st.binary(max_size=40), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_an_unchanged_text_encodes_back_to_its_bytes(data: bytes, bom: bytes) -> None:
    decoded = files.decode(bom + data)
    assert encode_back(decoded.text, decoded) == bom + data
