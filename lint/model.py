"""The small immutable values that flow through txtlint: rules, findings, fixes."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from lint.document import Document, Segment, TranslationUnit


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.upper()]


class Applicability(enum.StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace original text[start:end] (0-based code points) with `replacement`."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    applicability: Applicability
    edits: tuple[Edit, ...]


class Related(NamedTuple):
    """Another location a finding refers to (e.g. the occurrence it conflicts with)."""

    start: int
    end: int
    message: str
    path: str | None = None


class Hit(NamedTuple):
    """What a rule kind reports for one segment: a span relative to the segment text.
    The fix replaces `fix_span` (default: the hit's own span) with `replacement`."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    replacement: str | None = None
    related: tuple[Related, ...] = ()
    fix_span: tuple[int, int] | None = None


class Checker(Protocol):
    """What a rule kind builds from a rule's YAML: finds hits in one segment's text."""

    def check(self, text: str) -> Iterable[Hit]:
        """Hits in `text`, with spans relative to it, in any order."""
        ...


class DocumentChecker(Protocol):
    """What a document-level rule kind builds: it sees every segment of a document
    before deciding (the dominant variant of a text, say) and reports hits whose spans,
    and those of their `related`, are offsets in `document.text`."""

    def styles(self) -> tuple[str, ...]:
        """The variants or styles a user's settings may prefer."""
        ...

    def check_document(self, document: Document, prefer: str | None) -> Iterable[Hit]:
        """Hits in `document`; `prefer` is the variant the user's settings prefer."""
        ...


class UnitChecker(Protocol):
    """What a bilingual rule kind builds: hits in one translation unit, each relative
    to the segment (its source or a target) it is in, or an int offset in the file."""

    def check_unit(self, unit: TranslationUnit) -> Iterable[tuple[Segment | int, Hit]]: ...


class Finding(NamedTuple):
    path: str
    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)


class Example(NamedTuple):
    text: str
    line: int
    fixed: str | None = None
    match: str | None = None


class Rule(NamedTuple):
    """One compiled rule: the shared envelope plus the kind's checker."""

    id: str
    module: str
    language: str  # of the text the rule checks, from its module
    kind: str
    severity: Severity
    category: str
    message: str
    description: str
    link: str | None
    applicability: Applicability
    checker: Checker | DocumentChecker | UnitChecker | None  # None: the reader reports it
    # Antipatterns as one expression with its flags inline; compiled (and then cached by
    # `regex`) only when the rule has hits, since most texts never need it.
    unless: str | None = None
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    source_path: str = ""
    line: int = 0

    @property
    def short_description(self) -> str:
        """The first sentence of the description (or the message), on one line."""
        text = " ".join((self.description or self.message).split())
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]


class Problem(NamedTuple):
    """Something about one input that the user must hear of: an error (it was not, or
    not fully, checked) or a notice (it was skipped on purpose)."""

    path: str
    message: str
    rule: str | None = None  # the rule that was stopped on this input, if that is the problem


class Settings(NamedTuple):
    """What the user chose beyond which rules run."""

    allow: frozenset[str] = frozenset()  # terms never reported
    cjk_share: float = 0.5  # past this share of CJK characters a text is not English
    prefer: Mapping[str, str] = MappingProxyType({})  # rule id → preferred variant
    language: str = "auto"  # of the texts: auto (detected), en, zh, ja or ko


DEFAULT_SETTINGS = Settings()


class Report(NamedTuple):
    findings: tuple[Finding, ...]
    errors: tuple[Problem, ...]
    notices: tuple[Problem, ...]
    files_checked: int
    texts: Mapping[str, str]  # decoded text of each file with findings, by reported path
