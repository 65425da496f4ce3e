"""txtlint peak memory (peak RSS), each figure next to a baseline measured in the same run.

    python bench/memory.py [--size-mb N] [--files K] [--json]

One-line file: a single line of clean corpus prose of N MB (default 50), and one of N/10
MB. Baseline: a Python child that only reads and decodes the file, as txtlint reads it.
Memory is flat when txtlint's memory beyond that baseline grows no faster than the text.
Small files: a folder of K files (default 10,000) of 1,000-2,000 characters of the
injected corpus, and a folder of the first 100 of them, checked by `txtlint --format json`
and by `txtlint` (text), stdout to /dev/null. Baseline: `python -c "import lint"`.

Every command runs in a fresh, minimal Python process that spawns it, waits for it and
prints `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`: the peak of that one child. A
child starts from the pages of the process that spawned it, so that small process sets a
floor, printed too. MB = 10^6 bytes, of text and of memory; KB = 10^3 bytes. The files
live in a temporary folder that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

try:
    from bench import corpus
except ImportError:  # run as `python bench/memory.py`: bench/ itself is on sys.path
    import corpus  # type: ignore[no-redef]

PYTHON = sys.executable
TXTLINT = str(Path(sys.executable).with_name("txtlint"))
SMALL_FILE_SHARE = 10  # the smaller one-line file is a tenth of --size-mb
FEW_FILES = 100
FILE_CHARS = (1000, 2000)  # shortest and longest small file, in characters
FILE_CHARS_STEP = 617  # spreads the small-file lengths over FILE_CHARS, deterministically
KB = 1000

# Run with `python -S` (no site) so that its own pages, which every child starts from, stay
# few. It sends the child's stdout and stderr to /dev/null.
SPAWN_AND_MEASURE = """
import os, resource, sys, time
command = sys.argv[1:]
to_devnull = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
start = time.perf_counter()
pid = os.posix_spawn(command[0], command, os.environ, file_actions=to_devnull)
_, status = os.waitpid(pid, 0)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak, seconds, os.waitstatus_to_exitcode(status))
"""
# ru_maxrss is in KiB on Linux and in bytes on macOS.
MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024

READ_AND_DECODE = "import sys; text = open(sys.argv[1], 'rb').read().decode('utf-8')"
IMPORT_LINT = "import lint"

# As a user's shell would run it: bytecode caching on, as in run.py.
USER_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


class Measured(NamedTuple):
    peak_rss_mb: float
    wall_s: float
    exit_code: int


def measure(command: Sequence[str]) -> Measured:
    """Peak RSS and wall time of `command`, run by a fresh measuring process."""
    out = subprocess.run(
        [PYTHON, "-S", "-c", SPAWN_AND_MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=USER_ENV,
    )
    peak, seconds, exit_code = out.stdout.split()
    return Measured(int(peak) * MAXRSS_BYTES / corpus.MB, float(seconds), int(exit_code))


def measuring_floor() -> float | None:
    """Peak RSS MB the measuring process gives a child that allocates nothing."""
    true = shutil.which("true")
    return measure([true]).peak_rss_mb if true else None


def one_line(size_bytes: int) -> str:
    """Clean corpus prose, paragraphs joined by spaces: one line, no newline at all."""
    return corpus.build_clean(size_bytes).replace("\n\n", " ").replace("\n", " ").strip()


def one_line_file(path: Path, size_bytes: int) -> dict[str, Any]:
    """read+decode (the baseline) and `txtlint FILE` on a one-line file of `size_bytes`."""
    path.write_text(one_line(size_bytes), encoding="utf-8", newline="")
    read = measure([PYTHON, "-c", READ_AND_DECODE, str(path)])
    txtlint = measure([TXTLINT, str(path)])
    size = path.stat().st_size
    return {
        "bytes": size,
        "read_decode": read._asdict(),
        "txtlint": txtlint._asdict(),
        "txtlint_x_read_decode_rss": txtlint.peak_rss_mb / read.peak_rss_mb,
        "txtlint_beyond_read_decode_mb": txtlint.peak_rss_mb - read.peak_rss_mb,
        "txtlint_mb_s": size / corpus.MB / txtlint.wall_s,
    }


def _added_rss(small: dict[str, Any], large: dict[str, Any], name: str) -> float:
    return large[name]["peak_rss_mb"] - small[name]["peak_rss_mb"]


def one_line_files(folder: Path, size_mb: float) -> dict[str, Any]:
    large_bytes = int(size_mb * corpus.MB)
    small = one_line_file(folder / "small.txt", large_bytes // SMALL_FILE_SHARE)
    large = one_line_file(folder / "large.txt", large_bytes)
    (folder / "small.txt").unlink()
    (folder / "large.txt").unlink()
    text_growth = large["bytes"] / small["bytes"]
    added_text_mb = (large["bytes"] - small["bytes"]) / corpus.MB
    beyond_growth = large["txtlint_beyond_read_decode_mb"] / small["txtlint_beyond_read_decode_mb"]
    return {
        "small": small,
        "large": large,
        "text_growth": text_growth,
        "beyond_read_decode_growth": beyond_growth,
        "flat": beyond_growth <= text_growth,
        "read_decode_mb_per_text_mb": _added_rss(small, large, "read_decode") / added_text_mb,
        "txtlint_mb_per_text_mb": _added_rss(small, large, "txtlint") / added_text_mb,
    }


def small_file_texts(count: int) -> list[str]:
    """`count` texts of FILE_CHARS characters cut from the injected corpus at spaces."""
    shortest, longest = FILE_CHARS
    lengths = [shortest + (i * FILE_CHARS_STEP) % (longest - shortest + 1) for i in range(count)]
    text = corpus.build_injected(int(sum(lengths) * 1.1) + longest)
    texts = []
    start = 0
    for length in lengths:
        end = text.rfind(" ", start + length // 2, start + length)
        end = start + length if end < 0 else end
        texts.append(text[start:end])
        start = end + 1
    return texts


def write_folder(folder: Path, texts: Sequence[str]) -> Path:
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def report_contents(folder: Path) -> dict[str, Any]:
    """What lint.check_paths keeps for the reporters, in this process (not measured)."""
    import lint

    report = lint.check_paths([str(folder)])
    return {
        "findings": len(report.findings),
        "files_with_findings": len(report.texts),
        "texts_kept_mb": sum(sys.getsizeof(text) for text in report.texts.values()) / corpus.MB,
    }


def small_files(folder: Path, count: int) -> dict[str, Any]:
    texts = small_file_texts(count)
    few = min(FEW_FILES, count)
    folders = {
        few: write_folder(folder / "few", texts[:few]),
        count: write_folder(folder / "many", texts),
    }
    runs: dict[str, dict[int, Measured]] = {"json": {}, "text": {}}
    for files, path in folders.items():
        runs["json"][files] = measure([TXTLINT, "--format", "json", str(path)])
        runs["text"][files] = measure([TXTLINT, str(path)])
    baseline = measure([PYTHON, "-c", IMPORT_LINT])
    per_file_kb = {
        name: (by_count[count].peak_rss_mb - by_count[few].peak_rss_mb) * KB / (count - few)
        if count > few
        else None
        for name, by_count in runs.items()
    }
    return {
        "few": few,
        "many": count,
        "chars_per_file": sum(map(len, texts)) / count,
        "import_lint": baseline._asdict(),
        "runs": {
            name: {str(files): run._asdict() for files, run in by_count.items()}
            for name, by_count in runs.items()
        },
        "growth_kb_per_file": per_file_kb,
        "report_of_many": report_contents(folders[count]),
    }


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _row(what: str, run: dict[str, Any], baseline: dict[str, Any] | None) -> tuple[str, ...]:
    exit_note = f" (exit {run['exit_code']})" if run["exit_code"] not in (0, 1) else ""
    ratio = f"{run['peak_rss_mb'] / baseline['peak_rss_mb']:.2f}x" if baseline else "baseline"
    return (what + exit_note, f"{run['peak_rss_mb']:.1f}", ratio, f"{run['wall_s']:.2f}")


def render(results: dict[str, Any]) -> str:
    one_line_results, small = results["one_line"], results["small_files"]
    rows: list[tuple[str, ...]] = [("what", "peak RSS MB", "vs baseline", "wall s")]
    for key in ("small", "large"):
        measured = one_line_results[key]
        size = f"{measured['bytes'] / corpus.MB:.1f} MB one-line file"
        rows.append(_row(f"read+decode, {size}", measured["read_decode"], None))
        rows.append(_row(f"txtlint, {size}", measured["txtlint"], measured["read_decode"]))
    baseline = small["import_lint"]
    rows.append(_row(f'python -c "{IMPORT_LINT}"', baseline, None))
    for name, label in (("json", "txtlint --format json"), ("text", "txtlint")):
        for files, run in small["runs"][name].items():
            rows.append(_row(f"{label}, {int(files):,} small files", run, baseline))
    large, little = one_line_results["large"], one_line_results["small"]
    growth = small["growth_kb_per_file"]
    kept = small["report_of_many"]
    floor = results["measuring_floor_mb"]
    lines = [
        f"{results['cpus']} CPUs; Python {results['python']}",
        "",
        _table(rows),
        "",
        f"{large['bytes'] / corpus.MB:.1f} MB one-line file: {large['txtlint_mb_s']:.2f} MB/s",
        f"one-line files, text x{one_line_results['text_growth']:.1f}: txtlint beyond "
        "read+decode "
        f"{little['txtlint_beyond_read_decode_mb']:.1f} MB -> "
        f"{large['txtlint_beyond_read_decode_mb']:.1f} MB "
        f"(x{one_line_results['beyond_read_decode_growth']:.1f}): "
        + (
            "flat (grows no faster than the text)"
            if one_line_results["flat"]
            else "grows faster than the text"
        ),
        "peak RSS added per MB of text added: "
        f"read+decode {one_line_results['read_decode_mb_per_text_mb']:.2f} MB, "
        f"txtlint {one_line_results['txtlint_mb_per_text_mb']:.2f} MB",
        f"small files ({small['chars_per_file']:,.0f} characters on average), growth per file "
        f"from {small['few']:,} to {small['many']:,} files: "
        + ", ".join(
            f"{name} {kb:.2f} KB" if kb is not None else f"{name} n/a"
            for name, kb in growth.items()
        ),
        f"the report of {small['many']:,} files: {kept['findings']:,} findings in "
        f"{kept['files_with_findings']:,} files, whose texts it keeps (report.texts): "
        f"{kept['texts_kept_mb']:.1f} MB",
        "measuring floor (a child that allocates nothing): "
        + (f"{floor:.1f} MB" if floor is not None else "unknown (no `true` command)"),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="the larger one-line file")
    parser.add_argument("--files", type=int, default=10_000, help="the larger folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="txtlint-memory-") as folder:
        results = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "measuring_floor_mb": measuring_floor(),
            "one_line": one_line_files(Path(folder), args.size_mb),
            "small_files": small_files(Path(folder), max(1, args.files)),
        }
    print(json.dumps(results, indent=2) if args.json else render(results))


if __name__ == "__main__":
    main()
