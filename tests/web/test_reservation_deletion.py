"""Deleting a reservation that other acts rest on is refused (h16h #3): an objection naming
it would silently lose what it objects to (its objects_to_id set to NULL), and a withdrawal
of a reservation by the same Party would be left with nothing to withdraw (flagged in the
consistency panel afterwards). The refusal names them, in the reader's language, on the
agreement page (the form's message; nothing deleted) and in the API (409, the reason)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    """Atlantis reserved on 3 Mar 2025; the Republic objected to it on 1 Jun 2025."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Republic")],
        title="Test agreement",
    )
    reservation = PartyAction(kind="reservation", on=date(2025, 3, 3), note="Article 5")
    agreement.ratifications[0].actions.append(reservation)
    db.session.commit()
    agreement.ratifications[1].actions.append(
        PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    return agreement


def _flashes(response) -> str:
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("en", "an objection names it: Republic (1 Jun 2025)"),
        ("ru", "на неё указывает возражение: Republic (1 июн. 2025)"),
        ("kk", "оны қарсылық көрсетеді: Republic (1 мау. 2025)"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_the_page_refuses_to_delete_a_reservation_an_objection_names(
    client, officer, treaty, code: str, said: str
) -> None:
    reservation = treaty.ratifications[0].actions[0]
    objection = treaty.ratifications[1].actions[0]
    reservation_id, objection_id = reservation.id, objection.id
    officer.language = code
    db.session.commit()
    client.login(officer)
    refused = client.submit(
        f"/agreements/{treaty.id}/actions/{reservation_id}/delete",
        {"version": str(reservation.version)},
        follow_redirects=True,
    )
    assert said in _flashes(refused), _flashes(refused)
    db.session.expire_all()
    assert db.session.get(PartyAction, reservation_id) is not None
    assert db.session.get(PartyAction, objection_id).objects_to_id == reservation_id


@time_machine.travel(TODAY, tick=False)
def test_the_api_refuses_to_delete_a_reservation_an_objection_names(
    live_server, officer, treaty
) -> None:
    reservation = treaty.ratifications[0].actions[0]
    reservation_id = reservation.id
    url = f"{live_server}/api/v1/agreements/{treaty.id}/actions/{reservation_id}"
    writer = bearer(officer)
    etag = requests.get(url, headers=writer, timeout=5).headers["ETag"]
    refused = requests.delete(url, headers={**writer, "If-Match": etag}, timeout=5)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "in_use"
    assert "Republic (2025-06-01)" in problem["detail"], problem
    db.session.expire_all()
    assert db.session.get(PartyAction, reservation_id) is not None


@time_machine.travel(TODAY, tick=False)
def test_a_reservation_withdrawn_later_is_not_deleted_under_its_withdrawal(
    client, officer, make
) -> None:
    agreement = make.agreement(parties=[make.party("Atlantis")], title="Withdrawn agreement")
    row = agreement.ratifications[0]
    row.actions.append(PartyAction(kind="reservation", on=date(2025, 3, 3)))
    row.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2025, 9, 1)))
    db.session.commit()
    reservation = next(a for a in row.actions if str(a.kind) == "reservation")
    client.login(officer)
    refused = client.submit(
        f"/agreements/{agreement.id}/actions/{reservation.id}/delete",
        {"version": str(reservation.version)},
        follow_redirects=True,
    )
    said = "the withdrawal of a reservation by Atlantis of 1 Sep 2025 would have no reservation"
    assert said in _flashes(refused)
    db.session.expire_all()
    assert db.session.get(PartyAction, reservation.id) is not None


@time_machine.travel(TODAY, tick=False)
def test_a_reservation_nothing_rests_on_is_deleted(client, officer, make) -> None:
    agreement = make.agreement(parties=[make.party("Atlantis")], title="Plain agreement")
    row = agreement.ratifications[0]
    row.actions.append(PartyAction(kind="reservation", on=date(2025, 3, 3)))
    row.actions.append(PartyAction(kind="reservation", on=date(2025, 4, 3)))
    row.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2025, 9, 1)))
    db.session.commit()
    first = row.actions[0]
    first_id = first.id
    client.login(officer)
    deleted = client.submit(
        f"/agreements/{agreement.id}/actions/{first_id}/delete",
        {"version": str(first.version)},
        follow_redirects=True,
    )
    assert "Action deleted." in _flashes(deleted)  # the other one stands for the withdrawal
    db.session.expire_all()
    assert db.session.get(PartyAction, first_id) is None


def test_the_refusal_names_every_objection_in_date_order_the_undated_last(make, officer) -> None:
    from tracker.services.errors import InUse
    from tracker.services.party_actions import delete_action

    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Iceland"), make.party("Republic")],
        title="Three-party agreement",
    )
    atlantis, iceland, republic = agreement.ratifications
    reservation = PartyAction(kind="reservation", on=date(2025, 3, 3))
    atlantis.actions.append(reservation)
    db.session.commit()
    iceland.actions.append(PartyAction(kind="objection", on=None, objects_to_id=reservation.id))
    republic.actions.append(
        PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    with pytest.raises(InUse) as refused:
        delete_action(reservation, actor=officer, expected_version=reservation.version)
    assert (
        "2 objections name it: Republic (2025-06-01), Iceland (date not recorded)."
        in refused.value.message
    )
