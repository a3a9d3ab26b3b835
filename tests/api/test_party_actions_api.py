"""A Party's acts through the JSON API (issue 16 #8): each party of an agreement answers
with its acts, an unknown date as null, and the matrix dates derived from them; the
agreement answers with its depositary, languages, place of deposit and publication."""

from __future__ import annotations

from datetime import date

import requests

from tests.api.conftest import bearer
from tracker.models import Agreement, PartyAction
from tracker.orm import db


def test_an_agreement_answers_with_each_partys_acts(live_server, world, viewer) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    epca.publication_ref = "OJ L 29, 4.2.2016"
    epca.depositary = "Secretary-General of the Council of the European Union"
    eu, kz = epca.ratifications
    eu.actions.append(PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21)))
    eu.actions.append(
        PartyAction(
            kind="provisional_application",
            on=date(2016, 5, 1),
            effective_on=date(2020, 2, 29),
            instrument_ref="Council Decision (EU) 2016/123",
        )
    )
    kz.actions.append(PartyAction(kind="notification_of_completion", on=None))
    db.session.commit()
    headers = bearer(viewer)
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{epca.id}", headers=headers, timeout=5
    ).json()
    assert (answer["publication_ref"], answer["depositary"]) == (
        "OJ L 29, 4.2.2016",
        "Secretary-General of the Council of the European Union",
    )
    assert answer["ratified"] == 1  # Kazakhstan's notification, its date not recorded
    parties = {p["party"]: p for p in answer["parties"]}
    assert parties["European Union"]["signed_on"] == "2015-12-21"
    assert parties["European Union"]["provisionally_applied_on"] == "2016-05-01"
    assert [
        (a["kind"], a["on"], a["effective_on"]) for a in parties["European Union"]["actions"]
    ] == [
        ("signature_subject_to_ratification", "2015-12-21", None),
        ("provisional_application", "2016-05-01", "2020-02-29"),
    ]
    assert parties["European Union"]["actions"][1]["instrument_ref"] == (
        "Council Decision (EU) 2016/123"
    )
    assert [(a["kind"], a["on"]) for a in parties["Kazakhstan"]["actions"]] == [
        ("notification_of_completion", None)
    ]
    listed = requests.get(f"{live_server}/api/v1/agreements", headers=headers, timeout=5).json()
    assert listed["items"][0]["parties"][1]["actions"][0]["kind"] == "notification_of_completion"
    description = requests.get(f"{live_server}/api/v1/openapi.json", timeout=5).json()
    assert "PartyAction" in description["components"]["schemas"]
