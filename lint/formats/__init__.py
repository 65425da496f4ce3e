"""File format adapters: each turns decoded text into a Document of prose segments
(and, for bilingual files, translation units).

Adding a format is one module exposing `NAME` and `parse(path, text)`, plus its line in
`FORMATS` (name → extensions). The format is chosen by extension unless the user names
one (`--format-for GLOB=FORMAT`, or `format-for` in a configuration file). A module is
imported only when a file of its format is read: a run over plain text never pays for
the Markdown, HTML or XLIFF readers.
"""

from __future__ import annotations

import importlib
from pathlib import PurePath
from types import ModuleType

from lint.document import Document

FORMATS: dict[str, frozenset[str]] = {
    "plain": frozenset({".txt", ".text", ".rst"}),
    "markdown": frozenset({".md", ".markdown", ".mdown", ".mkd"}),
    "html": frozenset({".html", ".htm", ".xhtml"}),
    "po": frozenset({".po", ".pot"}),
    "srt": frozenset({".srt"}),
    "vtt": frozenset({".vtt"}),
    "xliff": frozenset({".xlf", ".xliff"}),
}
DEFAULT = "plain"  # for any other extension


def names() -> tuple[str, ...]:
    return tuple(FORMATS)


def format_of(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    return next((name for name, extensions in FORMATS.items() if suffix in extensions), DEFAULT)


def adapter_for(path: str, name: str | None = None) -> ModuleType:
    return importlib.import_module(f"lint.formats.{name or format_of(path)}")


def is_known_extension(path: str) -> bool:
    """Whether a file found while walking a directory should be checked."""
    suffix = PurePath(path).suffix.lower()
    return any(suffix in extensions for extensions in FORMATS.values())


def parse(path: str, text: str, name: str | None = None) -> Document:
    """`text` read as the format `name`, or as its extension says."""
    return adapter_for(path, name).parse(path, text)
