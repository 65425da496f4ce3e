"""`bilingual`: checks that compare each target of a translation unit with its source.

Bilingual files (gettext PO, XLIFF) carry translation units; a rule of this kind sees
each unit (`check_unit`) and reports in its targets, or where an empty target is. The
engine runs bilingual rules whatever the language of the file's targets; the checks
that depend on scripts read the target language of the unit (`zh_CN`, `en-US`,
`sr@latin` …).

Keys: `check` (required, one of the checks below); `length-ratio` also takes
`min_ratio` (default 0.3), `max_ratio` (default 3.0), `min_length` (default 20) and
`cjk_weight` (default 2.5); `punctuation` takes `optional_full_stop` (default true).
A rule of this kind cannot have `unless`; only `punctuation` has a fix.

Every check offers the placeholders `{match}` (the text of the finding), `{source}`
(the unit's source, on one line, shortened to 60 characters), `{language}` (the
target language as the file gives it) and `{reason}` (what is wrong, as an English
clause: the ready-made middle of a message). The checks other than `untranslated` skip
empty targets. In a unit with plural forms (several targets), `numbers` and
`placeholders` compare the forms together with the source and report only what no form
has (on the first form): the forms also answer a plural source (`msgid_plural`) the
unit does not carry, so `%d files` for `One file` is not an extra placeholder.

- `untranslated`: an empty target (no target at all, or one that is empty or only
  white space), reported as a zero-length finding where the target is (`target_at` of
  the unit, or the start of the empty target): there is no text to underline, and the
  position is the one a translator must type at. Or a target identical to its source
  (compared with all white space removed) when the source is written in a script the
  target language does not use (a Chinese msgid copied as the msgstr of an English
  file): reported on the whole target. Placeholders: `{script}` (the source's writing
  system: Chinese, Japanese, Korean, Cyrillic, …; empty for an empty target).
- `source-script-leak`: letters of the source's writing system in a target whose
  language does not use them, even letters that also occur in the source. The
  source's writing system is that of most of its non-Latin letters: Chinese (Han,
  Bopomofo), Japanese (Han, kana: any kana makes a source Japanese), Korean (Hangul,
  Han; Hangul must be at least half of the CJK letters), or one other script
  (Cyrillic, Greek, Arabic, …). A source without non-Latin letters has none, and is
  not checked; nor is a source mostly in Latin letters, whose system (counting a CJK
  letter as three) has less than a third of its letters (`Select 中文 for Chinese`).
  The languages' scripts are a built-in table (Chinese: Han, Bopomofo; Japanese: Han
  and kana; Korean: Hangul; Russian, Ukrainian …: Cyrillic; English, French …: Latin;
  a script subtag or a `@latin`/`@cyrillic` modifier wins). An unknown or missing
  target language (`und`) is not guessed: the script checks of `untranslated` and
  `source-script-leak` are then skipped. One finding per run of
  such letters, joined by spaces, digits and the script's own punctuation
  (`保存，文件` is one run). A target that is a copy of its source is left to
  `untranslated`. Placeholders: `{script}`.
- `numbers`: the figures of source and target must be the same multiset of values.
  Figures are read after normalising fullwidth and other decimal digits, thousands
  separators (comma, no-break or thin space: `1,500` = `1500`; a plain space
  separates two figures) and a magnitude after the figure: the Chinese ones of the
  unit table (`30万` = `300,000`, `1.2亿` = `120 million`, `3千万`), plus `百万`, `千`
  and `百` (not before a metric unit: `3千米` is 3 km), and the English scales
  (`300 thousand`, `0.3 million`). Decimals compare by value (`1.50` = `1.5`); signs
  are ignored. Figures inside placeholders, tags, URLs and e-mail addresses are not
  counted. A figure left over on one side is excused by a number written in words on
  the other, read only for this (so a pronoun `one` costs nothing but a missed
  finding): English `zero` … `ninety-nine` with an optional scale (`two million`),
  `first` … `twelfth`, month names (`May` = 5, `Sept` = 9), and Chinese numerals up
  to 99 with an optional magnitude (`三` = 3, `二十五` = 25, `三万` = 30,000). Each target
  figure missing from the source is reported at its span; each source figure missing
  from the target on the whole target. Placeholders: `{value}` (the figure's value,
  written as English writes it: `300,000`, `120 million`).
- `placeholders`: printf placeholders (`%s`, `%d`, `%1$d`, `%-5.2f`, `%ld`, `%@`,
  `%(name)s`; `%%` is a literal percent sign, and a space flag is not read, so
  `50% off` has none), brace placeholders (`{name}`, `{0}`, `{}`, `{0:.2f}`,
  `{name!r}`, `{{var}}`), tags (`<b>`, `</b>`, `<br/>`, `<a href="…">`, compared as
  written, attributes included), URLs (`http://`, `https://`, `ftp://`, `www.`) and
  e-mail addresses must be the same multiset in target and source. Each one missing
  from the target is reported on the whole target, each one in the target but not in
  the source at its span. Placeholders: `{placeholder}` (as written) and `{what}`
  (`printf placeholder`, `brace placeholder`, `tag`, `URL`, `e-mail address`).
- `accelerators`: a keyboard accelerator (`&File`, `Sa&ve`, `_File`) in the source
  needs one, on any letter, in the target, and the other way round. Not accelerators:
  `&&` (an ampersand), entities (`&amp;`, `&#39;`), an `&` between two capitals
  (`R&D`, `AT&T`), an `_` after a letter, digit or `_` (`file_name`), and anything
  inside placeholders, tags, URLs and e-mail addresses. A missing accelerator is
  reported on the whole target, an extra one at its span (the marker and its letter).
  Placeholders: `{accelerator}` (the source's accelerator, or the target's extra one).
- `punctuation`: leading and trailing white space must be the same as the source's
  (reported on the target's white space, or on its first or last character when it
  has none; the fix writes the source's white space), and the end punctuation must
  match once CJK punctuation is mapped to its Latin equivalent (`。` = `.`, `！` = `!`,
  `？` = `?`, `：` = `:`, `；` = `;`, `，` and `、` = `,`, `（）` = `()`, `…` and `……` =
  `...`). The end punctuation is the run of those marks (and `.!?:;,)`) at the end of
  the text, before white space; closing quotes end it, so `“好。”` and `"OK."` both
  have none. With `optional_full_stop` (the default), a full stop on one side only
  is not reported (`点击地图开始导航` → `Tap the map to start navigation.`, `完成。` →
  `Done`): sources often leave it out of sentences, and translations of labels. A
  target in a language written without Han or kana (for an unknown
  language: one whose letters are not mostly Han or kana) whose end marks are CJK but
  otherwise right (`Done。` for `完成。`) gets a fix to the Latin marks; other
  differences are reported with the expected marks as a suggestion, without a fix
  (adding or changing end punctuation is a translator's call). Placeholders:
  `{expected}` (what the source asks for, in the target's form), `{suggestion}`.
- `length-ratio`: the target's length divided by the source's outside `min_ratio` …
  `max_ratio`, for sources of at least `min_length`. Lengths count characters other
  than white space, after removing placeholders, tags, URLs and e-mail addresses; a
  wide character (CJK, fullwidth: East Asian Width W or F) counts `cjk_weight` (2.5:
  about the Latin letters one Chinese character becomes in English, so a faithful
  zh→en or en→zh translation has a ratio near 1, and the defaults flag a target under
  0.3 or over 3 times its source). Reported on the whole target; use severity info.
  Placeholders: `{ratio}` (two decimals), `{min_ratio}`, `{max_ratio}`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint.builtin import builtin_dir
from lint.document import Segment, TranslationUnit
from lint.model import Hit
from lint.numbers import SPELLED_SCALES, ascii_digits, write_number
from lint.regexes import LazyPattern
from lint.spec import Key, SpecError, parse_template
from lint.template import Template
from lint.units import load_table

KEYS = {
    "check": Key((str,), required=True),
    "min_ratio": Key((int, float)),
    "max_ratio": Key((int, float)),
    "min_length": Key((int,)),
    "cjk_weight": Key((int, float)),
    "optional_full_stop": Key((bool,)),
}
# The keys only one check takes.
CHECK_KEYS = {
    "length-ratio": ("min_ratio", "max_ratio", "min_length", "cjk_weight"),
    "punctuation": ("optional_full_stop",),
}
RATIO_DEFAULTS = {"min_ratio": 0.3, "max_ratio": 3.0, "min_length": 20, "cjk_weight": 2.5}
UNIT_TABLE = "data/units.yaml"

Where = Segment | int
Found = tuple[Where, Hit]

# ---- scripts and languages


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The scripts a source's letters are counted in (Latin never makes a source foreign).
_SCRIPTS = _names(
    "Han Hiragana Katakana Hangul Bopomofo Cyrillic Greek Arabic Hebrew Thai Lao Khmer "
    "Myanmar Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam "
    "Sinhala Armenian Georgian Ethiopic Mongolian Tibetan Syriac Thaana"
)
_CJK = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"})
_LETTER = r"[\p{L}\p{M}\p{Nl}]"
_SCRIPT_LETTERS = "(?V1)" + "|".join(
    f"(?P<{name}>[\\p{{scx={name}}}&&{_LETTER}])" for name in (*_SCRIPTS, "Latin")
)

LATIN_LANGUAGES = _names(
    "af an ast ay az br bs ca ceb co cs cy da de en eo es et eu fi fil fo fr fy ga gd gl "
    "gn ha haw hr ht hu id ig is it jv kl la lb lg ln lt lv mg mi ms mt nb nl nn no ny oc "
    "pl pt qu rm rn ro rw sc sk sl sm so sq st su sv sw tk tl tn to tr uz vi wa wo xh yo zu"
)
_LANGUAGE_SCRIPTS = {
    "zh": frozenset({"Han", "Bopomofo"}),
    "ja": frozenset({"Han", "Hiragana", "Katakana"}),
    "ko": frozenset({"Hangul"}),
    **dict.fromkeys(
        _names("ru uk be bg sr mk kk ky mn tg tt ba cv ce os"), frozenset({"Cyrillic"})
    ),
    "el": frozenset({"Greek"}),
    **dict.fromkeys(_names("ar fa ur ps ug sd ckb"), frozenset({"Arabic"})),
    **dict.fromkeys(_names("he yi"), frozenset({"Hebrew"})),
    "th": frozenset({"Thai"}),
    "lo": frozenset({"Lao"}),
    "km": frozenset({"Khmer"}),
    "my": frozenset({"Myanmar"}),
    **dict.fromkeys(_names("hi mr ne sa"), frozenset({"Devanagari"})),
    **dict.fromkeys(_names("bn as"), frozenset({"Bengali"})),
    "pa": frozenset({"Gurmukhi"}),
    "gu": frozenset({"Gujarati"}),
    "or": frozenset({"Oriya"}),
    "ta": frozenset({"Tamil"}),
    "te": frozenset({"Telugu"}),
    "kn": frozenset({"Kannada"}),
    "ml": frozenset({"Malayalam"}),
    "si": frozenset({"Sinhala"}),
    "hy": frozenset({"Armenian"}),
    "ka": frozenset({"Georgian"}),
    **dict.fromkeys(_names("am ti"), frozenset({"Ethiopic"})),
    "bo": frozenset({"Tibetan"}),
    "dv": frozenset({"Thaana"}),
    **dict.fromkeys(LATIN_LANGUAGES, frozenset({"Latin"})),
}
# Script subtags (zh-Hant, sr-Latn) and gettext modifiers (sr@latin).
_SUBTAG_SCRIPTS = {
    "latn": frozenset({"Latin"}),
    "latin": frozenset({"Latin"}),
    "cyrl": frozenset({"Cyrillic"}),
    "cyrillic": frozenset({"Cyrillic"}),
    "hans": frozenset({"Han", "Bopomofo"}),
    "hant": frozenset({"Han", "Bopomofo"}),
    "hani": frozenset({"Han", "Bopomofo"}),
    "arab": frozenset({"Arabic"}),
    "deva": frozenset({"Devanagari"}),
    "grek": frozenset({"Greek"}),
}


@functools.lru_cache(maxsize=256)
def language_scripts(language: str) -> frozenset[str] | None:
    """The scripts a target language is written in (besides Latin for names and
    codes), or None when the language is missing or not in the table."""
    code, _, modifier = language.strip().lower().partition("@")
    parts = [p for p in regex.split(r"[-_.]", code) if p]
    for subtag in [modifier, *parts[1:]]:
        if subtag in _SUBTAG_SCRIPTS:
            return _SUBTAG_SCRIPTS[subtag]
    return _LANGUAGE_SCRIPTS.get(parts[0]) if parts else None


class System(NamedTuple):
    """A writing system: its name in messages and the scripts of its letters."""

    name: str
    scripts: frozenset[str]


_SCRIPT_OF = LazyPattern(_SCRIPT_LETTERS)


@functools.lru_cache(maxsize=65536)
def _script_of(char: str) -> str | None:
    """The script a letter is counted in (Latin included), or None."""
    found = _SCRIPT_OF.match(char)
    return found.lastgroup if found else None


def source_system(text: str) -> System | None:
    """The writing system of most of the non-Latin letters of `text`, or None; also
    None when the text is mostly Latin: when, counting a CJK letter as three, that
    system's letters are less than a third of all (`Select 中文 for Chinese`)."""
    if text.isascii():
        return None
    counts: Counter[str] = Counter()
    for char, count in Counter(text).items():
        name = ("Latin" if char.isalpha() else None) if char.isascii() else _script_of(char)
        if name is not None:
            counts[name] += count
    cjk = sum(counts[name] for name in _CJK)
    top, top_count = max(
        ((name, n) for name, n in counts.items() if name not in _CJK and name != "Latin"),
        key=lambda x: x[1],
        default=("", 0),
    )
    if top_count > cjk:
        system, weight = System(top, frozenset({top})), top_count
    elif not cjk:
        return None
    elif counts["Hiragana"] or counts["Katakana"]:
        system, weight = System("Japanese", frozenset({"Han", "Hiragana", "Katakana"})), 3 * cjk
    elif counts["Hangul"] * 2 >= cjk:
        system, weight = System("Korean", frozenset({"Hangul", "Han"})), 3 * cjk
    else:
        system, weight = System("Chinese", frozenset({"Han", "Bopomofo"})), 3 * cjk
    return system if weight * 2 >= counts["Latin"] else None


def _foreign(unit: TranslationUnit) -> tuple[System, frozenset[str]] | None:
    """The source's writing system and those of its scripts the target language does
    not use; None when there are none or the target language is unknown."""
    system = source_system(unit.source.text)
    if system is None:
        return None
    scripts = language_scripts(unit.target_language)
    if scripts is None:
        return None
    foreign = system.scripts - scripts
    return (system, foreign) if foreign else None


@functools.lru_cache(maxsize=64)
def _runs(scripts: frozenset[str]) -> regex.Pattern:
    """Runs of letters of `scripts`, joined by spaces, digits and the scripts' own
    punctuation (and fullwidth forms)."""
    names = "".join(f"\\p{{scx={name}}}" for name in sorted(scripts))
    letter = f"[[{names}]&&{_LETTER}]"
    joiner = f"(?:[[{names}\\u3000\\uff00-\\uffef]--{_LETTER}]|[ \\p{{Nd}}])"
    return regex.compile(f"(?V1){letter}+(?:{joiner}+{letter}+)*")


def _is_copy(unit: TranslationUnit, target: Segment) -> bool:
    return "".join(target.text.split()) == "".join(unit.source.text.split())


# ---- placeholders, tags, URLs, e-mail addresses

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_URL_END = r"[A-Za-z0-9\-_~/#@$&*+=%]"
_MARKUP = LazyPattern(
    "|".join(
        (
            rf"(?P<url>(?:(?:https?|ftp)://|www\.){_URL_CHARS}*{_URL_END})",
            r"(?P<email>(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})",
            r"(?P<tag></?[A-Za-z][A-Za-z0-9:._\-]*(?:\s[^<>]*)?/?>)",
            r"(?P<brace>\{\{[^{}\n]+\}\}|\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}\n]*)?\})",
            r"(?P<percent>%%)",
            r"(?P<printf>%(?:\d+\$)?(?:\([A-Za-z0-9_.]+\))?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
            r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSpn@r])",
        )
    )
)
WHAT = {
    "url": "URL",
    "email": "e-mail address",
    "tag": "tag",
    "brace": "brace placeholder",
    "printf": "printf placeholder",
}


class Markup(NamedTuple):
    start: int
    end: int
    text: str
    what: str


def markup(text: str) -> list[Markup]:
    """The placeholders, tags, URLs and e-mail addresses of `text`, in order."""
    if not (
        "%" in text or "{" in text or "<" in text or "@" in text or "/" in text or "www." in text
    ):
        return []
    return [
        Markup(*found.span(), found.group(), WHAT[found.lastgroup])
        for found in _MARKUP.finditer(text)
        if found.lastgroup != "percent"
    ]


def _outside(spans: list[Markup], start: int, end: int) -> bool:
    return not any(m.start < end and start < m.end for m in spans)


def _without_markup(text: str) -> str:
    spans = markup(text)
    if not spans:
        return text
    kept, position = [], 0
    for item in spans:
        kept.append(text[position : item.start])
        position = item.end
    kept.append(text[position:])
    return "".join(kept)


# ---- numbers

_FIGURE = (
    r"(?P<figure>\p{Nd}{1,3}(?P<sep>[,\u00a0\u2009\u202f])\p{Nd}{3}(?:(?P=sep)\p{Nd}{3})*"
    r"(?:[.．]\p{Nd}+)?(?!\p{Nd})|\p{Nd}+(?:[.．]\p{Nd}+)?)"
)
# 千 is also the metric prefix kilo: 3千米 is 3 km, 5千瓦 5 kW, 2千字节 2 KB; 百 is hecto.
_NOT_AFTER_PREFIX = "米克瓦卡字兆焦帕赫伏升分"
_EXTRA_MAGNITUDES = {"百": 100, "千": 10**3, "百万": 10**6}
_ENGLISH_UNITS = _names(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_ENGLISH_TENS = _names("twenty thirty forty fifty sixty seventy eighty ninety")
_ORDINALS = {
    word: value
    for value, word in enumerate(
        _names("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"),
        start=1,
    )
}
_MONTH_NAMES = _names(
    "January February March April May June July August September October November December"
)
_MONTHS = {name: value for value, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: value for name, value in list(_MONTHS.items())})
_MONTHS["Sept"] = 9
_CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip


def _magnitudes() -> dict[str, int]:
    """Magnitude forms after a figure, by form: the unit table's (not the attached
    shorthand `10w`), `千` and `百万`, and the English scales."""
    table = load_table(builtin_dir() / UNIT_TABLE)
    forms = {f: int(m.value) for m in table.magnitudes if not m.attached for f in m.forms}
    forms.update(_EXTRA_MAGNITUDES)
    for word, value in SPELLED_SCALES.items():
        forms[word] = forms[word + "s"] = value
    return forms


def _alternation(forms: list[str]) -> str:
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        pattern = r"[ \u00a0]+".join(regex.escape(part) for part in form.split())
        if form in ("百", "千"):
            pattern += f"(?![{_NOT_AFTER_PREFIX}])"
        elif form.isascii():
            pattern += r"(?!\p{L})"
        parts.append(pattern)
    return "|".join(parts)


def _numbers_source(magnitudes: dict[str, int]) -> str:
    alternatives = _alternation(list(magnitudes))
    return rf"{_FIGURE}(?:(?P<gap>[ \u00a0]?)(?P<magnitude>{alternatives}))?"


def _words_source(magnitudes: dict[str, int]) -> str:
    """Numbers written in words: English zero … ninety-nine with an optional scale,
    ordinals up to twelfth, month names, and Chinese numerals up to 99 with an optional
    magnitude."""
    units = "|".join(sorted(_ENGLISH_UNITS, key=len, reverse=True))
    tens = "|".join(_ENGLISH_TENS)
    ones = "|".join(_ENGLISH_UNITS[1:10])
    english = rf"(?P<english>(?i:(?:{tens})(?:[- ](?:{ones}))?|{units}))"
    ordinal = rf"(?P<ordinal>(?i:{'|'.join(sorted(_ORDINALS, key=len, reverse=True))}))"
    month = rf"(?P<month>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})"
    digit = "[一二两三四五六七八九]"
    chinese = rf"(?P<chinese>{digit}?十{digit}?|[零〇一二两三四五六七八九])"
    alternatives = _alternation(list(magnitudes))
    return (
        rf"(?:\b(?:{english}|{ordinal}|{month})\b|{chinese})"
        rf"(?:[ \u00a0]?(?P<magnitude>{alternatives}))?"
    )


_DIGIT = LazyPattern(r"\p{Nd}")


@functools.lru_cache(maxsize=16)
def _compiled(source: str) -> regex.Pattern:
    """A checker's expression, compiled on first use (checkers keep sources: they are
    pickled with the built-in rules)."""
    return regex.compile(source)


class Number(NamedTuple):
    start: int
    end: int
    text: str
    value: Decimal


def _magnitude_value(magnitudes: dict[str, int], written: str | None) -> int:
    return magnitudes[" ".join(written.split())] if written else 1


def _english_value(words: str) -> int:
    parts = regex.split(r"[- ]+", words.lower())
    if parts[0] in _ENGLISH_TENS:
        value = 10 * (_ENGLISH_TENS.index(parts[0]) + 2)
        return value + (_ENGLISH_UNITS.index(parts[1]) if len(parts) > 1 else 0)
    return _ENGLISH_UNITS.index(parts[0])


def _chinese_value(numeral: str) -> int:
    if "十" not in numeral:
        return _CHINESE_DIGITS[numeral]
    before, _, after = numeral.partition("十")
    return _CHINESE_DIGITS.get(before, 1) * 10 + _CHINESE_DIGITS.get(after, 0)


def _figures(source: str, magnitudes: dict[str, int], text: str) -> list[Number]:
    if not _DIGIT.search(text):
        return []
    skipped = markup(text)
    found = []
    for match in _compiled(source).finditer(text):
        if not _outside(skipped, *match.span()):
            continue
        digits = ascii_digits(match["figure"]).replace("．", ".")
        digits = "".join(c for c in digits if c.isdigit() or c == ".")
        value = Decimal(digits) * _magnitude_value(magnitudes, match["magnitude"])
        found.append(Number(*match.span(), match.group(), value))
    return found


def _words(source: str, magnitudes: dict[str, int], text: str) -> list[Decimal]:
    values = []
    for match in _compiled(source).finditer(text):
        if match["english"]:
            value = _english_value(match["english"])
        elif match["ordinal"]:
            value = _ORDINALS[match["ordinal"].lower()]
        elif match["month"]:
            value = _MONTHS[match["month"]]
        else:
            value = _chinese_value(match["chinese"])
        values.append(Decimal(value) * _magnitude_value(magnitudes, match["magnitude"]))
    return values


def _written(value: Decimal) -> str:
    if value == value.to_integral_value():
        return write_number(float(value)) if value >= 10**6 else f"{int(value):,}"
    return format(value.normalize(), "f")


# ---- the checker


class BilingualChecker(NamedTuple):
    check_name: str
    message: Template
    fix: Template | None
    numbers: str = ""  # the figures expression (numbers check)
    words: str = ""  # numbers in words, which excuse a figure left over
    magnitudes: tuple[tuple[str, int], ...] = ()
    min_ratio: float = RATIO_DEFAULTS["min_ratio"]
    max_ratio: float = RATIO_DEFAULTS["max_ratio"]
    min_length: int = RATIO_DEFAULTS["min_length"]
    cjk_weight: float = RATIO_DEFAULTS["cjk_weight"]
    optional_full_stop: bool = True

    def check_unit(self, unit: TranslationUnit) -> Iterator[Found]:
        if not unit.source.text.strip():
            return iter(())
        return CHECKS[self.check_name](self, unit)

    def hit(
        self,
        span: tuple[int, int],
        unit: TranslationUnit,
        values: dict[str, str],
        suggestion: str | None = None,
        fix_span: tuple[int, int] | None = None,
        fixable: bool = False,
    ) -> Hit:
        values = {"source": _shown(unit.source.text), "language": unit.target_language, **values}
        replacement = None
        if suggestion is not None:
            values["suggestion"] = suggestion
            if fixable and self.fix is not None:
                replacement = self.fix.render(values)
        return Hit(
            *span,
            self.message.render(values),
            suggestions=(suggestion,) if suggestion is not None else (),
            replacement=replacement,
            fix_span=fix_span,
        )


def _shown(text: str, limit: int = 60) -> str:
    """A text on one line, shortened to `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _filled(unit: TranslationUnit) -> list[Segment]:
    return [target for target in unit.targets if target.text.strip()]


def _check_untranslated(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    empty = {"match": "", "script": "", "reason": "is empty"}
    if not unit.targets:
        yield unit.target_at, checker.hit((0, 0), unit, empty)
        return
    foreign = _foreign(unit)
    for target in unit.targets:
        if not target.text.strip():
            yield target, checker.hit((0, 0), unit, empty)
        elif foreign is not None and _is_copy(unit, target):
            system, scripts = foreign
            if _runs(scripts).search(unit.source.text):
                values = {
                    "match": target.text,
                    "script": system.name,
                    "reason": f"copies the {system.name} source",
                }
                yield target, checker.hit((0, len(target.text)), unit, values)


def _check_leak(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    foreign = _foreign(unit)
    if foreign is None:
        return
    system, scripts = foreign
    pattern = _runs(scripts)
    for target in _filled(unit):
        if target.text.isascii() or _is_copy(unit, target):
            continue
        for run in pattern.finditer(target.text):
            values = {
                "match": run.group(),
                "script": system.name,
                "reason": f'{system.name} text "{run.group()}" left in the translation',
            }
            yield target, checker.hit(run.span(), unit, values)


class Difference(NamedTuple):
    """What one target (or a unit's plural forms together) has beyond its source, and
    what the source has beyond it."""

    target: Segment  # where the items are reported
    compared: str  # the text(s) compared with the source
    extra: list  # items of the target not in the source, reported at their spans
    missing: list  # items of the source not in the target, reported on the whole target


def _leftover(items: list, counts: Counter, key: Callable[[Any], Any]) -> list:
    """The items of `items` (in order) beyond those counted in `counts`."""
    left = []
    counts = Counter(counts)
    for item in items:
        if counts[key(item)] > 0:
            counts[key(item)] -= 1
        else:
            left.append(item)
    return left


def _differences(
    unit: TranslationUnit, items: Callable[[str], list], key: Callable[[Any], Any]
) -> Iterator[Difference]:
    """Each target's differences from the source. Plural forms answer a plural source
    the unit does not carry (`%d files` for `One file`): they are compared together,
    and only the source's items that no form has are reported, on the first form."""
    filled = _filled(unit)
    if not filled:
        return
    source = items(unit.source.text)
    if len(unit.targets) > 1:
        union: Counter = Counter()
        for target in filled:
            union |= Counter(key(item) for item in items(target.text))
        missing = _leftover(source, union, key)
        if missing:
            yield Difference(filled[0], "\n".join(t.text for t in filled), [], missing)
        return
    for target in filled:
        found = items(target.text)
        if source or found:
            extra = _leftover(found, Counter(map(key, source)), key)
            missing = _leftover(source, Counter(map(key, found)), key)
            if extra or missing:
                yield Difference(target, target.text, extra, missing)


def _excused(left: list[Number], words: list[Decimal]) -> list[Number]:
    """The figures of `left` that no number in words on the other side accounts for."""
    spare = Counter(words)
    kept = []
    for number in left:
        if spare[number.value] > 0:
            spare[number.value] -= 1
        else:
            kept.append(number)
    return kept


def _shown_number(number: Number) -> tuple[str, str]:
    """The value of a figure as English writes it, and the figure as a message quotes
    it: with its value when that is not plain from the figure (`"30万" (300,000)`)."""
    value = _written(number.value)
    plain = "".join(c for c in ascii_digits(number.text) if c.isdigit() or c in ".．")
    same = number.text == value or plain.replace("．", ".") == format(number.value.normalize(), "f")
    return value, f'"{number.text}"' + ("" if same else f" ({value})")


def _check_numbers(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    magnitudes = dict(checker.magnitudes)

    def figures(text: str) -> list[Number]:
        return _figures(checker.numbers, magnitudes, text)

    for difference in _differences(unit, figures, lambda number: number.value):
        extra, missing = difference.extra, difference.missing
        if extra:
            extra = _excused(extra, _words(checker.words, magnitudes, unit.source.text))
        if missing:
            missing = _excused(missing, _words(checker.words, magnitudes, difference.compared))
        target = difference.target
        report = [(n, (n.start, n.end), "is not in the source") for n in extra]
        whole = (0, len(target.text))
        report += [(n, whole, "of the source is not in the target") for n in missing]
        for number, span, how in sorted(report, key=lambda r: (r[1], r[0].start)):
            value, shown = _shown_number(number)
            values = {"match": number.text, "value": value, "reason": f"{shown} {how}"}
            yield target, checker.hit(span, unit, values)


def _check_placeholders(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    for difference in _differences(unit, markup, lambda item: item.text):
        target = difference.target
        report = [(m, (m.start, m.end), "is not in the source") for m in difference.extra]
        whole = (0, len(target.text))
        report += [(m, whole, "is missing from the target") for m in difference.missing]
        for item, span, how in sorted(report, key=lambda r: (r[1], r[0].start)):
            values = {
                "match": item.text,
                "placeholder": item.text,
                "what": item.what,
                "reason": f'{item.what} "{item.text}" {how}',
            }
            yield target, checker.hit(span, unit, values)


_ACCELERATOR = LazyPattern(
    r"&&|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|[&_](?=[\p{L}\p{N}])"
)


def accelerators(text: str) -> list[tuple[int, int]]:
    """The spans of the accelerators of `text`: the marker and its letter."""
    if "&" not in text and "_" not in text:
        return []
    skipped = markup(text)
    found = []
    for match in _ACCELERATOR.finditer(text):
        start = match.start()
        if len(match.group()) != 1 or not _outside(skipped, start, start + 2):
            continue  # && or an entity
        before = text[start - 1] if start else ""
        after = text[start + 1]
        if match.group() == "_" and (before.isalnum() or before == "_"):
            continue  # file_name
        if match.group() == "&" and before.isupper() and after.isupper():
            continue  # R&D, AT&T
        found.append((start, start + 2))
    return found


def _check_accelerators(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    source = accelerators(unit.source.text)
    for target in _filled(unit):
        found = accelerators(target.text)
        if source and not found:
            written = unit.source.text[slice(*source[0])]
            values = {
                "match": target.text,
                "accelerator": written,
                "reason": f'the source has the accelerator "{written}", the target none',
            }
            yield target, checker.hit((0, len(target.text)), unit, values)
        elif found and not source:
            for span in found:
                written = target.text[slice(*span)]
                values = {
                    "match": written,
                    "accelerator": written,
                    "reason": f'the target has the accelerator "{written}", the source none',
                }
                yield target, checker.hit(span, unit, values)


# CJK punctuation and its Latin equivalent.
LATIN_PUNCTUATION = {
    "。": ".", "．": ".", "！": "!", "？": "?", "：": ":", "；": ";", "，": ",",
    "、": ",", "（": "(", "）": ")",
}  # fmt: skip
_END_MARKS = ".!?:;,)…" + "".join(LATIN_PUNCTUATION)
_END = LazyPattern(f"[{regex.escape(_END_MARKS)}]+$")
_TO_CJK = {".": "。", "!": "！", "?": "？", ":": "：", ";": "；", ",": "，", ")": "）"}
# Languages written with these scripts use CJK punctuation (Korean uses Latin marks).
_CJK_PUNCTUATED = frozenset({"Han", "Hiragana", "Katakana"})
_HAN_KANA = LazyPattern(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_LETTERS = LazyPattern(r"\p{L}")


_DOTS = LazyPattern(r"\.{3,}")


def latin_marks(marks: str) -> str:
    """End marks with CJK punctuation mapped to Latin: `。` → `.`, `……` → `...`."""
    mapped = "".join(LATIN_PUNCTUATION.get(c, c) for c in marks).replace("…", "...")
    return _DOTS.sub("...", mapped)


def cjk_marks(marks: str) -> str:
    """End marks as Chinese and Japanese write them: `.` → `。`, `...` → `……`."""
    latin = latin_marks(marks).replace("...", "……")
    return "".join(_TO_CJK.get(c, c) for c in latin)


def _visible(space: str) -> str:
    """White space as a message shows it: `\\n`, `\\t`, `\\u3000`; a space stays."""
    return space.encode("unicode_escape").decode("ascii")


def _described(space: str) -> str:
    return f'white space "{_visible(space)}"' if space else "no white space"


def _latin_punctuated(unit: TranslationUnit, target: Segment) -> bool:
    """Whether the target should end with Latin marks: its language is not written in
    Han or kana; for an unknown language, at most half its letters are Han or kana."""
    scripts = language_scripts(unit.target_language)
    if scripts is not None:
        return not scripts & _CJK_PUNCTUATED
    return len(_HAN_KANA.findall(target.text)) * 2 <= len(_LETTERS.findall(target.text))


def _edges(text: str) -> tuple[int, int]:
    """Where the text after leading white space starts, and where trailing white space
    starts."""
    return len(text) - len(text.lstrip()), len(text.rstrip())


def _check_whitespace(
    checker: BilingualChecker, unit: TranslationUnit, target: Segment
) -> Iterator[Found]:
    source, text = unit.source.text, target.text
    s_start, s_end = _edges(source)
    t_start, t_end = _edges(text)
    edges = (
        ("starts", source[:s_start], text[:t_start], (0, t_start), (0, t_start or 1)),
        (
            "ends",
            source[s_end:],
            text[t_end:],
            (t_end, len(text)),
            (t_end - (t_end == len(text)), len(text)),
        ),
    )
    for where, wanted, written, fix_span, span in edges:
        if wanted == written:
            continue
        reason = (
            f"the source {where} with {_described(wanted)}, the target with {_described(written)}"
        )
        values = {"match": text[slice(*span)], "expected": _visible(wanted), "reason": reason}
        # where the format leaves markup out between pieces of the text (an inline tag),
        # white space at an edge may sit next to it: no fix is offered there
        fixable = target.unbroken(0, len(text))
        yield target, checker.hit(span, unit, values, wanted, fix_span, fixable=fixable)


# A Windows accelerator written after the label (`文件(&F)`), not end punctuation.
_TRAILING_ACCELERATOR = LazyPattern(r"[(（]&\w[)）]$")


def _check_punctuation(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    found = _END.search(_TRAILING_ACCELERATOR.sub("", unit.source.text.rstrip()))
    s_mark = found.group() if found else ""
    for target in _filled(unit):
        yield from _check_whitespace(checker, unit, target)
        t_end = _edges(target.text)[1]
        found = _END.search(target.text, 0, t_end)
        t_mark = found.group() if found else ""
        latin = _latin_punctuated(unit, target)
        marks = {latin_marks(t_mark), latin_marks(s_mark)}
        if len(marks) == 1 or (checker.optional_full_stop and marks == {"", "."}):
            if latin and latin_marks(t_mark) != t_mark.replace("…", "..."):
                suggestion = latin_marks(t_mark)
                reason = f'the end punctuation "{t_mark}" is CJK; write "{suggestion}"'
                values = {"match": t_mark, "expected": suggestion, "reason": reason}
                yield target, checker.hit(found.span(), unit, values, suggestion, fixable=True)
            continue
        expected = (latin_marks if latin else cjk_marks)(s_mark)
        if not s_mark:
            reason = f'the target ends with "{t_mark}", the source without end punctuation'
        elif t_mark:
            reason = f'the source ends with "{s_mark}", the target with "{t_mark}"'
        else:
            reason = f'the source ends with "{s_mark}", the target without end punctuation'
        span = found.span() if found else (t_end - 1, t_end)
        values = {"match": target.text[slice(*span)], "expected": expected, "reason": reason}
        yield target, checker.hit(span, unit, values, expected if t_mark and expected else None)


# Wide characters (East Asian Width W and F): CJK, kana, Hangul, fullwidth forms.
_WIDE = LazyPattern(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd]"
)


def _weighted_length(text: str, weight: float) -> float:
    """Characters other than white space, placeholders and markup; a wide one counts
    `weight`."""
    text = "".join(_without_markup(text).split())
    length: float = len(text)
    if not text.isascii():
        length += (weight - 1) * len(_WIDE.findall(text))
    return length


def _check_length(checker: BilingualChecker, unit: TranslationUnit) -> Iterator[Found]:
    source = _weighted_length(unit.source.text, checker.cjk_weight)
    if source < checker.min_length:
        return
    for target in _filled(unit):
        ratio = _weighted_length(target.text, checker.cjk_weight) / source
        if checker.min_ratio <= ratio <= checker.max_ratio:
            continue
        shown = f"{ratio:.2f}"
        bound = checker.min_ratio if ratio < checker.min_ratio else checker.max_ratio
        side = "at least" if ratio < checker.min_ratio else "at most"
        values = {
            "match": target.text,
            "ratio": shown,
            "min_ratio": f"{checker.min_ratio:g}",
            "max_ratio": f"{checker.max_ratio:g}",
            "reason": f"the target is {shown} times as long as the source ({side} {bound:g})",
        }
        yield target, checker.hit((0, len(target.text)), unit, values)


CHECKS: dict[str, Callable[[BilingualChecker, TranslationUnit], Iterator[Found]]] = {
    "untranslated": _check_untranslated,
    "source-script-leak": _check_leak,
    "numbers": _check_numbers,
    "placeholders": _check_placeholders,
    "accelerators": _check_accelerators,
    "punctuation": _check_punctuation,
    "length-ratio": _check_length,
}
_COMMON = ("match", "source", "language", "reason")
MESSAGE_NAMES = {
    "untranslated": ("script",),
    "source-script-leak": ("script",),
    "numbers": ("value",),
    "placeholders": ("placeholder", "what"),
    "accelerators": ("accelerator",),
    "punctuation": ("expected", "suggestion"),
    "length-ratio": ("ratio", "min_ratio", "max_ratio"),
}
FIXABLE = frozenset({"punctuation"})


def _ratio_settings(spec: dict[str, Any]) -> dict[str, Any]:
    settings = {key: spec.get(key, default) for key, default in RATIO_DEFAULTS.items()}
    for key in ("min_ratio", "max_ratio", "cjk_weight"):
        if settings[key] <= 0:
            raise SpecError(key, f"'{key}' must be more than 0")
    if settings["min_ratio"] >= settings["max_ratio"]:
        raise SpecError("min_ratio", "'min_ratio' must be less than 'max_ratio'")
    if settings["min_length"] < 0:
        raise SpecError("min_length", "'min_length' must not be negative")
    return settings


def build(spec: dict[str, Any], message: str, fix: str | None, folder: Path) -> BilingualChecker:
    check = spec["check"]
    if check not in CHECKS:
        known = ", ".join(sorted(CHECKS))
        raise SpecError("check", f"unknown check '{check}' (known: {known})")
    if "unless" in spec:
        raise SpecError("unless", "a bilingual rule cannot have 'unless'")
    for owner, keys in CHECK_KEYS.items():
        for key in keys:
            if key in spec and check != owner:
                raise SpecError(key, f"'{key}' is a key of the check '{owner}'")
    if fix is not None and check not in FIXABLE:
        raise SpecError("fix", f"the check '{check}' has no fix")
    names = (*_COMMON, *MESSAGE_NAMES[check])
    extra: dict[str, Any] = {}
    if check == "numbers":
        magnitudes = _magnitudes()
        extra = {
            "numbers": _numbers_source(magnitudes),
            "words": _words_source(magnitudes),
            "magnitudes": tuple(sorted(magnitudes.items())),
        }
    elif check == "length-ratio":
        extra = _ratio_settings(spec)
    elif check == "punctuation":
        extra = {"optional_full_stop": spec.get("optional_full_stop", True)}
    return BilingualChecker(
        check,
        parse_template(message, names, "message"),
        parse_template(fix, names, "fix") if fix is not None else None,
        **extra,
    )
