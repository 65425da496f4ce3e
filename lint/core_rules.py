"""Rules that live in the reader rather than in a YAML module: they describe the bytes
of a file, or the findings of the other rules, which no rule kind sees. Tested in
tests/test_bad_input.py and tests/test_suppression.py."""

from __future__ import annotations

from collections.abc import Iterator

from lint.document import Directive, Document
from lint.engine import to_finding
from lint.language import Dominant
from lint.model import Applicability, Finding, Hit, Rule, Severity


def _core_rule(
    module: str,
    name: str,
    severity: Severity,
    message: str,
    description: str,
    category: str = "",
    applicability: Applicability = Applicability.UNSAFE,
) -> Rule:
    return Rule(
        id=f"{module}.{name}",
        module=module,
        language="",
        kind="core",
        severity=severity,
        category=category or module,
        message=message,
        description=description,
        link=None,
        applicability=applicability,
        checker=None,
    )


UNDECODABLE = _core_rule(
    "encoding",
    "undecodable-bytes",
    Severity.ERROR,
    "bytes {bytes} are not valid {encoding}; they were read as U+FFFD",
    (
        "Bytes that cannot be decoded are read as one U+FFFD replacement character per run "
        "and reported here, at their place. The file is read as UTF-8 unless a byte-order "
        "mark says UTF-16 or UTF-32. Usually the file was saved in a legacy encoding (GBK, "
        "Shift_JIS, Latin-1) or cut in the middle of a character; re-save it as UTF-8."
    ),
)

NOT_CHECKED = _core_rule(
    "language",
    "not-checked",
    Severity.INFO,
    (
        "this text is mostly {language} ({percent}% of its characters); the rules for "
        "English text were not run on it"
    ),
    (
        "A text whose characters are mostly Chinese, Japanese or Korean is not English with "
        "leftovers but a text in that language: instead of a finding for every run, it gets "
        "this one finding, at its first CJK run, and the rules for English are not run. The "
        "share is counted over the characters that are not white space, outside inline code "
        "and URLs; the threshold is 0.5 and `--cjk-share` changes it."
    ),
)

UNUSED_SUPPRESSION = _core_rule(
    "txtlint",
    "unused-suppression",
    Severity.WARNING,
    '"{directive}" suppresses no finding; remove it.',
    (
        "A `txtlint-disable`, `txtlint-disable-next-line` or `txtlint-disable-file` comment "
        "that no finding fell under: the text it guarded was fixed, or the comment names "
        "the wrong rule or sits on the wrong line. Left in place it would hide a problem "
        "that comes back later, so it is reported at its line, with a safe fix that deletes "
        "the line. A comment that names a rule that was not run (not selected) is not "
        "reported, since nothing can be said about it; `txtlint-enable` comments never are."
    ),
    category="suppression",
    applicability=Applicability.SAFE,
)

CORE_RULES: tuple[Rule, ...] = (UNDECODABLE, NOT_CHECKED, UNUSED_SUPPRESSION)


def not_checked_finding(document: Document, dominant: Dominant) -> Finding:
    percent = round(dominant.share * 100)
    message = NOT_CHECKED.message.format(language=dominant.language, percent=percent)
    return to_finding(NOT_CHECKED, document, 0, Hit(dominant.start, dominant.end, message))


def undecodable_findings(
    document: Document, encoding: str, bad_bytes: tuple[tuple[int, bytes], ...]
) -> Iterator[Finding]:
    name = encoding.upper().replace("-LE", "").replace("-BE", "")
    for offset, raw in bad_bytes:
        shown = " ".join(f"0x{byte:02x}" for byte in raw[:8]) + (" …" if len(raw) > 8 else "")
        message = UNDECODABLE.message.format(bytes=shown, encoding=name)
        yield to_finding(UNDECODABLE, document, 0, Hit(offset, offset + 1, message))


def unused_suppression_finding(document: Document, directive: Directive) -> Finding:
    """The finding at the directive's text; its fix deletes the directive's whole line."""
    line = document.text[directive.start : directive.end]
    text_start = directive.start + len(line) - len(line.lstrip())
    text_end = directive.start + len(line.rstrip())
    rules = f" {','.join(directive.rules)}" if directive.rules else ""
    message = UNUSED_SUPPRESSION.message.format(directive=f"txtlint-{directive.kind}{rules}")
    start, end = directive.start, directive.end
    if end == len(document.text) and not line.endswith(("\n", "\r")) and start > 0:
        # the last line, with no line break: take the one before it, so the file still
        # ends as it did (without a final newline)
        start -= 2 if document.text[start - 2 : start] == "\r\n" else 1
    hit = Hit(text_start, text_end, message, replacement="", fix_span=(start, end))
    return to_finding(UNUSED_SUPPRESSION, document, 0, hit)
