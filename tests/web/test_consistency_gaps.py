"""Issue 16 (found by a fresh check, #1): contradictions the consistency panel missed. Each
is flagged on the agreement page with a sentence of its own (and in Russian): an entry
into force the final clauses give in the past while the status still says "signed"; a
ratification dated before the Party's signature; the end of a provisional application
that never began; a denunciation dated before the agreement entered into force for the
Party; a ratification and an accession both recorded for one Party."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.models import AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _consistency(client, agreement) -> str:
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    return html.unescape(page.split('id="consistency"')[1].split("</section>")[0])


@pytest.fixture
def treaty(make):
    return make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        signed_on=date(2019, 5, 6),
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )


def _sign(treaty) -> None:
    for row in treaty.ratifications:
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2019, 5, 6))
        )


def test_a_computed_entry_into_force_in_the_past_while_still_signed(client, officer, treaty):
    treaty.status = AgreementStatus.SIGNED
    treaty.in_force_on = None
    _sign(treaty)
    for row in treaty.ratifications:
        row.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    treaty.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
        )
    )
    db.session.commit()
    client.login(officer)
    flagged = _consistency(client, treaty)
    assert (
        "The final clauses and the recorded acts give entry into force on 1 Mar 2020, but "
        "the agreement's status is still signed" in flagged
    )
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    assert "но его статус по-прежнему «подписано»" in _consistency(client, treaty)
    # once its status says in force, nothing is left to flag
    treaty.status = AgreementStatus.IN_FORCE
    treaty.in_force_on = date(2020, 3, 1)
    db.session.commit()
    assert "статус" not in _consistency(client, treaty)


def test_a_ratification_dated_before_the_partys_signature(client, officer, treaty):
    _sign(treaty)
    atlantis, borduria = treaty.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2019, 1, 10)))
    borduria.actions.append(PartyAction(kind="ratification", on=date(2019, 9, 10)))
    db.session.commit()
    client.login(officer)
    flagged = _consistency(client, treaty)
    assert (
        "Atlantis: its ratification is dated 10 Jan 2019, before its signature on 6 May 2019."
        in flagged
    )
    assert "Borduria: its ratification" not in flagged


def test_the_end_of_a_provisional_application_that_never_began(client, officer, treaty):
    _sign(treaty)
    atlantis, borduria = treaty.ratifications
    for row in treaty.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2019, 9, 10)))
    atlantis.actions.append(PartyAction(kind="provisional_application_end", on=date(2020, 3, 1)))
    borduria.actions.append(PartyAction(kind="provisional_application", on=date(2019, 6, 1)))
    borduria.actions.append(PartyAction(kind="provisional_application_end", on=date(2020, 3, 1)))
    db.session.commit()
    client.login(officer)
    flagged = _consistency(client, treaty)
    assert (
        "Atlantis: the end of its provisional application is recorded, but no provisional "
        "application by it is recorded." in flagged
    )
    assert "Borduria: the end" not in flagged


def test_a_denunciation_dated_before_entry_into_force(client, officer, treaty):
    _sign(treaty)
    atlantis, _borduria = treaty.ratifications
    for row in treaty.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2019, 9, 10)))
    atlantis.actions.append(
        PartyAction(kind="denunciation", on=date(2019, 12, 1), effective_on=date(2020, 6, 1))
    )
    db.session.commit()
    client.login(officer)
    flagged = _consistency(client, treaty)
    assert (
        "Atlantis: its denunciation is dated 1 Dec 2019, before the agreement entered into "
        "force for it on 1 Mar 2020." in flagged
    )


def test_a_ratification_and_an_accession_for_one_party(client, officer, treaty):
    _sign(treaty)
    atlantis, borduria = treaty.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2019, 9, 10)))
    atlantis.actions.append(PartyAction(kind="accession", on=date(2019, 10, 10)))
    borduria.actions.append(PartyAction(kind="ratification", on=date(2019, 9, 10)))
    db.session.commit()
    client.login(officer)
    flagged = _consistency(client, treaty)
    assert (
        "Atlantis: both a ratification and an accession are recorded; a Party expresses its "
        "consent to be bound by one of them." in flagged
    )
    assert "Borduria: both" not in flagged
