"""A Party's act (issue 16 #4, found by a fresh check): the form shows every field's error
at once (it showed the rules across fields and the date checks only once the rest was
right), and the same act (the same Party, kind and date) is not recorded twice: refused
with a field error in the form, the API and imports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tests.party_acts import act_form, field_errors
from tracker.models import PartyAction
from tracker.orm import db
from tracker.services.spreadsheets import run_import

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Republic")], title="Test agreement"
    )
    agreement.ratifications[0].actions.append(
        PartyAction(kind="declaration", on=date(2020, 1, 15), note="The first")
    )
    agreement.ratifications[0].actions.append(PartyAction(kind="reservation", on=None))
    db.session.commit()
    return agreement


def _form(treaty, **changes: str) -> dict[str, str]:
    return act_form(
        treaty.ratifications[0].id, **({"kind": "declaration", "on": "2021-03-01"} | changes)
    )


@time_machine.travel(TODAY, tick=False)
def test_the_form_shows_every_error_at_once(client, officer, treaty) -> None:
    client.login(officer)
    refused = client.submit(
        f"/agreements/{treaty.id}/actions/new",
        _form(
            treaty,
            party_row_id="",
            on="2026-02-01",  # in the future
            effective_on="2026-03-01",  # a declaration has no second date
            document_url="not an address",
        ),
    )
    assert refused.status_code == 422
    errors = field_errors(refused)
    assert set(errors) == {"party_row_id", "on", "effective_on", "document_url"}, errors
    assert "future" in errors["on"]


@time_machine.travel(TODAY, tick=False)
def test_the_same_act_is_not_recorded_twice_in_the_form(client, officer, treaty) -> None:
    client.login(officer)
    url = f"/agreements/{treaty.id}/actions/new"
    again = client.submit(url, _form(treaty, on="2020-01-15"))
    assert again.status_code == 422
    assert "already recorded" in field_errors(again)["on"]
    undated = client.submit(url, _form(treaty, kind="reservation", on=""))
    assert undated.status_code == 422 and "already recorded" in field_errors(undated)["on"]
    # the other Party's declaration of that day is another act
    other = client.submit(
        url, _form(treaty, party_row_id=str(treaty.ratifications[1].id), on="2020-01-15")
    )
    assert other.status_code == 302
    # nor may an act be changed into one already recorded
    db.session.expire_all()
    reservation = treaty.ratifications[0].actions[-1]
    edit = client.submit(
        f"/agreements/{treaty.id}/actions/{reservation.id}/edit",
        {**_form(treaty, on="2020-01-15"), "version": str(reservation.version)},
    )
    assert edit.status_code == 422 and "already recorded" in field_errors(edit)["on"]
    db.session.expire_all()
    assert [(str(a.kind), a.on) for a in treaty.ratifications[0].actions] == [
        ("declaration", date(2020, 1, 15)),
        ("reservation", None),
    ]


@time_machine.travel(TODAY, tick=False)
def test_the_same_act_is_refused_by_the_api(live_server, officer, treaty) -> None:
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "union", "kind": "declaration", "on": "2020-01-15"}
    refused = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["on"]
    db.session.expire_all()
    assert len(treaty.ratifications[0].actions) == 2


@time_machine.travel(TODAY, tick=False)
def test_an_import_does_not_change_an_act_into_one_already_recorded(officer, treaty) -> None:
    reservation = treaty.ratifications[0].actions[-1]
    text = f"id,kind,on\n{reservation.id},declaration,2020-01-15\n"
    result = run_import("actions", text, officer, confirm=True)
    assert not result.ok
    assert [c for c, _ in result.rows[0].errors] == ["on"]
    assert "already recorded" in str(result.rows[0].errors[0][1])
    db.session.rollback()
    db.session.expire_all()
    assert [(str(a.kind), a.on) for a in treaty.ratifications[0].actions] == [
        ("declaration", date(2020, 1, 15)),
        ("reservation", None),
    ]
