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

Nothing here writes to standard output but pygls: it is the protocol channel.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, NamedTuple

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
from lint.model import Applicability, Edit, Finding, Rule, Severity
from lint.planning import ALREADY_REPORTED, planner
from lint.suppression import HASH, HTML, RST, CommentSyntax, comment_syntaxes

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

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Linted(NamedTuple):
    """A buffer as last checked: its findings, and the plan they came from (None when it
    was not checked: excluded, or its configuration is invalid)."""

    path: str
    text: str
    version: int | None
    findings: tuple[Finding, ...]
    plan: Plan | None


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
        """The 0-based line's text without its break."""
        start, end = self.index.line_span(line + 1, self.text)
        return self.text[start:end]

    def line_break(self, line: int) -> str:
        _, end = self.index.line_span(line + 1, self.text)
        after = self.index.starts[line + 1] if line + 1 < len(self.index.starts) else end
        return self.text[end:after] or "\n"


class TxtlintServer(LanguageServer):
    """The server's state: the planner (rebuilt when a configuration file changes), the
    pending debounced checks and the last check of each open buffer."""

    def __init__(self) -> None:
        super().__init__(
            SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.plan_for = planner(Overrides())
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.linted: dict[str, Linted] = {}

    # ---- checking

    def path_of(self, document: TextDocument) -> str:
        if document.uri.startswith("file:"):
            path = uris.to_fs_path(document.uri)
            if path is not None:
                return path
        extension = LANGUAGE_EXTENSIONS.get(document.language_id or "", ".txt")
        folder = self.workspace.root_path or os.getcwd()
        return os.path.join(folder, f"untitled{extension}")

    def lint(self, document: TextDocument) -> Linted:
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
        try:
            checked = lint_text(path, text, plan.rules, plan.settings, format_name=plan.format_name)
        except ValueError as error:  # a text its format refuses to read (an XLIFF DOCTYPE)
            self.log(types.MessageType.Warning, f"txtlint: {path}: not checked: {error}")
            return unchecked
        for problem in checked.errors:
            self.log(types.MessageType.Warning, f"txtlint: {problem.path}: {problem.message}")
        return Linted(path, text, document.version, tuple(checked.findings), plan)

    def current(self, uri: str) -> Linted | None:
        """The check of the buffer as it is now (checking it again if it changed)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        linted = self.linted.get(uri)
        if linted is None or linted.text != document.source:
            linted = self.lint(document)
            self.linted[uri] = linted
        return linted

    def publish(self, uri: str) -> None:
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        linted = self.lint(document)
        self.linted[uri] = linted
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

    def schedule(self, uri: str, delay: float) -> None:
        """Check the buffer after `delay` seconds, unless a newer change comes first."""
        self.cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._publish_later(uri, delay))

    def cancel(self, uri: str) -> None:
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()

    async def _publish_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        try:
            self.publish(uri)
        except Exception as error:  # a task's exception would otherwise go unseen
            self.log(types.MessageType.Error, f"txtlint: {uri}: {type(error).__name__}: {error}")

    def reload(self) -> None:
        """Read the configuration files again and check every open buffer again."""
        self.plan_for = planner(Overrides())
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # ---- talking to the user

    def show(self, kind: types.MessageType, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))


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


def fix_action(
    uri: str, diagnostic: types.Diagnostic, fix: dict[str, Any], positions: Positions
) -> types.CodeAction:
    edits = [Edit(start, end, replacement) for start, end, replacement in fix["edits"]]
    safe = fix["applicability"] == Applicability.SAFE.value
    title = f"Fix: {describe_edits(positions.text, edits)}"
    text_edits = [
        types.TextEdit(range=positions.range(edit.start, edit.end), new_text=edit.replacement)
        for edit in edits
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
    that reads directives on a line of their own above any line. None for SRT (no
    comments), WebVTT (a NOTE must be followed by a blank line, which would end the cue)
    and reStructuredText (a comment followed by a paragraph line is a docutils warning,
    and a `#` line would be shown as text)."""
    if format_name in ("markdown", "html", "xliff"):
        return HTML
    if format_name == "po":
        return HASH
    if format_name == "plain":
        syntaxes = comment_syntaxes(path)
        return None if RST in syntaxes else syntaxes[0]
    return None


def may_precede(format_name: str, positions: Positions, line: int) -> bool:
    """Whether a comment line may be inserted above the 0-based `line`: in PO, only at
    the start of an entry (a comment between its keywords breaks the file)."""
    if format_name != "po":
        return True
    keyword = positions.line_text(line).lstrip()
    above = positions.line_text(line - 1).strip() if line > 0 else ""
    starts_entry = keyword.startswith(("msgctxt ", "msgid "))
    return starts_entry and (not above or above.startswith("#"))


def disable_action(
    uri: str, diagnostic: types.Diagnostic, rule_id: str, linted: Linted, positions: Positions
) -> types.CodeAction | None:
    plan = linted.plan
    format_name = (plan.format_name if plan else None) or format_of(linted.path)
    syntax = directive_syntax(linted.path, format_name)
    line = diagnostic.range.start.line
    if syntax is None or not may_precede(format_name, positions, line):
        return None
    content = positions.line_text(line)
    indentation = content[: len(content) - len(content.lstrip())]
    closer = f" {syntax.closer}" if syntax.closer else ""
    directive = f"{syntax.opener} txtlint-disable-next-line {rule_id}{closer}"
    at_line_start = types.Position(line=line, character=0)
    insert = types.TextEdit(
        range=types.Range(start=at_line_start, end=at_line_start),
        new_text=f"{indentation}{directive}{positions.line_break(line)}",
    )
    return types.CodeAction(
        title=f"Disable {rule_id} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [insert]}),
    )


def fix_all_action(uri: str, linted: Linted, positions: Positions) -> types.CodeAction | None:
    """What `txtlint check --fix` would make of the buffer, as one edit of the part that
    changes."""
    plan = linted.plan
    if plan is None or not any(
        f.fix is not None and f.fix.applicability is Applicability.SAFE for f in linted.findings
    ):
        return None

    def lint_once(text: str) -> list[Finding]:
        if text is linted.text:
            return list(linted.findings)
        checked = lint_text(
            linted.path, text, plan.rules, plan.settings, format_name=plan.format_name
        )
        return checked.findings

    fixed = fix_text(linted.text, lint_once)
    if fixed.text == linted.text:
        return None
    start, end, replacement = changed_part(linted.text, fixed.text)
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
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TxtlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TxtlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if PurePath(uris.to_fs_path(uri) or uri).name in CONFIG_FILE_NAMES:
            ls.reload()
        else:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TxtlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.linted.pop(uri, None)
        ls.send_diagnostics(uri)

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
        linted = ls.current(uri)
        if linted is None or linted.plan is None:
            return None
        positions = Positions.of(linted.text, ls.workspace.position_codec)
        only = params.context.only
        ours = [
            d
            for d in params.context.diagnostics
            if d.source == SOURCE
            and isinstance(d.data, dict)
            and d.data.get("version") == linted.version
        ]
        actions: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix, only):
            actions += [
                fix_action(uri, d, d.data["fix"], positions) for d in ours if d.data.get("fix")
            ]
            seen: set[tuple[str, int]] = set()  # one directive per rule and line
            for d in ours:
                key = (str(d.code), d.range.start.line)
                action = None if key in seen else disable_action(uri, d, key[0], linted, positions)
                seen.add(key)
                if action is not None:
                    actions.append(action)
        if wanted(FIX_ALL_KIND, only):
            action = fix_all_action(uri, linted, positions)
            if action is not None:
                actions.append(action)
        return actions or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TxtlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
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
