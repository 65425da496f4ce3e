"""JSON Lines: each finding on its own line, exactly the finding object of the JSON
format (version 1, `findings.schema.json`), written as each file is checked. Nothing
else goes to stdout: files that could not be checked are on stderr, as always."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lint.model import Finding
from lint.report import Options, Totals, one_file
from lint.report.json import finding_object

# Characters that `str.splitlines` and some readers take for line ends, escaped so that
# each finding stays on one line for them too.
_LINE_ENDS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def file(
    path: str, text: str, findings: Sequence[Finding], options: Options, before: Totals
) -> str:
    positions = one_file(path, text)
    return "".join(
        json.dumps(finding_object(finding, positions), ensure_ascii=False).translate(_LINE_ENDS)
        + "\n"
        for finding in findings
    )
