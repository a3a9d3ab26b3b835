"""The audit log and a track's Activity panel on the negotiating text (issue 17, faults
from the re-check, part 2): a row names the provision as it was named when the change
was made (not by today's number after a renumbering), in the reader's language; no
internal key or id is shown; a positions save lists only the fields that changed and is
labelled by the provision and the round; the log's Record filter offers provisions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import positions, provisions

SECRET = "OUR-POSITION-QZX"


def _activity(page: str) -> str:
    start = page.index('id="activity-title"')
    return page[start : page.index("</section>", start)]


def _rows(page: str) -> list[str]:
    """The audit log's rows, as text."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in body.split("<tr>")[1:]]


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    round_2 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=2, title="", planned_on=date(2026, 1, 5)
    )
    with time_machine.travel("2025-11-20 10:00Z", tick=False):
        first = provisions.create_provision(
            track, {"number": "1", "texts": {"en": "Scope."}}, actor=lead
        )
        second = provisions.create_provision(
            track, {"number": "2", "texts": {"en": "The [complete] application."}}, actor=lead
        )
        db.session.commit()
    with time_machine.travel("2025-11-21 10:00Z", tick=False):
        provisions.update_provision(
            second,
            {"texts": {"en": "The complete application."}},
            actor=lead,
            expected_version=second.version,
        )
        db.session.commit()
    with time_machine.travel("2025-11-22 10:00Z", tick=False):
        new = provisions.create_provision(
            track, {"number": "9", "texts": {"en": "Definitions."}}, actor=lead
        )
        provisions.reorder_provisions(
            track,
            {
                "provisions": [
                    {"provision_id": first.id},
                    {"provision_id": new.id, "number": "2"},
                    {"provision_id": second.id, "number": "3"},
                ]
            },
            actor=lead,
        )
        db.session.commit()
    with time_machine.travel("2025-11-23 10:00Z", tick=False):
        positions.save_position(second, round_2, {"ours": SECRET}, actor=lead, expected_version=0)
        db.session.commit()
    return {"lead": lead, "track": track, "second": second}


def _text_edit_row(rows: list[str]) -> str:
    [row] = [r for r in rows if "complete application" in r and "English text" in r and "→" in r]
    return row


def test_audit_row_names_the_provision_as_it_was(client: Any, admin: Any, text: dict) -> None:
    client.login(admin)
    row = _text_edit_row(_rows(client.get("/audit").get_data(as_text=True)))
    assert "Article 2" in row and "Article 3" not in row


def test_activity_row_names_the_provision_as_it_was(client: Any, text: dict) -> None:
    client.login(text["lead"])
    panel = _activity(client.get(f"/tracks/{text['track'].id}").get_data(as_text=True))
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in panel.split("<tr>")[1:]]
    row = _text_edit_row(rows)
    assert "Article 2" in row and "Article 3" not in row


def test_the_heading_kept_is_said_in_the_readers_language(
    client: Any, make: Any, text: dict
) -> None:
    reader = make.user(role="admin", language="ru")
    client.login(reader)
    row = _text_edit_row_ru(_rows(client.get("/audit").get_data(as_text=True)))
    assert "Статья 2" in row and "Статья 3" not in row


def _text_edit_row_ru(rows: list[str]) -> str:
    [row] = [r for r in rows if "complete application" in r and "→" in r]
    return row


def test_no_internal_key_or_id_is_shown(client: Any, admin: Any, text: dict) -> None:
    client.login(admin)
    page = client.get("/audit").get_data(as_text=True)
    assert text["second"].key not in page
    body = " ".join(_rows(page))
    assert "Key" not in body
    assert "position id" not in body.lower()
    assert "Records" not in body
    assert "Positions #" not in body


def test_a_positions_save_lists_only_the_fields_changed(
    client: Any, admin: Any, text: dict
) -> None:
    client.login(admin)
    page = client.get("/audit").get_data(as_text=True)
    [row] = [r for r in _rows(page) if "Positions on a provision saved" in r]
    assert "Our position" in row
    for other in ("Fallback", "Notes", "Red line", "Counterpart"):
        assert other not in row, row
    assert SECRET not in page
    assert "Positions on Article 3, Round 2" in row


def test_the_record_filter_offers_provisions(client: Any, admin: Any, text: dict) -> None:
    client.login(admin)
    page = client.get("/audit").get_data(as_text=True)
    assert '<option value="Provision"' in page
    filtered = client.get("/audit?type=Provision").get_data(as_text=True)
    rows = _rows(filtered)
    assert rows and all("Provision" in r for r in rows), rows
