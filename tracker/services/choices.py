"""The options of select fields, for one reader: (id, label) pairs, in the order shown.

Each takes the reader, so that an option never names a record the reader may not see (the
tracks: tracker.services.visibility); parties, agreements, areas, bodies and people are
public. `limit` caps a long list (a filter then falls back to text search). Archived
tracks and agreements are not offered (issue 15: no new work hangs on them), except those
in `keep`: the values an edit form's record, or a filter, is already set to.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import ColumnElement, or_, select

from tracker.domain.names import fold, official_name
from tracker.models import (
    ActionItem,
    Agreement,
    AgreementArea,
    Body,
    Milestone,
    NegotiationTrack,
    Party,
    Role,
    User,
)
from tracker.orm import db
from tracker.services import read_cache
from tracker.services.visibility import Reader, action_item_is_visible, track_is_visible

Option = tuple[int, str]


def parties(reader: Reader) -> list[Option]:
    """Every party, by name."""
    return [
        (i, name)
        for i, name in db.session.execute(select(Party.id, Party.name).order_by(Party.name))
    ]


def _offered(model: type, keep: Collection[int | None]) -> ColumnElement[bool]:
    """Not archived, or one of `keep`."""
    kept = [i for i in keep if i is not None]
    return or_(model.archived_on.is_(None), model.id.in_(kept))


def agreements(
    reader: Reader,
    limit: int | None = None,
    language: str = "en",
    keep: Collection[int | None] = (),
) -> list[Option]:
    """Agreements by title, labelled "EPCA — title" where they have a short title; the
    title in `language` (its official title in Russian or Kazakh when known). Archived ones
    only when in `keep`.

    A capped list (a filter's: `limit` set) is kept a short while (tracker.services.
    read_cache), as the tracks' is."""
    if limit is not None:
        key = ("choices.agreements", limit, language, tuple(keep))
        return read_cache.remember(key, lambda: _agreements(limit, language, keep))
    return _agreements(limit, language, keep)


def _agreements(limit: int | None, language: str, keep: Collection[int | None]) -> list[Option]:
    rows = db.session.execute(
        select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
        )
        .where(_offered(Agreement, keep))
        .order_by(Agreement.title)
        .limit(limit)
    )
    labelled = []
    for i, title, short, title_ru, title_kk in rows:
        shown = official_name(title, title_ru, title_kk, language)
        labelled.append((i, f"{short} — {shown}" if short else shown))
    return labelled


def tracks(
    reader: Reader,
    limit: int | None = None,
    language: str = "en",
    keep: Collection[int | None] = (),
) -> list[Option]:
    """The tracks the reader may see, by name (never a restricted track not theirs), each
    named in `language` (its official name in Russian or Kazakh when known). Archived ones
    only when in `keep`.

    A capped list (a filter's: `limit` set) is kept a short while per reader (tracker.
    services.read_cache): at bench scale 10 a filter read 301 of 47,500 visible tracks by
    name at every list page (2-25 ms) only to learn that there are too many to offer."""
    if limit is not None:
        key = (
            "choices.tracks",
            None if reader is None else reader.id,
            limit,
            language,
            tuple(keep),
        )
        return read_cache.remember(key, lambda: _tracks(reader, limit, language, keep))
    return _tracks(reader, limit, language, keep)


def _tracks(
    reader: Reader, limit: int | None, language: str, keep: Collection[int | None]
) -> list[Option]:
    rows = db.session.execute(
        select(
            NegotiationTrack.id,
            NegotiationTrack.name,
            NegotiationTrack.official_name_ru,
            NegotiationTrack.official_name_kk,
        )
        .where(track_is_visible(reader), _offered(NegotiationTrack, keep))
        .order_by(NegotiationTrack.name)
        .limit(limit)
    )
    return [(i, official_name(name, ru, kk, language)) for i, name, ru, kk in rows]


def areas(reader: Reader, agreement_id: int) -> list[Option]:
    """The areas of one agreement, in the treaty's order."""
    rows = db.session.execute(
        select(AgreementArea.id, AgreementArea.name)
        .where(AgreementArea.agreement_id == agreement_id)
        .order_by(AgreementArea.position)
    )
    return [(i, name) for i, name in rows]


def bodies(reader: Reader) -> list[Option]:
    """Every body, by name."""
    return [
        (i, name) for i, name in db.session.execute(select(Body.id, Body.name).order_by(Body.name))
    ]


def meetings_with_action_items(
    reader: Reader, limit: int | None = None
) -> list[tuple[int, str, int | None, str, date]]:
    """The meetings that concluded action items the reader may see (so never a restricted
    track's meeting not theirs), the latest first: (id, title, number, kind, planned_on),
    for the caller to name in the reader's language (an untitled round by its number)."""
    rows = db.session.execute(
        select(
            Milestone.id, Milestone.title, Milestone.number, Milestone.kind, Milestone.planned_on
        )
        .where(
            Milestone.id.in_(
                select(ActionItem.meeting_id).where(action_item_is_visible(reader)).distinct()
            )
        )
        .order_by(Milestone.planned_on.desc(), Milestone.id.desc())
        .limit(limit)
    )
    return [(i, title, number, kind, planned_on) for i, title, number, kind, planned_on in rows]


def _can_own() -> tuple[ColumnElement[bool], ...]:
    return (User.active.is_(True), User.role.in_([Role.OFFICER, Role.ADMIN]))


def officers(reader: Reader, limit: int | None = None) -> list[Option]:
    """People who can own work: active officers and administrators, by name."""
    rows = db.session.execute(
        select(User.id, User.name).where(*_can_own()).order_by(User.name).limit(limit)
    )
    return [(i, name) for i, name in rows]


def officer_by_email(reader: Reader, email: str) -> User | None:
    """An active officer or administrator, by email address (any letter case), or None."""
    return db.session.scalar(select(User).where(User.email_key == fold(email), *_can_own()))


def users(reader: Reader) -> list[Option]:
    """Every account, by name (the audit log's filter)."""
    return [
        (i, name) for i, name in db.session.execute(select(User.id, User.name).order_by(User.name))
    ]
