"""Positions when our side is not known (issue 17, found by a fresh check): a track whose
counterparts are the EU and Kazakhstan, with no "our side" on the track or the
installation, must not call both parties "theirs". The positions page says "Counterpart's
position" and asks the officer to set our side; the comparative table names no party as
theirs. Once our side is set, the other party is named."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 2, 5)
    )
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Visas within [EU: 10] days."}}, actor=lead
    )
    db.session.commit()
    return {"lead": lead, "track": track, "article": article}


def _table_columns(client: Any, track_id: int) -> list[str]:
    response = client.get(f"/tracks/{track_id}/text/table.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.get_data()))
    return [c.text for c in document.tables[0].rows[0].cells]


def test_with_our_side_unknown_no_party_is_called_theirs(client: Any, text: dict) -> None:
    client.login(text["lead"])
    track_id = text["track"].id
    page = client.get(f"/tracks/{track_id}/text/{text['article'].id}/positions")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Their position" not in body
    assert "Counterpart&#39;s position" in body or "Counterpart's position" in body
    # the officer is asked to set our side, with the way to do it
    assert "Set our side" in body and f'href="/tracks/{track_id}/edit"' in body
    columns = _table_columns(client, track_id)
    assert not any("EU" in c or "KZ" in c or c.startswith("Their") for c in columns), columns


def test_with_our_side_set_the_other_party_is_named(client: Any, text: dict) -> None:
    text["track"].our_side = "KZ"
    db.session.commit()
    client.login(text["lead"])
    track_id = text["track"].id
    body = client.get(f"/tracks/{track_id}/text/{text['article'].id}/positions").get_data(
        as_text=True
    )
    assert "Their position (EU)" in body and "Our position (KZ)" in body
    assert "Set our side" not in body
    columns = _table_columns(client, track_id)
    assert columns[1:3] == ["Our text (KZ)", "Their text (EU)"]
