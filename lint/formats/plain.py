"""Plain text: the whole file is one prose segment."""

from __future__ import annotations

from lint.document import Document, Segment

NAME = "plain"
EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})


def parse(path: str, text: str) -> Document:
    return Document(path=path, text=text, segments=(Segment(0, text),))
