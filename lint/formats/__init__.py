"""File format adapters: each turns decoded text into a Document of prose segments.

Adding a format is one module exposing `NAME`, `EXTENSIONS` and `parse(path, text)`,
plus one line in `_ADAPTERS`.
"""

from __future__ import annotations

from pathlib import PurePath
from types import ModuleType

from lint.document import Document
from lint.formats import plain

_ADAPTERS: tuple[ModuleType, ...] = (plain,)
DEFAULT = plain


def adapter_for(path: str) -> ModuleType:
    suffix = PurePath(path).suffix.lower()
    for adapter in _ADAPTERS:
        if suffix in adapter.EXTENSIONS:
            return adapter
    return DEFAULT


def is_known_extension(path: str) -> bool:
    """Whether a file found while walking a directory should be checked."""
    suffix = PurePath(path).suffix.lower()
    return any(suffix in adapter.EXTENSIONS for adapter in _ADAPTERS)


def parse(path: str, text: str) -> Document:
    return adapter_for(path).parse(path, text)
