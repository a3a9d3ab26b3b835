"""Issue 16, fresh check (h16c #2): an objection is checked against the dates of the
reservation it names. One dated before the reservation, or after the reservation was
withdrawn, is refused by every door (form, API, acts file) and flagged when stored;
undated acts are not refused (unknown is not a contradiction)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tests.party_acts import act_form, field_errors
from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Sweden")], title="Test agreement"
    )
    atlantis = agreement.ratifications[0]
    atlantis.actions.append(PartyAction(kind="reservation", on=date(2023, 1, 31), note="Art. 5"))
    atlantis.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2025, 1, 10)))
    db.session.commit()
    return agreement


def _reservation(treaty) -> PartyAction:
    return next(a for a in treaty.ratifications[0].actions if str(a.kind) == "reservation")


@time_machine.travel(TODAY, tick=False)
def test_the_form_refuses_an_objection_before_the_reservation_or_after_its_withdrawal(
    client, officer, treaty
) -> None:
    client.login(officer)
    sweden, reservation = treaty.ratifications[1], _reservation(treaty)
    url = f"/agreements/{treaty.id}/actions/new"
    for on, words in (("2022-01-01", "before"), ("2025-05-01", "withdrawn")):
        form = act_form(sweden.id, kind="objection", on=on, objects_to_id=str(reservation.id))
        refused = client.submit(url, form)
        assert refused.status_code == 422, on
        assert words in field_errors(refused)["on"], field_errors(refused)
    for on in ("2023-01-31", "2024-06-01", ""):
        form = act_form(sweden.id, kind="objection", on=on, objects_to_id=str(reservation.id))
        saved = client.submit(url, form)
        assert saved.status_code == 302, (on, field_errors(saved))


@time_machine.travel(TODAY, tick=False)
def test_the_api_and_the_acts_file_refuse_alike(live_server, officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    reservation = _reservation(treaty)
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Sweden", "kind": "objection", "on": "2022-01-01"}
    refused = requests.post(
        acts, json={**body, "objects_to_id": reservation.id}, headers=bearer(officer), timeout=5
    )
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["on"]
    header = "agreement,party,kind,on,objects_to_id\n"
    result = run_import(
        "actions",
        f"{header}Test agreement,Sweden,objection,2025-05-01,{reservation.id}\n",
        officer,
        confirm=False,
    )
    assert not result.ok
    assert [c for c, _ in result.rows[0].errors] == ["on"]


@time_machine.travel(TODAY, tick=False)
def test_a_stored_objection_out_of_time_is_flagged(client, admin, officer, treaty) -> None:
    reservation = _reservation(treaty)
    treaty.ratifications[1].actions.append(
        PartyAction(kind="objection", on=date(2022, 1, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    panel = page.split('id="consistency"')[1].split("</section>")[0]
    assert "Sweden: objection of 1 Jan 2022 is dated before the reservation" in panel
    client.login(admin)
    listed = html.unescape(client.get("/admin/contradictions").text)
    assert "Test agreement" in listed and "before the reservation" in listed
