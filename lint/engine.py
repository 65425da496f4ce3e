"""Run rules over a Document's segments and turn their hits into Findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from lint.document import Document, Segment
from lint.model import Applicability, Edit, Finding, Fix, Hit, Problem, Related, Rule
from lint.regexes import time_limit


def _unless_spans(rule: Rule, text: str) -> list[tuple[int, int]]:
    pattern = regex.compile(rule.unless)
    return [m.span() for m in pattern.finditer(text, timeout=time_limit(text))]


def _segment_hits(rule: Rule, segment: Segment) -> Iterable[Hit]:
    hits = list(rule.checker.check(segment.text))
    if hits and rule.unless is not None:
        spans = _unless_spans(rule, segment.text)
        hits = [h for h in hits if not any(s < h.end and e > h.start for s, e in spans)]
    return hits


def to_finding(rule: Rule, document: Document, offset: int, hit: Hit) -> Finding:
    start, end = offset + hit.start, offset + hit.end
    fix = None
    if hit.replacement is not None:
        applicability = rule.applicability
        if len(hit.suggestions) > 1:
            applicability = Applicability.UNSAFE
        fix_start, fix_end = hit.fix_span or (hit.start, hit.end)
        edit = Edit(offset + fix_start, offset + fix_end, hit.replacement)
        fix = Fix(applicability, (edit,))
    related = tuple(
        Related(r.start + offset, r.end + offset, r.message, r.path) for r in hit.related
    )
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


def lint_document(
    document: Document, rules: Sequence[Rule], allow: frozenset[str] = frozenset()
) -> tuple[list[Finding], list[Problem]]:
    """All findings of `rules` in `document`, sorted by position, except those whose text
    is an `allow`ed term; rules that time out are reported as errors, the others run."""
    findings: list[Finding] = []
    errors: list[Problem] = []
    for rule in rules:
        try:
            findings.extend(
                [
                    to_finding(rule, document, segment.start, hit)
                    for segment in document.segments
                    for hit in _segment_hits(rule, segment)
                ]
            )
        except TimeoutError:
            errors.append(
                Problem(
                    document.path,
                    f"rule '{rule.id}' ({rule.source_path}:{rule.line}) ran too long on this "
                    "file and was stopped: its regular expression may backtrack without end",
                )
            )
    if allow:
        findings = [finding for finding in findings if finding.text.strip() not in allow]
    findings.sort(key=lambda f: f.sort_key)
    return findings, errors
