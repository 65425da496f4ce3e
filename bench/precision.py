"""Precision: findings of txtlint's rules on clean, professionally written English.

The corpus is documentation prose that Debian packages ship: the Python documentation
sources (python3-doc), the Debian Administrator's Handbook (debian-handbook) and the
Debian Reference (debian-reference-en), plus the prose that ships with Python itself
(bench/corpus.py). Install the packages with

    apt-get install python3-doc debian-handbook debian-reference-en

Code blocks, literal text and markup are dropped; what is left is English prose. Every
finding on it is a false alarm: the target is 0 findings per MB.

    python bench/precision.py [--select RULE_OR_MODULE ...] [--show N] [--json]
"""

from __future__ import annotations

import argparse
import collections
import html.parser
import itertools
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus

CACHE = corpus.OUT_DIR / "precision.txt"
PYTHON_SOURCES = Path("/usr/share/doc/python3.11/html/_sources")
HTML_BOOKS = (
    Path("/usr/share/doc/debian-handbook/html/en-US"),
    Path("/usr/share/doc/debian-reference-en/docs"),
)
_INLINE_CODE = {"code", "kbd", "samp", "tt"}
_SKIPPED_TAGS = {"pre", "code", "script", "style", "kbd", "samp", "tt", "head"}
_RST_NOISE = re.compile(r"^(?:\s|\.\.|>>>|[=\-~^*#+`:]{3,}\s*$)")
_TABLE_ROW = re.compile(r"\S\s{3,}\S")
_numbers = itertools.count()
_MARKUP = re.compile(r"``[^`]*``|:[a-z:]+:`[^`]*`|`[^`]*`_*|\*+|\|")


class _Prose(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED_TAGS:
            if tag in _INLINE_CODE and not self.skipping:
                self.parts.append(f" x{next(_numbers)} ")  # keeps `a` or `b` prose
            self.skipping += 1
        elif tag in ("p", "li", "dd", "dt", "td", "h1", "h2", "h3", "h4", "div", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in ("p", "li", "dd", "td"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_prose(path: Path) -> str:
    parser = _Prose()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if len(p.split()) >= 6)


def rst_prose(path: Path) -> str:
    paragraphs, current = [], []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or _RST_NOISE.match(line) or _TABLE_ROW.search(line):
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        # Inline code becomes a distinct placeholder word, so `a` or `b` stays prose.
        current.append(_MARKUP.sub(lambda _: f"x{next(_numbers)}", line.strip()))
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if len(p.split()) >= 6 and not p.endswith("::"))


def build() -> tuple[list[str], list[str]]:
    """The corpus documents (one per source file, as a user would check them) and the
    sources they came from."""
    pieces, sources = [], []
    if PYTHON_SOURCES.is_dir():
        files = sorted(PYTHON_SOURCES.rglob("*.rst.txt"))
        pieces += [rst_prose(p) for p in files]
        sources.append(f"python3-doc: {len(files)} reST sources")
    for book in HTML_BOOKS:
        if book.is_dir():
            files = sorted(book.glob("*.html"))
            pieces += [html_prose(p) for p in files]
            sources.append(f"{book}: {len(files)} HTML pages")
    pieces.append(corpus.build_clean(int(corpus.MB)))
    sources.append("bench/corpus.py: 1 MB of Python's own help topics and docstrings")
    return [piece for piece in pieces if piece], sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", action="append", default=[], help="rules or modules")
    parser.add_argument("--show", type=int, default=20, help="findings to print per rule")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import lint

    documents, sources = build()
    corpus.OUT_DIR.mkdir(parents=True, exist_ok=True)
    CACHE.write_text("\n\n".join(documents), encoding="utf-8")
    rules = lint.load_rules(selected=args.select)
    start = time.perf_counter()
    found = [(text, lint.check_text(text, "precision.txt", rules=rules)) for text in documents]
    seconds = time.perf_counter() - start
    findings = [(text, finding) for text, in_text in found for finding in in_text]
    mb = sum(len(text.encode("utf-8")) for text in documents) / corpus.MB
    by_rule = collections.Counter(f.rule for _, f in findings)
    result = {
        "corpus_mb": round(mb, 2),
        "sources": sources,
        "rules": len([r for r in rules if r.checker is not None]),
        "findings": len(findings),
        "findings_per_mb": round(len(findings) / mb, 3),
        "by_rule": dict(by_rule.most_common()),
        "mb_per_s": round(mb / seconds, 2),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"corpus: {mb:.2f} MB of clean English in {len(documents)} documents")
    print(f"  ({'; '.join(sources)})")
    print(f"rules: {result['rules']}; {mb / seconds:.2f} MB/s")
    print(f"findings: {len(findings)} ({result['findings_per_mb']} per MB)")
    shown: collections.Counter[str] = collections.Counter()
    for text, finding in findings:
        shown[finding.rule] += 1
        if shown[finding.rule] <= args.show:
            context = text[max(0, finding.start - 40) : finding.end + 40].replace("\n", " ")
            print(f"  {finding.rule}: {finding.text!r} in …{context}…")


if __name__ == "__main__":
    main()
