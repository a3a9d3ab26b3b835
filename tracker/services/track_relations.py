"""The relation a track's result makes between treaties (issue 16 #3, h16m #1): a track
under a framework agreement (the EPCA) that results in an agreement makes the framework
agreement "the framework for" that agreement, and the agreement "under the framework of"
it (tracker.domain.relations.RelationKind.FRAMEWORK_FOR).

Stored, not derived on read: the relation then is one of the agreements' relations like
any other (their pages, the API, the export, the contradiction and circle checks of a new
relation: tracker.services.relations), and reading it needs no reader. Agreements are
public; the relation names the two agreements only, never the track (nor does its audit
summary), so a restricted track's name does not reach a reader who may not see the track.
The relation remembers the track that made it (TreatyRelation.track_id): a changed or
cleared result takes that one away (or hands it to another track with the same result),
never one an officer recorded by hand. Every door that sets a track's result goes
through tracker.services.tracks (the track forms; the API and the imports do not write
tracks), which calls follow_result. Services flush; the boundary commits.
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.domain.relations import RelationKind
from tracker.models import Agreement, NegotiationTrack, TreatyRelation, User
from tracker.orm import db
from tracker.schemas.relations import RelationInput
from tracker.services.errors import ServiceError
from tracker.services.records import record_audit
from tracker.services.relations import check_relation, delete_relation

#: the field a refusal names: the track's result
FIELD = "resulting_agreement_id"


def follow_result(track: NegotiationTrack, *, actor: User) -> TreatyRelation | None:
    """After `track` is saved: the relation "framework FRAMEWORK_FOR result" recorded (once,
    audited) when the track has both agreements and no such relation is recorded yet; a
    relation the track made before for another pair taken away (or handed to another track
    with that pair). Returns the relation the track's result stands for (None: none).
    Raises ServiceError on the track's result when the relation contradicts one recorded
    or closes a circle (tracker.services.relations.check_relation's reason)."""
    pair = (track.framework_agreement_id, track.resulting_agreement_id)
    made = db.session.scalars(select(TreatyRelation).where(TreatyRelation.track_id == track.id))
    for relation in made:
        if (relation.from_agreement_id, relation.to_agreement_id) != pair:
            _let_go(relation, track, actor)
    framework_id, result_id = pair
    if framework_id is None or result_id is None or framework_id == result_id:
        return None
    found = db.session.scalar(
        select(TreatyRelation).where(
            TreatyRelation.from_agreement_id == framework_id,
            TreatyRelation.to_agreement_id == result_id,
            TreatyRelation.kind == RelationKind.FRAMEWORK_FOR,
        )
    )
    if found is not None:  # by hand, or by another track: recorded once
        return found
    framework = db.session.get_one(Agreement, framework_id)  # the track's foreign key
    data = RelationInput(kind=RelationKind.FRAMEWORK_FOR, other_agreement_id=result_id)
    try:
        result = check_relation(framework, data, actor=actor)
    except ServiceError as refused:
        refused.field = FIELD
        raise
    relation = TreatyRelation(
        from_agreement=framework,
        to_agreement=result,
        kind=RelationKind.FRAMEWORK_FOR,
        track_id=track.id,
    )
    db.session.add(relation)
    db.session.flush()
    record_audit(
        actor,
        "agreement.relation_added",
        framework,
        # the track's name is left out: the summary reads on the agreement, which is public
        f"{framework.display_title} framework_for {result.display_title} "
        "(a negotiation track's result)",
        after={
            "relation_id": relation.id,
            "kind": RelationKind.FRAMEWORK_FOR.value,
            "to_agreement_id": result.id,
            "track_id": track.id,
        },
    )
    db.session.flush()
    return relation


def _let_go(relation: TreatyRelation, track: NegotiationTrack, actor: User) -> None:
    """The relation `track` made no longer stands for its result: another track with the
    same framework and result takes it over, else it is removed (audited)."""
    heir = db.session.scalar(
        select(NegotiationTrack.id)
        .where(
            NegotiationTrack.id != track.id,
            NegotiationTrack.framework_agreement_id == relation.from_agreement_id,
            NegotiationTrack.resulting_agreement_id == relation.to_agreement_id,
        )
        .order_by(NegotiationTrack.id)
        .limit(1)
    )
    if heir is not None and relation.kind is RelationKind.FRAMEWORK_FOR:
        relation.track_id = heir
        db.session.flush()
        return
    delete_relation(relation, actor=actor)
