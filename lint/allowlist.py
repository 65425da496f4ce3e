"""A user's allow list: a YAML list of terms that are never reported."""

from __future__ import annotations

from pathlib import Path

from lint import yamlread


class AllowListError(ValueError):
    pass


def read_allow_list(path: Path) -> list[str]:
    try:
        data = yamlread.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise AllowListError(f"{path}: cannot read allow list: {reason}") from None
    except yamlread.YamlError as error:
        raise AllowListError(f"{path}:{error.line}: {error.message}") from None
    if data is None:
        return []
    lines = getattr(data, "item_lines", [])
    if not isinstance(data, list):
        raise AllowListError(f"{path}:1: an allow list is a YAML list of terms")
    for item, line in zip(data, lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            raise AllowListError(f"{path}:{line}: each allowed term must be non-empty text")
    return [item.strip() for item in data]
