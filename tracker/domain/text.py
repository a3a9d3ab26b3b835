"""Text that must stay on one line wherever it goes (mail headers, calendar names, file
names in Content-Disposition). Pure: no Flask, no session."""

from __future__ import annotations

import re

#: what breaks a line or a header: line breaks (LF, CR, VT, FF, NEL, the Unicode line and
#: paragraph separators), tab, the other C0 controls and DEL, and the bidirectional
#: controls that make text read differently from what it is (CVE-2021-42574)
BREAKING = re.compile(
    r"\s*[\x00-\x1f\x7f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]+[\s\x00-\x1f\x7f]*"
)


def one_line_text(value: object) -> str:
    """`value` as text on one line: each run of line breaks and control characters, with
    the spaces around it, becomes one space; the ends are stripped. Other text (a double
    space typed on purpose, any script) is left as it is.

    For text that reaches a header line, where a line break would end the header (RFC 5322
    section 2.2) or start a new one (header injection); rows stored before single-line
    fields were checked at every door still hold such text.
    """
    return BREAKING.sub(" ", str(value)).strip()
