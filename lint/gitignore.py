"""What `.gitignore` ignores, asked of git itself (`git check-ignore`), so every rule of
git's own (nested files, negations, `info/exclude`, the global excludes file) holds.
Outside a git work tree, or without git, nothing is ignored."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path


def _work_tree(folder: Path) -> Path | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def ignored(paths: Iterable[str]) -> set[str]:
    """The given paths that git ignores, asking git once per work tree."""
    by_tree: dict[Path, list[str]] = defaultdict(list)
    trees: dict[Path, Path | None] = {}
    for path in paths:
        folder = Path(path).absolute().parent
        if folder not in trees:
            trees[folder] = _work_tree(folder)
        tree = trees[folder]
        if tree is not None:
            by_tree[tree].append(path)
    found: set[str] = set()
    for tree, members in by_tree.items():
        absolute = {str(Path(p).absolute()): p for p in members}
        try:
            result = subprocess.run(
                ["git", "-C", str(tree), "check-ignore", "--stdin", "-z"],
                input="\0".join(absolute) + "\0",
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError:
            continue
        found.update(absolute[p] for p in result.stdout.split("\0") if p in absolute)
    return found
