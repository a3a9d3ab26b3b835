"""The audit log, as administrators read it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.domain_words import milestone_title
from tracker.i18n import named, official
from tracker.labels import provision_heading
from tracker.models import (
    ActionItem,
    Agreement,
    AgreementArea,
    ApiToken,
    AuditEvent,
    Body,
    CalendarFeed,
    Document,
    Milestone,
    NegotiationTrack,
    Provision,
    User,
)
from tracker.orm import db
from tracker.services.paging import PageRequest, paginate

#: the kinds of record the log page offers as a filter
OBJECT_TYPES = [
    "Agreement",
    "NegotiationTrack",
    "Milestone",
    # the negotiating text: its provisions, and the positions on them (issue 17, part 2)
    "Provision",
    "Position",
    "User",
    "OutboxMessage",
]


def audit_log(actor_id: int | None, object_type: str, at: PageRequest) -> Pagination:
    """A page of audit events, newest first; only `actor_id`'s and of `object_type` when
    given (an empty `object_type`: every kind)."""
    query = select(AuditEvent).options(selectinload(AuditEvent.actor))
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    return paginate(query, (AuditEvent.created_at.desc(), AuditEvent.id.desc()), at)


#: the record kinds an event can name (its own record, or an id among its values), with
#: the column that names one; "LocalProxy" is an account, as events recorded before
#: record_audit unwrapped the current user's proxy named it
#: (and its official names in Russian and Kazakh, if it has them: issue 15 #11)
_NAMED: dict[str, tuple[type, Any, tuple[Any, Any] | None]] = {
    "Agreement": (
        Agreement,
        Agreement.title,
        (Agreement.official_title_ru, Agreement.official_title_kk),
    ),
    "NegotiationTrack": (
        NegotiationTrack,
        NegotiationTrack.name,
        (NegotiationTrack.official_name_ru, NegotiationTrack.official_name_kk),
    ),
    "Milestone": (Milestone, Milestone.title, None),
    "Body": (Body, Body.name, (Body.official_name_ru, Body.official_name_kk)),
    "User": (User, User.name, None),
    "LocalProxy": (User, User.name, None),
    "ActionItem": (ActionItem, ActionItem.title, None),
    "AgreementArea": (AgreementArea, AgreementArea.name, None),
    "ApiToken": (ApiToken, ApiToken.name, None),
    "Document": (Document, func.coalesce(func.nullif(Document.title, ""), Document.filename), None),
    # a feed has no name of its own: it is named by what it covers (feed_names)
    "CalendarFeed": (CalendarFeed, None, None),
    # a provision is named by its heading in the reader's language ("Article 5", «5-бап»)
    "Provision": (Provision, None, None),
}
#: the values that hold another record's id, by the kind of record (as tracker.audit_text)
_ID_VALUES = {
    "agreement_id": "Agreement",
    "framework_agreement_id": "Agreement",
    "resulting_agreement_id": "Agreement",
    "to_agreement_id": "Agreement",
    "track_id": "NegotiationTrack",
    "milestone_id": "Milestone",
    "meeting_id": "Milestone",
    "body_id": "Body",
    "owner_id": "User",
    "lead_officer_id": "User",
    "uploaded_by_id": "User",
    "user_id": "User",
    "round_id": "Milestone",
    "status_round_id": "Milestone",
    "provision_id": "Provision",
}


def record_names(events: Iterable[AuditEvent]) -> dict[tuple[str, int], str]:
    """(record kind, id) -> the record's name now, for the records `events` name (their own
    and those among their values), so the log reads "Round 4", not "Milestone #11".
    One query per kind. A record since deleted has no name (the log shows its kind and id).
    A name is in the reader's language: an official name in Russian or Kazakh when the
    record has one (tracker.i18n.official). For pages that may show every one of these
    records to their reader: the audit log (administrators) and a track's own activity."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_type in _NAMED and event.object_id:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
        for values in (event.before or {}, event.after or {}):
            for key, value in values.items():
                if key in _ID_VALUES and isinstance(value, int):
                    wanted.setdefault(_ID_VALUES[key], set()).add(value)
    names: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        model, column, official_columns = _NAMED[kind]
        if column is None:
            continue
        for record_id, name, *in_languages in db.session.execute(
            select(model.id, column, *(official_columns or ())).where(model.id.in_(sorted(ids)))
        ):
            names[(kind, record_id)] = (
                official(name, dict(zip(("ru", "kk"), in_languages, strict=True)))
                if in_languages
                else name
            )
    # an untitled round is named by its number ("Round 3" / «3-раунд»), as everywhere else
    untitled = [i for (kind, i), name in names.items() if kind == "Milestone" and not name]
    if untitled:
        for milestone in db.session.scalars(select(Milestone).where(Milestone.id.in_(untitled))):
            names[("Milestone", milestone.id)] = milestone_title(milestone)
    if "CalendarFeed" in wanted:
        names.update(_feed_names(wanted["CalendarFeed"]))
    if "Provision" in wanted:
        for provision in db.session.scalars(
            select(Provision).where(Provision.id.in_(sorted(wanted["Provision"])))
        ):
            names[("Provision", provision.id)] = provision_heading(provision.kind, provision.number)
    return names


def _feed_names(ids: Iterable[int]) -> dict[tuple[str, int], str]:
    """A calendar feed is named by the track or agreement it covers, else by its owner
    (whose own work it carries)."""
    feeds = db.session.scalars(
        select(CalendarFeed)
        .where(CalendarFeed.id.in_(sorted(ids)))
        .options(
            selectinload(CalendarFeed.track),
            selectinload(CalendarFeed.agreement),
            selectinload(CalendarFeed.user),
        )
    )
    names: dict[tuple[str, int], str] = {}
    for feed in feeds:
        covered = feed.track or feed.agreement
        names[("CalendarFeed", feed.id)] = named(covered) if covered else feed.user.name
    return names


def last_saved(record: Any) -> tuple[str | None, datetime] | None:
    """Who last changed `record` and when (UTC), from the audit log: (the actor's name, or
    None for the system; the moment), or None when the log has nothing on it. Shown to an
    officer whose save met that change (issue #15, item 8)."""
    row = db.session.execute(
        select(User.name, AuditEvent.created_at)
        .select_from(AuditEvent)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == type(record).__name__)
        .where(AuditEvent.object_id == record.id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None
