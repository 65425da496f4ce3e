"""txtlint speed, each figure next to a baseline measured in the same run.

    python bench/run.py [--size-mb N] [--repeat K] [--passes P] [--json]

Start-up: median wall time of K runs of `python -c pass` and of `txtlint` on a one-line
file. Throughput: reading and decoding the corpus (the floor) against `lint.check_text`
in-process and the `txtlint` CLI on the corpus file, best of P passes. MB = 10^6 bytes of
UTF-8. Findings are counted on clean prose (false alarms) and on the injected copy.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

try:
    from bench import corpus
except ImportError:  # run as `python bench/run.py`: bench/ itself is on sys.path
    import corpus  # type: ignore[no-redef]

STARTUP_TARGET_S = 0.15
ONE_LINE = "Beware the three highs.\n"
DECODE_RUNS = 10  # decoding takes milliseconds: its best needs more tries than linting
PYTHON = sys.executable
TXTLINT = str(Path(sys.executable).with_name("txtlint"))

JIEBA_PROBE = """
import json, sys, lint
text = open(sys.argv[1], encoding="utf-8").read()
lint.check_text(text, "bench.txt")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "jieba")))
"""


# As a user's shell would run it: bytecode caching on (some sandboxes turn it off, which
# makes every start-up recompile the package), and the compiled-rules cache kept.
USER_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=USER_ENV
    )
    return time.perf_counter() - start


def startup(one_line: Path, repeat: int) -> dict[str, Any]:
    """Median wall seconds of `python -c pass` and `txtlint FILE`, runs interleaved."""
    baseline_cmd, txtlint_cmd = [PYTHON, "-c", "pass"], [TXTLINT, str(one_line)]
    wall(baseline_cmd), wall(txtlint_cmd)  # warm the file cache
    baseline, txtlint = [], []
    for _ in range(repeat):
        baseline.append(wall(baseline_cmd))
        txtlint.append(wall(txtlint_cmd))
    median_base, median_txtlint = statistics.median(baseline), statistics.median(txtlint)
    return {
        "runs": repeat,
        "python_pass_s": median_base,
        "txtlint_one_line_s": median_txtlint,
        "x_python_pass_time": median_txtlint / median_base,
        "target_s": STARTUP_TARGET_S,
        "meets_target": median_txtlint <= STARTUP_TARGET_S,
    }


def best_time(action: Callable[[], object], passes: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(passes):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def _detected(injections: list[corpus.Injection], findings: list) -> dict[str, dict[str, int]]:
    """Per artifact: how often it was injected, and how often a finding overlaps it."""
    spans = sorted((f.start, f.end) for f in findings)
    starts = [s for s, _ in spans]
    counts = {a.strip(): {"injected": 0, "found": 0} for a in corpus.ARTIFACTS}
    for injection in injections:
        counts[injection.text]["injected"] += 1
        # Findings that start before the artifact ends; a short look back suffices.
        i = bisect.bisect_left(starts, injection.end)
        if any(end > injection.start for _, end in spans[max(0, i - 8) : i]):
            counts[injection.text]["found"] += 1
    return counts


def throughput(
    clean_path: Path, injected_path: Path, passes: int, select: Sequence[str] = ()
) -> dict[str, Any]:
    import lint

    size = injected_path.stat().st_size
    cold_s, decode_s = corpus.read_decode_seconds(injected_path, DECODE_RUNS)
    text = injected_path.read_text(encoding="utf-8")
    start = time.perf_counter()
    rules = lint.load_rules(selected=select)
    lint.check_text("warm up: load the rules.", "bench.txt", rules=rules)
    load_s = time.perf_counter() - start
    check_s, findings = best_time(lambda: lint.check_text(text, "bench.txt", rules), passes)
    clean_text = clean_path.read_text(encoding="utf-8")
    clean_size = clean_path.stat().st_size
    clean_s, clean_findings = best_time(lambda: lint.check_text(clean_text, "bench.txt", rules), 1)
    selection = [f"--select={','.join(select)}"] if select else []
    cli_s, _ = best_time(lambda: wall([TXTLINT, *selection, str(injected_path)]), passes)
    _, injections = corpus.inject(clean_text)
    mb = size / corpus.MB
    return {
        "passes": passes,
        "injected_bytes": size,
        "clean_bytes": clean_size,
        "decode_mb_s": mb / decode_s,
        "decode_cold_mb_s": mb / cold_s,
        "rule_load_s": load_s,
        "check_text_mb_s": mb / check_s,
        "check_text_x_decode_time": check_s / decode_s,
        "check_text_clean_mb_s": clean_size / corpus.MB / clean_s,
        "cli_s": cli_s,
        "cli_mb_s": mb / cli_s,
        "cli_x_decode_time": cli_s / decode_s,
        "findings_injected": len(findings),
        "findings_injected_by_rule": dict(collections.Counter(f.rule for f in findings)),
        "artifacts_injected": len(injections),
        "artifacts_detected": _detected(injections, findings),
        "findings_clean": len(clean_findings),
        "findings_clean_per_mb": len(clean_findings) / (clean_size / corpus.MB),
        "findings_clean_by_rule": dict(collections.Counter(f.rule for f in clean_findings)),
    }


def jieba_loaded(clean_path: Path) -> list[str]:
    """jieba modules in sys.modules after check_text on English, in a fresh interpreter."""
    out = subprocess.run(
        [PYTHON, "-c", JIEBA_PROBE, str(clean_path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def render(results: dict[str, Any]) -> str:
    s, t = results["startup"], results["throughput"]
    verdict = "PASS" if s["meets_target"] else "FAIL"
    rows = [
        ("measure", "baseline", "txtlint", "ratio"),
        (
            f"start-up, one-line file (median of {s['runs']})",
            f"python -c pass {s['python_pass_s'] * 1000:.0f} ms",
            f"{s['txtlint_one_line_s'] * 1000:.0f} ms",
            f"{s['x_python_pass_time']:.1f}x the time",
        ),
        (
            f"check_text, injected corpus (best of {t['passes']})",
            f"read+decode {t['decode_mb_s']:.0f} MB/s",
            f"{t['check_text_mb_s']:.2f} MB/s",
            f"{t['check_text_x_decode_time']:.0f}x the time",
        ),
        (
            "txtlint CLI on the corpus file",
            f"read+decode {t['decode_mb_s']:.0f} MB/s",
            f"{t['cli_mb_s']:.2f} MB/s ({t['cli_s']:.2f} s)",
            f"{t['cli_x_decode_time']:.0f}x the time",
        ),
    ]
    detected = t["artifacts_detected"]
    found = sum(c["found"] for c in detected.values())
    short = [
        f"{name} {c['found']}/{c['injected']}"
        for name, c in detected.items()
        if c["found"] < c["injected"]
    ]
    lines = [
        f"corpus: {t['clean_bytes'] / corpus.MB:.2f} MB clean, "
        f"{t['injected_bytes'] / corpus.MB:.2f} MB injected; "
        f"{results['cpus']} CPUs; Python {results['python']}",
        "",
        _table(rows),
        "",
        f"start-up target <= {s['target_s'] * 1000:.0f} ms: {verdict}",
        f"read+decode in a cold process: {t['decode_cold_mb_s']:.0f} MB/s; "
        f"rule loading (first check_text call): {t['rule_load_s'] * 1000:.0f} ms; "
        f"check_text on clean prose: {t['check_text_clean_mb_s']:.2f} MB/s",
        f"findings on clean.txt: {t['findings_clean']} "
        f"({t['findings_clean_per_mb']:.1f} per MB) {t['findings_clean_by_rule']}",
        f"findings on injected.txt: {t['findings_injected']}; artifacts injected "
        f"{t['artifacts_injected']}, with a finding on them {found}; "
        f"not always found: {', '.join(short) or 'none'}",
        f"jieba imported after check_text on English text: "
        f"{'yes ' + str(results['jieba']) if results['jieba'] else 'no'}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=corpus.DEFAULT_SIZE_MB)
    parser.add_argument("--repeat", type=int, default=15, help="start-up runs (median)")
    parser.add_argument("--passes", type=int, default=3, help="throughput passes (best)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--select", action="append", default=[], help="only these rules or modules (repeatable)"
    )
    args = parser.parse_args()
    clean_path, injected_path = corpus.write_in_child(args.size_mb)
    one_line = corpus.OUT_DIR / "one_line.txt"
    one_line.write_text(ONE_LINE, encoding="utf-8")
    results = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "startup": startup(one_line, args.repeat),
        "select": args.select,
        "throughput": throughput(clean_path, injected_path, args.passes, args.select),
        "jieba": jieba_loaded(clean_path),
    }
    print(json.dumps(results, indent=2, ensure_ascii=False) if args.json else render(results))


if __name__ == "__main__":
    main()
