"""The hook in .pre-commit-hooks.yaml, run by the real pre-commit.

`pre-commit try-repo` clones the hook repository at a commit and pip-installs it into a
fresh virtualenv (one per run, from PyPI). Given a checkout with uncommitted changes it
commits them in a shadow clone, but only changes to tracked files: new files, such as a
hook manifest not yet added, would be missing. So the repository handed to it is the
`snapshot` fixture, a one-commit copy of this working tree, the same in a developer's
checkout and in a clean CI clone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ARTIFACT = "He gave such science and technology as a gift.\n"
CLEAN = "The weather is fine today.\n"


@pytest.fixture(scope="module")
def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"pre-commit is not installed next to {sys.executable}")
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, git_env: dict[str, str]) -> Path:
    """A repository using the hook, with one file that has an artifact and one that not."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("project")
    (root / "artifact.txt").write_text(ARTIFACT, encoding="utf-8")
    (root / "clean.md").write_text(CLEAN, encoding="utf-8")
    commit = ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "texts"]
    for command in (["init", "-q"], ["add", "-A"], commit):
        subprocess.run(["git", *command], cwd=root, env=git_env, check=True)
    return root


@pytest.fixture
def try_repo(pre_commit: str, snapshot: Path, project: Path, git_env, tmp_path: Path):
    """Run the hook on one file of `project`; pre-commit's own home is a fresh folder."""
    env = {key: value for key, value in git_env.items() if key != "SKIP"}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    command = [pre_commit, "try-repo", str(snapshot), "txtlint", "--color=never", "--files"]
    return lambda name: subprocess.run(
        [*command, name],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_on_a_file_with_an_artifact(try_repo):
    run = try_repo("artifact.txt")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Failed" in output, output
    findings = [line for line in output.splitlines() if line.startswith("artifact.txt:1:9: ")]
    assert findings, output
    assert "zh-en.calque.keji-such-as" in findings[0], output


def test_hook_passes_a_clean_file(try_repo):
    run = try_repo("clean.md")
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Passed" in output, output
    assert "zh-en." not in output, output
