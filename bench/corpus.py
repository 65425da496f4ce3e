"""A deterministic benchmark corpus: English prose that ships with Python, with artifacts.

The prose is the interactive help (`pydoc_data.topics`) plus the docstrings of a fixed
list of standard-library modules, their classes and functions. Paragraphs that look like
code, grammar or tables are dropped; the rest is repeated until the target size.

    python -m bench.corpus [--size-mb N]   # writes bench/.corpus/clean.txt, injected.txt

The text depends on the Python version (its docstrings), not on the machine or the run.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

OUT_DIR = Path(__file__).resolve().parent / ".corpus"
DEFAULT_SIZE_MB = 5.0
MB = 1_000_000
INJECT_EVERY = 2048  # characters between two injected artifacts

# Imported in this order; a module missing from a Python build is skipped.
MODULES = (
    "abc", "argparse", "ast", "asyncio", "base64", "bisect", "calendar", "cmd", "codecs",
    "collections", "concurrent.futures", "configparser", "contextlib", "copy", "csv",
    "dataclasses", "datetime", "decimal", "difflib", "doctest", "email.message", "enum",
    "filecmp", "fnmatch", "fractions", "ftplib", "functools", "getopt", "gettext", "glob",
    "gzip", "hashlib", "heapq", "hmac", "html.parser", "http.client", "http.cookiejar",
    "http.server", "imaplib", "inspect", "io", "ipaddress", "itertools", "json", "logging",
    "logging.handlers", "mailbox", "mimetypes", "multiprocessing", "numbers", "operator",
    "optparse", "os", "pathlib", "pickle", "pickletools", "platform", "pprint", "pydoc",
    "queue", "random", "re", "sched", "secrets", "selectors", "shelve", "shlex", "shutil",
    "smtplib", "socket", "socketserver", "sqlite3", "ssl", "statistics", "string",
    "struct", "subprocess", "tarfile", "tempfile", "textwrap", "threading", "timeit",
    "tokenize", "trace", "traceback", "types", "typing", "unittest", "unittest.mock",
    "urllib.parse", "urllib.request", "uuid", "warnings", "wave", "weakref", "webbrowser",
    "xml.dom.minidom", "xml.etree.ElementTree", "xml.sax", "zipfile", "zipimport",
    "zoneinfo",
)  # fmt: skip

# Each artifact is inserted just before a space that follows a letter, so most of them
# read "word<artifact> next".
ARTIFACTS = (
    " such science and technology as",
    " the three highs",
    " black technology",
    " The the",
    " itâ€™s",
    " <unk>",
    " 整车",
    " 【Up/Down】",
    "，",
    " cafÃ©",
    " this science and technology product",
    " the▁car",
    " 30 ten thousand",
    " 3,5 kg",
    " 2 jin",
    " 5月20日",
)

_CODE_LINE = re.compile(r"^(?:>>>|\.\.\.|\s{3,}|\$ |%|#|\.\. )")
_SYMBOLS = re.compile(r"::=|[{}\[\]<>|\\=_]|->|\(\)|\w\.\w+\(|``")
_SENTENCE_END = re.compile(r"[.!?][)\"”’]?$")
_BULLET = re.compile(r"^[*-] ")


class Injection(NamedTuple):
    start: int
    end: int
    text: str


def _members(module: ModuleType) -> Iterator[object]:
    """The module, then its own classes (with their methods) and functions, by name."""
    yield module
    for _, member in sorted(vars(module).items()):
        if getattr(member, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(member):
            yield member
            for _, method in sorted(vars(member).items()):
                if inspect.isfunction(method):
                    yield method
        elif inspect.isfunction(member):
            yield member


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def source_texts() -> Iterator[str]:
    """Help topics sorted by name, then docstrings in MODULES order."""
    from pydoc_data.topics import topics

    for name in sorted(topics):
        yield topics[name]
    for name in MODULES:
        module = _import(name)
        if module is None:
            continue
        for member in _members(module):
            doc = inspect.getdoc(member)
            if doc:
                yield doc


def _is_prose(lines: list[str]) -> bool:
    joined = " ".join(line.strip() for line in lines)
    words = joined.split()
    if len(words) < 8 or not joined[0].isupper() or not _SENTENCE_END.search(joined):
        return False
    if _SYMBOLS.search(joined):
        return False
    letters = sum(c.isalpha() or c.isspace() for c in joined)
    return letters >= 0.9 * len(joined)


def paragraphs(text: str) -> Iterator[str]:
    """Prose paragraphs of one help text or docstring, with their line breaks kept."""
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip("\n").split("\n")
        if any(_CODE_LINE.match(line) for line in lines):
            continue
        lines = [line.strip() for line in lines]
        lines[0] = _BULLET.sub("", lines[0])
        if _is_prose(lines):
            yield "\n".join(lines)


def prose_paragraphs() -> list[str]:
    """Every distinct prose paragraph, in source order."""
    seen: set[str] = set()
    found = []
    for text in source_texts():
        for paragraph in paragraphs(text):
            if paragraph not in seen:
                seen.add(paragraph)
                found.append(paragraph)
    return found


def build_clean(size_bytes: int) -> str:
    """Prose paragraphs, cycled, up to `size_bytes` of UTF-8 (whole paragraphs only)."""
    pool = prose_paragraphs()
    parts: list[str] = []
    total = 0
    index = 0
    while True:
        part = pool[index % len(pool)] + "\n\n"
        size = len(part.encode("utf-8"))
        if total + size > size_bytes:
            break
        parts.append(part)
        total += size
        index += 1
    return "".join(parts)


def _insertion_points(text: str) -> Iterator[int]:
    """About every INJECT_EVERY characters, a space that follows a letter."""
    position = INJECT_EVERY
    while position < len(text):
        found = text.find(" ", position)
        while found > 0 and not text[found - 1].isalpha():
            found = text.find(" ", found + 1)
        if found <= 0:
            return
        yield found
        position = found + INJECT_EVERY


def inject(clean: str) -> tuple[str, list[Injection]]:
    """`clean` with ARTIFACTS inserted in turn, and where each landed in the result."""
    parts: list[str] = []
    injections: list[Injection] = []
    previous = 0
    shift = 0
    for number, point in enumerate(_insertion_points(clean)):
        artifact = ARTIFACTS[number % len(ARTIFACTS)]
        parts += [clean[previous:point], artifact]
        start = point + shift + (len(artifact) - len(artifact.lstrip()))
        injections.append(Injection(start, point + shift + len(artifact), artifact.strip()))
        shift += len(artifact)
        previous = point
    parts.append(clean[previous:])
    return "".join(parts), injections


def build_injected(size_bytes: int) -> str:
    """`build_clean(size_bytes)` with an artifact about every 2 KB (a little larger)."""
    return inject(build_clean(size_bytes))[0]


def write(size_bytes: int, out_dir: Path = OUT_DIR) -> tuple[Path, Path]:
    """Write clean.txt and injected.txt; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clean = build_clean(size_bytes)
    clean_path, injected_path = out_dir / "clean.txt", out_dir / "injected.txt"
    clean_path.write_text(clean, encoding="utf-8", newline="\n")
    injected_path.write_text(inject(clean)[0], encoding="utf-8", newline="\n")
    return clean_path, injected_path


def _best_read_decode(path: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        path.read_bytes().decode("utf-8")
        best = min(best, time.perf_counter() - start)
    return best


def read_decode_seconds(path: Path, runs: int = 10) -> tuple[float, float]:
    """Best seconds to read and decode `path`, cold and warm.

    Cold: as a fresh process does it, where the allocator maps new pages for each large
    string. Warm: after a larger block was allocated and freed, so that (with glibc) the
    strings come from memory the process already holds, as in a long-running process.
    The warm figure is the floor the benchmarks compare against."""
    cold = _best_read_decode(path, runs)
    block = bytearray(min(3 * path.stat().st_size, 30 * MB))
    del block
    return cold, _best_read_decode(path, runs)


def write_in_child(size_mb: float, out_dir: Path = OUT_DIR) -> tuple[Path, Path]:
    """`write` run by a fresh interpreter, so that the ~100 modules it imports for their
    docstrings do not weigh on the measuring process (they slow its garbage collector)."""
    command = [sys.executable, __file__, "--size-mb", str(size_mb), "--out-dir", str(out_dir)]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return out_dir / "clean.txt", out_dir / "injected.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=DEFAULT_SIZE_MB)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    pool = prose_paragraphs()
    unique = sum(len(p.encode("utf-8")) + 2 for p in pool)
    for path in write(int(args.size_mb * MB), args.out_dir):
        print(f"{path}: {path.stat().st_size:,} bytes")
    print(f"{len(pool):,} distinct paragraphs, {unique:,} bytes before repetition")


if __name__ == "__main__":
    main()
