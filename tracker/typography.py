"""Typography that holds in every language: the case of a line's first letter."""

from __future__ import annotations

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
