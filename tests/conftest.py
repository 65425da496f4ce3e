from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs real tools (build, venv, pip, pre-commit); needs PyPI"
    )


@pytest.fixture(scope="session")
def git_env() -> dict[str, str]:
    """The environment without GIT_* variables (set when run from a git hook), plus a
    committer identity, so git works the same on a developer machine and in CI."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    identity = {"NAME": "txtlint tests", "EMAIL": "tests@txtlint.invalid"}
    for role in ("AUTHOR", "COMMITTER"):
        env.update({f"GIT_{role}_{key}": value for key, value in identity.items()})
    return env


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory: pytest.TempPathFactory, git_env: dict[str, str]) -> Path:
    """A one-commit git repository holding this checkout's working tree as it would be
    committed: tracked files as they are now, plus new files git does not ignore."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT,
        env=git_env,
        capture_output=True,
        check=True,
    ).stdout
    dest = tmp_path_factory.mktemp("snapshot")
    for name in sorted(set(os.fsdecode(n) for n in listing.split(b"\0") if n)):
        source = CHECKOUT / name
        if not source.is_file():  # deleted but not yet staged
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest / name, follow_symlinks=False)
    commit = ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "snapshot"]
    for command in (["init", "-q"], ["add", "-A"], commit):
        subprocess.run(["git", *command], cwd=dest, env=git_env, check=True)
    return dest


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the compiled-rules cache out of the user's home folder."""
    os.environ["TXTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("txtlint-cache"))


@pytest.fixture(autouse=True, scope="session")
def _no_user_configuration(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A user-level configuration file of whoever runs the tests must not apply."""
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("xdg-config"))
