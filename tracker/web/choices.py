"""Choices for select fields, loaded fresh for each form."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from tracker.domain.names import fold
from tracker.models import Agreement, AgreementArea, Body, NegotiationTrack, Party, Role, User
from tracker.orm import db
from tracker.services.visibility import track_is_visible

NONE = ("", _l("— none —"))
#: a list filter offers a select only up to this many options; beyond it (a ministry's
#: archive has thousands of tracks) the text search does the job and the select would
#: cost more to render than the page itself
FILTER_SELECT_MAX = 300


def for_filter(
    options: Callable[..., list[tuple[int | str, str]]],
) -> list[tuple[int | str, str]] | None:
    """The options for a list filter's select, or None when there are too many to list."""
    items = options(blank=False, limit=FILTER_SELECT_MAX + 1)
    return None if len(items) > FILTER_SELECT_MAX else items


def parties() -> list[tuple[int, str]]:
    return [(p.id, p.name) for p in db.session.scalars(select(Party).order_by(Party.name))]


def agreements(blank: bool = True, limit: int | None = None) -> list[tuple[int | str, str]]:
    rows = db.session.execute(
        select(Agreement.id, Agreement.title, Agreement.short_title)
        .order_by(Agreement.title)
        .limit(limit)
    )
    items = [(i, f"{short} — {title}" if short else title) for i, title, short in rows]
    return [NONE, *items] if blank else items


def tracks(blank: bool = True, limit: int | None = None) -> list[tuple[int | str, str]]:
    """The tracks the current user may see."""
    rows = db.session.execute(
        select(NegotiationTrack.id, NegotiationTrack.name)
        .where(track_is_visible(current_user))
        .order_by(NegotiationTrack.name)
        .limit(limit)
    )
    items = [(i, name) for i, name in rows]
    return [NONE, *items] if blank else items


def areas(agreement_id: int | None) -> list[tuple[int | str, str]]:
    """The areas of one agreement, in the treaty's order."""
    if agreement_id is None:
        return [NONE]
    rows = db.session.execute(
        select(AgreementArea.id, AgreementArea.name)
        .where(AgreementArea.agreement_id == agreement_id)
        .order_by(AgreementArea.position)
    )
    return [NONE, *((i, name) for i, name in rows)]


def bodies() -> list[tuple[int | str, str]]:
    rows = db.session.execute(select(Body.id, Body.name).order_by(Body.name))
    return [NONE, *((i, name) for i, name in rows)]


def officers(blank: bool = True, limit: int | None = None) -> list[tuple[int | str, str]]:
    """People who can own work: officers and admins who are active."""
    rows = db.session.execute(
        select(User.id, User.name)
        .where(User.active.is_(True), User.role.in_([Role.OFFICER, Role.ADMIN]))
        .order_by(User.name)
        .limit(limit)
    )
    items = [(i, name) for i, name in rows]
    return [NONE, *items] if blank else items


def officer_by_email(email: str) -> User | None:
    """An active officer or administrator, by email address (any letter case)."""
    return db.session.scalar(
        select(User).where(
            User.email_key == fold(email),
            User.active.is_(True),
            User.role.in_([Role.OFFICER, Role.ADMIN]),
        )
    )


def users() -> list[tuple[int | str, str]]:
    rows = db.session.execute(select(User.id, User.name).order_by(User.name))
    return [NONE, *((i, name) for i, name in rows)]
