"""Chinese word segmentation with jieba, loaded on first use only.

jieba's dictionary costs about 0.6 s and 80 MB, so it is imported the first time a
text needs a Han run split, once per process, with its start-up logging silenced.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any


@functools.lru_cache(maxsize=1)
def _tokenizer(user_words: tuple[str, ...]) -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in user_words:
        tokenizer.add_word(word)
    return tokenizer


def words(text: str, user_words: Iterable[str] = ()) -> list[str]:
    """`text` split into words; `user_words` (glossary terms) are never split."""
    tokenizer = _tokenizer(tuple(sorted(set(user_words))))
    return [word for word in tokenizer.lcut(text, HMM=True) if word.strip()]
