"""Moving a reservation, or a withdrawal of one, so that an objection or a withdrawal
resting on it would contradict it is refused at every door, as that objection or
withdrawal would be when recorded (fc16e #2: the edit was saved and only flagged in the
consistency panel afterwards)."""

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
    """Atlantis reserved on 10 Mar 2024 and withdrew it on 1 Jun 2025; the Republic
    objected to the reservation on 1 Sep 2024."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Republic")], title="Test agreement"
    )
    atlantis, republic = agreement.ratifications
    reservation = PartyAction(kind="reservation", on=date(2024, 3, 10))
    atlantis.actions += [
        reservation,
        PartyAction(kind="reservation_withdrawal", on=date(2025, 6, 1)),
    ]
    db.session.commit()
    republic.actions.append(
        PartyAction(kind="objection", on=date(2024, 9, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    return agreement


def _acts(treaty) -> tuple[PartyAction, PartyAction]:
    atlantis = treaty.ratifications[0]
    reservation = next(a for a in atlantis.actions if a.kind == "reservation")
    withdrawal = next(a for a in atlantis.actions if a.kind == "reservation_withdrawal")
    return reservation, withdrawal


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("which", "on", "said"),
    [
        # after the objection: it would be dated before the reservation it names
        ("reservation", "2024-10-01", "dated before the reservation of Atlantis it names"),
        # after its own withdrawal: the withdrawal would have nothing to withdraw
        ("reservation", "2025-07-01", "with no reservation of this party standing"),
        # the withdrawal before the objection: it would object to a withdrawn reservation
        ("withdrawal", "2024-08-01", "after the reservation of Atlantis it names was withdrawn"),
    ],
)
def test_the_form_refuses_a_move_that_contradicts_what_rests_on_it(
    client, officer, treaty, which: str, on: str, said: str
) -> None:
    reservation, withdrawal = _acts(treaty)
    act = reservation if which == "reservation" else withdrawal
    stored_on, row_id = act.on, treaty.ratifications[0].id
    client.login(officer)
    refused = client.submit(
        f"/agreements/{treaty.id}/actions/{act.id}/edit",
        act_form(row_id, kind=str(act.kind), on=on, version=str(act.version)),
    )
    assert refused.status_code == 422
    assert "would make another act contradict this one" in field_errors(refused)["on"]
    assert said in field_errors(refused)["on"]
    db.session.expire_all()
    assert db.session.get(PartyAction, act.id).on == stored_on


@time_machine.travel(TODAY, tick=False)
def test_a_move_that_contradicts_nothing_is_saved(client, officer, treaty) -> None:
    reservation, _ = _acts(treaty)
    client.login(officer)
    saved = client.submit(
        f"/agreements/{treaty.id}/actions/{reservation.id}/edit",
        act_form(
            treaty.ratifications[0].id,
            kind="reservation",
            on="2024-05-01",
            version=str(reservation.version),
        ),
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(PartyAction, reservation.id).on == date(2024, 5, 1)


@time_machine.travel(TODAY, tick=False)
def test_the_api_refuses_the_move_too(live_server, officer, treaty) -> None:
    reservation, _ = _acts(treaty)
    url = f"{live_server}/api/v1/agreements/{treaty.id}/actions/{reservation.id}"
    writer = bearer(officer)
    etag = requests.get(url, headers=writer, timeout=5).headers["ETag"]
    refused = requests.patch(
        url, json={"on": "2024-10-01"}, headers={**writer, "If-Match": etag}, timeout=5
    )
    assert refused.status_code == 422
    assert "would make another act contradict this one" in html.unescape(refused.text)
