"""An objection names the reservation it objects to (issue 16, found by a fresh check: the
act form and the API had only a free note). The reservation must be one of another Party
of the same agreement; the form offers them, the acts list shows which one, the API reads
and writes `objects_to_id`."""

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
        parties=[make.party("Atlantis"), make.party("Republic")], title="Test agreement"
    )
    agreement.ratifications[0].actions.append(
        PartyAction(kind="reservation", on=date(2025, 3, 3), note="Article 5")
    )
    agreement.ratifications[1].actions.append(
        PartyAction(kind="reservation", on=date(2025, 4, 1), note="Article 7")
    )
    db.session.commit()
    return agreement


def _form(row_id: int, **changes: str) -> dict[str, str]:
    return act_form(row_id, **({"kind": "objection", "on": "2025-06-01"} | changes))


@time_machine.travel(TODAY, tick=False)
def test_the_form_records_an_objection_to_another_partys_reservation(
    client, officer, treaty
) -> None:
    client.login(officer)
    atlantis, republic = treaty.ratifications
    theirs, own = atlantis.actions[0], republic.actions[0]
    url = f"/agreements/{treaty.id}/actions/new"
    page = html.unescape(client.get(url).text)
    assert f'value="{theirs.id}"' in page and "Reservation of Atlantis, 3 Mar 2025" in page
    # the Party's own reservation is not one it may object to
    refused = client.submit(url, _form(republic.id, objects_to_id=str(own.id)))
    assert refused.status_code == 422
    assert "another" in field_errors(refused)["objects_to_id"]
    # only an objection names a reservation
    declaration = client.submit(
        url, _form(republic.id, kind="declaration", objects_to_id=str(theirs.id))
    )
    assert declaration.status_code == 422
    assert "objection" in field_errors(declaration)["objects_to_id"]
    saved = client.submit(url, _form(republic.id, objects_to_id=str(theirs.id)))
    assert saved.status_code == 302, field_errors(saved)
    db.session.expire_all()
    objection = next(a for a in republic.actions if str(a.kind) == "objection")
    assert objection.objects_to_id == theirs.id
    detail = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    assert "Objection to the reservation of Atlantis (3 Mar 2025)" in detail


@time_machine.travel(TODAY, tick=False)
def test_the_api_reads_and_writes_the_reservation_objected_to(live_server, officer, treaty) -> None:
    atlantis, republic = treaty.ratifications
    theirs, own = atlantis.actions[0], republic.actions[0]
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Republic", "kind": "objection", "on": "2025-06-01"}
    refused = requests.post(
        acts, json={**body, "objects_to_id": own.id}, headers=bearer(officer), timeout=5
    )
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["objects_to_id"]
    added = requests.post(
        acts, json={**body, "objects_to_id": theirs.id}, headers=bearer(officer), timeout=5
    )
    assert added.status_code == 201, added.text
    assert added.json()["objects_to_id"] == theirs.id
    read = requests.get(f"{acts}/{added.json()['id']}", headers=bearer(officer), timeout=5)
    assert read.json()["objects_to_id"] == theirs.id


@time_machine.travel(TODAY, tick=False)
def test_the_acts_file_carries_the_reservation_objected_to(client, officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    atlantis, republic = treaty.ratifications
    theirs, own = atlantis.actions[0], republic.actions[0]
    header = "agreement,party,kind,on,objects_to_id\n"
    refused = run_import(
        "actions",
        f"{header}Test agreement,Republic,objection,2025-06-01,{own.id}\n",
        officer,
        confirm=False,
    )
    assert not refused.ok
    assert [c for c, _ in refused.rows[0].errors] == ["objects_to_id"]
    db.session.rollback()
    text = f"{header}Test agreement,Republic,objection,2025-06-01,{theirs.id}\n"
    assert run_import("actions", text, officer, confirm=True).ok
    db.session.commit()
    db.session.expire_all()
    objection = next(a for a in republic.actions if str(a.kind) == "objection")
    assert objection.objects_to_id == theirs.id
    client.login(officer)
    exported = client.get(f"/agreements/{treaty.id}/actions.csv").text.splitlines()
    assert "objects_to_id" in exported[0].split(",")
    column = exported[0].split(",").index("objects_to_id")
    assert [line.split(",")[column] for line in exported[1:]] == ["", "", str(theirs.id)]


def _objection_to(treaty, reservation: PartyAction) -> PartyAction:
    objection = PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=reservation.id)
    treaty.ratifications[1].actions.append(objection)
    db.session.commit()
    return objection


@time_machine.travel(TODAY, tick=False)
def test_a_reservation_objected_to_stays_a_reservation(client, officer, treaty) -> None:
    theirs = treaty.ratifications[0].actions[0]
    objection = _objection_to(treaty, theirs)
    client.login(officer)
    changed = client.submit(
        f"/agreements/{treaty.id}/actions/{theirs.id}/edit",
        {
            **_form(treaty.ratifications[0].id, kind="declaration", on="2025-03-03"),
            "version": str(theirs.version),
        },
    )
    assert changed.status_code == 422
    assert "objection" in field_errors(changed)["kind"]
    db.session.expire_all()
    assert str(theirs.kind) == "reservation" and objection.objects_to_id == theirs.id
