"""WebVTT subtitles (.vtt): cue text only; see lint.formats.subtitles."""

from __future__ import annotations

from lint.document import Document
from lint.formats import subtitles

NAME = "vtt"


def parse(path: str, text: str) -> Document:
    return subtitles.parse(path, text, subtitles.WEBVTT)
