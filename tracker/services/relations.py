"""Relations between treaties: record one from an agreement's page, remove one, and each
agreement's relations read from its own side. Services flush; the boundary commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from tracker.domain.messages import Message
from tracker.domain.relations import RelationKind, circle, compatible, reads
from tracker.models import Agreement, TreatyRelation, User
from tracker.orm import db
from tracker.schemas.base import validate
from tracker.schemas.relations import RelationInput
from tracker.services import gate
from tracker.services.errors import ServiceError
from tracker.services.records import record_audit


def check_relation(
    agreement: Agreement,
    data: RelationInput,
    *,
    actor: User,
    planned: Collection[tuple[int, str, int]] = (),
) -> Agreement:
    """The other agreement of a relation `agreement` would have under `data`, if it may.
    Raises ServiceError (field "other_agreement_id"): an agreement the reader cannot see,
    the agreement itself, a relation already recorded, one that contradicts a relation
    recorded (or `planned`, as (from id, kind, to id), e.g. earlier rows of a file) on the
    same pair (the same kind the other way round, or kinds that cannot both hold:
    tracker.domain.relations.compatible), or one that closes a circle of its kind."""
    try:
        other = gate.get_agreement(actor, data.other_agreement_id)
    except gate.NotFound:
        raise ServiceError("Choose an agreement from the list.", field=FIELD) from None
    if other.id == agreement.id:
        raise ServiceError("An agreement cannot be related to itself.", field=FIELD)
    pair = {agreement.id, other.id}
    recorded = db.session.execute(
        select(TreatyRelation.from_agreement_id, TreatyRelation.kind).where(
            TreatyRelation.from_agreement_id.in_(pair),
            TreatyRelation.to_agreement_id.in_(pair),
        )
    ).all()
    on_pair = [(RelationKind(kind), source == agreement.id) for source, kind in recorded]
    on_pair += [
        (RelationKind(kind), source == agreement.id)
        for source, kind, target in planned
        if {source, target} == pair
    ]
    if (data.kind, True) in on_pair:
        raise ServiceError("This relation is already recorded.", field=FIELD)
    for kind, forwards in on_pair:
        if not compatible((data.kind, True), (kind, forwards)):
            raise ServiceError(
                Message(
                    "This relation contradicts the relation already recorded: %(this)s — "
                    "%(words)s — %(other)s. If that one is wrong, remove it first.",
                    this=agreement.display_title,
                    words=Message(reads(kind, forwards=forwards)),
                    other=other.display_title,
                ),
                field=FIELD,
            )
    _refuse_circle(agreement, other, data.kind, planned)
    return other


#: the field a refusal names: the other agreement (the CSV's other_agreement column)
FIELD = "other_agreement_id"


def _refuse_circle(
    agreement: Agreement,
    other: Agreement,
    kind: RelationKind,
    planned: Collection[tuple[int, str, int]],
) -> None:
    """Raises ServiceError when "agreement <kind> other" closes a circle of relations of
    `kind` (recorded or `planned`): other <kind> ... <kind> agreement."""
    edges = [
        (source, target)
        for source, target in db.session.execute(
            select(TreatyRelation.from_agreement_id, TreatyRelation.to_agreement_id).where(
                TreatyRelation.kind == kind
            )
        )
    ]
    edges += [(source, target) for source, k, target in planned if k == kind.value]
    path = circle(edges, other.id, agreement.id)
    if path is None:
        return
    words = Message(reads(kind, forwards=True))
    titles = [agreement.display_title] + [
        db.session.get(Agreement, agreement_id).display_title  # type: ignore[union-attr]
        for agreement_id in path
    ]
    chain: Any = titles[0]
    for title in titles[1:]:
        chain = Message(
            "%(before)s — %(words)s — %(after)s", before=chain, words=words, after=title
        )
    raise ServiceError(
        Message(
            "This relation would close a circle: %(chain)s. If one of these is wrong, "
            "remove it first.",
            chain=chain,
        ),
        field=FIELD,
    )


def add_relation(agreement: Agreement, fields: Mapping[str, Any], *, actor: User) -> TreatyRelation:
    """`agreement` <kind> another agreement, validated by RelationInput. Raises
    ServiceError (check_relation)."""
    data = validate(RelationInput, fields)
    other = check_relation(agreement, data, actor=actor)
    relation = TreatyRelation(
        from_agreement=agreement, to_agreement=other, kind=data.kind, note=data.note
    )
    db.session.add(relation)
    db.session.flush()
    record_audit(
        actor,
        "agreement.relation_added",
        agreement,
        f"{agreement.display_title} {data.kind.value} {other.display_title}",
        after={"relation_id": relation.id, "kind": data.kind.value, "to_agreement_id": other.id},
    )
    db.session.flush()
    return relation


def change_note(relation: TreatyRelation, note: str, *, actor: User) -> None:
    """The relation's note (a line, as RelationInput checks it) changed and audited."""
    if note == relation.note:
        return
    record_audit(
        actor,
        "agreement.relation_updated",
        relation.from_agreement,
        f"Changed the note of {relation.from_agreement.display_title} {relation.kind.value} "
        f"{relation.to_agreement.display_title}",
        {"relation_id": relation.id, "note": relation.note},
        {"relation_id": relation.id, "note": note},
    )
    relation.note = note
    db.session.flush()


def delete_relation(relation: TreatyRelation, *, actor: User) -> None:
    """Remove the relation (the audit log keeps it)."""
    record_audit(
        actor,
        "agreement.relation_deleted",
        relation.from_agreement,
        f"{relation.from_agreement.display_title} no longer {relation.kind.value} "
        f"{relation.to_agreement.display_title}",
        before={
            "relation_id": relation.id,
            "kind": relation.kind.value,
            "to_agreement_id": relation.to_agreement_id,
        },
    )
    db.session.delete(relation)
    db.session.flush()


@dataclass(frozen=True)
class RelationView:
    """A relation as one agreement reads it: `words` (English, to translate), the other
    agreement, whether this agreement is the relation's `from` side."""

    id: int
    kind: str
    words: str
    other: Agreement
    forwards: bool
    note: str


def _view(r: TreatyRelation, agreement_id: int) -> RelationView:
    forwards = r.from_agreement_id == agreement_id
    return RelationView(
        id=r.id,
        kind=r.kind.value,
        words=reads(r.kind, forwards=forwards),
        other=r.to_agreement if forwards else r.from_agreement,
        forwards=forwards,
        note=r.note,
    )


def _ordered(views: list[RelationView]) -> list[RelationView]:
    return sorted(views, key=lambda v: (v.kind, not v.forwards, v.other.title, v.id))


def relations_of(agreement_id: int) -> list[RelationView]:
    """The agreement's relations, both ways, by kind and the other agreement's title."""
    found = db.session.scalars(
        select(TreatyRelation)
        .where(
            or_(
                TreatyRelation.from_agreement_id == agreement_id,
                TreatyRelation.to_agreement_id == agreement_id,
            )
        )
        .options(joinedload(TreatyRelation.from_agreement), joinedload(TreatyRelation.to_agreement))
    )
    return _ordered([_view(r, agreement_id) for r in found])


def relations_by_agreement() -> dict[int, list[RelationView]]:
    """Every agreement's relations, both ways (as relations_of), by agreement id, in one
    query (for an export of many agreements; relations are few beside agreements)."""
    found: dict[int, list[RelationView]] = {}
    query = select(TreatyRelation).options(
        joinedload(TreatyRelation.from_agreement), joinedload(TreatyRelation.to_agreement)
    )
    for r in db.session.scalars(query):
        for side in (r.from_agreement_id, r.to_agreement_id):
            found.setdefault(side, []).append(_view(r, side))
    return {agreement_id: _ordered(views) for agreement_id, views in found.items()}


def get_relation(agreement: Agreement, relation_id: int) -> TreatyRelation:
    """A relation of `agreement` (either side). Raises gate.NotFound."""
    relation = db.session.get(TreatyRelation, relation_id)
    if relation is None or agreement.id not in (
        relation.from_agreement_id,
        relation.to_agreement_id,
    ):
        raise gate.NotFound("relation")
    return relation
