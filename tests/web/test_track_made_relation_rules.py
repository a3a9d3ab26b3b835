"""h19g1 #5 (issue 16 leftover, h16m): the relation a track's result makes between
treaties (tracker.services.track_relations).

a) An officer who deletes that relation by hand means it: a later save of the track that
   leaves its result as it was does not make it again; changing the result away and back
   again does (a new decision on the result).
b) Its note was lost when the track's result changed: the relation made for the new
   result keeps it.
c) Handing the relation over to another track with the same result was not audited."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.page_forms import edit_form
from tests.web.test_track_result_relation import _set_result, world  # noqa: F401
from tracker.models import AuditEvent, TreatyRelation
from tracker.orm import db


def _save_unchanged(client, track) -> None:
    """Save the track's form with another field changed, its result as it was."""
    form = edit_form(client.get(f"/tracks/{track.id}/edit").text)
    form["name"] = form["name"] + " (renamed)"
    saved = client.submit(f"/tracks/{track.id}/edit", form)
    assert saved.status_code == 302, saved.text
    db.session.expire_all()


def _delete_by_hand(client, relation: TreatyRelation) -> None:
    deleted = client.submit(
        f"/agreements/{relation.from_agreement_id}/relations/{relation.id}/delete", {}
    )
    assert deleted.status_code == 302
    db.session.expire_all()


def test_a_relation_deleted_by_hand_stays_deleted_while_the_result_stands(
    client,
    officer,
    world,  # noqa: F811
) -> None:
    tmm, track = world["tmm"], world["track"]
    client.login(officer)
    _set_result(client, track, tmm.id)
    _delete_by_hand(client, db.session.scalars(select(TreatyRelation)).one())
    _save_unchanged(client, track)
    _set_result(client, track, tmm.id)  # the same result submitted again
    assert db.session.query(TreatyRelation).count() == 0


def test_a_result_changed_and_changed_back_makes_it_again(client, officer, world) -> None:  # noqa: F811
    epca, tmm, other, track = world["epca"], world["tmm"], world["other"], world["track"]
    client.login(officer)
    _set_result(client, track, tmm.id)
    _delete_by_hand(client, db.session.scalars(select(TreatyRelation)).one())
    _set_result(client, track, other.id)
    _set_result(client, track, tmm.id)
    relation = db.session.scalars(select(TreatyRelation)).one()
    assert (relation.from_agreement_id, relation.to_agreement_id) == (epca.id, tmm.id)
    assert relation.track_id == track.id


def test_a_changed_result_keeps_the_relations_note(client, officer, world) -> None:  # noqa: F811
    epca, tmm, other, track = world["epca"], world["tmm"], world["other"], world["track"]
    client.login(officer)
    _set_result(client, track, tmm.id)
    relation = db.session.scalars(select(TreatyRelation)).one()
    relation.note = "Art. 5 of the EPCA"
    db.session.commit()
    _set_result(client, track, other.id)
    moved = db.session.scalars(select(TreatyRelation)).one()
    assert (moved.from_agreement_id, moved.to_agreement_id) == (epca.id, other.id)
    assert moved.note == "Art. 5 of the EPCA"


def test_handing_the_relation_to_another_track_is_audited(client, officer, make, world) -> None:  # noqa: F811
    epca, tmm, other, track = world["epca"], world["tmm"], world["other"], world["track"]
    heir = make.track(
        name="Visa facilitation, second phase",
        framework_agreement_id=epca.id,
        resulting_agreement_id=tmm.id,
    )
    client.login(officer)
    _set_result(client, track, tmm.id)
    _set_result(client, track, other.id)
    handed = db.session.scalars(
        select(TreatyRelation).where(TreatyRelation.to_agreement_id == tmm.id)
    ).one()
    assert handed.track_id == heir.id
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "agreement.relation_updated")
    )
    assert event.object_type == "Agreement" and event.object_id == epca.id
    assert event.before == {"track_id": track.id}
    assert event.after["track_id"] == heir.id and event.after["relation_id"] == handed.id
    assert "Visa facilitation" not in event.summary  # the agreement's log is public
