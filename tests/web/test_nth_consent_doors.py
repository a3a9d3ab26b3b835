"""The clause "after the Nth Party has consented to be bound" (h16b #4) through every door:
the final-clause form offers it and the page computes from it (a definitive signature
counts), the API takes it (its enum in the OpenAPI description) and the final-clauses file
imports it."""

from __future__ import annotations

import html
from datetime import date

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db
from tracker.services.spreadsheets import run_import

RULE = {
    "purpose": "entry_into_force",
    "mode": "after",
    "anchor": "nth_consent",
    "offset": "3",
    "unit": "months",
    "nth": "2",
    "note": "Art. 30",
}


@pytest.fixture
def convention(make):
    """Atlantis signs definitively on 20 Feb 2025, Borduria ratifies on 5 Mar 2025: the
    second consent; Carpathia has only signed subject to ratification."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.SIGNED,
    )
    atlantis, borduria, carpathia = agreement.ratifications
    atlantis.actions.append(PartyAction(kind="signature", on=date(2025, 2, 20)))
    borduria.actions.append(PartyAction(kind="ratification", on=date(2025, 3, 5)))
    carpathia.actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2025, 2, 20))
    )
    db.session.commit()
    return agreement


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_form_offers_the_clause_and_the_page_computes_from_it(
    client, officer, convention
) -> None:
    client.login(officer)
    form = html.unescape(client.get(f"/agreements/{convention.id}/clocks/new").text)
    assert 'value="nth_consent"' in form and "Consent of the Nth Party to be bound" in form
    saved = client.submit(f"/agreements/{convention.id}/clocks/new", RULE)
    assert saved.status_code == 302, saved.text
    page = html.unescape(client.get(f"/agreements/{convention.id}").text)
    clocks = page.split('id="clocks"')[1].split("</section>")[0]
    assert "3 months after the second Party's consent to be bound, 5 Mar 2025" in clocks
    assert "5 Jun 2025" in clocks
    refused = client.submit(f"/agreements/{convention.id}/clocks/new", {**RULE, "nth": ""})
    assert refused.status_code == 422


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_api_and_the_file_take_the_clause(live_server, officer, convention) -> None:
    base = f"{live_server}/api/v1"
    body = {**RULE, "offset": 3, "nth": 2}
    added = requests.post(
        f"{base}/agreements/{convention.id}/final-clauses",
        json=body,
        headers=bearer(officer),
        timeout=5,
    )
    assert added.status_code == 201, added.text
    assert added.json()["anchor"] == "nth_consent"
    read = requests.get(
        f"{base}/agreements/{convention.id}", headers=bearer(officer), timeout=5
    ).json()
    eif = next(d for d in read["computed_dates"] if d["kind"] == "entry_into_force")
    assert eif["on"] == "2025-06-05"
    spec = requests.get(f"{base}/openapi.json", timeout=5).json()
    assert "nth_consent" in str(spec["components"]["schemas"])


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_final_clauses_file_takes_the_clause(officer, convention) -> None:
    text = (
        "agreement,purpose,mode,anchor,offset,unit,nth\n"
        "Convention on lighthouses,entry_into_force,after,nth_consent,3,months,2\n"
    )
    result = run_import("final-clauses", text, officer, confirm=True)
    assert result.ok, [r.errors for r in result.rows]
    db.session.commit()
    db.session.expire_all()
    [rule] = db.session.query(ClockRule).filter_by(agreement_id=convention.id).all()
    assert (rule.anchor, rule.nth) == ("nth_consent", 2)
