"""Is a document English with leftovers, or a text in Chinese, Japanese or Korean?

The share is counted over the characters of the prose segments that are not white
space; past the threshold, rules for English text are not run on the document."""

from __future__ import annotations

from typing import NamedTuple

import regex

from lint.document import Document

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")
CODES = {"Chinese": "zh", "Japanese": "ja", "Korean": "ko"}


class Dominant(NamedTuple):
    language: str  # Chinese, Japanese or Korean
    share: float
    start: int  # the first CJK run, where the finding points
    end: int


def dominant_cjk(document: Document, threshold: float) -> Dominant | None:
    """The CJK language of a document whose share of CJK characters exceeds `threshold`."""
    cjk = kana = hangul = 0
    first: tuple[int, int] | None = None
    for segment in document.segments:
        if segment.text.isascii():
            continue
        for run in _CJK.finditer(segment.text):
            cjk += len(run.group())
            kana += len(_KANA.findall(run.group()))
            hangul += len(_HANGUL.findall(run.group()))
            if first is None:
                first = (segment.at(run.start()), segment.at(run.end()))
    if first is None:
        return None
    visible = sum(len(s.text) - sum(map(s.text.count, " \t\r\n\u3000")) for s in document.segments)
    share = cjk / max(visible, 1)
    if share <= threshold:
        return None
    language = "Japanese" if kana else "Korean" if hangul * 2 > cjk else "Chinese"
    return Dominant(language, share, *first)
