"""Issue 16 (found by a fresh check, #3): relations between agreements. A circle of one
kind of any length ("A amends B, B amends C, C amends A") is refused, as are kinds that
contradict each other on one pair ("A is a protocol to B" beside "A is the framework for
B" or "B supersedes A"), each with its reason, through the form and the API. And the API
names the other agreement as the CSV file does (other_agreement_id), still accepting the
old to_agreement_id."""

from __future__ import annotations

import pytest
import requests

from tests.api.conftest import bearer
from tracker.models import Agreement, TreatyRelation
from tracker.orm import db


@pytest.fixture
def three(make) -> tuple[Agreement, Agreement, Agreement]:
    return tuple(
        make.agreement(title=f"Agreement {name}", short_title="") for name in ("A", "B", "C")
    )


def _relations() -> list[tuple[int, str, int]]:
    db.session.expire_all()
    return sorted(
        (r.from_agreement_id, r.kind.value, r.to_agreement_id)
        for r in db.session.query(TreatyRelation)
    )


def test_a_circle_of_any_length_is_refused(live_server, officer, three) -> None:
    a, b, c = three
    db.session.add(TreatyRelation(from_agreement=a, to_agreement=b, kind="amends"))
    db.session.add(TreatyRelation(from_agreement=b, to_agreement=c, kind="amends"))
    db.session.commit()
    closing = requests.post(
        f"{live_server}/api/v1/agreements/{c.id}/relations",
        json={"kind": "amends", "to_agreement_id": a.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert closing.status_code == 422, closing.text
    message = closing.json()["errors"][0]["message"]
    assert (
        "This relation would close a circle: Agreement C — Amends — Agreement A — Amends — "
        "Agreement B — Amends — Agreement C." in message
    )
    assert _relations() == sorted([(a.id, "amends", b.id), (b.id, "amends", c.id)])
    # another kind is no circle of amendments
    other = requests.post(
        f"{live_server}/api/v1/agreements/{c.id}/relations",
        json={"kind": "implements", "to_agreement_id": a.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert other.status_code == 201, other.text


def test_contradictory_kinds_on_one_pair_are_refused(live_server, officer, three) -> None:
    a, b, _c = three
    db.session.add(TreatyRelation(from_agreement=a, to_agreement=b, kind="protocol_to"))
    db.session.commit()

    def post(agreement: Agreement, kind: str, other: Agreement) -> requests.Response:
        return requests.post(
            f"{live_server}/api/v1/agreements/{agreement.id}/relations",
            json={"kind": kind, "to_agreement_id": other.id},
            headers=bearer(officer),
            timeout=5,
        )

    for agreement, kind, other in ((a, "framework_for", b), (b, "supersedes", a)):
        refused = post(agreement, kind, other)
        assert refused.status_code == 422, refused.text
        assert (
            "This relation contradicts the relation already recorded: "
            f"{agreement.title} — {'Protocol to' if agreement is a else 'Has the protocol'} — "
            f"{other.title}." in refused.json()["errors"][0]["message"]
        )
    assert _relations() == [(a.id, "protocol_to", b.id)]
    # a protocol to a framework convention: both true at once
    assert post(b, "framework_for", a).status_code == 201
    assert _relations() == sorted([(a.id, "protocol_to", b.id), (b.id, "framework_for", a.id)])


def test_the_api_names_the_other_agreement_as_the_csv_does(live_server, officer, three) -> None:
    a, b, c = three
    base = f"{live_server}/api/v1/agreements"
    added = requests.post(
        f"{base}/{a.id}/relations",
        json={"kind": "amends", "other_agreement_id": b.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert added.status_code == 201, added.text
    assert (added.json()["other_agreement_id"], added.json()["other_agreement_title"]) == (
        b.id,
        "Agreement B",
    )
    old_name = requests.post(
        f"{base}/{a.id}/relations",
        json={"kind": "implements", "to_agreement_id": c.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert old_name.status_code == 201, old_name.text
    refused = requests.post(
        f"{base}/{a.id}/relations",
        json={"kind": "amends", "other_agreement_id": a.id},
        headers=bearer(officer),
        timeout=5,
    )
    assert [e["name"] for e in refused.json()["errors"]] == ["other_agreement_id"]
    read = requests.get(f"{base}/{b.id}", headers=bearer(officer), timeout=5).json()
    assert [(r["kind"], r["direction"], r["other_agreement_id"]) for r in read["relations"]] == [
        ("amends", "to", a.id)
    ]
    described = requests.get(f"{live_server}/api/v1/openapi.json", timeout=5).json()
    schemas = described["components"]["schemas"]
    assert "other_agreement_id" in schemas["RelationInput"]["properties"]
    assert (
        "to_agreement_id"
        in schemas["RelationInput"]["properties"]["other_agreement_id"]["description"]
    )
