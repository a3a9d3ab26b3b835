"""Issue 16 #4: relations between treaties that contradict each other are refused with a
clear message, through the form, the API and a CSV import: "A supersedes B" and "B
supersedes A" (the same relation read the other way round), and a relation of an
agreement to itself."""

from __future__ import annotations

import html

import pytest
import requests

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import preview
from tracker.models import Agreement, TreatyRelation
from tracker.orm import db

CONTRADICTS = (
    "contradicts the relation already recorded: Old agreement — Superseded by — New agreement"
)


@pytest.fixture
def pair(make) -> tuple[Agreement, Agreement]:
    new = make.agreement(title="New agreement", short_title="")
    old = make.agreement(title="Old agreement", short_title="")
    db.session.add(TreatyRelation(from_agreement=new, to_agreement=old, kind="supersedes"))
    db.session.commit()
    return new, old


def _relations() -> list[tuple[int, str, int]]:
    db.session.expire_all()
    return [
        (r.from_agreement_id, r.kind.value, r.to_agreement_id)
        for r in db.session.query(TreatyRelation)
    ]


def test_the_form_refuses_the_reverse_relation_with_a_reason(client, officer, pair) -> None:
    new, old = pair
    client.login(officer)
    reverse = client.submit(
        f"/agreements/{old.id}/relations", {"kind": "supersedes", "other_agreement_id": str(new.id)}
    )
    assert reverse.status_code == 422
    assert CONTRADICTS in html.unescape(reverse.text)
    itself = client.submit(
        f"/agreements/{old.id}/relations", {"kind": "amends", "other_agreement_id": str(old.id)}
    )
    assert itself.status_code == 422
    assert _relations() == [(new.id, "supersedes", old.id)]


def test_the_api_refuses_the_reverse_relation_with_a_reason(live_server, officer, pair) -> None:
    new, old = pair
    base = f"{live_server}/api/v1/agreements"
    reverse = requests.post(
        f"{base}/{old.id}/relations",
        json={"kind": "supersedes", "to_agreement_id": new.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert reverse.status_code == 422
    assert CONTRADICTS in reverse.json()["errors"][0]["message"]
    itself = requests.post(
        f"{base}/{new.id}/relations",
        json={"kind": "amends", "to_agreement_id": new.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert itself.status_code == 422
    assert "cannot be related to itself" in itself.json()["errors"][0]["message"]
    assert _relations() == [(new.id, "supersedes", old.id)]


def test_a_file_with_both_ways_round_is_refused(client, officer, make) -> None:
    make.agreement(title="Gamma treaty", short_title="")
    make.agreement(title="Delta treaty", short_title="")
    client.login(officer)
    shown = preview(
        client,
        "relations",
        b"agreement,kind,other_agreement\n"
        b"Gamma treaty,supersedes,Delta treaty\n"
        b"Delta treaty,supersedes,Gamma treaty\n",
    )
    assert shown.status_code == 422
    text = html.unescape(shown.get_data(as_text=True))
    assert (
        "contradicts the relation already recorded: Delta treaty — Superseded by — Gamma treaty"
        in text
    )
    assert _relations() == []
