"""An owner must see what they own: the rule action items and handovers keep
(tracker.services.visibility.owner_refusal), kept as well when a track's lead or assigned
officers change and when an account's role changes. Otherwise an officer could be left
owning open milestones and action items (reminded of them, answerable for them) on a
restricted track they can no longer open, or as a viewer, who owns nothing (found by an
outside check; issue #15).

Services: they query and raise ServiceError, naming the open work; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select

from tracker.domain.messages import N_, Message
from tracker.models import ActionItem, Milestone, NegotiationTrack, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.visibility import hidden_track_ids, may_see_track

#: how many records a refusal names before it says how many more there are
NAMED = 3

TRACK_OWNER_LEFT_OUT = N_(
    "%(name)s owns open work on this restricted track and would no longer see it: "
    "%(work)s. Hand that work over to someone on the track first, or keep %(name)s on it."
)
VIEWER_OWNS_WORK = N_(
    "%(name)s owns open work, and a viewer cannot own work: %(work)s. Hand that work over "
    "to another officer first, then change the role."
)
OFFICER_LOSES_SIGHT = N_(
    "As an officer, %(name)s would no longer see restricted tracks on which they own open "
    "work: %(work)s. Hand that work over, or assign %(name)s to those tracks, first."
)
AND_MORE = N_("%(work)s and %(count)s more")


def _open_milestones(*where: ColumnElement[bool]) -> list[tuple[int, str]]:
    query = select(Milestone.owner_id, Milestone.title).where(
        Milestone.owner_id.is_not(None), Milestone.is_open, *where
    )
    return [(owner, title) for owner, title in db.session.execute(query.order_by(Milestone.id))]


def _open_items(*where: ColumnElement[bool]) -> list[tuple[int, str]]:
    query = select(ActionItem.owner_id, ActionItem.title).where(
        ActionItem.owner_id.is_not(None), ActionItem.is_open, *where
    )
    return [(owner, title) for owner, title in db.session.execute(query.order_by(ActionItem.id))]


def _on_tracks(track_ids: object) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(milestone condition, action item condition): on one of `track_ids`, an item also
    by its meeting's track."""
    meetings = select(Milestone.id).where(Milestone.track_id.in_(track_ids))  # type: ignore[arg-type]
    return (
        Milestone.track_id.in_(track_ids),  # type: ignore[arg-type]
        or_(ActionItem.track_id.in_(track_ids), ActionItem.meeting_id.in_(meetings)),  # type: ignore[arg-type]
    )


def _named(titles: Iterable[str]) -> str:
    """“A”, “B”, “C” and 2 more: the work a refusal names."""
    titles = list(dict.fromkeys(titles))
    shown = ", ".join(f"“{t}”" for t in titles[:NAMED])
    if len(titles) > NAMED:
        return Message(AND_MORE, work=shown, count=len(titles) - NAMED)
    return shown


def check_track_owners(track: NegotiationTrack, *, field: str) -> None:
    """Refuse a change of `track`'s lead, assigned officers or classification (already set
    on `track`, not committed) that leaves an owner of open work on it unable to see it.
    `field` is the form field the refusal is shown at. Raises ServiceError."""
    on_milestone, on_item = _on_tracks([track.id])
    work = _open_milestones(on_milestone) + _open_items(on_item)
    for owner_id in dict.fromkeys(owner for owner, _title in work):
        owner = db.session.get(User, owner_id)
        if owner is None or may_see_track(owner, track):
            continue
        raise ServiceError(
            TRACK_OWNER_LEFT_OUT,
            field=field,
            name=owner.name,
            work=_named(title for who, title in work if who == owner_id),
        )


def check_owner_role(user: User) -> None:
    """Refuse `user`'s new role (already set, not committed) when they own open work they
    could no longer own (a viewer owns nothing) or see (an officer does not see restricted
    tracks they are not on). Raises ServiceError at the role field."""
    if user.is_admin:
        return
    if not user.can_edit:
        work = _open_milestones(Milestone.owner_id == user.id) + _open_items(
            ActionItem.owner_id == user.id
        )
        message = VIEWER_OWNS_WORK
    else:
        on_milestone, on_item = _on_tracks(hidden_track_ids(user))
        work = _open_milestones(Milestone.owner_id == user.id, on_milestone) + _open_items(
            ActionItem.owner_id == user.id, on_item
        )
        message = OFFICER_LOSES_SIGHT
    if work:
        raise ServiceError(
            message, field="role", name=user.name, work=_named(title for _who, title in work)
        )
