"""Findings of the outside treaty-lawyer check (issue 16 #6): an act dated far in the
future is refused (and one already stored is flagged); the counts say what they count, so
that "consent to be bound" beside "instrument deposited" does not read as a
contradiction; and administrators see every agreement's contradictions on one paged list.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.models import AgreementStatus, PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


def _act(**fields) -> dict:
    data = dict.fromkeys(
        ("on", "effective_on", "instrument_ref", "notification_ref", "note", "document_url"), ""
    )
    data.update(fields)
    return data


@pytest.fixture
def treaty(make):
    return make.agreement(
        parties=[make.party("Union"), make.party("Republic"), make.party("Kingdom")],
        title="Test partnership agreement",
        short_title="TPA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )


def test_an_act_dated_in_the_future_is_refused_and_a_stored_one_flagged(
    client, officer, treaty
) -> None:
    union, republic, _kingdom = treaty.ratifications
    client.login(officer)
    refused = client.submit(
        f"/agreements/{treaty.id}/actions/new",
        _act(party_row_id=str(union.id), kind="ratification", on="2099-01-01"),
    )
    assert refused.status_code == 422
    assert "cannot be dated in the future" in html.unescape(refused.text)
    db.session.expire_all()
    assert union.actions == []
    # one that came in before the rule (or through a door without it) is flagged
    republic.actions.append(PartyAction(kind="ratification", on=date(2099, 1, 1)))
    db.session.commit()
    flagged = _section(client.get(f"/agreements/{treaty.id}").text, "consistency")
    assert "Republic: ratification is dated 1 Jan 2099, in the future" in flagged


def test_the_counts_say_what_they_count(client, officer, treaty) -> None:
    for row in treaty.ratifications:
        row.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    db.session.commit()
    client.login(officer)
    parties = _section(client.get(f"/agreements/{treaty.id}").text, "parties")
    assert "ratified" not in parties
    assert "3 of 3 have consented to be bound" in parties
    assert "Instrument deposited" in parties


def test_administrators_see_every_agreements_contradictions_paged(
    app, client, admin, officer, make, treaty, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    clean = make.agreement(parties=[make.party("Alone")], title="A clean agreement")
    # signed on the agreement's date of signature (issue 16 #2)
    clean.ratifications[0].actions.append(PartyAction(kind="signature", on=date(2015, 12, 21)))
    for n in range(3):
        make.agreement(
            parties=[make.party(f"State {n}")],
            title=f"Flagged {n}",
            status=AgreementStatus.IN_FORCE,
            in_force_on=date(2020, 1, 1),
        )
    db.session.commit()
    client.login(officer)
    assert client.get("/admin/contradictions").status_code == 403
    with time_machine.travel(TODAY, tick=False):
        client.login(admin)
        first = html.unescape(client.get("/admin/contradictions").text)
        second = html.unescape(client.get("/admin/contradictions?page=2").text)
    assert "Page 1 of 2 (4 in all)" in first
    assert "Flagged 0" in first and "Flagged 1" in first
    assert "no consent to be bound is recorded for State 0" in first
    assert "Flagged 2" in second and "TPA" in second
    assert "A clean agreement" not in first + second
