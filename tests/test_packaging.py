"""The wheel: built from a snapshot of this working tree, installed into a fresh venv
(dependencies from PyPI), and run from outside the checkout, so the built-in rule modules
can only come from the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ARTIFACT = "He gave such science and technology as a gift.\n"
FINDING = "example.txt:1:9: warning zh-en.calque.keji-such-as "


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def wheel(snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    outdir = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--wheel", "--outdir", outdir, snapshot)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = outdir.glob("txtlint-*.whl")
    return found


@pytest.fixture(scope="module")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    created = run(sys.executable, "-m", "venv", root)
    assert created.returncode == 0, created.stdout + created.stderr
    bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
    installed = run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return bin_dir


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout to run the installed command in."""
    return tmp_path_factory.mktemp("work")


def test_wheel_contains_rule_modules_and_schema(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    rule_modules = [n for n in names if n.startswith("lint/rules/") and n.endswith(".yaml")]
    assert "lint/rules/zh-en-calque.yaml" in rule_modules, names
    assert "lint/report/findings.schema.json" in names, names
    assert not [n for n in names if n.startswith(("rules/", "tests/"))], names


def test_installed_package_uses_its_own_rule_modules(venv_bin: Path, workdir: Path):
    code = "import lint.rulebook as r; print(r.__file__); print(r.builtin_dir())"
    where = run(venv_bin / "python", "-c", code, cwd=workdir)
    assert where.returncode == 0, where.stderr
    module, rules_dir = (Path(line) for line in where.stdout.splitlines())
    venv = venv_bin.parent.resolve()
    assert module.resolve().is_relative_to(venv), where.stdout
    assert rules_dir.resolve() == module.resolve().parent / "rules", where.stdout


def test_installed_command_reports_a_finding(venv_bin: Path, workdir: Path):
    (workdir / "example.txt").write_text(ARTIFACT, encoding="utf-8")
    checked = run(venv_bin / "txtlint", "example.txt", cwd=workdir)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert any(line.startswith(FINDING) for line in checked.stdout.splitlines()), checked.stdout


def test_installed_command_lists_builtin_rules(venv_bin: Path, workdir: Path):
    listed = run(venv_bin / "txtlint", "rules", cwd=workdir)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    assert "zh-en.calque.keji-such-as" in ids, listed.stdout
