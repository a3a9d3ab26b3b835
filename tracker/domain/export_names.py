"""The names of the Word files the negotiating text is exported as (issue 17 re-check,
h17c #2): every file was named joint-text-<id>.docx (or comparative-table-<id>.docx)
whatever its round or language, so two downloads overwrote each other. A name says the
track (its id: a track has no short name, and its name may be in any script), the state
of the text (the round after which, or the day of "as it is now") and the language(s);
it is ASCII only, so Content-Disposition needs no RFC 6266 filename* form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

#: what a file holds -> the first words of its name
KINDS = ("joint-text", "comparative-table")

_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")


def export_filename(
    kind: str,
    track_id: int,
    *,
    round_number: int | str | None,
    round_id: int | None,
    day: date,
    languages: Sequence[str],
) -> str:
    """ "joint-text-3-round-2-ru.docx" for the text after a round (its number, else
    "round-id-<milestone id>"), "joint-text-3-2026-12-01-en.docx" for the text as it is
    now (`round_id` None) on `day`; side by side, each language ("-en-ru"). `kind` is one
    of KINDS; `languages` are language codes (of tracker.domain.provisions.LANGUAGES)."""
    if round_id is None:
        state = day.isoformat()
    elif round_number not in (None, ""):
        state = f"round-{_UNSAFE.sub('-', str(round_number)).strip('-')}"
    else:
        state = f"round-id-{round_id}"
    said = "-".join(_UNSAFE.sub("", code) for code in languages) or "en"
    return f"{kind}-{track_id}-{state}-{said}.docx"
