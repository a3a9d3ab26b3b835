"""The gate every read of one record goes through: load it for a reader, or say not found.

`get_<record>(reader, id)` returns the record if it exists and the reader may see it
(tracker.services.visibility), and raises NotFound otherwise: the same answer for a
record that is hidden and one that does not exist, so an id tells nothing. Web views turn
NotFound into a 404 page, the API into a 404 problem.

An administrator sees every record; a read of a restricted record that only the
administrator role allows (not as lead or assigned officer) is audited, so that who read
what stays answerable; a list page that shows such records is audited once per view,
naming them (audit_admin_list). The audit event is added to the session: the request
commits it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import (
    ActionItem,
    Agreement,
    AgreementArea,
    AuditEvent,
    Body,
    Classification,
    Document,
    Milestone,
    NegotiationTrack,
    User,
)
from tracker.orm import db
from tracker.services.records import record_audit
from tracker.services.visibility import (
    Reader,
    may_see_action_item,
    may_see_document,
    may_see_milestone,
    may_see_track,
    own_track_ids,
)

T = TypeVar("T")


#: the session's info key for the audited reads of the current unit of work
READS = "gate.audited_reads"


class NotFound(LookupError):
    """No such record, or not one the reader may see (never told apart)."""

    def __init__(self, noun: str) -> None:
        super().__init__(f"No such {noun}, or not one you may see.")
        self.noun = noun


def _load(model: type[T], record_id: int, options: Sequence[Any]) -> T | None:
    return db.session.scalar(select(model).where(model.id == record_id).options(*options))  # type: ignore[attr-defined]


def _on_team(user: User, track: NegotiationTrack) -> bool:
    return track.lead_officer_id == user.id or any(m.id == user.id for m in track.members)


def _audit_admin_read(reader: Reader, record: Any, tracks: list[NegotiationTrack | None]) -> None:
    """Audit an administrator's read of a record of a restricted track not theirs."""
    if reader is None or not reader.is_admin:
        return
    restricted = [
        t for t in tracks if t is not None and t.classification is Classification.RESTRICTED
    ]
    if restricted and not all(_on_team(reader, t) for t in restricted):
        event = record_audit(
            reader,
            "restricted.read",
            record,
            f"Read {type(record).__name__} {record.id} of restricted track "
            + ", ".join(t.name for t in restricted),
        )
        _keep_aside(event)


def _keep_aside(event: AuditEvent) -> None:
    """Note an audited read in the session too: a refused request rolls its changes back,
    not the fact of a read (see reads_to_keep)."""
    db.session.info.setdefault(READS, []).append(
        {
            "actor_id": event.actor_id,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "summary": event.summary,
            "after": event.after,
        }
    )


def audited_read(reader: User, action: str, record: Any, summary: str, **after: Any) -> None:
    """Audit a read (a position on a negotiating text, issue 17): the event is kept even
    when the request that read it is refused and rolled back."""
    _keep_aside(record_audit(reader, action, record, summary, after=after or None))


def audit_admin_list(
    reader: Reader,
    model: type,
    shown: Iterable[Any],
    tracks_of: Callable[[Any], Iterable[NegotiationTrack | None]],
) -> None:
    """Audit an administrator's list that shows records of restricted tracks not theirs:
    one event per list read (action "restricted.listed", object_type the model's name),
    naming the records shown (their ids in `after`, ids and names in the summary).

    `shown` are the records on the page, `tracks_of` gives the tracks each belongs to.
    Lead and assigned officers are entitled to their tracks' records: not audited, as for
    a single record. One query, only when the page shows a restricted record.
    """
    if reader is None or not reader.is_admin:
        return
    restricted = [
        (
            record,
            [
                t
                for t in tracks_of(record)
                if t is not None and t.classification is Classification.RESTRICTED
            ],
        )
        for record in shown
    ]
    restricted = [(record, tracks) for record, tracks in restricted if tracks]
    if not restricted:
        return
    own = set(db.session.scalars(own_track_ids(reader)))
    listed = [record for record, tracks in restricted if any(t.id not in own for t in tracks)]
    if listed:
        _audit_listed(
            reader,
            model.__name__,
            {record.id: _name_of(record) for record in listed},
            f"{model.__name__} of restricted tracks",
        )


def audit_admin_track_ids(
    reader: Reader, object_type: str, track_ids: Iterable[int], restricted: Iterable[int]
) -> None:
    """Audit an administrator's read of a page built from stored items (the weekly report's
    snapshot holds plain items, not records) that shows items of restricted tracks not
    theirs: one "restricted.listed" event naming those tracks' ids.

    `track_ids` are the tracks of the items shown, `restricted` the ids of the tracks that
    are restricted now. Nothing for other readers, or when every such track is the
    administrator's own (as lead or assigned officer)."""
    if reader is None or not reader.is_admin:
        return
    shown = set(track_ids) & set(restricted)
    if not shown:
        return
    listed = sorted(shown - set(db.session.scalars(own_track_ids(reader))))
    if listed:
        names: dict[int, str] = {
            track_id: name
            for track_id, name in db.session.execute(
                select(NegotiationTrack.id, NegotiationTrack.name).where(
                    NegotiationTrack.id.in_(listed)
                )
            )
        }
        _audit_listed(
            reader,
            object_type,
            {track_id: names.get(track_id, "") for track_id in listed},
            "items of restricted tracks",
        )


def _audit_listed(reader: User, object_type: str, listed: dict[int, str], what: str) -> None:
    event = AuditEvent(
        actor_id=reader.id,
        action="restricted.listed",
        object_type=object_type,
        object_id=None,
        summary=(
            f"Listed {len(listed)} {what}: "
            + ", ".join(f"{record_id} {name}" for record_id, name in listed.items())
        )[:500],
        after={"ids": list(listed)},
    )
    db.session.add(event)
    _keep_aside(event)


def _name_of(record: Any) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", ""))


def reads_to_keep() -> list[dict[str, Any]]:
    """The audited reads of this unit of work, once each, taken out of the session (for the
    boundary: a page that reloads a record after a refusal reads it twice)."""
    unique = {(r["object_type"], r["object_id"]): r for r in db.session.info.pop(READS, [])}
    return list(unique.values())


def keep_reads(reads: list[dict[str, Any]]) -> None:
    """Add the audited reads again, after the rest of a refused request was rolled back."""
    db.session.add_all(AuditEvent(**read) for read in reads)


def get_track(reader: Reader, track_id: int, *, options: Sequence[Any] = ()) -> NegotiationTrack:
    """The track, if the reader may see it. Raises NotFound."""
    track = _load(NegotiationTrack, track_id, options)
    if track is None or not may_see_track(reader, track):
        raise NotFound("track")
    _audit_admin_read(reader, track, [track])
    return track


def get_milestone(reader: Reader, milestone_id: int, *, options: Sequence[Any] = ()) -> Milestone:
    """The milestone (meetings included), if the reader may see it. Raises NotFound."""
    milestone = _load(Milestone, milestone_id, [selectinload(Milestone.track), *options])
    if milestone is None or not may_see_milestone(reader, milestone):
        raise NotFound("milestone")
    _audit_admin_read(reader, milestone, [milestone.track])
    return milestone


def get_action_item(reader: Reader, item_id: int, *, meeting_id: int | None = None) -> ActionItem:
    """The action item, if the reader may see it (and, given `meeting_id`, if it was raised
    at that meeting). Raises NotFound."""
    item = _load(
        ActionItem,
        item_id,
        [
            selectinload(ActionItem.track),
            selectinload(ActionItem.meeting).selectinload(Milestone.track),
        ],
    )
    if (
        item is None
        or (meeting_id is not None and item.meeting_id != meeting_id)
        or not may_see_action_item(reader, item)
    ):
        raise NotFound("action item")
    _audit_admin_read(reader, item, [item.track, item.meeting.track])
    return item


def get_document(reader: Reader, document_id: int) -> Document:
    """The document, if the reader may see it. Raises NotFound."""
    document = _load(
        Document,
        document_id,
        [
            selectinload(Document.track),
            selectinload(Document.milestone).selectinload(Milestone.track),
        ],
    )
    if document is None or not may_see_document(reader, document):
        raise NotFound("document")
    _audit_admin_read(
        reader, document, [document.track, document.milestone and document.milestone.track]
    )
    return document


def get_agreement(reader: Reader, agreement_id: int, *, options: Sequence[Any] = ()) -> Agreement:
    """Agreements are public; still read through the gate, so a rule added later holds."""
    agreement = _load(Agreement, agreement_id, options)
    if agreement is None:
        raise NotFound("agreement")
    return agreement


def get_body(reader: Reader, body_id: int) -> Body:
    """Bodies are public (their restricted meetings are filtered where they are listed)."""
    body = db.session.get(Body, body_id)
    if body is None:
        raise NotFound("body")
    return body


def find_area(reader: Reader, area_id: int | None) -> AgreementArea | None:
    """An agreement's area by id, or None (areas are public; for pre-filling a form)."""
    return db.session.get(AgreementArea, area_id) if area_id else None


def find_body(reader: Reader, body_id: int | None) -> Body | None:
    """A body by id, or None (bodies are public; for pre-filling a form)."""
    return db.session.get(Body, body_id) if body_id else None


#: the records a milestone's fields may name (for the API's "no such record" answer)
REFERENCES: dict[str, type[Any]] = {
    "track_id": NegotiationTrack,
    "agreement_id": Agreement,
    "body_id": Body,
    "owner_id": User,
    "area_id": AgreementArea,
}


def unknown_reference(reader: Reader, fields: dict[str, Any]) -> str | None:
    """The first field of REFERENCES whose id names no record, or a track the reader may
    not see (the same answer for both), or None when every named record is there."""
    for name, model in REFERENCES.items():
        value = fields.get(name)
        if value is None:
            continue
        record = db.session.get(model, value)
        if record is None or (
            isinstance(record, NegotiationTrack) and not may_see_track(reader, record)
        ):
            return name
    return None
