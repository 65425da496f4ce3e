"""Find the files to check and read them into text, whatever state they are in."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint.formats import is_known_extension

BINARY_SNIFF_BYTES = 8192
_ESCAPED = re.compile("[\udc00-\udcff]+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Found(NamedTuple):
    """A file to check, or a problem met while looking (`error`) or a skip (`notice`)."""

    path: str
    error: str | None = None
    notice: str | None = None


class Decoded(NamedTuple):
    text: str
    encoding: str
    bom: bytes
    bad_bytes: tuple[tuple[int, bytes], ...]  # (offset in text, the bytes replaced there)


def _hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Found]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as error:
        yield Found(str(root), error=f"cannot read directory: {error.strerror or error}")
        return
    for entry in entries:
        if _hidden(entry.name):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                identity = (entry.stat().st_dev, entry.stat().st_ino)
                if identity in seen:
                    yield Found(
                        str(path), notice="skipped: directory already visited (a link loop)"
                    )
                    continue
                seen.add(identity)
                yield from _walk(path, seen)
            elif entry.is_file() and is_known_extension(entry.name):
                yield Found(str(path))
        except OSError as error:
            yield Found(str(path), error=f"cannot read: {error.strerror or error}")


def discover(paths: list[str]) -> Iterator[Found]:
    """Files named directly are always checked; folders are searched for text files,
    skipping hidden entries. A file or folder met twice is checked once; a link back
    into a folder being searched gets a notice."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            stat = path.stat()
            if (stat.st_dev, stat.st_ino) in seen_dirs:
                continue
            seen_dirs.add((stat.st_dev, stat.st_ino))
            found_here = _walk(path, seen_dirs)
        elif path.is_file():
            found_here = iter([Found(name)])
        elif path.exists():
            found_here = iter([Found(name, error="not a regular file")])
        elif path.is_symlink():
            found_here = iter([Found(name, error="broken symbolic link")])
        else:
            found_here = iter([Found(name, error="no such file or directory")])
        for found in found_here:
            if found.error or found.notice:
                yield found
                continue
            real = os.path.realpath(found.path)
            if real not in seen_files:
                seen_files.add(real)
                yield found


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF_BYTES]
    if head.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    return b"\x00" in head


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: each undecodable byte becomes a lone surrogate U+DCxx, which
    no strict decoder produces, so the bytes can be found and reported afterwards."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error("txtlint-escape", _escape_bytes)


def decode(data: bytes) -> Decoded:
    """Decode by BOM, else as UTF-8. Each run of undecodable bytes becomes one U+FFFD
    whose offset and original bytes are kept, so they can be reported where they are."""
    encoding, bom = "utf-8", b""
    for candidate, name in _BOMS:
        if data.startswith(candidate):
            encoding, bom = name, candidate
            break
    text = data[len(bom) :].decode(encoding, errors="txtlint-escape")
    if not _ESCAPED.search(text):
        return Decoded(text, encoding, bom, ())
    parts: list[str] = []
    bad: list[tuple[int, bytes]] = []
    length = last = 0
    for run in _ESCAPED.finditer(text):
        parts.append(text[last : run.start()])
        length += run.start() - last
        bad.append((length, bytes(ord(char) - 0xDC00 for char in run.group())))
        parts.append("\ufffd")
        length += 1
        last = run.end()
    parts.append(text[last:])
    return Decoded("".join(parts), encoding, bom, tuple(bad))


def read(path: str) -> bytes:
    """Bytes of a file, or '-' for standard input; raises OSError."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()
