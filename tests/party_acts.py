"""The Party act form as the tests post it, and its field errors as they read them back:
shared by the tests of the act form (refusals, objections, duplicates, Party names, the
weekly report's treaty sections), so that each says only the fields that matter to it."""

from __future__ import annotations

import html
import re
from typing import Any


def act_form(row_id: int, *, kind: str, on: str, **changes: str) -> dict[str, str]:
    """The fields of /agreements/<id>/actions/new for an act of `kind` on `on` (ISO date,
    or "" for "not recorded") by the Party row `row_id`, every other field empty; `changes`
    set or add fields (objects_to_id, note, ...)."""
    return {
        "party_row_id": str(row_id),
        "kind": kind,
        "on": on,
        "effective_on": "",
        "instrument_ref": "",
        "notification_ref": "",
        "note": "",
        "document_url": "",
        **changes,
    }


def field_errors(response: Any) -> dict[str, str]:
    """Each field's error as the form shows it, by field name, as plain text."""
    found = re.findall(
        r'<p class="field-error" id="([\w-]+)-error">(.*?)</p>', html.unescape(response.text), re.S
    )
    return {name: " ".join(re.sub(r"<[^>]+>|Error:", "", text).split()) for name, text in found}
