"""Throughput by file format: a large PO file and a tree of Markdown files against plain
text of the same prose, all in one run.

    python bench/formats.py [--size-mb 2] [--passes 3] [--json]

The prose is the clean corpus (bench/corpus.py). The PO file puts each paragraph in
a msgstr (the msgid is a short Chinese placeholder) with `Language: en`; the Markdown
tree spreads the paragraphs over 200 files with headings, lists, inline code and a
fenced code block every few paragraphs; the plain file is the paragraphs alone. MB/s
counts the bytes of each input, so the markup the formats add counts too (a PO file is
bigger than its prose); "prose MB/s" counts only the paragraphs. Every input is
checked with all built-in rules by `lint.check_files`, best of --passes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus

MARKDOWN_FILES = 200


def _paragraphs(size_mb: float) -> list[str]:
    text = corpus.build_clean(int(size_mb * corpus.MB))
    return [p for p in text.split("\n\n") if p.strip()]


def _po(paragraphs: list[str]) -> str:
    header = '"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    parts = ['msgid ""\nmsgstr ""\n' + header]
    for number, paragraph in enumerate(paragraphs):
        escaped = paragraph.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
        parts.append(f'#: src/help.c:{number}\nmsgid "段落 {number}"\nmsgstr "{escaped}"\n')
    return "\n".join(parts)


def _markdown(paragraphs: list[str], files: int) -> list[str]:
    pages: list[list[str]] = [[] for _ in range(files)]
    for number, paragraph in enumerate(paragraphs):
        page = pages[number % files]
        if number % 7 == 0:
            page.append(f"## Section {number}\n")
        if number % 5 == 0:
            page.append("```python\nprint('the the code is not prose')\n```\n")
        if number % 3 == 0:
            page.append(f"- {paragraph}\n")
        else:
            page.append(f"{paragraph} See `option_{number}`.\n")
    return ["\n".join(page) for page in pages]


def _best(paths: list[str], passes: int) -> float:
    import lint

    rules = lint.load_rules()
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for result in lint.check_files(paths, rules=rules):
            assert not result.errors, result.errors
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    paragraphs = _paragraphs(args.size_mb)
    prose_mb = len("\n\n".join(paragraphs).encode("utf-8")) / corpus.MB
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plain = root / "plain.txt"
        plain.write_text("\n\n".join(paragraphs), encoding="utf-8")
        po = root / "help.po"
        po.write_text(_po(paragraphs), encoding="utf-8")
        tree = root / "docs"
        tree.mkdir()
        for number, page in enumerate(_markdown(paragraphs, MARKDOWN_FILES)):
            (tree / f"page-{number:03}.md").write_text(page, encoding="utf-8")
        inputs = {
            "plain text, one file": ([str(plain)], plain.stat().st_size),
            "PO, one file": ([str(po)], po.stat().st_size),
            f"Markdown, {MARKDOWN_FILES} files": (
                [str(tree)],
                sum(p.stat().st_size for p in tree.iterdir()),
            ),
        }
        _best([str(plain)], 1)  # load the rules and compile what the prose needs
        baseline = None
        for name, (paths, size) in inputs.items():
            seconds = _best(paths, args.passes)
            baseline = baseline or seconds
            rows.append(
                {
                    "input": name,
                    "mb": round(size / corpus.MB, 2),
                    "seconds": round(seconds, 2),
                    "mb_per_s": round(size / corpus.MB / seconds, 2),
                    "prose_mb_per_s": round(prose_mb / seconds, 2),
                    "time_vs_plain": round(seconds / baseline, 2),
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"prose: {prose_mb:.2f} MB in {len(paragraphs)} paragraphs, all built-in rules")
    print(f"{'input':<24} {'MB':>6} {'s':>7} {'MB/s':>7} {'prose MB/s':>11} {'time vs plain':>14}")
    for row in rows:
        print(
            f"{row['input']:<24} {row['mb']:>6} {row['seconds']:>7} {row['mb_per_s']:>7} "
            f"{row['prose_mb_per_s']:>11} {row['time_vs_plain']:>13}x"
        )


if __name__ == "__main__":
    main()
