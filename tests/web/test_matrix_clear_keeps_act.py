"""Issue 16, fresh check (h16c #1): clearing a date in the ratification matrix deleted the
act behind it with its instrument and notification references. Clearing keeps the act,
its date "not recorded", and the notice says so; an act is deleted from the acts list."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import time_machine

from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@time_machine.travel(TODAY, tick=False)
def test_clearing_a_date_keeps_the_act_with_its_references(client, officer, make) -> None:
    austria = make.party("Austria")
    agreement = make.agreement(parties=[austria, make.party("Kazakhstan")], title="Pact")
    row = agreement.ratifications[0]
    row.actions.append(
        PartyAction(
            kind="ratification",
            on=date(2022, 1, 10),
            instrument_ref="BGBl. III Nr. 5/2022",
            notification_ref="C.N.12.2022",
            note="Deposited in Brussels",
        )
    )
    db.session.commit()
    client.login(officer)
    response = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        {
            f"ratification-{row.id}-{k}": v
            for k, v in {
                "signed_on": "",
                "notified_on": "",
                "deposited_on": "",
                "provisionally_applied_on": "",
                "expected_by": "",
                "version": str(row.version),
            }.items()
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "Instrument deposited by Austria: date now not recorded" in text
    db.session.expire_all()
    (act,) = row.actions
    assert act.on is None and str(act.kind) == "ratification"
    assert (act.instrument_ref, act.notification_ref, act.note) == (
        "BGBl. III Nr. 5/2022",
        "C.N.12.2022",
        "Deposited in Brussels",
    )


@time_machine.travel(TODAY, tick=False)
def test_clearing_into_an_undated_twin_is_refused(client, officer, make) -> None:
    """Clearing a date whose act the Party already has undated would record it twice:
    refused at the cell, nothing changed."""
    agreement = make.agreement(parties=[make.party("Austria")], title="Pact")
    row = agreement.ratifications[0]
    row.actions += [
        PartyAction(kind="ratification", on=date(2022, 1, 10), instrument_ref="A"),
        PartyAction(kind="ratification", on=None, instrument_ref="B"),
    ]
    db.session.commit()
    client.login(officer)
    fields = {"deposited_on": "", "version": str(row.version)}
    response = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        {f"ratification-{row.id}-{k}": v for k, v in fields.items()},
    )
    assert response.status_code == 422
    assert "already recorded for Austria" in html.unescape(response.text)
    db.session.expire_all()
    assert sorted((a.instrument_ref, a.on) for a in row.actions) == [
        ("A", date(2022, 1, 10)),
        ("B", None),
    ]
