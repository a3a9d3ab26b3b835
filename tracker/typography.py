"""Typography that holds in every language: the case of a line's first letter, and the
excerpts of a long text that show where it changed."""

from __future__ import annotations

import os.path
from typing import Any


def capfirst(text: Any) -> Any:
    """A line that opens with a name starts with a capital letter: a Russian group name is
    written lower case inside a sentence («государства — члены ЕС»), but a line of the
    chronology or a table's first cell begins with it (fc16d #10). Only the first letter
    changes (Jinja's `capitalize` lowers the rest); markup stays markup."""
    value = text if isinstance(text, str) else str(text)  # a Markup stays a Markup
    if not value or not value[0].islower():
        return text
    return value[:1].upper() + value[1:]


def changed_excerpts(before: str, after: str, width: int = 80) -> tuple[str, str]:
    """Both sides of a changed text, each cut to about `width` characters from a little
    before where they first differ (os.path.commonprefix), with "…" where text is left
    out: a long summary changed near its end showed the same first 80 characters on both
    sides (rc19). Texts of at most `width` characters are given whole."""
    if len(before) <= width and len(after) <= width:
        return before, after
    start = max(0, len(os.path.commonprefix([before, after])) - width // 4)

    def cut(text: str) -> str:
        piece = text[start : start + width]
        return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")

    return cut(before), cut(after)
