"""A Party's act through the JSON API answers every fault of its body in one 422 (h16b #2):
the schema's field errors (flask-openapi3 validates the body before the view), the rules
across fields, and the act's own checks (a date in the future, the same act already
recorded, the reservation an objection names) on the fields that did parse, as the form
shows them all at once."""

from __future__ import annotations

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
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Republic")], title="Test agreement"
    )
    agreement.ratifications[0].actions.append(
        PartyAction(kind="declaration", on=date(2020, 1, 15), note="The first")
    )
    agreement.ratifications[0].actions.append(PartyAction(kind="reservation", on=None))
    db.session.commit()
    return agreement


def _names(response) -> set[str]:
    assert response.status_code == 422, response.text
    return {e["name"] for e in response.json()["errors"]}


@time_machine.travel(TODAY, tick=False)
def test_a_new_act_has_every_fault_of_its_body_told_at_once(live_server, officer, treaty) -> None:
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    headers = bearer(officer)
    # a schema error (the address) beside a date in the future
    body = {"party": "union", "kind": "declaration", "on": "2026-02-01"}
    both = requests.post(
        acts, json={**body, "document_url": "not an address"}, headers=headers, timeout=5
    )
    assert _names(both) == {"document_url", "on"}
    # a rule across fields (a declaration has no second date) beside the same act again
    again = {**body, "on": "2020-01-15", "effective_on": "2020-02-01"}
    rule_and_same = requests.post(acts, json=again, headers=headers, timeout=5)
    assert _names(rule_and_same) == {"effective_on", "on"}
    assert "already recorded" in str(rule_and_same.json()["errors"])
    db.session.expire_all()
    assert len(treaty.ratifications[0].actions) == 2


@time_machine.travel(TODAY, tick=False)
def test_a_change_has_every_fault_of_its_body_told_at_once(live_server, officer, treaty) -> None:
    reservation = treaty.ratifications[0].actions[-1]
    url = f"{live_server}/api/v1/agreements/{treaty.id}/actions/{reservation.id}"
    read = requests.get(url, headers=bearer(officer), timeout=5)
    headers = {**bearer(officer), "If-Match": read.headers["ETag"]}
    # into the declaration already recorded, with an address that is not one
    changes = {"kind": "declaration", "on": "2020-01-15", "document_url": "not an address"}
    refused = requests.patch(url, json=changes, headers=headers, timeout=5)
    assert _names(refused) == {"document_url", "on"}


@time_machine.travel(TODAY, tick=False)
def test_a_party_not_of_the_agreement_is_told_with_the_acts_faults(
    live_server, officer, treaty
) -> None:
    """The body fits its schema, but names a Party not of this agreement and a date in the
    future: both told."""
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Atlantis", "kind": "declaration", "on": "2026-02-01"}
    nobody = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert _names(nobody) == {"party", "on"}
