"""Write a fixed text back to its file without losing anything that was in it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from lint.files import Decoded

REPLACEMENT = "\ufffd"


class WriteError(Exception):
    """Why a file was not written, in one line."""


def encode_back(text: str, decoded: Decoded) -> bytes:
    """`text` in the encoding and BOM of the file `decoded` came from, with the bytes that
    could not be decoded back where they were. Raises WriteError when that place is no
    longer certain: the number of U+FFFD characters changed."""
    if text.count(REPLACEMENT) != decoded.text.count(REPLACEMENT):
        raise WriteError(
            "the fix changed the U+FFFD characters that stand for undecodable bytes; "
            "not overwritten"
        )
    # Which U+FFFD (counted from the start) stands for which bytes; the others were
    # U+FFFD in the file itself.
    raw_by_index: dict[int, bytes] = {}
    for offset, raw in decoded.bad_bytes:
        if decoded.text[offset : offset + 1] != REPLACEMENT:
            raise WriteError(f"no U+FFFD at offset {offset} for undecodable bytes")
        raw_by_index[decoded.text.count(REPLACEMENT, 0, offset)] = raw
    parts = [decoded.bom]
    try:
        for index, piece in enumerate(text.split(REPLACEMENT)):
            if index:
                parts.append(raw_by_index.get(index - 1, REPLACEMENT.encode(decoded.encoding)))
            parts.append(piece.encode(decoded.encoding))
    except UnicodeEncodeError as error:
        raise WriteError(
            f"cannot encode the fixed text as {decoded.encoding}: {error.reason}"
        ) from error
    return b"".join(parts)


def write_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the content of `path` with `data` in one step (a temporary file in the
    same folder, then a rename), keeping its permission bits and, where allowed, its
    owner; a symbolic link stays a link and its target is written. Raises WriteError
    when the file is read-only, no longer holds `expected`, or cannot be written; the
    file is then untouched."""
    target = Path(os.path.realpath(path))
    try:
        current = target.read_bytes()
        status = target.stat()
    except OSError as error:
        raise WriteError(f"cannot read before writing: {_reason(error)}") from error
    mode = stat.S_IMODE(status.st_mode)
    if current != expected:
        raise WriteError("changed on disk since it was read; not overwritten")
    if not mode & 0o222:
        raise WriteError("the file is read-only; not overwritten")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise WriteError(f"cannot write: {_reason(error)}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        with contextlib.suppress(OSError):  # only the owner's or root's to keep
            os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {_reason(error)}") from error
        raise
    _sync_folder(target.parent)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every system lets a folder be opened for it.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
