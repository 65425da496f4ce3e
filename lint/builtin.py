"""The built-in rule modules, compiled once and kept in a cache between runs.

Reading and validating the YAML costs more than checking a short file, so the compiled
rules are pickled to the user's cache folder, keyed by txtlint's version, Python's
version and the size and modification time of every module and data file and of the
package's own code. A missing, stale or
unreadable cache is simply rebuilt; a cache that cannot be written is not an error.
Set TXTLINT_CACHE_DIR to move the cache, or to an empty value to turn it off.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import tempfile
from pathlib import Path

from lint import __version__
from lint.model import Rule

CACHE_FILE = "builtin-rules.pickle"
_SEPARATOR = b"\n\x00\n"


def builtin_dir() -> Path:
    """The built-in modules: inside the installed package, or `rules/` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def cache_dir() -> Path | None:
    configured = os.environ.get("TXTLINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "txtlint"


def _stamps(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    """name:size:mtime of every file with one of `suffixes` below `folder`."""
    stamps = []
    for root, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            if name.endswith(suffixes):
                stat = os.stat(os.path.join(root, name))
                stamps.append(f"{os.path.join(root, name)}:{stat.st_size}:{stat.st_mtime_ns}")
    return stamps


def _key(directory: Path) -> bytes:
    """Changes whenever the modules, their data or the code that compiles them change."""
    code = Path(__file__).resolve().parent
    parts = [__version__, sys.version, *_stamps(directory, (".yaml", ".yml"))]
    parts += _stamps(code, (".py",)) if code != directory else []
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def _read_cache(path: Path, key: bytes) -> tuple[Rule, ...] | None:
    """The cached rules if the file starts with exactly this key; the pickle behind a
    stale key is never loaded."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would set off needless collections
    try:
        with open(path, "rb") as handle:
            stored_key = handle.read(len(key) + len(_SEPARATOR))
            if stored_key != key + _SEPARATOR:
                return None
            rules = pickle.load(handle)
        gc.freeze()  # the rules live as long as the process: later collections skip them
        return rules
    except Exception:  # a torn or foreign file: rebuild it
        return None
    finally:
        if collecting:
            gc.enable()


def _write_cache(path: Path, key: bytes, rules: tuple[Rule, ...]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rules-")
        with os.fdopen(handle, "wb") as output:
            output.write(key + _SEPARATOR)
            pickle.dump(rules, output, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return


def load_builtin() -> tuple[Rule, ...]:
    """The compiled rules of every built-in module, from the cache when it is fresh."""
    directory = builtin_dir()
    folder = cache_dir()
    key = _key(directory)
    if folder is not None:
        cached = _read_cache(folder / CACHE_FILE, key)
        if cached is not None:
            return cached
    from lint.rulebook import load_modules

    rules = tuple(rule for module in load_modules([directory]) for rule in module.rules)
    if folder is not None:
        _write_cache(folder / CACHE_FILE, key, rules)
    return rules
