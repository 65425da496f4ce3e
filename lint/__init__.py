"""txtlint: find the marks translation leaves in text.

>>> import lint
>>> [f.rule for f in lint.check_text("Beware the three highs.")]
['zh-en.calque.literal-calques']
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Settings", "check_files", "check_paths", "check_text", "load_rules"]


def __getattr__(name: str) -> Any:
    # The API pulls in the rule engine; `import lint` alone stays cheap.
    if name in __all__:
        from lint import api

        return getattr(api, name)
    raise AttributeError(name)
