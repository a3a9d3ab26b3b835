"""Relations between treaties (issue 16 #3): recorded once from one agreement's page,
shown from both sides, in the API too; refused to itself or twice."""

from __future__ import annotations

import html

import requests

from tests.api.conftest import bearer
from tracker.models import AuditEvent, TreatyRelation
from tracker.orm import db


def _section(page: str) -> str:
    return html.unescape(page.split('id="relations"')[1].split("</section>")[0])


def test_a_protocol_is_shown_from_both_sides_and_removed(client, officer, make) -> None:
    epca = make.agreement(
        title="Enhanced Partnership and Cooperation Agreement", short_title="EPCA"
    )
    protocol = make.agreement(title="Protocol on trade in services", short_title="")
    client.login(officer)
    response = client.submit(
        f"/agreements/{protocol.id}/relations",
        {"kind": "protocol_to", "other_agreement_id": str(epca.id), "note": "Art. 281"},
    )
    assert response.status_code == 302
    on_protocol = _section(client.get(f"/agreements/{protocol.id}").text)
    on_epca = _section(client.get(f"/agreements/{epca.id}").text)
    assert "Protocol to" in on_protocol and "EPCA" in on_protocol and "Art. 281" in on_protocol
    assert "Has the protocol" in on_epca and "Protocol on trade in services" in on_epca

    twice = client.submit(
        f"/agreements/{epca.id}/relations",
        {"kind": "protocol_to", "other_agreement_id": str(protocol.id)},
    )
    assert twice.status_code == 422
    assert "already recorded" in html.unescape(twice.text)
    itself = client.submit(
        f"/agreements/{epca.id}/relations", {"kind": "amends", "other_agreement_id": str(epca.id)}
    )
    assert itself.status_code == 422  # not one of the choices offered
    assert db.session.query(TreatyRelation).count() == 1

    relation = db.session.query(TreatyRelation).one()
    removed = client.submit(f"/agreements/{epca.id}/relations/{relation.id}/delete", {})
    assert removed.status_code == 302
    db.session.expire_all()
    assert db.session.query(TreatyRelation).count() == 0
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions[-2:] == ["agreement.relation_added", "agreement.relation_deleted"]


def test_the_api_answers_with_the_relations_both_ways(live_server, make, viewer) -> None:
    epca = make.agreement(title="EPCA", short_title="EPCA")
    visa = make.agreement(title="Visa facilitation agreement")
    db.session.add(TreatyRelation(from_agreement=epca, to_agreement=visa, kind="framework_for"))
    db.session.commit()
    headers = bearer(viewer)
    answer = requests.get(f"{live_server}/api/v1/agreements/{visa.id}", headers=headers, timeout=5)
    relations = answer.json()["relations"]
    assert [(r["kind"], r["direction"], r["agreement_title"]) for r in relations] == [
        ("framework_for", "to", "EPCA")
    ]
    other = requests.get(f"{live_server}/api/v1/agreements/{epca.id}", headers=headers, timeout=5)
    assert other.json()["relations"][0]["direction"] == "from"


def test_the_relation_form_has_its_own_page(client, officer, make) -> None:
    """The choice of the other agreement lists every agreement: on the agreement page it
    made that page cost what the list costs (250 ms at bench scale 10)."""
    epca = make.agreement(title="Enhanced Partnership and Cooperation Agreement")
    other = make.agreement(title="Protocol on trade in services")
    client.login(officer)
    page = client.get(f"/agreements/{epca.id}").text
    assert 'name="other_agreement_id"' not in page
    assert f'href="/agreements/{epca.id}/relations"' in page
    form = client.get(f"/agreements/{epca.id}/relations")
    assert form.status_code == 200
    assert f'<option value="{other.id}">' in form.text
    assert f'<option value="{epca.id}">' not in form.text
