"""The compiled built-in rules are cached between runs, and a stale cache is rebuilt."""

from __future__ import annotations

import os
import shutil

import pytest

from lint import builtin


@pytest.fixture
def rules_dir(tmp_path, monkeypatch):
    source = builtin.builtin_dir()
    copy = tmp_path / "rules"
    shutil.copytree(source, copy)
    monkeypatch.setattr(builtin, "builtin_dir", lambda: copy)
    monkeypatch.setenv("TXTLINT_CACHE_DIR", str(tmp_path / "cache"))
    return copy


def ids(rules) -> list[str]:
    return [rule.id for rule in rules]


def test_first_load_writes_the_cache_and_the_second_reads_it(rules_dir, tmp_path, monkeypatch):
    first = builtin.load_builtin()
    cache = tmp_path / "cache" / builtin.CACHE_FILE
    assert cache.is_file()
    monkeypatch.setattr("lint.rulebook.load_modules", lambda _: pytest.fail("cache not used"))
    second = builtin.load_builtin()
    assert ids(second) == ids(first)
    mt_tokens = next(rule for rule in second if rule.id == "quality.mt-tokens")
    assert [hit.start for hit in mt_tokens.checker.check("a <unk>")] == [2]


def test_a_changed_module_rebuilds_the_cache(rules_dir):
    builtin.load_builtin()
    module = rules_dir / "quality.yaml"
    text = module.read_text(encoding="utf-8").replace("id: mt-tokens", "id: mt-leftovers")
    module.write_text(text, encoding="utf-8")
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "quality.mt-leftovers" in ids(builtin.load_builtin())


def test_a_corrupt_cache_is_rebuilt(rules_dir, tmp_path):
    expected = ids(builtin.load_builtin())
    (tmp_path / "cache" / builtin.CACHE_FILE).write_bytes(b"not a pickle")
    assert ids(builtin.load_builtin()) == expected


def test_empty_cache_dir_setting_turns_the_cache_off(rules_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TXTLINT_CACHE_DIR", "")
    assert builtin.load_builtin()
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_not_an_error(rules_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TXTLINT_CACHE_DIR", str(blocker / "cache"))
    assert builtin.load_builtin()
