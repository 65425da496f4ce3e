"""File format adapters: each turns decoded text into a Document of prose segments
(and, for bilingual files, translation units).

Adding a format is one module exposing `NAME`, `EXTENSIONS` and `parse(path, text)`,
plus one line in `_ADAPTERS`. The format is chosen by extension unless the user names
one (`--format-for GLOB=FORMAT`, or `format-for` in a configuration file).
"""

from __future__ import annotations

from pathlib import PurePath
from types import ModuleType

from lint.document import Document
from lint.formats import html, markdown, plain, po, srt, vtt, xliff

_ADAPTERS: tuple[ModuleType, ...] = (plain, markdown, html, po, srt, vtt, xliff)
DEFAULT = plain


def names() -> tuple[str, ...]:
    return tuple(adapter.NAME for adapter in _ADAPTERS)


def adapter_for(path: str, name: str | None = None) -> ModuleType:
    if name is not None:
        return next(adapter for adapter in _ADAPTERS if name == adapter.NAME)
    suffix = PurePath(path).suffix.lower()
    for adapter in _ADAPTERS:
        if suffix in adapter.EXTENSIONS:
            return adapter
    return DEFAULT


def is_known_extension(path: str) -> bool:
    """Whether a file found while walking a directory should be checked."""
    suffix = PurePath(path).suffix.lower()
    return any(suffix in adapter.EXTENSIONS for adapter in _ADAPTERS)


def parse(path: str, text: str, name: str | None = None) -> Document:
    """`text` read as the format `name`, or as its extension says."""
    return adapter_for(path, name).parse(path, text)
