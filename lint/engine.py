"""Run rules over a Document's segments and turn their hits into Findings."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import regex

from lint.document import Document, Segment
from lint.model import (
    DEFAULT_SETTINGS,
    Applicability,
    Edit,
    Finding,
    Fix,
    Hit,
    Problem,
    Related,
    Rule,
    Settings,
)
from lint.regexes import time_limit


def _unless_spans(rule: Rule, text: str) -> list[tuple[int, int]]:
    pattern = regex.compile(rule.unless)
    return [m.span() for m in pattern.finditer(text, timeout=time_limit(text))]


def _segment_hits(rule: Rule, segment: Segment) -> Iterable[Hit]:
    hits = list(rule.checker.check(segment.text))
    if hits and rule.unless is not None:
        spans = _unless_spans(rule, segment.text)
        hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]
    return hits


def _document_hits(rule: Rule, document: Document, prefer: str | None) -> list[Hit]:
    """A document-level rule's hits (offsets in the document), `unless` applied within
    the segment each hit falls in."""
    hits = list(rule.checker.check_document(document, prefer))
    if not hits or rule.unless is None:
        return hits
    starts = [segment.start for segment in document.segments]
    spans: dict[int, list[tuple[int, int]]] = {}
    kept = []
    for hit in hits:
        index = bisect.bisect_right(starts, hit.start) - 1
        segment = document.segments[index]
        if index not in spans:
            found = _unless_spans(rule, segment.text)
            spans[index] = [(segment.at(s), segment.at(e)) for s, e in found]
        if not any(s <= hit.start and hit.end <= e for s, e in spans[index]):
            kept.append(hit)
    return kept


def to_finding(rule: Rule, document: Document, where: int | Segment, hit: Hit) -> Finding:
    """A Finding from a hit whose spans are relative to `where`: a segment (mapped back
    to the original text) or an offset (0 for hits already in document offsets). A
    fix's text is escaped as the document's format needs (a PO string, HTML)."""
    segment = where if isinstance(where, Segment) else Segment(where, "")
    escape = document.escape  # a fix is written the way the format writes text

    def span(local_start: int, local_end: int) -> tuple[int, int]:
        """Where a span of the segment is in the original: from its first character to
        the end of its last, not over markup that follows (an inline tag)."""
        start = segment.at(local_start)
        if local_end <= local_start:
            return start, start
        return start, max(start, segment.end_at(local_end))

    start, end = span(hit.start, hit.end)
    fix = None
    fix_start, fix_end = hit.fix_span or (hit.start, hit.end)
    # a fix over markup between characters (an inline tag) would delete it: none then
    if hit.replacement is not None and segment.unbroken(fix_start, fix_end):
        applicability = rule.applicability
        if len(hit.suggestions) > 1:
            applicability = Applicability.UNSAFE
        replacement = escape(hit.replacement) if escape is not None else hit.replacement
        fix = Fix(applicability, (Edit(*span(fix_start, fix_end), replacement),))
    related = tuple(Related(*span(r.start, r.end), r.message, r.path) for r in hit.related)
    return Finding(
        path=document.path,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=" ".join(hit.message.split()),
        start=start,
        end=end,
        text=document.text[start:end],
        suggestions=hit.suggestions,
        fix=fix,
        related=related,
    )


def _is_document_level(rule: Rule) -> bool:
    return hasattr(rule.checker, "check_document")


def _is_segment_level(rule: Rule) -> bool:
    return hasattr(rule.checker, "check")


def lint_document(
    document: Document, rules: Sequence[Rule], settings: Settings = DEFAULT_SETTINGS
) -> tuple[list[Finding], list[Problem]]:
    """All findings of `rules` in `document`, sorted by position, except those whose text
    is an allowed term; rules that time out are reported as errors, the others run.

    Segment by segment, every rule on one segment before the next: what a kind derives
    from a segment's text (folded case, the quantities in it) is then computed once."""
    findings: list[Finding] = []
    stopped: dict[str, Problem] = {}  # by rule id: why the rule was stopped on this file
    segment_rules = [rule for rule in rules if _is_segment_level(rule)]
    for segment in document.segments:
        for rule in segment_rules:
            if rule.id in stopped:
                continue
            try:
                hits = _segment_hits(rule, segment)
            except Exception as error:  # one rule must not stop the others
                stopped[rule.id] = _stopped(rule, document, error)
                continue
            findings.extend(to_finding(rule, document, segment, hit) for hit in hits)
    for rule in rules:
        if hasattr(rule.checker, "check_unit"):
            try:
                findings.extend(
                    to_finding(rule, document, where, hit)
                    for unit in document.units
                    for where, hit in rule.checker.check_unit(unit)
                )
            except Exception as error:  # one rule must not stop the others
                stopped[rule.id] = _stopped(rule, document, error)
            continue
        if _is_document_level(rule):
            try:
                hits = _document_hits(rule, document, settings.prefer.get(rule.id))
            except Exception as error:  # one rule must not stop the others
                stopped[rule.id] = _stopped(rule, document, error)
                continue
            findings.extend(to_finding(rule, document, 0, hit) for hit in hits)
    if stopped:
        findings = [finding for finding in findings if finding.rule not in stopped]
    if settings.allow:
        findings = [finding for finding in findings if finding.text.strip() not in settings.allow]
    findings.sort(key=lambda f: f.sort_key)
    return findings, list(stopped.values())


def _stopped(rule: Rule, document: Document, error: Exception) -> Problem:
    where = f"rule '{rule.id}' ({rule.source_path}:{rule.line})"
    if isinstance(error, TimeoutError):
        reason = (
            "ran too long on this file and was stopped: its regular expression may "
            "backtrack without end"
        )
    else:
        reason = f"failed on this file and was stopped ({type(error).__name__}: {error})"
    return Problem(document.path, f"{where} {reason}", rule.id)
