"""A track's result and its framework agreement (issue 16 #3, h16m #1): the track under the
EPCA that results in an agreement makes the EPCA "the framework for" it, recorded once and
audited by the track's save, shown on both agreements' pages and in the API; a changed or
cleared result takes away the relation the track made, never one an officer recorded."""

from __future__ import annotations

import html

import pytest
import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.web.page_forms import edit_form
from tracker.domain.relations import RelationKind
from tracker.models import AuditEvent, Classification, TreatyRelation
from tracker.orm import db


def _relations(page: str) -> str:
    return html.unescape(page.split('id="relations"')[1].split("</section>")[0])


def _set_result(client, track, result_id: int | str) -> None:
    form = edit_form(client.get(f"/tracks/{track.id}/edit").text)
    form["resulting_agreement_id"] = str(result_id)
    saved = client.submit(f"/tracks/{track.id}/edit", form)
    assert saved.status_code == 302, saved.text
    db.session.expire_all()


@pytest.fixture
def world(make):
    epca = make.agreement(
        title="Enhanced Partnership and Cooperation Agreement", short_title="EPCA"
    )
    tmm = make.agreement(title="Agreement on visa facilitation", short_title="TMM")
    other = make.agreement(title="Agreement on readmission", short_title="")
    track = make.track(name="Visa facilitation", framework_agreement_id=epca.id)
    return {"epca": epca, "tmm": tmm, "other": other, "track": track}


def test_the_result_makes_the_framework_relation_once(client, officer, world) -> None:
    epca, tmm, track = world["epca"], world["tmm"], world["track"]
    client.login(officer)
    _set_result(client, track, tmm.id)
    on_epca = _relations(client.get(f"/agreements/{epca.id}").text)
    on_tmm = _relations(client.get(f"/agreements/{tmm.id}").text)
    assert "Framework for" in on_epca and "TMM" in on_epca
    assert "Under the framework of" in on_tmm and "EPCA" in on_tmm
    assert "No related treaties" not in on_epca
    relation = db.session.scalars(select(TreatyRelation)).one()
    assert (relation.from_agreement_id, relation.kind, relation.to_agreement_id) == (
        epca.id,
        RelationKind.FRAMEWORK_FOR,
        tmm.id,
    )
    # saving the track again (the result unchanged) records nothing more
    _set_result(client, track, tmm.id)
    assert db.session.query(TreatyRelation).count() == 1
    added = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "agreement.relation_added")
    ).all()
    assert len(added) == 1


def test_a_changed_result_moves_the_relation_and_keeps_one_made_by_hand(
    client, officer, world
) -> None:
    epca, tmm, other, track = world["epca"], world["tmm"], world["other"], world["track"]
    client.login(officer)
    _set_result(client, track, tmm.id)
    _set_result(client, track, other.id)
    pairs = {
        (r.from_agreement_id, r.to_agreement_id) for r in db.session.scalars(select(TreatyRelation))
    }
    assert pairs == {(epca.id, other.id)}
    # recorded by hand before: the track's result finds it there and leaves it alone
    by_hand = client.submit(
        f"/agreements/{epca.id}/relations",
        {"kind": "framework_for", "other_agreement_id": str(tmm.id), "note": "Art. 5"},
    )
    assert by_hand.status_code == 302
    _set_result(client, track, tmm.id)
    assert db.session.query(TreatyRelation).count() == 1  # the other went, this one stays
    _set_result(client, track, "")
    kept = db.session.scalars(select(TreatyRelation)).one()
    assert (kept.to_agreement_id, kept.note) == (tmm.id, "Art. 5")
    deleted = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "agreement.relation_deleted")
    ).all()
    # the track's own, each time its result moved away: to the readmission agreement,
    # then back to TMM (where the one recorded by hand stands for it)
    assert len(deleted) == 2


def test_the_api_and_a_reader_of_a_restricted_track(
    client, live_server, officer, viewer, world
) -> None:
    epca, tmm, track = world["epca"], world["tmm"], world["track"]
    track.classification = Classification.RESTRICTED
    track.lead_officer_id = officer.id
    db.session.commit()
    client.login(officer)
    _set_result(client, track, tmm.id)
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{tmm.id}", headers=bearer(viewer), timeout=5
    )
    assert [(r["kind"], r["direction"]) for r in answer.json()["relations"]] == [
        ("framework_for", "to")
    ]
    assert "Visa facilitation" not in answer.text
    client.login(viewer)
    for agreement in (epca, tmm):
        page = client.get(f"/agreements/{agreement.id}").text
        assert "Visa facilitation" not in html.unescape(page)
    for event in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("agreement.relation%"))
    ):
        assert "Visa facilitation" not in event.summary


def test_a_result_that_contradicts_a_recorded_relation_is_refused_with_it(
    client, officer, world
) -> None:
    epca, tmm, track = world["epca"], world["tmm"], world["track"]
    client.login(officer)
    recorded = client.submit(
        f"/agreements/{tmm.id}/relations",
        {"kind": "supersedes", "other_agreement_id": str(epca.id)},
    )
    assert recorded.status_code == 302
    form = edit_form(client.get(f"/tracks/{track.id}/edit").text)
    form["resulting_agreement_id"] = str(tmm.id)
    refused = client.submit(f"/tracks/{track.id}/edit", form)
    assert refused.status_code == 422
    assert "contradicts the relation already recorded" in html.unescape(refused.text)
    db.session.expire_all()
    assert db.session.get(type(track), track.id).resulting_agreement_id is None
    assert db.session.query(TreatyRelation).count() == 1
