"""The language server, driven over stdio by a real LSP client (pytest-lsp)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lint.api import builtin_rules
from lint.explain import explanation
from lint.formats.po import entries as po_entries
from tests.helpers import run_cli

pytestmark = pytest.mark.asyncio(loop_scope="function")

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "lint", "server"])
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
WARNING = types.DiagnosticSeverity.Warning
ERROR = types.DiagnosticSeverity.Error
CALQUE = "zh-en.calque.literal-calques"
CJK = "untranslated.cjk-text"
MOJIBAKE = "quality.mojibake"
REPEATED = "quality.repeated-word"
INVISIBLE = "quality.invisible-character"
CALQUE_MESSAGE = (
    '"three highs" renders 三高 word by word; write '
    '"high blood pressure, high blood sugar and high cholesterol".'
)
CJK_MESSAGE = 'Chinese text left untranslated: "整车" (整车 = complete vehicle).'
MOJIBAKE_MESSAGE = '"â€™" is UTF-8 text decoded as Windows-1252 (mojibake) for "’".'
# Three safe fixes (mojibake, a repeated word, an invisible character), one unsafe.
FIXABLE = (
    "He said â€™hello to the the team.\nThe price is 5\u200b yuan.\n  Beware the three highs.\n"
)
FIXED = "He said ’hello to the team.\nThe price is 5 yuan.\n  Beware the three highs.\n"


def capabilities(
    encodings: list[str] | None = None, data_support: bool = True
) -> types.ClientCapabilities:
    kinds = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True,
                code_description_support=True,
                data_support=data_support,
                version_support=True,
            ),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=kinds)
                ),
                is_preferred_support=True,
                data_support=data_support,
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
    )


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    registrations: list[types.Registration] = []
    lsp_client.registrations = registrations  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    # every publication, in order (waiting for one can miss those before it)
    publications: list[types.PublishDiagnosticsParams] = []
    lsp_client.publications = publications  # type: ignore[attr-defined]
    features = lsp_client.protocol.fm.features
    keep_diagnostics = features[PUBLISH]

    def record(params: types.PublishDiagnosticsParams) -> None:
        publications.append(params)
        keep_diagnostics(params)

    features[PUBLISH] = record

    yield
    await lsp_client.shutdown_session()


async def start(
    client: LanguageClient,
    root: Path,
    encodings: list[str] | None = None,
    data_support: bool = True,
) -> types.InitializeResult:
    params = types.InitializeParams(
        capabilities=capabilities(encodings, data_support),
        root_uri=root.as_uri(),
        workspace_folders=None,
    )
    return await client.initialize_session(params)


async def published(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri` (for its `version`, if given)."""
    while True:
        # a bound so that a broken server fails the test instead of hanging it
        params = await asyncio.wait_for(client.wait_for_notification(PUBLISH), 120)
        if params.uri == uri and (version is None or params.version == version):
            return list(params.diagnostics)


async def open_document(
    client: LanguageClient, uri: str, text: str, language: str = "plaintext"
) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, uri, 1))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return await waiting


async def change_document(
    client: LanguageClient, uri: str, version: int, text: str
) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, uri, version))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await waiting


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            str(d.code),
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    ]


def span(line: int, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=end),
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """`text` with LSP edits (UTF-16 positions, lines split at \\n, \\r\\n and \\r)."""
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line, units = lines[position.line], 0
        for index, character in enumerate(line):
            if units >= position.character:
                return starts[position.line] + index
            units += len(character.encode("utf-16-le")) // 2
        return starts[position.line] + len(line)

    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    for edit in reversed(ordered):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def code_actions(
    client: LanguageClient,
    uri: str,
    diagnostics: list[types.Diagnostic],
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range if diagnostics else span(0, 0, 0),
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


# ---- start-up


async def test_initialize_advertises_what_the_server_does(client: LanguageClient, tmp_path):
    result = await start(client, tmp_path)
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "txtlint"
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert (sync.open_close, sync.change) == (True, types.TextDocumentSyncKind.Full)
    assert sync.save in (True, types.SaveOptions(include_text=False))
    assert capabilities.hover_provider is True
    assert capabilities.code_action_provider == types.CodeActionOptions(
        code_action_kinds=(types.CodeActionKind.QuickFix, "source.fixAll.txtlint"),
        resolve_provider=False,
    )


async def test_configuration_files_are_watched(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    # the registration request follows `initialized`; an opened document's diagnostics
    # come after it
    await open_document(client, (tmp_path / "a.txt").as_uri(), "Fine text.\n")
    globs = ("**/.txtlint.yaml", "**/txtlint.yaml", "**/pyproject.toml")
    assert client.registrations == [  # type: ignore[attr-defined]
        types.Registration(
            id="txtlint-configuration-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options={"watchers": [{"globPattern": glob} for glob in globs]},
        )
    ]


# ---- diagnostics


async def test_an_opened_buffer_gets_exact_diagnostics(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = await open_document(client, uri, "Beware the three highs and the整车 price.\n")
    calque_fix = [[11, 22, "high blood pressure, high blood sugar and high cholesterol"]]
    assert diagnostics == [
        types.Diagnostic(
            range=span(0, 11, 22),
            severity=WARNING,
            code=CALQUE,
            source="txtlint",
            message=CALQUE_MESSAGE,
            data={"version": 1, "fix": {"applicability": "unsafe", "edits": calque_fix}},
        ),
        types.Diagnostic(
            range=span(0, 30, 32),
            severity=WARNING,
            code=CJK,
            source="txtlint",
            message=CJK_MESSAGE,
            data={
                "version": 1,
                "fix": {"applicability": "unsafe", "edits": [[30, 32, " complete vehicle"]]},
            },
        ),
    ]


async def test_the_buffer_is_linted_not_the_file_on_disk(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    path = tmp_path / "notes.txt"
    path.write_text("Beware the three highs.\n", encoding="utf-8")
    diagnostics = await open_document(client, path.as_uri(), "All is well here.\n")
    assert diagnostics == []


@pytest.mark.parametrize(
    ("encoding", "first", "second", "last"),
    [
        (types.PositionEncodingKind.Utf16, 11, 12, 13),  # 😀 is two UTF-16 units
        (types.PositionEncodingKind.Utf8, 14, 17, 20),  # é two bytes, 😀 four, 整车 six
        (types.PositionEncodingKind.Utf32, 10, 11, 12),  # code points
    ],
)
async def test_columns_are_counted_in_the_negotiated_encoding(
    client: LanguageClient, tmp_path, encoding, first, second, last
):
    result = await start(client, tmp_path, [encoding])
    assert result.capabilities.position_encoding == encoding
    uri = (tmp_path / "notes.txt").as_uri()
    text = "First line.\nCafé 😀 the整车 price.\n"
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [(CJK, 1, first, 1, last)]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=second),  # at 车
        )
    )
    assert hover is not None and hover.range == span(1, first, last)
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    assert edits_of(actions[0], uri) == [
        types.TextEdit(range=span(1, first, last), new_text=" complete vehicle")
    ]


async def test_utf8_is_taken_when_the_client_prefers_it(client: LanguageClient, tmp_path):
    offered = [types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    result = await start(client, tmp_path, offered)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8


def send_change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def test_a_change_is_linted_and_a_close_clears(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    assert summary(await open_document(client, uri, "All is well.\n")) == []
    first = asyncio.ensure_future(client.wait_for_notification(PUBLISH))
    send_change(client, uri, 2, "the the\n")
    latest = "All is well.\nBeware the three highs.\n"
    send_change(client, uri, 3, latest)
    # changes in a burst are checked once, as the last of them
    publication = await asyncio.wait_for(first, 120)
    assert (publication.uri, publication.version) == (uri, 3)
    assert summary(list(publication.diagnostics)) == [(CALQUE, 1, 11, 1, 22)]
    waiting = asyncio.ensure_future(published(client, uri))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await waiting == []


async def test_related_locations_and_rule_links(client: LanguageClient, tmp_path):
    (tmp_path / "house.yaml").write_text(
        textwrap.dedent(
            """\
            module: house
            description: House style.
            category: style
            link: https://example.invalid/house
            rules:
              - id: car
                kind: pattern
                message: 'No "{match}".'
                pattern: '\\bcar\\b'
                examples:
                  bad: [A car.]
                  good: [A bus.]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / ".txtlint.yaml").write_text(
        "rules: [house.yaml]\nselect: [house, units]\n", encoding="utf-8"
    )
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    text = "A car costs 5 RMB.\nA bus costs ¥ 6.\n"
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [
        ("house.car", 0, 2, 0, 5),
        ("units.currency-notation", 1, 12, 1, 13),
    ]
    assert diagnostics[0].code_description == types.CodeDescription(
        href="https://example.invalid/house"
    )
    assert list(diagnostics[1].related_information or []) == [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=span(0, 14, 17)),
            message='"RMB" first used here',
        )
    ]


# ---- code actions


async def test_a_quick_fix_applies_the_findings_edits(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = await open_document(client, uri, FIXABLE)
    assert summary(diagnostics) == [
        (MOJIBAKE, 0, 8, 0, 11),
        (REPEATED, 0, 20, 0, 27),
        (INVISIBLE, 1, 14, 1, 15),
        (CALQUE, 2, 13, 2, 24),
    ]
    mojibake = diagnostics[0]
    actions = await code_actions(client, uri, [mojibake], only=[types.CodeActionKind.QuickFix])
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ('Fix: replace "â€™" with "’"', types.CodeActionKind.QuickFix, True),
        (f"Disable {MOJIBAKE} for this line", types.CodeActionKind.QuickFix, None),
    ]
    assert list(actions[0].diagnostics or []) == [mojibake]
    fixed = apply(FIXABLE, edits_of(actions[0], uri))
    assert fixed == FIXABLE.replace("â€™", "’")
    assert summary(await change_document(client, uri, 2, fixed)) == [
        (REPEATED, 0, 18, 0, 25),
        (INVISIBLE, 1, 14, 1, 15),
        (CALQUE, 2, 13, 2, 24),
    ]


async def test_an_unsafe_fix_is_offered_and_labelled(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = await open_document(client, uri, FIXABLE)
    actions = await code_actions(client, uri, [diagnostics[3]])
    replacement = "high blood pressure, high blood sugar and high cholesterol"
    assert [(a.title, a.is_preferred) for a in actions] == [
        (f'Fix: replace "three highs" with "{replacement}" (unsafe)', False),
        (f"Disable {CALQUE} for this line", None),
        ("Fix all safe txtlint findings", None),
    ]
    assert edits_of(actions[0], uri) == [
        types.TextEdit(range=span(2, 13, 24), new_text=replacement)
    ]


async def test_fix_all_gives_what_check_fix_gives(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    await open_document(client, uri, FIXABLE)
    actions = await code_actions(client, uri, [], only=[types.CodeActionKind.SourceFixAll])
    assert [(a.title, a.kind) for a in actions] == [
        ("Fix all safe txtlint findings", "source.fixAll.txtlint")
    ]
    edits = edits_of(actions[0], uri)
    # one edit, of the part that changes
    assert edits == [
        types.TextEdit(
            range=span_lines(0, 8, 1, 15), new_text="’hello to the team.\nThe price is 5"
        )
    ]
    assert apply(FIXABLE, edits) == FIXED
    assert check_fix(tmp_path, FIXABLE.encode()) == FIXED.encode()


def check_fix(folder: Path, data: bytes) -> bytes:
    """What `txtlint check --fix` writes for a file of `data`."""
    path = folder / "same.txt"
    path.write_bytes(data)
    subprocess.run(
        [sys.executable, "-m", "lint", "check", "--fix", str(path)],
        capture_output=True,
        check=False,
    )
    return path.read_bytes()


async def test_fix_all_keeps_crlf_as_check_fix_does(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    text = FIXABLE.replace("\n", "\r\n")
    await open_document(client, uri, text)
    actions = await code_actions(client, uri, [], only=[types.CodeActionKind.SourceFixAll])
    fixed = apply(text, edits_of(actions[0], uri))
    assert fixed.encode() == check_fix(tmp_path, text.encode())
    assert fixed == FIXED.replace("\n", "\r\n")


def span_lines(line: int, start: int, end_line: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=end_line, character=end),
    )


async def test_nothing_to_fix_offers_no_fix_all(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    await open_document(client, uri, "Beware the three highs.\n")
    assert await code_actions(client, uri, [], only=[types.CodeActionKind.SourceFixAll]) == []


async def test_disable_for_this_line_keeps_the_indentation(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = await open_document(client, uri, FIXABLE)
    actions = await code_actions(client, uri, [diagnostics[3]], only=["quickfix"])
    disable = actions[1]
    assert edits_of(disable, uri) == [
        types.TextEdit(range=span(2, 0, 0), new_text=f"  # txtlint-disable-next-line {CALQUE}\n")
    ]
    disabled = apply(FIXABLE, edits_of(disable, uri))
    assert summary(await change_document(client, uri, 2, disabled)) == [
        (MOJIBAKE, 0, 8, 0, 11),
        (REPEATED, 0, 20, 0, 27),
        (INVISIBLE, 1, 14, 1, 15),
    ]


async def test_a_stale_diagnostic_offers_no_fix(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = await open_document(client, uri, FIXABLE)
    await change_document(client, uri, 2, "Nothing.\n" + FIXABLE)
    actions = await code_actions(client, uri, [diagnostics[0]], only=["quickfix"])
    assert actions == []


async def test_markdown_inline_code_and_html_comment_directive(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "guide.md").as_uri()
    text = "# Prices\n\nUse `the整车` in code, but the整车 price is here.\n"
    diagnostics = await open_document(client, uri, text, "markdown")
    assert summary(diagnostics) == [(CJK, 2, 28, 2, 30)]
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    disable = actions[1]
    assert disable.title == f"Disable {CJK} for this line"
    assert edits_of(disable, uri) == [
        types.TextEdit(range=span(2, 0, 0), new_text=f"<!-- txtlint-disable-next-line {CJK} -->\n")
    ]
    assert await change_document(client, uri, 2, apply(text, edits_of(disable, uri))) == []


async def test_an_untitled_buffer_is_read_as_its_language(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    text = "Use `the整车` in code, but the整车 price is here.\n"
    diagnostics = await open_document(client, "untitled:Untitled-1", text, "markdown")
    assert summary(diagnostics) == [(CJK, 0, 28, 0, 30)]
    plain = await open_document(client, "untitled:Untitled-2", text, "plaintext")
    assert summary(plain) == [(CJK, 0, 28, 0, 30)]  # inline code is left out in plain text too


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po_messages(text: str) -> list[tuple[str | None, str, tuple[str, ...], bool]]:
    return [
        (entry.context, entry.msgid.text, tuple(s.text for s in entry.msgstrs), entry.fuzzy)
        for entry in po_entries(text)
    ]


@pytest.mark.parametrize(
    ("text", "line", "disabled"),
    [
        (  # an entry in the middle: enabled again above the next entry
            PO_HEADER
            + '#: app.c:1\nmsgid "Hello"\nmsgstr "He said â€™hello."\n\n'
            + 'msgid "Bye"\nmsgstr "Bye."\n',
            6,
            PO_HEADER + f"# txtlint-disable {MOJIBAKE}\n"
            '#: app.c:1\nmsgid "Hello"\nmsgstr "He said â€™hello."\n\n'
            f'# txtlint-enable {MOJIBAKE}\nmsgid "Bye"\nmsgstr "Bye."\n',
        ),
        (  # the last entry, without a final line break: enabled again after it
            PO_HEADER + 'msgctxt "menu"\nmsgid "Hello"\nmsgstr "He said â€™hello."',
            6,
            PO_HEADER + f"# txtlint-disable {MOJIBAKE}\n"
            'msgctxt "menu"\nmsgid "Hello"\nmsgstr "He said â€™hello."\n'
            f"# txtlint-enable {MOJIBAKE}",
        ),
    ],
)
async def test_po_offers_to_disable_a_rule_for_the_entry(
    client: LanguageClient, tmp_path, text, line, disabled
):
    await start(client, tmp_path)
    uri = (tmp_path / "app.po").as_uri()
    diagnostics = await open_document(client, uri, text, "po")
    assert summary(diagnostics) == [(MOJIBAKE, line, 16, line, 19)]
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    assert [a.title for a in actions] == [
        'Fix: replace "â€™" with "’"',
        f"Disable {MOJIBAKE} for this entry",
    ]
    result = apply(text, edits_of(actions[1], uri))
    assert result == disabled
    assert po_messages(result) == po_messages(text)
    # suppressed, and the directives are not reported unused
    assert await change_document(client, uri, 2, result) == []


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("film.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHe said â€™hello.\n", 3, 8),
        ("film.srt", "1\n00:00:01,000 --> 00:00:04,000\nHe said â€™hello.\n", 2, 8),
        ("guide.rst", "Title\n=====\n\nHe said â€™hello.\n", 3, 8),
    ],
)
async def test_no_directive_where_a_comment_cannot_go(
    client: LanguageClient, tmp_path, name, text, line, column
):
    await start(client, tmp_path)
    uri = (tmp_path / name).as_uri()
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [(MOJIBAKE, line, column, line, column + 3)]
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    assert [a.title for a in actions] == ['Fix: replace "â€™" with "’"']


# ---- hover


async def test_hover_explains_the_rule_and_nothing_elsewhere(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    await open_document(client, uri, "Beware the three highs.\n")

    async def hover_at(character: int) -> types.Hover | None:
        return await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=character),
            )
        )

    rule = next(rule for rule in builtin_rules() if rule.id == CALQUE)
    hover = await hover_at(15)
    assert hover == types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value=f"**txtlint** `{CALQUE}`: {CALQUE_MESSAGE}\n\n```text\n{explanation(rule)}\n```",
        ),
        range=span(0, 11, 22),
    )
    assert await hover_at(3) is None
    assert await hover_at(22) is None


# ---- configuration


async def test_a_changed_configuration_is_read_again(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    text = "He said â€™hello to the the team.\n"
    assert summary(await open_document(client, uri, text)) == [
        (MOJIBAKE, 0, 8, 0, 11),
        (REPEATED, 0, 20, 0, 27),
    ]
    config = tmp_path / ".txtlint.yaml"
    config.write_text(f"ignore: [{REPEATED}]\n", encoding="utf-8")
    waiting = asyncio.ensure_future(published(client, uri))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert summary(await waiting) == [(MOJIBAKE, 0, 8, 0, 11)]
    config.write_text(f"ignore: [{MOJIBAKE}]\n", encoding="utf-8")
    waiting = asyncio.ensure_future(published(client, uri))
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(config.as_uri()))
    )
    assert summary(await waiting) == [(REPEATED, 0, 20, 0, 27)]


async def test_a_bad_configuration_is_shown_once(client: LanguageClient, tmp_path):
    config = tmp_path / ".txtlint.yaml"
    config.write_text("nonsense: 1\n", encoding="utf-8")
    await start(client, tmp_path)
    first = (tmp_path / "a.txt").as_uri()
    assert await open_document(client, first, "the the\n") == []
    assert await open_document(client, (tmp_path / "b.txt").as_uri(), "the the\n") == []
    known = (
        "select, extend-select, ignore, severity, fail-on, rules, exclude, force-exclude, "
        "respect-gitignore, per-file-ignores, language, allow, cjk-share, prefer, format-for"
    )
    assert client.messages == [
        types.ShowMessageParams(
            type=types.MessageType.Error,
            message=f"txtlint: {config}:1: unknown key 'nonsense' (known: {known})",
        )
    ]


async def test_an_excluded_file_gets_no_diagnostics(client: LanguageClient, tmp_path):
    (tmp_path / ".txtlint.yaml").write_text("exclude: ['draft*']\n", encoding="utf-8")
    await start(client, tmp_path)
    assert await open_document(client, (tmp_path / "draft.txt").as_uri(), "the the\n") == []
    kept = await open_document(client, (tmp_path / "final.txt").as_uri(), "the the\n")
    assert summary(kept) == [(REPEATED, 0, 0, 0, 7)]


async def test_a_rule_that_runs_too_long_is_logged(client: LanguageClient, tmp_path):
    (tmp_path / "slow.yaml").write_text(
        textwrap.dedent(
            """\
            module: slow
            description: A pattern that backtracks without end.
            category: style
            rules:
              - id: loop
                kind: pattern
                message: '{match}'
                pattern: '(?:a|a)+$'
                examples:
                  bad: [a]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / ".txtlint.yaml").write_text("rules: [slow.yaml]\n", encoding="utf-8")
    await start(client, tmp_path)
    path = tmp_path / "notes.txt"
    text = "the the " + "a" * 40 + "!\n"
    diagnostics = await open_document(client, path.as_uri(), text)
    assert summary(diagnostics) == [(REPEATED, 0, 0, 0, 7)]
    # checked again, stopped again: told once
    changed = await change_document(client, path.as_uri(), 2, "Now " + text)
    assert summary(changed) == [(REPEATED, 0, 4, 0, 11)]
    logged = [m for m in client.log_messages if m.message.startswith("txtlint:")]
    assert logged == [
        types.LogMessageParams(
            type=types.MessageType.Warning,
            message=(
                f"txtlint: {path}: rule 'slow.loop' ({tmp_path / 'slow.yaml'}:5) ran too long "
                "on this file and was stopped: its regular expression may backtrack without end"
            ),
        )
    ]


# ---- URIs, placement of directives, odd buffers


def without_data(diagnostic: types.Diagnostic) -> types.Diagnostic:
    return types.Diagnostic(
        range=diagnostic.range,
        severity=diagnostic.severity,
        code=diagnostic.code,
        source=diagnostic.source,
        message=diagnostic.message,
    )


async def hover_at(
    client: LanguageClient, uri: str, line: int, character: int
) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )


async def test_a_percent_encoded_uri_is_answered_as_the_client_spells_it(
    client: LanguageClient, tmp_path
):
    await start(client, tmp_path)
    uri = (tmp_path / "my 笔记.txt").as_uri()
    assert uri.endswith("/my%20%E7%AC%94%E8%AE%B0.txt")
    text = "He said â€™hello to the the team.\n"
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [(MOJIBAKE, 0, 8, 0, 11), (REPEATED, 0, 20, 0, 27)]
    hover = await hover_at(client, uri, 0, 9)
    assert hover is not None and hover.range == span(0, 8, 11)
    actions = await code_actions(client, uri, diagnostics[:1], only=["quickfix"])
    assert [a.title for a in actions] == [
        'Fix: replace "â€™" with "’"',
        f"Disable {MOJIBAKE} for this line",
    ]
    config = tmp_path / ".txtlint.yaml"
    config.write_text(f"ignore: [{REPEATED}]\n", encoding="utf-8")
    waiting = asyncio.ensure_future(published(client, uri))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert summary(await waiting) == [(MOJIBAKE, 0, 8, 0, 11)]
    waiting = asyncio.ensure_future(published(client, uri))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await waiting == []
    publications = client.publications  # type: ignore[attr-defined]
    assert {publication.uri for publication in publications} == {uri}


@pytest.mark.parametrize(
    ("name", "directive", "extended"),
    [
        (
            "notes.txt",
            f"# txtlint-disable-next-line {REPEATED}",
            f"# txtlint-disable-next-line {REPEATED}, {CALQUE}",
        ),
        (
            "guide.md",
            f"<!-- txtlint-disable-next-line {REPEATED} -->",
            f"<!-- txtlint-disable-next-line {REPEATED}, {CALQUE} -->",
        ),
    ],
)
async def test_a_directive_above_the_line_takes_the_rule(
    client: LanguageClient, tmp_path, name, directive, extended
):
    await start(client, tmp_path)
    uri = (tmp_path / name).as_uri()
    text = f"Intro.\n\n{directive}\nBeware the three highs and the the team.\n"
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [(CALQUE, 3, 11, 3, 22)]
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    assert actions[1].title == f"Disable {CALQUE} for this line"
    disabled = apply(text, edits_of(actions[1], uri))
    assert disabled == f"Intro.\n\n{extended}\nBeware the three highs and the the team.\n"
    assert await change_document(client, uri, 2, disabled) == []


CJK_DIRECTIVE = f"<!-- txtlint-disable-next-line {CJK} -->"
XLIFF_HEAD = (
    '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh" '
    'target-language="en" datatype="plaintext"><body>\n'
)


@pytest.mark.parametrize(
    ("name", "text", "line", "inserted"),
    [
        ("list.md", "- First item\n  the整车 price\n", 1, None),
        ("table.md", "| a | b |\n|---|---|\n| the整车 | x |\n", 2, None),
        ("paragraph.md", "First line\nthe整车 price.\n", 1, None),
        ("quote.md", "> First\n> the整车 price.\n", 1, None),
        ("item.md", "Intro.\n\n- the整车 price\n", 2, f"{CJK_DIRECTIVE}\n"),
        ("ordered.md", "Intro.\n\n1. the整车 price\n", 2, f"{CJK_DIRECTIVE}\n"),
        ("loose-list.md", "- First item\n\n- the整车 price\n", 2, None),
        ("loose-item-text.md", "1. First item\n\n   the整车 price\n", 2, None),
        ("lazy-line.md", "- First item\nlazy line\n\n- the整车 price\n", 3, None),
        ("heading.md", "Intro line\n# the整车 price\n", 1, f"{CJK_DIRECTIVE}\n"),
        ("attribute.html", '<p title="Hello\nthe整车 price">x</p>\n', 1, None),
        ("tag-in-attribute.html", '<img alt="Hello\n<b>the整车</b> price">\n', 1, None),
        (
            "title.html",
            "<html><head><title>Prices\n<b>the整车</b></title></head></html>\n",
            1,
            None,
        ),
        ("list.html", "<ul>\n  <li>the整车 price</li>\n</ul>\n", 1, f"  {CJK_DIRECTIVE}\n"),
        (
            "multi-line.xlf",
            XLIFF_HEAD + '<trans-unit id="1">\n<source>整车</source>\n'
            '<target>First line\n<g id="1">the整车</g> price</target>\n'
            "</trans-unit>\n</body></file></xliff>\n",
            5,
            None,
        ),
        (
            "one-line.xlf",
            XLIFF_HEAD + '<trans-unit id="1">\n  <source>整车</source>\n'
            "  <target>the整车 price</target>\n</trans-unit>\n</body></file></xliff>\n",
            4,
            f"  {CJK_DIRECTIVE}\n",
        ),
    ],
)
async def test_a_directive_goes_only_where_it_keeps_the_structure(
    client: LanguageClient, tmp_path, name, text, line, inserted
):
    await start(client, tmp_path)
    uri = (tmp_path / name).as_uri()
    diagnostics = [d for d in await open_document(client, uri, text) if d.code == CJK]
    assert [d.range.start.line for d in diagnostics] == [line]
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    disable = [a for a in actions if a.title == f"Disable {CJK} for this line"]
    if inserted is None:
        assert disable == []
    else:
        assert [edits_of(a, uri) for a in disable] == [
            [types.TextEdit(range=span(line, 0, 0), new_text=inserted)]
        ]


async def test_a_directive_on_the_last_line_uses_the_texts_line_break(
    client: LanguageClient, tmp_path
):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    text = "Fine.\r\nBeware the three highs."
    diagnostics = await open_document(client, uri, text)
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    assert edits_of(actions[1], uri) == [
        types.TextEdit(range=span(1, 0, 0), new_text=f"# txtlint-disable-next-line {CALQUE}\r\n")
    ]


async def test_a_byte_order_mark_is_not_linted_and_kept(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    text = "\ufeff" + FIXABLE
    diagnostics = await open_document(client, uri, text)
    assert summary(diagnostics) == [
        (MOJIBAKE, 0, 9, 0, 12),
        (REPEATED, 0, 21, 0, 28),
        (INVISIBLE, 1, 14, 1, 15),
        (CALQUE, 2, 13, 2, 24),
    ]
    fixes = await code_actions(client, uri, diagnostics[:1], only=["quickfix"])
    assert edits_of(fixes[0], uri) == [types.TextEdit(range=span(0, 9, 12), new_text="’")]
    actions = await code_actions(client, uri, [], only=[types.CodeActionKind.SourceFixAll])
    fixed = apply(text, edits_of(actions[0], uri))
    assert fixed == "\ufeff" + FIXED
    assert fixed.encode() == check_fix(tmp_path, text.encode())


@pytest.mark.parametrize(
    ("name", "text", "disabled"),
    [
        (
            "bom.txt",
            "\ufeffthe the cat\n",
            f"\ufeff# txtlint-disable-next-line {REPEATED}\nthe the cat\n",
        ),
        (
            "bom.md",
            "\ufeff# the the heading\n",
            f"\ufeff<!-- txtlint-disable-next-line {REPEATED} -->\n# the the heading\n",
        ),
        (
            "bom-directive.txt",
            f"\ufeff# txtlint-disable-next-line {MOJIBAKE}\nthe the cat\n",
            f"\ufeff# txtlint-disable-next-line {MOJIBAKE}, {REPEATED}\nthe the cat\n",
        ),
        (
            "bom.po",
            '\ufeffmsgid "x"\nmsgstr "the the"\n',
            f'\ufeff# txtlint-disable {REPEATED}\nmsgid "x"\nmsgstr "the the"\n'
            f"# txtlint-enable {REPEATED}\n",
        ),
    ],
)
async def test_a_directive_on_the_first_line_goes_after_the_byte_order_mark(
    client: LanguageClient, tmp_path, name, text, disabled
):
    await start(client, tmp_path)
    uri = (tmp_path / name).as_uri()
    diagnostics = [d for d in await open_document(client, uri, text) if d.code == REPEATED]
    assert len(diagnostics) == 1
    actions = await code_actions(client, uri, diagnostics, only=["quickfix"])
    (disable,) = [a for a in actions if a.title.startswith(f"Disable {REPEATED} for this")]
    assert apply(text, edits_of(disable, uri)) == disabled
    (tmp_path / name).write_text(disabled, encoding="utf-8")
    assert run_cli("--format", "concise", "--exit-zero", str(tmp_path / name)).out == ""


async def test_a_name_with_a_percent_sign_is_its_own_buffer(client: LanguageClient, tmp_path):
    """`sales%2024.txt` is `sales%252024.txt` in a URI; decoding it twice would name
    another file (`sales 24.txt`), whose text on disk must not be linted instead."""
    (tmp_path / "sales 24.txt").write_text("the the\n", encoding="utf-8")
    await start(client, tmp_path)
    uri = (tmp_path / "sales%2024.txt").as_uri()
    assert uri.endswith("/sales%252024.txt")
    diagnostics = await open_document(client, uri, "He said â€™hello.\n")
    assert summary(diagnostics) == [(MOJIBAKE, 0, 8, 0, 11)]


async def test_a_buffer_with_a_nul_is_skipped_as_binary(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    path = tmp_path / "notes.txt"
    assert await open_document(client, path.as_uri(), "the the\x00\n") == []
    assert await change_document(client, path.as_uri(), 2, "the the the\x00\n") == []
    logged = [m for m in client.log_messages if m.message.startswith("txtlint:")]
    assert logged == [
        types.LogMessageParams(
            type=types.MessageType.Info, message=f"txtlint: {path}: skipped: binary file"
        )
    ]


async def test_a_client_without_diagnostic_data_gets_the_actions(client: LanguageClient, tmp_path):
    await start(client, tmp_path, data_support=False)
    uri = (tmp_path / "notes.txt").as_uri()
    diagnostics = [without_data(d) for d in await open_document(client, uri, FIXABLE)]
    actions = await code_actions(client, uri, diagnostics[:1], only=["quickfix"])
    assert [a.title for a in actions] == [
        'Fix: replace "â€™" with "’"',
        f"Disable {MOJIBAKE} for this line",
    ]
    assert edits_of(actions[0], uri) == [types.TextEdit(range=span(0, 8, 11), new_text="’")]
    elsewhere = types.Diagnostic(
        range=span(0, 9, 11), code=MOJIBAKE, source="txtlint", message="moved"
    )
    assert await code_actions(client, uri, [elsewhere], only=["quickfix"]) == []


async def test_a_hover_while_typing_waits_for_the_check(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    await open_document(client, uri, "Beware the three highs.\n")
    waiting = asyncio.ensure_future(published(client, uri, 2))
    send_change(client, uri, 2, "Beware the three highs!\n")
    # the change is not checked yet: no hover rather than a check for it
    assert await hover_at(client, uri, 0, 15) is None
    await waiting
    hover = await hover_at(client, uri, 0, 15)
    assert hover is not None and hover.range == span(0, 11, 22)


async def test_a_close_during_a_pending_check_only_clears(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    closed, other = (tmp_path / "a.txt").as_uri(), (tmp_path / "b.txt").as_uri()
    await open_document(client, closed, "Fine.\n")
    await open_document(client, other, "Fine.\n")
    publications = client.publications  # type: ignore[attr-defined]
    before = len(publications)
    send_change(client, closed, 2, "the the\n")
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=closed))
    )
    # a later debounced check: by then the closed buffer's would have come
    send_change(client, other, 2, "Still fine.\n")
    await published(client, other, 2)
    assert [(p.version, list(p.diagnostics)) for p in publications[before:] if p.uri == closed] == [
        (None, [])
    ]


async def test_a_refused_format_is_shown_once(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    path = tmp_path / "app.xlf"
    text = '<!DOCTYPE xliff [<!ENTITY a "b">]>\n<xliff version="1.2"></xliff>\n'
    assert await open_document(client, path.as_uri(), text) == []
    assert await change_document(client, path.as_uri(), 2, text + "\n") == []
    message = (
        f"txtlint: {path}: not checked: line 1: DOCTYPE with an internal subset (entity "
        "declarations): txtlint does not expand them, and XLIFF needs none"
    )
    assert client.messages == [
        types.ShowMessageParams(type=types.MessageType.Warning, message=message)
    ]
    logged = [m for m in client.log_messages if m.message.startswith("txtlint:")]
    assert logged == [types.LogMessageParams(type=types.MessageType.Warning, message=message)]


async def test_a_fixed_configuration_brings_diagnostics_back(client: LanguageClient, tmp_path):
    config = tmp_path / ".txtlint.yaml"
    config.write_text("nonsense: 1\n", encoding="utf-8")
    await start(client, tmp_path)
    uri = (tmp_path / "notes.txt").as_uri()
    assert await open_document(client, uri, "the the\n") == []
    config.write_text(f"ignore: [{MOJIBAKE}]\n", encoding="utf-8")
    waiting = asyncio.ensure_future(published(client, uri))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert summary(await waiting) == [(REPEATED, 0, 0, 0, 7)]
