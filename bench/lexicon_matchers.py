"""Why the `lexicon` kind compiles its phrases into a trie-shaped stdlib `re` pattern.

    python bench/lexicon_matchers.py [--size-mb 2] [--slow-mb 1] [--passes 5] [--json]

Scans clean prose for 1,000 English phrases (case-insensitive, whole words) in several
ways and reports MB/s and time relative to reading and decoding the same text. The two
big alternations are timed once on the first --slow-mb of the text; the others take the
best of --passes rounds over the whole corpus. Match counts are printed for that slice,
which every approach scans, and for the whole corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from lint.kinds import lexicon
from lint.scripts import word_boundary

try:
    from bench import corpus
except ImportError:  # run as `python bench/lexicon_matchers.py`
    import corpus  # type: ignore[no-redef]

OUT_DIR = corpus.OUT_DIR / "lexicon"
PRESENT_BIGRAMS = PRESENT_TRIGRAMS = 450
ABSENT = 100
_WORD_RUN = re.compile(r"[a-z]+(?:\s+[a-z]+)+")

Scan = Callable[[str], int]


@dataclass(frozen=True)
class Approach:
    key: str
    label: str
    count: Scan
    slow: bool = False


def _by_hash(items: set[str]) -> list[str]:
    return sorted(items, key=lambda s: hashlib.sha1(s.encode()).hexdigest())


def _ngrams(lowered: str, n: int) -> set[str]:
    """Distinct runs of n words of 3+ letters, with only white space between them."""
    found = set()
    for run in _WORD_RUN.findall(lowered):
        words = run.split()
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if all(len(w) >= 3 for w in gram):
                found.add(" ".join(gram))
    return found


def _absent(present: set[str], vocabulary: list[str], count: int) -> list[str]:
    """Pairs of words that are never next to each other in the text."""
    pairs = (f"{a} {b}" for a, b in zip(vocabulary, reversed(vocabulary), strict=True) if a != b)
    return [pair for pair in pairs if pair not in present][:count]


def phrases(text: str) -> list[str]:
    """1,000 lower-case phrases: 900 n-grams of the text, 100 pairs that are not in it."""
    lowered = text.lower()
    all_bigrams = _ngrams(lowered, 2)
    bigrams = _by_hash(all_bigrams)[:PRESENT_BIGRAMS]
    trigrams = _by_hash(_ngrams(lowered, 3))[:PRESENT_TRIGRAMS]
    vocabulary = _by_hash({w for w in re.findall(r"[a-z]{3,}", lowered)})
    return sorted(bigrams + trigrams + _absent(all_bigrams, vocabulary, ABSENT))


def _alternation(phrases: list[str]) -> str:
    # Longest first among shared prefixes (reverse order), as the trie does.
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, reverse=True))


def _whole(source: str) -> str:
    return rf"\b(?:{source})\b"


def _counter(pattern: re.Pattern[str] | regex.Pattern[str], lower: bool = False) -> Scan:
    def count(text: str) -> int:
        return sum(1 for _ in pattern.finditer(text.lower() if lower else text))

    return count


def _boundary_checked(pattern: re.Pattern[str]) -> Scan:
    """The shipped matching step: the trie on lower-cased text, boundaries in Python."""

    def count(text: str) -> int:
        total = 0
        for found in pattern.finditer(text.lower()):
            start, end = found.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if word_boundary(before, text[start]) and word_boundary(text[end - 1], after):
                total += 1
        return total

    return count


def approaches(phrases: list[str]) -> list[Approach]:
    alternation, trie = _alternation(phrases), lexicon.trie_regex(phrases)
    entries = [{"wrong": phrase, "right": "x"} for phrase in phrases]
    checker = lexicon.build({"entries": entries}, "msg {match}", None)
    return [
        Approach(
            "a",
            "big alternation, re, IGNORECASE, \\b",
            _counter(re.compile(_whole(alternation), re.IGNORECASE)),
            slow=True,
        ),
        Approach(
            "b",
            "big alternation, regex, IGNORECASE, \\b",
            _counter(regex.compile(_whole(alternation), regex.IGNORECASE)),
            slow=True,
        ),
        Approach(
            "c",
            "trie, regex, IGNORECASE, \\b",
            _counter(regex.compile(_whole(trie), regex.IGNORECASE)),
        ),
        Approach(
            "d", "trie, re, IGNORECASE, \\b", _counter(re.compile(_whole(trie), re.IGNORECASE))
        ),
        Approach(
            "e",
            "trie, re, lower-cased text, boundaries in Python (shipped)",
            _boundary_checked(re.compile(trie)),
        ),
        Approach(
            "e'",
            "trie, re, lower-cased text, \\b in the pattern",
            _counter(re.compile(_whole(trie)), lower=True),
        ),
        Approach(
            "f",
            "lint.kinds.lexicon checker, .check() consumed",
            lambda text: sum(1 for _ in checker.check(text)),
        ),
    ]


def timed(action: Callable[[str], int], text: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = action(text)
    return time.perf_counter() - start, result


def measure(path: Path, slow_mb: float, passes: int) -> Iterator[dict]:
    """Baseline, phrase sample, then one row per approach. The fast approaches run in
    turn, `passes` rounds, so that a busy spell hits them alike."""
    cold_s, decode_s = corpus.read_decode_seconds(path)
    data = path.read_bytes()
    text = data.decode("utf-8")
    chosen = phrases(text)
    piece = text[: int(slow_mb * corpus.MB)]
    sizes = {False: len(data) / corpus.MB, True: len(piece.encode("utf-8")) / corpus.MB}
    contenders = approaches(chosen)
    best: dict[str, tuple[float, int]] = {}
    for approach in (a for a in contenders if a.slow):
        best[approach.key] = timed(approach.count, piece)
    for _ in range(passes):
        for approach in (a for a in contenders if not a.slow):
            seconds, matches = timed(approach.count, text)
            best[approach.key] = min(best.get(approach.key, (seconds, matches)), (seconds, matches))
    decode_mb_s = sizes[False] / decode_s
    yield {
        "key": "baseline",
        "label": "read + UTF-8 decode",
        "mb_s": decode_mb_s,
        "cold_mb_s": sizes[False] / cold_s,
    }
    yield {"key": "phrases", "count": len(chosen), "sample": chosen[:: len(chosen) // 8]}
    for approach in contenders:
        seconds, matches = best[approach.key]
        mb_s = sizes[approach.slow] / seconds
        yield {
            "key": approach.key,
            "label": approach.label,
            "scanned_mb": sizes[approach.slow],
            "mb_s": mb_s,
            "x_decode_time": decode_mb_s / mb_s,
            "matches_slice": matches if approach.slow else approach.count(piece),
            "matches_full": None if approach.slow else matches,
        }


def render(rows: list[dict], slow_mb: float) -> str:
    base, info, *rest = rows
    lines = [
        f"{info['count']} phrases, e.g. {', '.join(info['sample'][:4])}",
        f"baseline: read + UTF-8 decode {base['mb_s']:.0f} MB/s "
        f"({base['cold_mb_s']:.0f} MB/s in a cold process)",
        "",
        f"{'':3}{'approach':<60}{'MB':>5}{'MB/s':>8}{'x decode':>10}"
        f"{f'matches in {slow_mb:g} MB':>18}{'all':>7}",
    ]
    for row in rest:
        full = "" if row["matches_full"] is None else str(row["matches_full"])
        lines.append(
            f"{row['key']:<3}{row['label']:<60}{row['scanned_mb']:>5.1f}{row['mb_s']:>8.2f}"
            f"{row['x_decode_time']:>10.0f}{row['matches_slice']:>18}{full:>7}".rstrip()
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--slow-mb", type=float, default=1.0, help="text for big alternations")
    parser.add_argument("--passes", type=int, default=5, help="rounds (best is kept)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clean_path, _ = corpus.write_in_child(args.size_mb, OUT_DIR)
    rows = list(measure(clean_path, min(args.slow_mb, args.size_mb), args.passes))
    print(
        json.dumps(rows, indent=2, ensure_ascii=False) if args.json else render(rows, args.slow_mb)
    )


if __name__ == "__main__":
    main()
