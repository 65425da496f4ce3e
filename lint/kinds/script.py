"""`script`: letters and forms of other writing systems where English text is expected.

`detect` chooses what is found:

- `run` (default): runs of letters of `scripts` (Unicode script names: Han, Hiragana,
  Katakana, Hangul, Bopomofo, Cyrillic, Greek …), one finding per run, named by
  `languages`. Characters in `joiners` join letters into one run when they stand
  between them. With `whole_words`, a run glued to other letters is not reported (for
  Cyrillic or Greek, whose look-alikes inside Latin words `mixed-word` reports). Runs
  that the text presents as glosses or quoted terms, and terms in `allow`, are not
  reported. A language may `segment` its runs into words
  (jieba) and suggest English from a `glossary` and the optional CC-CEDICT extra.
- `mixed-word`: words that mix letters of `scripts` into a word of `base` script
  (`pаypal` with a Cyrillic а); `confusables` maps each look-alike to its base letter,
  and only words whose foreign letters are all look-alikes are reported (not `ΔT`).
- `forms`: characters in `replacements` (CJK punctuation, compatibility forms) and,
  with `fullwidth_ascii`, fullwidth letters and digits, each replaced by its ASCII or
  English form; a space is added after `space_after` characters and before
  `space_before` ones where the text needs it. Characters standing between letters of
  the `between` scripts belong to that run and are not reported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint import segment
from lint.errors import SpecError
from lint.model import Hit
from lint.regexes import time_limit
from lint.scripts import is_spaced_word_char
from lint.spec import (
    Key,
    check_keys,
    load_data_file,
    parse_template,
    text_list,
    unless_source,
)
from lint.template import Template

KEYS = {
    "detect": Key((str,), default="run"),
    "scripts": Key((list,)),
    "joiners": Key((str,)),
    "languages": Key((list,)),
    "min_length": Key((int,)),
    "allow": Key((list,)),
    "allow_glosses": Key((bool,)),
    "allow_quoted": Key((bool,)),
    "whole_words": Key((bool,)),
    "base": Key((str,)),
    "confusables": Key((dict,)),
    "replacements": Key((dict,)),
    "fullwidth_ascii": Key((bool,)),
    "space_after": Key((str,)),
    "space_before": Key((str,)),
    "between": Key((list,)),
}
_DETECT_KEYS = {
    "run": {
        "scripts",
        "joiners",
        "languages",
        "min_length",
        "allow",
        "allow_glosses",
        "allow_quoted",
        "whole_words",
    },
    "mixed-word": {"scripts", "base", "confusables"},
    "forms": {"replacements", "fullwidth_ascii", "space_after", "space_before", "between"},
}
_PLACEHOLDERS = {
    "run": {"match", "language", "words", "detail", "suggestion"},
    "mixed-word": {"match", "letters", "suggestion"},
    "forms": {"match", "suggestion"},
}
LANGUAGE_KEYS = {
    "name": Key((str,), required=True),
    "scripts": Key((list,), required=True),
    "segment": Key((bool,), default=False),
    "glossary": Key((str,)),
    "dictionary": Key((bool,), default=False),
    "claims": Key((list,)),
}
GLOSSARY_KEYS = {
    "zh": Key((str,), required=True),
    "en": Key((list,), required=True),
    "note": Key((str,)),
    "ref": Key((str,), required=True),
}
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "《": "》"}
# A name: capitalised words, more than one or not the first word of a sentence.
_WORD = r"\p{Lu}[\p{L}\p{M}.'’-]*"
_NAME = rf"(?:(?<![.!?]\s)(?<!^){_WORD}|(?:{_WORD}\s+)+{_WORD})"
# Patterns used through the `regex` module's own cache: compiled on first use, so that
# loading the rules does not pay for them.
_GLOSS_BEFORE_PAREN = _NAME + r"\s*[(（]\s*$"
_GLOSS_AFTER_PAREN = r"[^()（）\n]{0,80}[)）]"
_GLOSS_BEFORE_DASH = _NAME + r"\s*(?:[—–]|--?)\s*$"
_OWN_GLOSS = r"\s*[(（]\s*(\p{Latin}[\p{Latin}\p{M}\s'’-]{0,60}?)\s*[)）]"
_WORD_CHAR = r"[\p{L}\p{M}]"
_CONTEXT = 80
# Every detection looks for characters outside ASCII: an ASCII text (most segments of
# English) is skipped at memory speed.


def _letter_class(scripts: tuple[str, ...], key: str) -> str:
    """A class of the letters (and marks, letter numbers) whose script extensions include
    one of `scripts`; extensions take in the Common characters a script uses (ー, 々)."""
    names = "".join(f"\\p{{scx={name}}}" for name in scripts)
    source = f"(?V1)[[{names}]&&[\\p{{L}}\\p{{M}}\\p{{Nl}}]]"
    try:
        regex.compile(source)
    except regex.error:
        raise SpecError(key, f"'{key}' names an unknown script: {', '.join(scripts)}") from None
    return source


def _re(source: str) -> regex.Pattern[str]:
    """Checkers keep pattern sources: compiled on first use, then from `regex`'s cache,
    so loading the rules costs nothing for texts that never need them."""
    return regex.compile(source)


class Language(NamedTuple):
    name: str
    letters: str
    segment: bool
    glossary: Mapping[str, tuple[str, ...]]
    dictionary: bool
    claims: str | None  # letters of other scripts this language takes in its texts


class RunChecker(NamedTuple):
    runs: str
    languages: tuple[Language, ...]
    whole_words: bool
    min_length: int
    allow: frozenset[str]
    allow_glosses: bool
    allow_quoted: bool
    message: Template
    fix: Template | None
    # The rule's own `unless`, tested before a run is described: describing a Chinese
    # run loads jieba and the dictionary, which a run the engine then drops never needs.
    unless: str | None = None

    def check(self, text: str) -> Iterator[Hit]:
        if text.isascii():
            return
        runs = []
        for found in _re(self.runs).finditer(text):
            start, end = found.span()
            run = found.group()
            if len(run) < self.min_length or run in self.allow or self._belongs(text, start, end):
                continue
            language = next((g for g in self.languages if _re(g.letters).search(run)), None)
            if language is not None:
                runs.append((start, end, language))
        if runs and self.unless is not None:
            spans = [m.span() for m in _re(self.unless).finditer(text, timeout=time_limit(text))]
            runs = [r for r in runs if not any(s <= r[0] and r[1] <= e for s, e in spans)]
        present = {language.name for _, _, language in runs}
        for start, end, language in runs:
            yield self._hit(text, start, end, self._claimed(text[start:end], language, present))

    def _claimed(self, run: str, language: Language, present: set[str]) -> Language:
        """A language that `claims` other scripts takes a run written only in them when
        the same text has runs of its own: kanji in Japanese text are Japanese."""
        for claimant in self.languages:
            if (
                claimant.name in present
                and claimant.claims
                and claimant is not language
                and _re(claimant.claims).fullmatch(run)
            ):
                return claimant
        return language

    def _belongs(self, text: str, start: int, end: int) -> bool:
        """Whether the run is a gloss, a quoted term, or part of a word of another script."""
        before, after = text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]
        if self.whole_words and (
            (before and regex.match(_WORD_CHAR, before[-1]))
            or (after and regex.match(_WORD_CHAR, after[0]))
        ):
            return True
        if self.allow_glosses and (
            (regex.search(_GLOSS_BEFORE_PAREN, before) and regex.match(_GLOSS_AFTER_PAREN, after))
            or regex.search(_GLOSS_BEFORE_DASH, before)
        ):
            return True
        return bool(self.allow_quoted and before and after and _QUOTES.get(before[-1]) == after[0])

    def _hit(self, text: str, start: int, end: int, language: Language) -> Hit:
        run = text[start:end]
        words = segment.words(run, language.glossary) if language.segment else [run]
        words = [w for w in words if _re(language.letters).search(w)] or [run]
        glosses = [_gloss(word, language) for word in words]
        suggestions: list[str] = []
        own = _re(_OWN_GLOSS).match(text, end)
        if own:
            suggestions.append(own.group(1))
        suggestions.extend(language.glossary.get(run, ()))
        if len(words) > 1 and all(glosses):
            suggestions.append(" ".join(g[0] for g in glosses))
        suggestions = list(dict.fromkeys(suggestions))
        values = {
            "match": run,
            "language": language.name,
            "words": " / ".join(words),
            "detail": _detail(words, glosses),
            "suggestion": suggestions[0] if suggestions else None,
        }
        replacement, fix_span = None, None
        if self.fix is not None and suggestions:
            fix_end = own.end() if own else end
            replacement = _spaced(text, start, fix_end, self.fix.render(values))
            fix_span = (start, fix_end)
        return Hit(
            start=start,
            end=end,
            message=self.message.render(values),
            suggestions=tuple(suggestions),
            replacement=replacement,
            fix_span=fix_span,
        )


def _gloss(word: str, language: Language) -> tuple[str, ...]:
    found = language.glossary.get(word, ())
    if not found and language.dictionary:
        from lint import dictionary

        found = dictionary.glosses(word)
    return found


def _detail(words: list[str], glosses: list[tuple[str, ...]]) -> str:
    """' (整车 / 价格 = complete vehicle / price)', or less where less is known."""
    known = [g[0] if g else "?" for g in glosses]
    if any(glosses):
        return f" ({' / '.join(words)} = {' / '.join(known)})"
    return f" ({' / '.join(words)})" if len(words) > 1 else ""


def _spaced(text: str, start: int, end: int, replacement: str) -> str:
    """Room around English put where letters of a spaced script touch it (`the整车`)."""
    if start and is_spaced_word_char(text[start - 1]):
        replacement = " " + replacement
    if end < len(text) and is_spaced_word_char(text[end]):
        replacement += " "
    return replacement


class MixedWordChecker(NamedTuple):
    foreign: str
    base: str
    confusables: Mapping[str, str]
    message: Template
    fix: Template | None

    def check(self, text: str) -> Iterator[Hit]:
        if text.isascii():
            return
        position = 0
        foreign = _re(self.foreign)
        while found := foreign.search(text, position):
            start, end = found.start(), found.end()
            while start and regex.match(_WORD_CHAR, text[start - 1]):
                start -= 1
            while end < len(text) and regex.match(_WORD_CHAR, text[end]):
                end += 1
            position = end
            word = text[start:end]
            if not _re(self.base).search(word):
                continue
            odd = [char for char in word if foreign.match(char)]
            if not all(char in self.confusables for char in odd):
                continue  # a real letter of that script (ΔT, μm), not a look-alike
            mapped = "".join(self.confusables.get(char, char) for char in word)
            values = {
                "match": word,
                "letters": ", ".join(
                    f"{char} (U+{ord(char):04X} {unicodedata.name(char, '?')})"
                    for char in dict.fromkeys(odd)
                ),
                "suggestion": mapped,
            }
            replacement = self.fix.render(values) if self.fix else None
            yield Hit(
                start=start,
                end=end,
                message=self.message.render(values),
                suggestions=(mapped,),
                replacement=replacement,
            )


class FormsChecker(NamedTuple):
    forms: str
    replacements: Mapping[str, str]
    between: str | None
    space_after: str
    space_before: str
    message: Template
    fix: Template | None

    def check(self, text: str) -> Iterator[Hit]:
        if text.isascii():
            return
        for found in _re(self.forms).finditer(text):
            start, end = found.span()
            if (
                self.between is not None
                and start
                and end < len(text)
                and _re(self.between).match(text[start - 1])
                and _re(self.between).match(text[end])
            ):
                continue
            suggestion = self._ascii_form(text, start, end)
            values = {"match": found.group(), "suggestion": suggestion}
            yield Hit(
                start=start,
                end=end,
                message=self.message.render(values),
                suggestions=(suggestion,),
                replacement=self.fix.render(values) if self.fix else None,
            )

    def _ascii_form(self, text: str, start: int, end: int) -> str:
        parts = []
        for index in range(start, end):
            char = text[index]
            replacement = self.replacements.get(char) or _fullwidth_to_ascii(char)
            following = text[index + 1] if index + 1 < len(text) else ""
            if char in self.space_after and following.isalnum():
                replacement += " "
            if (
                char in self.space_before
                and index == start
                and start
                and text[start - 1].isalnum()
                and is_spaced_word_char(text[start - 1])
            ):
                replacement = " " + replacement
            parts.append(replacement)
        return "".join(parts)


def _fullwidth_to_ascii(char: str) -> str:
    return chr(ord(char) - 0xFEE0) if "\uff01" <= char <= "\uff5e" else char


def _load_glossary(folder: Path, name: str) -> dict[str, tuple[str, ...]]:
    path = folder / name
    data = load_data_file(path, "glossary")
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list):
        raise SpecError("glossary", f"{path}: a glossary is a mapping with a list 'terms'")
    glossary: dict[str, tuple[str, ...]] = {}
    for term, line in zip(terms, terms.item_lines, strict=True):
        try:
            check_keys(term, GLOSSARY_KEYS, "term", line)
            english = text_list(term["en"], "en", line)
        except SpecError as error:
            raise SpecError("glossary", f"{path}:{error.line or line}: {error.message}") from None
        glossary[term["zh"]] = english
    return glossary


def _claims(item: Any, line: int) -> str | None:
    if "claims" not in item:
        return None
    scripts = text_list(item["claims"], "claims", line)
    letters = _letter_class(scripts, "languages").removeprefix("(?V1)")
    return f"(?V1)(?:{letters}|[^\\p{{L}}\\p{{M}}\\p{{Nl}}])+"  # no letter of another script


def _language(item: Any, line: int, folder: Path) -> Language:
    check_keys(item, LANGUAGE_KEYS, "language", line)
    scripts = text_list(item["scripts"], "scripts", line)
    glossary = _load_glossary(folder, item["glossary"]) if "glossary" in item else {}
    return Language(
        name=item["name"],
        letters=_letter_class(scripts, "languages"),
        segment=item.get("segment", False),
        glossary=glossary,
        dictionary=item.get("dictionary", False),
        claims=_claims(item, line),
    )


def _run_checker(spec: dict, message: Template, fix: Template | None, folder: Path) -> RunChecker:
    scripts = text_list(spec.get("scripts", []), "scripts") if "scripts" in spec else ()
    if not scripts:
        raise SpecError("scripts", "detect 'run' needs 'scripts'")
    letters = _letter_class(scripts, "scripts").removeprefix("(?V1)")
    joiners = regex.escape(spec.get("joiners", ""))
    source = f"(?V1){letters}(?:[{joiners}]*{letters})*" if joiners else f"(?V1){letters}+"
    items = spec.get("languages") or [{"name": " or ".join(scripts), "scripts": list(scripts)}]
    lines = getattr(items, "item_lines", [0] * len(items))
    languages = tuple(_language(i, line, folder) for i, line in zip(items, lines, strict=True))
    return RunChecker(
        runs=source,
        languages=languages,
        whole_words=spec.get("whole_words", False),
        min_length=spec.get("min_length", 1),
        allow=frozenset(text_list(spec["allow"], "allow")) if "allow" in spec else frozenset(),
        allow_glosses=spec.get("allow_glosses", True),
        allow_quoted=spec.get("allow_quoted", True),
        message=message,
        fix=fix,
        unless=unless_source(spec),
    )


def build(spec: dict, message: str, fix: str | None, folder: Path) -> Any:
    detect = spec.get("detect", "run")
    if detect not in _DETECT_KEYS:
        known = ", ".join(sorted(_DETECT_KEYS))
        raise SpecError("detect", f"unknown detect '{detect}' (known: {known})")
    for key in spec:
        if key in KEYS and key != "detect" and key not in _DETECT_KEYS[detect]:
            raise SpecError(key, f"'{key}' does not apply to detect '{detect}'")
    names = _PLACEHOLDERS[detect]
    message_template = parse_template(message, names, "message")
    fix_template = parse_template(fix, names, "fix") if fix is not None else None
    if detect == "run":
        return _run_checker(spec, message_template, fix_template, folder)
    if detect == "mixed-word":
        scripts = text_list(spec.get("scripts", []), "scripts") if "scripts" in spec else ()
        if not scripts:
            raise SpecError("scripts", "detect 'mixed-word' needs 'scripts'")
        confusables = spec.get("confusables", {})
        if not all(isinstance(v, str) and len(k) == 1 for k, v in confusables.items()):
            raise SpecError("confusables", "'confusables' maps single characters to text")
        return MixedWordChecker(
            foreign=_letter_class(scripts, "scripts"),
            base=_letter_class((spec.get("base", "Latin"),), "base"),
            confusables=dict(confusables),
            message=message_template,
            fix=fix_template,
        )
    replacements = spec.get("replacements", {})
    if not all(isinstance(v, str) and len(k) == 1 for k, v in replacements.items()):
        raise SpecError("replacements", "'replacements' maps single characters to text")
    chars = "".join(regex.escape(char) for char in replacements)
    if spec.get("fullwidth_ascii", False):
        chars += "\\uff01-\\uff5e"
    if not chars:
        raise SpecError("replacements", "detect 'forms' needs 'replacements' or 'fullwidth_ascii'")
    between = text_list(spec["between"], "between") if "between" in spec else ()
    return FormsChecker(
        forms=f"[{chars}]+",
        replacements=dict(replacements),
        between=_letter_class(between, "between") if between else None,
        space_after=spec.get("space_after", ""),
        space_before=spec.get("space_before", ""),
        message=message_template,
        fix=fix_template,
    )
