"""The language server (`txtlint server`, LSP over standard input and output).

A front end like the CLI: the editor's buffer goes through the same check as a file
(`api.lint_text`: format, language gating, suppression), its findings become diagnostics,
their fixes code actions (the fix-all action runs the `--fix` loop of `lint.fixes` on the
buffer), and a hover shows a rule's explanation. The buffer's path (from its URI)
chooses the format and the configuration file, as a file's path does on the command
line; an `untitled:` buffer is named after its language instead.

Offsets in findings are code points; positions sent to the client are counted in the
encoding negotiated at `initialize` (UTF-16 unless the client offers UTF-8 or UTF-32),
by pygls's position codec, on lines split as `LineIndex` splits them.

A buffer is read as `txtlint check` reads a file: without its byte order mark, and
skipped as binary when it holds a NUL. Buffers are kept by pygls's key for their URI
(percent-decoded) and published under the URI as the client spelled it.

Nothing here writes to standard output but pygls: it is the protocol channel.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import PurePath
from typing import Any, NamedTuple
from urllib.parse import unquote

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer
from pygls.workspace import PositionCodec, TextDocument

from lint import __version__
from lint.api import Plan, lint_text
from lint.config import Overrides
from lint.document import LineIndex
from lint.explain import explanation
from lint.fixes import fix_text
from lint.formats import format_of
from lint.model import Applicability, Edit, Finding, Fix, Rule, Severity
from lint.planning import ALREADY_REPORTED, planner
from lint.suppression import HTML, RST, CommentSyntax, comment_syntaxes, find_directives

SOURCE = "txtlint"
# Long enough for a burst of keystrokes to settle, short enough to feel immediate.
DEBOUNCE_SECONDS = 0.25
FIX_ALL_KIND = "source.fixAll.txtlint"
CONFIG_FILE_NAMES = frozenset({".txtlint.yaml", "txtlint.yaml", "pyproject.toml"})
CONFIG_GLOBS = ("**/.txtlint.yaml", "**/txtlint.yaml", "**/pyproject.toml")
WATCHER_REGISTRATION_ID = "txtlint-configuration-files"

# The extension an untitled buffer is read as, by its languageId.
LANGUAGE_EXTENSIONS = {
    "plaintext": ".txt",
    "markdown": ".md",
    "html": ".html",
    "po": ".po",
    "pot": ".pot",
    "gettext": ".po",
    "restructuredtext": ".rst",
    "rst": ".rst",
    "srt": ".srt",
    "subrip": ".srt",
    "vtt": ".vtt",
    "webvtt": ".vtt",
    "xliff": ".xlf",
}

BYTE_ORDER_MARK = "\ufeff"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
# A list item, a block quote line, or an indented line that goes on with an item above.
NESTED_BLOCK = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>)|[ \t]+\S")
PO_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])?(?=[\s\"]|$)")
# Elements whose content a comment line would change: raw text (a comment there is
# text), and preformatted text (its line breaks are shown).
HTML_TEXT_ELEMENTS = frozenset({"title", "textarea", "script", "style", "pre"})
# In XLIFF also the strings themselves: a line inside <target> is part of the translation.
XLIFF_TEXT_ELEMENTS = HTML_TEXT_ELEMENTS | {"source", "target", "seg-source", "note"}

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Linted(NamedTuple):
    """A buffer as last checked: its findings (offsets into `text`, the whole buffer),
    and the plan they came from (None when it was not checked: excluded, binary, refused
    by its format, or its configuration is invalid). `skipped` code points at the start
    (a byte order mark) were left out of the check, as `txtlint check` decodes them away."""

    path: str
    text: str
    version: int | None
    findings: tuple[Finding, ...]
    plan: Plan | None
    skipped: int = 0


class Positions(NamedTuple):
    """Code-point offsets in a text to LSP positions in the client's encoding, and back."""

    text: str
    index: LineIndex
    codec: PositionCodec

    @classmethod
    def of(cls, text: str, codec: PositionCodec) -> Positions:
        return cls(text, LineIndex.of(text), codec)

    def position(self, offset: int) -> types.Position:
        line, _ = self.index.position(offset)
        line_start = self.index.starts[line - 1]
        units = self.codec.client_num_units(self.text[line_start:offset])
        return types.Position(line=line - 1, character=units)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.index.starts):
            return len(self.text)
        start, end = self.index.line_span(position.line + 1, self.text)
        content = self.text[start:end]
        if position.character >= self.codec.client_num_units(content):
            return end
        at_line = types.Position(line=0, character=position.character)
        return start + self.codec.position_from_client_units([content], at_line).character

    def line_text(self, line: int) -> str:
        """The 0-based line's text without its break (nor a byte order mark)."""
        _, end = self.index.line_span(line + 1, self.text)
        return self.text[self.line_start(line) : end]

    def line_start(self, line: int) -> int:
        """Where the 0-based line's content starts: after a byte order mark on line 0,
        which stays first in the text whatever is put on that line."""
        if line == 0 and self.text.startswith(BYTE_ORDER_MARK):
            return len(BYTE_ORDER_MARK)
        return self.index.starts[line]

    def line_break(self, line: int) -> str:
        """The break after the 0-based line; for a last line without one, the text's
        own (its first), so that a CRLF text stays CRLF."""
        _, end = self.index.line_span(line + 1, self.text)
        after = self.index.starts[line + 1] if line + 1 < len(self.index.starts) else end
        return self.text[end:after] or first_line_break(self.text)

    @property
    def line_count(self) -> int:
        return len(self.index.starts)


def first_line_break(text: str) -> str:
    found = LINE_BREAK.search(text)
    return found.group() if found else "\n"


class TxtlintServer(LanguageServer):
    """The server's state: the planner (rebuilt when a configuration file changes), the
    pending debounced checks and the last check of each open buffer."""

    def __init__(self) -> None:
        super().__init__(
            SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.plan_for = planner(Overrides())
        # Keyed as pygls keys its documents (the URI percent-decoded); `open_uris` gives
        # each open buffer's URI as the client spells it, the only spelling published.
        self.open_uris: dict[str, str] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.linted: dict[str, Linted] = {}
        self.reported: dict[str, set[str]] = {}  # the messages each buffer has had

    # ---- checking

    def path_of(self, document: TextDocument) -> str:
        if document.uri.startswith("file:"):
            path = uris.to_fs_path(document.uri)
            if path is not None:
                return path
        extension = LANGUAGE_EXTENSIONS.get(document.language_id or "", ".txt")
        folder = self.workspace.root_path or os.getcwd()
        return os.path.join(folder, f"untitled{extension}")

    def document(self, key: str) -> TextDocument | None:
        """The open buffer of a key (`key_of`), None if it is not open."""
        # not `get_text_document`: it would decode the key again (`%2520` → ` `) and
        # read a file from disk for a key it does not hold
        return self.workspace.text_documents.get(key)

    def lint(self, key: str, document: TextDocument) -> Linted:
        path, text = self.path_of(document), document.source
        plan = self.plan_for(path)
        unchecked = Linted(path, text, document.version, (), None)
        if isinstance(plan, str):
            # the planner gives a configuration's problem in full once, then briefly
            if plan != ALREADY_REPORTED:
                self.show(types.MessageType.Error, f"txtlint: {plan}")
            return unchecked
        if plan.excluded:
            return unchecked
        if "\x00" in text:
            self.tell_once(key, types.MessageType.Info, f"txtlint: {path}: skipped: binary file")
            return unchecked
        skipped = 1 if text.startswith(BYTE_ORDER_MARK) else 0
        try:
            checked = lint_text(
                path, text[skipped:], plan.rules, plan.settings, format_name=plan.format_name
            )
        except ValueError as error:  # a text its format refuses to read (an XLIFF DOCTYPE)
            message = f"txtlint: {path}: not checked: {error}"
            self.tell_once(key, types.MessageType.Warning, message, show=True)
            return unchecked
        for problem in checked.errors:
            message = f"txtlint: {problem.path}: {problem.message}"
            self.tell_once(key, types.MessageType.Warning, message)
        findings = tuple(moved(finding, skipped) for finding in checked.findings)
        return Linted(path, text, document.version, findings, plan, skipped)

    def up_to_date(self, key: str) -> Linted | None:
        """The last check of the buffer if it is of the buffer's text as it is now."""
        document = self.document(key)
        linted = self.linted.get(key)
        if document is None or linted is None or linted.text != document.source:
            return None
        return linted

    def current(self, key: str) -> Linted | None:
        """The check of the buffer as it is now (checking it again if it changed)."""
        document = self.document(key)
        if document is None:
            return None
        linted = self.up_to_date(key)
        if linted is None:
            linted = self.lint(key, document)
            self.linted[key] = linted
        return linted

    def publish(self, key: str) -> None:
        document = self.document(key)
        uri = self.open_uris.get(key)
        if document is None or uri is None:
            return
        linted = self.lint(key, document)
        self.linted[key] = linted
        positions = Positions.of(linted.text, self.workspace.position_codec)
        rules = rules_by_id(linted.plan)
        diagnostics = [
            diagnostic(finding, rules.get(finding.rule), positions, uri, document.version)
            for finding in linted.findings
        ]
        self.send_diagnostics(uri, diagnostics, document.version)

    def send_diagnostics(
        self, uri: str, diagnostics: Sequence[types.Diagnostic] = (), version: int | None = None
    ) -> None:
        params = types.PublishDiagnosticsParams(
            uri=uri, diagnostics=list(diagnostics), version=version
        )
        self.text_document_publish_diagnostics(params)

    def schedule(self, key: str, delay: float) -> None:
        """Check the buffer after `delay` seconds, unless a newer change comes first."""
        self.cancel(key)
        self.pending[key] = asyncio.ensure_future(self._publish_later(key, delay))

    def cancel(self, key: str) -> None:
        earlier = self.pending.pop(key, None)
        if earlier is not None:
            earlier.cancel()

    async def _publish_later(self, key: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self.pending.get(key) is asyncio.current_task():
            del self.pending[key]
        try:
            self.publish(key)
        except Exception as error:  # a task's exception would otherwise go unseen
            self.log(types.MessageType.Error, f"txtlint: {key}: {type(error).__name__}: {error}")

    def opened(self, uri: str) -> None:
        key = key_of(uri)
        self.open_uris[key] = uri
        self.schedule(key, 0)

    def closed(self, uri: str) -> None:
        key = key_of(uri)
        self.cancel(key)
        self.linted.pop(key, None)
        self.reported.pop(key, None)
        self.send_diagnostics(self.open_uris.pop(key, uri))

    def reload(self) -> None:
        """Read the configuration files again and check every open buffer again."""
        self.plan_for = planner(Overrides())
        self.linted.clear()
        self.reported.clear()  # a new configuration may stop a rule for a new reason
        for key in list(self.open_uris):
            self.schedule(key, 0)

    # ---- talking to the user

    def show(self, kind: types.MessageType, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def tell_once(
        self, key: str, kind: types.MessageType, message: str, show: bool = False
    ) -> None:
        """Log `message` (and show it, if `show`) the first time the buffer has it: a
        buffer is checked again on every change, its problem is the same."""
        told = self.reported.setdefault(key, set())
        if message in told:
            return
        told.add(message)
        self.log(kind, message)
        if show:
            self.show(kind, message)


def key_of(uri: str) -> str:
    """A URI as pygls keys its documents: `my%20notes.txt` and `my notes.txt` are one."""
    return unquote(uri)


def moved(finding: Finding, by: int) -> Finding:
    """`finding` with its offsets (and those of its fix and related places in the same
    file) `by` code points later."""
    if not by:
        return finding
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits)
        fix = fix._replace(edits=edits)
    related = tuple(
        item._replace(start=item.start + by, end=item.end + by)
        if item.path is None or item.path == finding.path
        else item
        for item in finding.related
    )
    return finding._replace(
        start=finding.start + by, end=finding.end + by, fix=fix, related=related
    )


def rules_by_id(plan: Plan | None) -> dict[str, Rule]:
    return {rule.id: rule for rule in plan.rules} if plan is not None else {}


def diagnostic(
    finding: Finding, rule: Rule | None, positions: Positions, uri: str, version: int | None
) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=positions.range(item.start, item.end)),
            message=item.message,
        )
        for item in finding.related
        if item.path is None or item.path == finding.path
    ]
    link = rule.link if rule is not None else None
    # Offsets are code points into the text of `version`: a code action on a newer
    # text leaves the fix out rather than apply it in the wrong place.
    fix = finding.fix
    data: dict[str, Any] = {"version": version, "fix": None}
    if fix is not None and fix.edits:
        edits = [[edit.start, edit.end, edit.replacement] for edit in fix.edits]
        data["fix"] = {"applicability": fix.applicability.value, "edits": edits}
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        message=finding.message,
        related_information=related or None,
        data=data,
    )


# ---- code actions


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of `kind` answers a request for the kinds `only`."""
    return only is None or any(kind == base or kind.startswith(f"{base}.") for base in only)


def place(finding: Finding, positions: Positions) -> tuple[str, int, int, int, int]:
    """A finding's rule and range, as its diagnostic gives them back."""
    start, end = positions.position(finding.start), positions.position(finding.end)
    return (finding.rule, start.line, start.character, end.line, end.character)


def diagnostic_place(diagnostic: types.Diagnostic) -> tuple[str, int, int, int, int]:
    start, end = diagnostic.range.start, diagnostic.range.end
    return (str(diagnostic.code), start.line, start.character, end.line, end.character)


def findings_of(
    diagnostics: Iterable[types.Diagnostic], linted: Linted, positions: Positions
) -> list[tuple[types.Diagnostic, Finding]]:
    """The request's diagnostics that are ours and of the last check, with their
    findings. A diagnostic with our `data` must be of that check's version; one without
    (a client that does not keep `data`) is matched by its rule and range alone."""
    ours = [d for d in diagnostics if d.source == SOURCE]
    if not ours:
        return []
    by_place = {place(finding, positions): finding for finding in linted.findings}
    found = []
    for d in ours:
        if isinstance(d.data, dict) and d.data.get("version") != linted.version:
            continue
        if d.data is not None and not isinstance(d.data, dict):
            continue
        finding = by_place.get(diagnostic_place(d))
        if finding is not None:
            found.append((d, finding))
    return found


def fix_action(
    uri: str, diagnostic: types.Diagnostic, fix: Fix, positions: Positions
) -> types.CodeAction:
    safe = fix.applicability is Applicability.SAFE
    title = f"Fix: {describe_edits(positions.text, fix.edits)}"
    text_edits = [
        types.TextEdit(range=positions.range(edit.start, edit.end), new_text=edit.replacement)
        for edit in fix.edits
    ]
    return types.CodeAction(
        title=title if safe else f"{title} (unsafe)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=safe,
        edit=types.WorkspaceEdit(changes={uri: text_edits}),
    )


def describe_edits(text: str, edits: Sequence[Edit]) -> str:
    if len(edits) != 1:
        return f"{len(edits)} edits"
    old, new = text[edits[0].start : edits[0].end], edits[0].replacement
    if not new:
        return f'delete "{old}"'
    if not old:
        return f'insert "{new}"'
    return f'replace "{old}" with "{new}"'


def directive_syntax(path: str, format_name: str) -> CommentSyntax | None:
    """The comment a `txtlint-disable-next-line` directive is written in, for a format
    that reads directives on a line of their own above a line. None for PO (a comment
    inside an entry breaks it: see `entry_disable_action`), SRT (no comments), WebVTT (a
    NOTE must be followed by a blank line, which would end the cue) and reStructuredText
    (a comment followed by a paragraph line is a docutils warning, and a `#` line would
    be shown as text)."""
    if format_name in ("markdown", "html", "xliff"):
        return HTML
    if format_name == "plain":
        syntaxes = comment_syntaxes(path)
        return None if RST in syntaxes else syntaxes[0]
    return None


class OpenElements(HTMLParser):
    """The elements left open at the end of the markup fed so far."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # never holds text back
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


class MarkupScan:
    """One text's markup read up to a point, so that asking about several lines in
    order (one code-action request) reads the text once, not once per line."""

    def __init__(self, text: str) -> None:
        self.text, self.parser, self.read = text, OpenElements(), 0

    def open_at(self, offset: int) -> list[str] | None:
        """The elements open at `offset`; None inside a tag, a comment or raw text."""
        if offset < self.read:
            self.parser, self.read = OpenElements(), 0
        self.parser.feed(self.text[self.read : offset])
        self.read = offset
        return None if self.parser.rawdata else self.parser.open


_last_scan: list[MarkupScan] = []  # the text of the latest request, read so far


def between_markup(text: str, line_start: int, unsafe_elements: frozenset[str]) -> bool:
    """Whether a comment line may go at `line_start`, the start of a line that begins
    with a tag: not inside a tag (a multi-line attribute value), a comment, or an
    element whose content the line would change."""
    if not _last_scan or _last_scan[0].text is not text:
        _last_scan[:] = [MarkupScan(text)]
    open_elements = _last_scan[0].open_at(line_start)
    return open_elements is not None and not unsafe_elements.intersection(open_elements)


def may_precede(format_name: str, positions: Positions, line: int, after_directive: bool) -> bool:
    """Whether a comment line may be inserted above the 0-based `line` without changing
    the document's structure. Markdown: at the start of a block (after a blank line, the
    start of the text, or a directive) or above an ATX heading (an HTML comment may
    interrupt a paragraph, and a heading ends one anyway), never inside a paragraph,
    list item, table or block quote that continues from the line above. HTML and XLIFF:
    above a line that starts with a tag, outside any tag and outside the elements whose
    text the line would change."""
    content = positions.line_text(line)
    if format_name == "markdown":
        if ATX_HEADING.match(content) is not None or after_directive:
            return True
        above = positions.line_text(line - 1) if line > 0 else ""
        if above.strip():
            return False
        # after a blank line, an item or quote that goes on from a list or quote above
        # (a loose list, a quote in paragraphs) would be split in two by the comment
        if NESTED_BLOCK.match(content) is None:
            return True
        return not any(NESTED_BLOCK.match(above) for above in block_above(positions, line))
    if format_name in ("html", "xliff"):
        if not content.lstrip().startswith("<"):
            return False
        unsafe = XLIFF_TEXT_ELEMENTS if format_name == "xliff" else HTML_TEXT_ELEMENTS
        return between_markup(positions.text, positions.line_start(line), unsafe)
    return True


def block_above(positions: Positions, line: int) -> list[str]:
    """The lines of the block that ends at the nearest non-blank line above the 0-based
    `line`: back to a blank line or the start of the text."""
    above = line - 1
    while above >= 0 and not positions.line_text(above).strip():
        above -= 1
    lines = []
    while above >= 0 and positions.line_text(above).strip():
        lines.append(positions.line_text(above))
        above -= 1
    return lines


def directive_above(
    positions: Positions, line: int, syntaxes: Sequence[CommentSyntax]
) -> tuple[str, CommentSyntax] | None:
    """The kind of the directive on the line above the 0-based `line`, and its syntax."""
    if line == 0:
        return None
    above = positions.line_text(line - 1)
    for syntax in syntaxes:
        found = find_directives(above, (syntax,))
        if found:
            return found[0].kind, syntax
    return None


def disable_action(
    uri: str, diagnostic: types.Diagnostic, rule_id: str, linted: Linted, positions: Positions
) -> types.CodeAction | None:
    plan = linted.plan
    format_name = (plan.format_name if plan else None) or format_of(linted.path)
    line = diagnostic.range.start.line
    if format_name == "po":
        return entry_disable_action(uri, diagnostic, rule_id, positions, line)
    syntax = directive_syntax(linted.path, format_name)
    if syntax is None:
        return None
    syntaxes = comment_syntaxes(linted.path) if format_name == "plain" else (syntax,)
    above = directive_above(positions, line, syntaxes)
    if above is not None and above[0] == "disable-next-line":
        edit = extend_directive(positions, line - 1, above[1], rule_id)
    elif may_precede(format_name, positions, line, after_directive=above is not None):
        content = positions.line_text(line)
        indentation = content[: len(content) - len(content.lstrip())]
        closer = f" {syntax.closer}" if syntax.closer else ""
        directive = f"{syntax.opener} txtlint-disable-next-line {rule_id}{closer}"
        at_line_start = positions.position(positions.line_start(line))
        edit = types.TextEdit(
            range=types.Range(start=at_line_start, end=at_line_start),
            new_text=f"{indentation}{directive}{positions.line_break(line)}",
        )
    else:
        return None
    return types.CodeAction(
        title=f"Disable {rule_id} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def extend_directive(
    positions: Positions, line: int, syntax: CommentSyntax, rule_id: str
) -> types.TextEdit:
    """An edit adding `rule_id` to the rules of the directive on the 0-based `line`:
    two directives above one line would leave the upper one covering the directive."""
    content = positions.line_text(line)
    body = content.rstrip()
    body = body[: len(body) - len(syntax.closer)].rstrip()
    at = positions.position(positions.line_start(line) + len(body))
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=f", {rule_id}")


def po_entry_starts(positions: Positions) -> tuple[list[int], int]:
    """The 0-based first line of each entry of a PO text (its first comment or keyword
    line; an entry ends where `lint.formats.po` ends it), and the last non-blank line."""
    starts: list[int] = []
    begun: set[str] = set()  # the keywords of the entry read so far
    opened = False  # whether the entry has a line yet
    last = 0
    for line in range(positions.line_count):
        content = positions.line_text(line).lstrip(" \t" + BYTE_ORDER_MARK)
        if not content:
            continue
        last = line
        if content.startswith("#"):
            if begun:
                begun, opened = set(), False
        else:
            keyword = PO_KEYWORD.match(content)
            if keyword is None:
                continue  # a continuation string, or a line that is not PO
            name = keyword[1]
            if (name == "msgctxt" and begun) or (name == "msgid" and begun - {"msgctxt"}):
                begun, opened = set(), False
            begun.add(name)
        if not opened:
            starts.append(line)
            opened = True
    return starts, last


def entry_disable_action(
    uri: str, diagnostic: types.Diagnostic, rule_id: str, positions: Positions, line: int
) -> types.CodeAction | None:
    """`# txtlint-disable RULE` as the entry's first line and `# txtlint-enable RULE` as
    the next entry's (after the last entry: after its last line): comments between the
    entries, where gettext reads them as translator comments."""
    starts, last = po_entry_starts(positions)
    first = max((start for start in starts if start <= line), default=None)
    if first is None:
        return None
    following = min((start for start in starts if start > line), default=None)

    def insert(offset: int, new_text: str) -> types.TextEdit:
        at = positions.position(offset)
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=new_text)

    disable = insert(
        positions.line_start(first), f"# txtlint-disable {rule_id}{positions.line_break(first)}"
    )
    enable_line = f"# txtlint-enable {rule_id}"
    if following is not None:
        brk = positions.line_break(following)
        enable = insert(positions.line_start(following), f"{enable_line}{brk}")
    else:
        _, end = positions.index.line_span(last + 1, positions.text)
        if last + 1 < positions.line_count:  # the last line has a break
            enable = insert(
                positions.line_start(last + 1), f"{enable_line}{positions.line_break(last)}"
            )
        else:
            enable = insert(end, f"{first_line_break(positions.text)}{enable_line}")
    return types.CodeAction(
        title=f"Disable {rule_id} for this entry",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [disable, enable]}),
    )


def fix_all_action(uri: str, linted: Linted, positions: Positions) -> types.CodeAction | None:
    """What `txtlint check --fix` would make of the buffer, as one edit of the part that
    changes (a byte order mark kept, as `check --fix` keeps it)."""
    plan = linted.plan
    if plan is None or not any(
        f.fix is not None and f.fix.applicability is Applicability.SAFE for f in linted.findings
    ):
        return None
    kept, body = linted.text[: linted.skipped], linted.text[linted.skipped :]

    def lint_once(text: str) -> list[Finding]:
        if text is body:
            return [moved(finding, -linted.skipped) for finding in linted.findings]
        checked = lint_text(
            linted.path, text, plan.rules, plan.settings, format_name=plan.format_name
        )
        return checked.findings

    fixed = kept + fix_text(body, lint_once).text
    if fixed == linted.text:
        return None
    start, end, replacement = changed_part(linted.text, fixed)
    edit = types.TextEdit(range=positions.range(start, end), new_text=replacement)
    return types.CodeAction(
        title="Fix all safe txtlint findings",
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def changed_part(before: str, after: str) -> tuple[int, int, str]:
    """The span of `before` that differs from `after`, and what replaces it; never cuts
    a CRLF in two, where no position could point."""
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    start, end = prefix, len(before) - suffix
    if start > 0 and before[start - 1] == "\r" and before[start : start + 1] == "\n":
        start -= 1
    if 0 < end < len(before) and before[end - 1] == "\r" and before[end] == "\n":
        end += 1
    return start, end, after[start : len(after) - (len(before) - end)]


# ---- hover


def hover_text(finding: Finding, rule: Rule | None) -> str:
    lines = [f"**{SOURCE}** `{finding.rule}`: {finding.message}"]
    if rule is not None:
        explained = explanation(rule)
        fence = "`" * max(3, longest_backtick_run(explained) + 1)
        lines += ["", f"{fence}text", explained, fence]
        if rule.link:
            lines += ["", f"[{rule.link}]({rule.link})"]
    return "\n".join(lines)


def longest_backtick_run(text: str) -> int:
    longest = run = 0
    for character in text:
        run = run + 1 if character == "`" else 0
        longest = max(longest, run)
    return longest


# ---- the protocol


def create_server() -> TxtlintServer:
    server = TxtlintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: TxtlintServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is None or not watched.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
        )
        registration = types.Registration(
            id=WATCHER_REGISTRATION_ID,
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TxtlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TxtlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(key_of(params.text_document.uri), DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TxtlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if PurePath(uris.to_fs_path(uri) or uri).name in CONFIG_FILE_NAMES:
            ls.reload()
        else:
            ls.schedule(key_of(uri), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TxtlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: TxtlintServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        names = {PurePath(uris.to_fs_path(c.uri) or c.uri).name for c in params.changes}
        if names & CONFIG_FILE_NAMES:
            ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: TxtlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        key = key_of(uri)
        only = params.context.only
        # Quick fixes need only the last check (a diagnostic of an older text has no
        # action anyway); fix-all needs the text as it is now, so it may check it.
        linted = ls.current(key) if wanted(FIX_ALL_KIND, only) else ls.up_to_date(key)
        if linted is None or linted.plan is None:
            return None
        positions = Positions.of(linted.text, ls.workspace.position_codec)
        actions: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix, only):
            matched = findings_of(params.context.diagnostics, linted, positions)
            actions += [
                fix_action(uri, d, finding.fix, positions)
                for d, finding in matched
                if finding.fix is not None and finding.fix.edits
            ]
            seen: set[tuple[str, int]] = set()  # one directive per rule and line
            for d, finding in matched:
                key_here = (finding.rule, d.range.start.line)
                if key_here in seen:
                    continue
                seen.add(key_here)
                action = disable_action(uri, d, finding.rule, linted, positions)
                if action is not None:
                    actions.append(action)
        if wanted(FIX_ALL_KIND, only):
            action = fix_all_action(uri, linted, positions)
            if action is not None:
                actions.append(action)
        return actions or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TxtlintServer, params: types.HoverParams) -> types.Hover | None:
        # Only the last check, if it is of the text as it is now: while the user types,
        # its diagnostics are on their way, and a hover must not check the buffer again.
        linted = ls.up_to_date(key_of(params.text_document.uri))
        if linted is None or not linted.findings:
            return None
        positions = Positions.of(linted.text, ls.workspace.position_codec)
        offset = positions.offset(params.position)
        here = [f for f in linted.findings if f.start <= offset < f.end or f.start == offset]
        if not here:
            return None
        rules = rules_by_id(linted.plan)
        value = "\n\n---\n\n".join(hover_text(f, rules.get(f.rule)) for f in here)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
            range=positions.range(here[0].start, here[0].end),
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TxtlintServer, params: None) -> None:
        for uri in list(ls.pending):
            ls.cancel(uri)

    return server


def serve() -> None:
    """Speak LSP over standard input and output until the client says exit."""
    create_server().start_io()
