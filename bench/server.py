"""Language-server latency: how long an editor waits for diagnostics, against checking
the same buffer in-process, both measured in one run.

    python bench/server.py [--sizes-kb 10 100] [--edits 15] [--json]

For each size, a buffer of injected corpus prose (bench/corpus.py: one artifact about
every 2 KB) is opened in `txtlint server`, started over stdio and driven by pygls's own
client. Each edit appends a word and sends the whole text (full synchronisation), then:

- "typing": `didChange` alone, so the server waits out its debounce before checking;
- "saving": `didChange` followed at once by `didSave`, which checks without waiting.

The time runs from sending the notification to receiving the diagnostics of that
version (median over --edits). The baseline is `lint.api.lint_text` on the same texts in
this process, after the same warm-up (rules loaded, jieba's dictionary read), so the
ratio is what the protocol, the JSON and the position conversion add. Needs the `lsp`
extra (pygls).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from bench import corpus

ROOT = Path(__file__).resolve().parent.parent


def in_process(text: str, edits: int) -> float:
    """Median seconds of `lint_text` on the edited texts, after one warm-up check."""
    from lint.api import builtin_rules, lint_text
    from lint.model import DEFAULT_SETTINGS

    rules = builtin_rules()
    path = str(ROOT / "buffer.txt")
    lint_text(path, text, rules, DEFAULT_SETTINGS)
    times = []
    for number in range(edits):
        edited = f"{text} word{number}"
        started = time.perf_counter()
        lint_text(path, edited, rules, DEFAULT_SETTINGS)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Driver:
    """A pygls client that remembers when each (uri, version)'s diagnostics arrived."""

    def __init__(self) -> None:
        self.client = LanguageClient("txtlint-bench", "1")
        self.arrived: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            waiting = self.arrived.get((params.uri, params.version))
            if waiting is not None and not waiting.done():
                waiting.set_result(time.perf_counter())

    def expect(self, uri: str, version: int) -> asyncio.Future[float]:
        future = asyncio.get_running_loop().create_future()
        self.arrived[(uri, version)] = future
        return future

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "lint", "server", cwd=str(ROOT))
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    version_support=True
                ),
            )
        )
        await self.client.initialize_async(
            types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri())
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def open(self, uri: str, text: str) -> None:
        arrived = self.expect(uri, 1)
        item = types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        await asyncio.wait_for(arrived, 300)

    async def edit(self, uri: str, version: int, text: str, save: bool) -> float:
        arrived = self.expect(uri, version)
        started = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        if save:
            self.client.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
        return await asyncio.wait_for(arrived, 300) - started


async def through_server(texts: dict[int, str], edits: int) -> dict[int, dict[str, float]]:
    driver = Driver()
    await driver.start()
    results = {}
    try:
        for size, text in texts.items():
            uri = (ROOT / f"buffer-{size}.txt").as_uri()
            await driver.open(uri, text)
            version = 1
            latencies: dict[str, list[float]] = {"typing": [], "saving": []}
            for number in range(edits):
                for mode in latencies:
                    version += 1
                    edited = f"{text} word{number}{mode}"
                    latency = await driver.edit(uri, version, edited, mode == "saving")
                    latencies[mode].append(latency)
            results[size] = {mode: statistics.median(times) for mode, times in latencies.items()}
    finally:
        await driver.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-kb", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    from lint.server import DEBOUNCE_SECONDS

    texts = {size: corpus.build_injected(size * 1000) for size in options.sizes_kb}
    baseline = {size: in_process(text, options.edits) for size, text in texts.items()}
    served = asyncio.run(through_server(texts, options.edits))
    rows = []
    for size in options.sizes_kb:
        rows.append(
            {
                "size_kb": size,
                "in_process_ms": round(baseline[size] * 1000, 1),
                "saving_ms": round(served[size]["saving"] * 1000, 1),
                "typing_ms": round(served[size]["typing"] * 1000, 1),
                "saving_ratio": round(served[size]["saving"] / baseline[size], 2),
            }
        )
    if options.json:
        print(json.dumps({"debounce_s": DEBOUNCE_SECONDS, "rows": rows}, indent=2))
        return
    print(f"debounce: {DEBOUNCE_SECONDS * 1000:.0f} ms; median of {options.edits} edits\n")
    print(f"{'buffer':>8}  {'lint_text':>10}  {'didSave':>10}  {'ratio':>6}  {'didChange':>10}")
    for row in rows:
        print(
            f"{row['size_kb']:>5} KB  {row['in_process_ms']:>7.1f} ms  {row['saving_ms']:>7.1f} ms"
            f"  {row['saving_ratio']:>5.2f}x  {row['typing_ms']:>7.1f} ms"
        )


if __name__ == "__main__":
    main()
