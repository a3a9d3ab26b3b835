"""Rules and relations written through the JSON API (issue 16 #8): an officer adds a
final clause and a relation; the agreement then answers with them and the date the
clause gives; a viewer is refused, a clause that cannot count from its event is refused
with the field named, and a second rule for the same purpose is refused."""

from __future__ import annotations

from datetime import date

import requests

from tests.api.conftest import bearer
from tracker.models import Agreement, PartyAction
from tracker.orm import db

EPCA_281 = {
    "purpose": "entry_into_force",
    "mode": "first_day_of_nth_month_following",
    "anchor": "last_notification",
    "offset": 2,
    "unit": "months",
    "note": "Art. 281(2)",
}


def test_an_officer_adds_a_final_clause_and_a_relation(
    live_server, world, officer, viewer, make
) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    for row, on in zip(epca.ratifications, (date(2019, 11, 4), date(2020, 1, 15)), strict=True):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
    protocol = make.agreement(title="Protocol to the EPCA", short_title="Protocol")
    db.session.commit()
    base = f"{live_server}/api/v1/agreements"
    refused = requests.post(
        f"{base}/{epca.id}/final-clauses", json=EPCA_281, headers=bearer(viewer), timeout=5
    )
    assert refused.status_code == 403
    added = requests.post(
        f"{base}/{epca.id}/final-clauses", json=EPCA_281, headers=bearer(officer), timeout=5
    )
    assert added.status_code == 201, added.text
    assert added.json()["words"] == (
        "on the first day of the second month following "
        "the last notification of completed procedures"
    )
    again = requests.post(
        f"{base}/{epca.id}/final-clauses", json=EPCA_281, headers=bearer(officer), timeout=5
    )
    assert again.status_code == 422
    wrong = requests.post(
        f"{base}/{epca.id}/final-clauses",
        json={**EPCA_281, "purpose": "initial_term"},
        headers=bearer(officer),
        timeout=5,
    )
    assert wrong.status_code == 422
    assert [e["name"] for e in wrong.json()["errors"]] == ["anchor"]
    related = requests.post(
        f"{base}/{protocol.id}/relations",
        json={"kind": "protocol_to", "to_agreement_id": epca.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert related.status_code == 201, related.text
    assert (related.json()["direction"], related.json()["agreement_id"]) == ("from", epca.id)
    answer = requests.get(f"{base}/{epca.id}", headers=bearer(viewer), timeout=5).json()
    assert [c["note"] for c in answer["final_clauses"]] == ["Art. 281(2)"]
    [computed] = answer["computed_dates"]
    assert computed["on"] == "2020-03-01"
    assert [(r["kind"], r["direction"], r["agreement_id"]) for r in answer["relations"]] == [
        ("protocol_to", "to", protocol.id)
    ]
    itself = requests.post(
        f"{base}/{epca.id}/relations",
        json={"kind": "amends", "to_agreement_id": epca.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert itself.status_code == 422
