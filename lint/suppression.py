"""Inline suppression: the `txtlint-disable` comments of a text, and the findings they
silence.

A directive is a line of its own holding one comment, in a comment syntax of the file's
format, whose text is one of

    txtlint-disable [RULE…]            until `txtlint-enable`, or the end of the file
    txtlint-enable [RULE…]             ends the disabling of those rules (no rule: of all)
    txtlint-disable-next-line [RULE…]  findings that start on the next line
    txtlint-disable-file [RULE…]       findings anywhere in the file

where no rule means all rules, each RULE is a rule id or a module (`zh-en.calque` covers
`zh-en.calque.literal-calques`), and rules are separated by commas and/or spaces. A
directive line is itself not linted: format adapters leave it out of the prose segments.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType
from typing import NamedTuple, cast

from lint.core_rules import unused_suppression_finding
from lint.document import Directive, DirectiveKind, Document, LineIndex
from lint.model import Finding
from lint.selection import selects

__all__ = [
    "COMMENT_SYNTAXES",
    "CommentSyntax",
    "comment_syntaxes",
    "find_directives",
    "suppress",
]


class CommentSyntax(NamedTuple):
    """A comment that fills a line: `opener`, its text, then `closer` ('' for none)."""

    opener: str
    closer: str = ""
    space_after_opener: bool = False  # `..text` is not a reStructuredText comment


HASH = CommentSyntax("#")
SLASHES = CommentSyntax("//")
HTML = CommentSyntax("<!--", "-->")
RST = CommentSyntax("..", space_after_opener=True)
PLAIN_COMMENTS = (HASH, SLASHES, HTML)

# The comment syntaxes directives are recognised in, by file extension: a new format
# adapter declares its own here. Any other extension is read as plain text.
COMMENT_SYNTAXES: Mapping[str, tuple[CommentSyntax, ...]] = MappingProxyType(
    {
        ".txt": PLAIN_COMMENTS,
        ".text": PLAIN_COMMENTS,
        **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd"), (HTML,)),
        **dict.fromkeys((".html", ".htm", ".xhtml", ".xlf", ".xliff"), (HTML,)),
        ".po": (HASH,),
        ".pot": (HASH,),
        ".rst": (*PLAIN_COMMENTS, RST),
    }
)

_MARKER = "txtlint-"
_DIRECTIVE = re.compile(
    r"txtlint-(?P<kind>disable-next-line|disable-file|disable|enable):?"
    r"(?P<rules>(?:[\s,]+[\w.-]+)*)[\s,]*"
)
_RULE = re.compile(r"[\w.-]+")


def comment_syntaxes(path: str) -> tuple[CommentSyntax, ...]:
    return COMMENT_SYNTAXES.get(PurePath(path).suffix.lower(), PLAIN_COMMENTS)


def _parse_comment(
    line: str, syntaxes: Sequence[CommentSyntax]
) -> tuple[DirectiveKind, tuple[str, ...]] | None:
    """The kind and rules of the directive that `line` (without its break) is, if any."""
    stripped = line.strip()
    for syntax in syntaxes:
        if len(stripped) < len(syntax.opener) + len(syntax.closer):
            continue
        if not (stripped.startswith(syntax.opener) and stripped.endswith(syntax.closer)):
            continue
        body = stripped[len(syntax.opener) : len(stripped) - len(syntax.closer)]
        if syntax.space_after_opener and not body[:1].isspace():
            continue
        match = _DIRECTIVE.fullmatch(body.strip())
        if match:
            kind = cast(DirectiveKind, match["kind"])
            return kind, tuple(_RULE.findall(match["rules"]))
    return None


def find_directives(text: str, syntaxes: Sequence[CommentSyntax]) -> tuple[Directive, ...]:
    """The directive lines of `text`, in order."""
    if _MARKER not in text:
        return ()
    index = LineIndex.of(text)
    lines = sorted({index.position(m.start())[0] for m in re.finditer(_MARKER, text)})
    directives = []
    for line in lines:
        start, content_end = index.line_span(line, text)
        parsed = _parse_comment(text[start:content_end], syntaxes)
        if parsed is not None:
            end = index.starts[line] if line < len(index.starts) else len(text)
            directives.append(Directive(*parsed, line=line, start=start, end=end))
    return tuple(directives)


def _covers(directive: Directive, rule_id: str) -> bool:
    return not directive.rules or any(selects(name, rule_id) for name in directive.rules)


class _Suppression(NamedTuple):
    """Lines `first` to `last` (inclusive) where `directive` suppresses one rule."""

    first: int
    last: int
    directive: Directive


def _suppressions(
    directives: Sequence[Directive], rule_id: str, last_line: int
) -> list[_Suppression]:
    found = []
    disabled: list[Directive] = []  # the open `disable` directives covering the rule
    for directive in directives:
        if not _covers(directive, rule_id):
            continue
        if directive.kind == "disable-file":
            found.append(_Suppression(1, last_line, directive))
        elif directive.kind == "disable-next-line":
            found.append(_Suppression(directive.line + 1, directive.line + 1, directive))
        elif directive.kind == "disable":
            disabled.append(directive)
        else:
            found.extend(_Suppression(d.line + 1, directive.line - 1, d) for d in disabled)
            disabled = []
    found.extend(_Suppression(d.line + 1, last_line, d) for d in disabled)
    return found


def _may_be_unused(directive: Directive, running: Collection[str], known: Collection[str]) -> bool:
    """Whether a directive that suppressed nothing is reported: only when every known
    rule it covers ran (a rule that did not run could have been suppressed), or when a
    name it gives matches no known rule at all (a typo). A directive for all rules is
    reported only when every known rule ran."""
    if directive.kind == "enable" or not running:
        return False
    ran = set(running)
    if not directive.rules:
        return set(known) <= ran
    for name in directive.rules:
        covered = [rule_id for rule_id in known if selects(name, rule_id)]
        if covered and not all(rule_id in ran for rule_id in covered):
            return False
    return True


def suppress(
    document: Document,
    findings: Sequence[Finding],
    running: Collection[str],
    known: Collection[str] = (),
) -> tuple[list[Finding], list[Finding]]:
    """The findings no directive of `document` suppresses, in their order, and a
    `txtlint.unused-suppression` finding for each directive that suppressed none;
    `running` are the ids of the rules that ran on the document, `known` those of every
    rule that could have (default: the running ones).

    Every directive a finding falls under counts as used, so directives that overlap are
    never reported for each other."""
    if not document.directives:
        return list(findings), []
    index = LineIndex.of(document.text)
    last_line = len(index.starts)
    by_rule: dict[str, list[_Suppression]] = {}
    used: set[Directive] = set()
    kept = []
    for finding in findings:
        if finding.rule not in by_rule:
            by_rule[finding.rule] = _suppressions(document.directives, finding.rule, last_line)
        line = index.position(finding.start)[0]
        covering = [s.directive for s in by_rule[finding.rule] if s.first <= line <= s.last]
        if covering:
            used.update(covering)
        else:
            kept.append(finding)
    unused = [
        unused_suppression_finding(document, directive)
        for directive in document.directives
        if directive not in used and _may_be_unused(directive, running, known or running)
    ]
    return kept, unused
