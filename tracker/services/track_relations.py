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
never one an officer recorded by hand; handed over, it is audited as an edit of the
relation (h19g1 #5c). Made again for a new result, it keeps the note an officer wrote on
the one it replaces (h19g1 #5b).

A relation made so and then deleted by hand stays deleted while the track's result stands:
the relation is made when a save *sets* the track's framework or result (tracks.py calls
follow_result only when one of them changed), so a later save that leaves them as they
were (another field edited, or the same result submitted again) does not bring back what
an officer removed on purpose. A result changed and then changed back is a new decision
on the result: it makes the relation again (h19g1 #5a). Every door that sets a track's
result goes through tracker.services.tracks (the track forms; the API and the imports do
not write tracks), which calls follow_result. Services flush; the boundary commits.
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
    """After a save of `track` that set its framework agreement or its result (only then:
    the module's rule on a relation deleted by hand): the relation "framework
    FRAMEWORK_FOR result" recorded (once, audited) when the track has both agreements and
    no such relation is recorded yet, with the note of the relation the track made for
    its former pair, if it removed it; a relation the track made before for another pair
    taken away (or handed to another track with that pair, audited). Returns the relation
    the track's result stands for (None: none). Raises ServiceError on the track's result
    when the relation contradicts one recorded or closes a circle
    (tracker.services.relations.check_relation's reason)."""
    pair = (track.framework_agreement_id, track.resulting_agreement_id)
    made = db.session.scalars(select(TreatyRelation).where(TreatyRelation.track_id == track.id))
    note = ""
    for relation in list(made):
        if (relation.from_agreement_id, relation.to_agreement_id) != pair:
            note = _let_go(relation, track, actor) or note
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
        note=note,  # the officer's note on the one it replaces (h19g1 #5b)
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


def _let_go(relation: TreatyRelation, track: NegotiationTrack, actor: User) -> str:
    """The relation `track` made no longer stands for its result: another track with the
    same framework and result takes it over (audited as an edit of the relation: which
    track made it, by id; the summary names the agreements only), else it is removed
    (audited). Returns the note of a relation removed, for the one made for the track's
    new result ("" when handed over: the note stays with it)."""
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
        record_audit(
            actor,
            "agreement.relation_updated",
            relation.from_agreement,
            # no track named: the summary reads on the agreement, which is public
            f"{relation.from_agreement.display_title} framework_for "
            f"{relation.to_agreement.display_title}: now the result of another negotiation "
            "track",
            before={"track_id": track.id},
            after={"relation_id": relation.id, "track_id": heir},
        )
        db.session.flush()
        return ""
    note = relation.note or ""
    delete_relation(relation, actor=actor)
    return note
