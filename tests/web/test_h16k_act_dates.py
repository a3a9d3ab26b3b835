"""Issue 16, faults from a fresh check (h16k): an end of provisional application before
its start, a second date before the first, a denunciation taking effect later than the
clause's minimum, a second consent to be bound by one Party, and the agreement's signature
beside no Party's signature (unknown, not a contradiction). Every door: the act form, the
Parties table, the API (POST, PATCH) and the acts file (its preview too)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tests.party_acts import act_form, field_errors
from tests.web.test_spreadsheet_dialects import text_of
from tests.web.test_spreadsheets import preview
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
HEADER = "agreement,party,kind,on\n"


@pytest.fixture
def treaty(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Deltastan")],
        title="Test agreement",
        signed_on=None,
    )
    atlantis, _ = agreement.ratifications
    atlantis.actions.append(PartyAction(kind="provisional_application", on=date(2024, 3, 1)))
    db.session.commit()
    return agreement


def _panel(client, agreement) -> str:
    page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
    return " ".join(page.split('id="consistency"')[1].split("</section>")[0].split())


def _listed(client) -> str:
    return " ".join(html.unescape(client.get("/admin/contradictions").text).split())


@time_machine.travel(TODAY, tick=False)
def test_an_end_before_the_start_is_refused_at_every_door(
    client, live_server, officer, treaty
) -> None:
    from tracker.services.spreadsheets import run_import

    atlantis, deltastan = treaty.ratifications
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Atlantis", "kind": "provisional_application_end", "on": "2024-02-01"}
    refused = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["on"]
    assert "(2024-03-01)" in refused.json()["errors"][0]["message"]
    # no provisional application at all
    alone = requests.post(
        acts, json={**body, "party": "Deltastan"}, headers=bearer(officer), timeout=5
    )
    assert alone.status_code == 422, alone.text
    client.login(officer)
    url = f"/agreements/{treaty.id}/actions/new"
    form = act_form(atlantis.id, kind="provisional_application_end", on="2024-02-01")
    refused = client.submit(url, form)
    assert refused.status_code == 422
    assert "provisional application" in field_errors(refused)["on"]
    row = "Test agreement,Atlantis,provisional_application_end,2024-02-01\n"
    result = run_import("actions", HEADER + row, officer, confirm=False)
    assert not result.ok and [c for c, _ in result.rows[0].errors] == ["on"]
    db.session.rollback()
    shown = text_of(preview(client, "actions", (HEADER + row).encode()))
    assert "cannot be dated before the provisional application" in shown, shown[-2000:]
    # within the file: a start in a row above is a start
    rows = (
        "Test agreement,Deltastan,provisional_application,2024-01-01\n"
        "Test agreement,Deltastan,provisional_application_end,2024-02-01\n"
    )
    result = run_import("actions", HEADER + rows, officer, confirm=False)
    assert result.ok, [r.errors for r in result.rows]
    db.session.rollback()
    # a valid end, moved before the start: refused
    added = requests.post(
        acts, json={**body, "on": "2024-06-01"}, headers=bearer(officer), timeout=5
    )
    assert added.status_code == 201, added.text
    moved = requests.patch(
        f"{acts}/{added.json()['id']}",
        json={"on": "2024-02-01"},
        headers={**bearer(officer), "If-Match": added.headers["ETag"]},
        timeout=5,
    )
    assert moved.status_code == 422, moved.text
    # the start moved after the end, in the Parties table: refused
    db.session.expire_all()
    prefix = f"ratification-{atlantis.id}-"
    cells = {
        "signed_on": "",
        "notified_on": "",
        "deposited_on": "",
        "provisionally_applied_on": "2024-07-01",
        "expected_by": "",
        "version": str(atlantis.version),
    }
    later = client.submit(
        f"/agreements/{treaty.id}/ratifications/{atlantis.id}",
        {prefix + k: v for k, v in cells.items()},
    )
    assert later.status_code == 422
    assert "cannot start after its end of provisional application" in html.unescape(later.text)
    # stored: flagged, in the panel and the administrators' list
    atlantis.actions.append(PartyAction(kind="provisional_application_end", on=date(2024, 2, 1)))
    db.session.commit()
    flag = "Atlantis: end of provisional application of 1 Feb 2024, before its provisional"
    assert flag in _panel(client, treaty)


@time_machine.travel(TODAY, tick=False)
def test_stored_second_dates_before_the_first_are_listed(client, admin, treaty) -> None:
    atlantis, deltastan = treaty.ratifications
    atlantis.actions.append(PartyAction(kind="provisional_application_end", on=date(2024, 2, 1)))
    deltastan.actions.append(
        PartyAction(kind="denunciation", on=date(2025, 6, 1), effective_on=date(2025, 1, 1))
    )
    db.session.commit()
    client.login(admin)
    listed = _listed(client)
    assert "Atlantis: end of provisional application of 1 Feb 2024" in listed
    assert "Deltastan: denunciation of 1 Jun 2025 is recorded to end or take effect on" in listed
    panel = _panel(client, treaty)
    assert "1 Jan 2025, before its own date" in panel


@time_machine.travel(TODAY, tick=False)
def test_the_parties_table_keeps_a_start_before_its_until(client, officer, treaty) -> None:
    atlantis, _ = treaty.ratifications
    atlantis.actions[0].effective_on = date(2024, 6, 30)
    db.session.commit()
    client.login(officer)
    prefix = f"ratification-{atlantis.id}-"
    cells = {
        "signed_on": "",
        "notified_on": "",
        "deposited_on": "",
        "provisionally_applied_on": "2024-07-01",
        "expected_by": "",
        "version": str(atlantis.version),
    }
    later = client.submit(
        f"/agreements/{treaty.id}/ratifications/{atlantis.id}",
        {prefix + k: v for k, v in cells.items()},
    )
    assert later.status_code == 422
    assert "apply until (30 Jun 2024)" in html.unescape(later.text)


@pytest.fixture
def convention(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
        signed_on=None,
    )
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=12)
    )
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="accession", on=date(2019, 6, 1)))
    db.session.commit()
    return agreement


@time_machine.travel(TODAY, tick=False)
def test_a_denunciation_may_take_effect_later_than_the_clause(client, admin, convention) -> None:
    _, borduria, carpathia = convention.ratifications
    borduria.actions.append(
        PartyAction(kind="denunciation", on=date(2026, 1, 5), effective_on=date(2027, 6, 30))
    )
    carpathia.actions.append(
        PartyAction(kind="denunciation", on=date(2026, 1, 5), effective_on=date(2026, 12, 1))
    )
    db.session.commit()
    client.login(admin)
    panel = _panel(client, convention)
    assert "the final clauses give 5 Jan 2027, but 30 Jun 2027 is recorded" not in panel
    assert "the final clauses give 5 Jan 2027, but 1 Dec 2026 is recorded" in panel
    page = text_of(client.get(f"/agreements/{convention.id}"))
    assert "the date the notification specifies, later than the clause's 5 Jan 2027" in page
    listed = _listed(client)
    assert "30 Jun 2027 is recorded" not in listed and "1 Dec 2026 is recorded" in listed


@time_machine.travel(TODAY, tick=False)
def test_a_second_consent_by_one_party_is_flagged(client, admin, convention) -> None:
    atlantis, borduria, _ = convention.ratifications
    atlantis.actions.append(PartyAction(kind="accession", on=date(2024, 6, 1)))
    borduria.actions.append(
        PartyAction(kind="withdrawal", on=date(2022, 1, 1), effective_on=date(2023, 1, 1))
    )
    borduria.actions.append(PartyAction(kind="accession", on=date(2024, 6, 1)))
    db.session.commit()
    client.login(admin)
    flag = "a second consent to be bound is recorded (accession of 1 Jun 2024, after accession"
    panel = _panel(client, convention)
    assert f"Atlantis: {flag}" in panel
    assert "Borduria: a second consent" not in panel
    listed = _listed(client)
    assert f"Atlantis: {flag}" in listed and "Borduria: a second consent" not in listed


@time_machine.travel(TODAY, tick=False)
def test_no_party_signature_beside_the_agreement_date_is_not_flagged(client, admin, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Deltastan")],
        title="Signed treaty",
        signed_on=date(2024, 5, 5),
    )
    db.session.commit()
    client.login(admin)
    assert "no Party's signature is recorded" not in _panel(client, agreement)
    assert "Signed treaty" not in _listed(client)
    # a signature on another day still contradicts the agreement's date
    agreement.ratifications[0].actions.append(PartyAction(kind="signature", on=date(2024, 5, 6)))
    db.session.commit()
    assert "Atlantis signed on 6 May 2024" in _panel(client, agreement)
    assert "Signed treaty" in _listed(client)
