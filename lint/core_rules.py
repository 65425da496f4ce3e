"""Rules that live in the reader rather than in a YAML module: they describe the bytes
of a file, which no rule kind sees. Tested in tests/test_bad_input.py."""

from __future__ import annotations

from collections.abc import Iterator

from lint.document import Document
from lint.model import Applicability, Finding, Rule, Severity

UNDECODABLE = Rule(
    id="encoding.undecodable-bytes",
    module="encoding",
    kind="core",
    severity=Severity.ERROR,
    category="encoding",
    message="bytes {bytes} are not valid {encoding}; they were read as U+FFFD",
    description=(
        "Bytes that cannot be decoded are read as one U+FFFD replacement character per run "
        "and reported here, at their place. The file is read as UTF-8 unless a byte-order "
        "mark says UTF-16 or UTF-32. Usually the file was saved in a legacy encoding (GBK, "
        "Shift_JIS, Latin-1) or cut in the middle of a character; re-save it as UTF-8."
    ),
    link=None,
    applicability=Applicability.UNSAFE,
    checker=None,
)

CORE_RULES: tuple[Rule, ...] = (UNDECODABLE,)


def undecodable_findings(
    document: Document, encoding: str, bad_bytes: tuple[tuple[int, bytes], ...]
) -> Iterator[Finding]:
    name = encoding.upper().replace("-LE", "").replace("-BE", "")
    for offset, raw in bad_bytes:
        shown = " ".join(f"0x{byte:02x}" for byte in raw[:8]) + (" …" if len(raw) > 8 else "")
        yield Finding(
            path=document.path,
            rule=UNDECODABLE.id,
            category=UNDECODABLE.category,
            severity=UNDECODABLE.severity,
            message=UNDECODABLE.message.format(bytes=shown, encoding=name),
            start=offset,
            end=offset + 1,
            text=document.text[offset : offset + 1],
        )
