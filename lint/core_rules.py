"""Rules that live in the reader rather than in a YAML module: they describe the bytes
of a file, which no rule kind sees."""

from __future__ import annotations

from lint.document import Document
from lint.model import Applicability, Finding, Rule, Severity

INVALID_UTF8 = Rule(
    id="encoding.invalid-utf8",
    module="encoding",
    kind="core",
    severity=Severity.ERROR,
    category="encoding",
    message="bytes {bytes} are not valid UTF-8; they were read as U+FFFD",
    description=(
        "The file is read as UTF-8 (or by its byte-order mark). Bytes that do not decode are\n"
        "shown as one U+FFFD replacement character per run, and reported here at their place.\n"
        "Usually the file was saved in a legacy encoding (GBK, Shift_JIS, Latin-1) or was cut\n"
        "in the middle of a character; re-save it as UTF-8."
    ),
    link=None,
    applicability=Applicability.UNSAFE,
    checker=None,
)

CORE_RULES: tuple[Rule, ...] = (INVALID_UTF8,)


def invalid_utf8_findings(document: Document, bad_bytes: tuple[tuple[int, bytes], ...]):
    for offset, raw in bad_bytes:
        shown = " ".join(f"0x{byte:02x}" for byte in raw[:8]) + (" …" if len(raw) > 8 else "")
        yield Finding(
            path=document.path,
            rule=INVALID_UTF8.id,
            category=INVALID_UTF8.category,
            severity=INVALID_UTF8.severity,
            message=INVALID_UTF8.message.format(bytes=shown),
            start=offset,
            end=offset + 1,
            text=document.text[offset : offset + 1],
        )
