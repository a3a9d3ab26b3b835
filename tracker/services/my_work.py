"""An officer's "my work" page: what is theirs, in one place (issue 15, item 2).

The tracks they lead or are assigned to, the open milestones and open action items they
own, and what they follow, each with its date and the overdue ones first. Everything is
read through the visibility rule for the reader (an owner of an item on a restricted track
they may no longer see is not shown it), and "overdue" is the models' hybrid, so work on a
closed or paused track (not live) is listed but never overdue, after the live work, with
the reason in the words of what waits (paused_reason). Archived tracks and agreements, and
the milestones and action items that hang on them, are no one's work: they are left out
(cancelled milestones and items are not open, so are left out too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.domain.messages import N_
from tracker.models import ActionItem, Agreement, Body, Follow, Milestone, NegotiationTrack, User
from tracker.orm import db
from tracker.services.visibility import (
    action_item_is_visible,
    milestone_is_visible,
    own_track_ids,
    track_is_visible,
)

#: the most rows of each kind the page shows; the lists it links to show the rest
SHOWN = 100

#: why open work waits, by what it waits on (shown instead of its date)
TRACK_PAUSED = N_("On hold: its track is paused or closed")
AGREEMENT_PAUSED = N_("On hold: its agreement is suspended or terminated")


def _archived_track_ids() -> Any:
    return select(NegotiationTrack.id).where(NegotiationTrack.archived_on.is_not(None))


def _archived_agreement_ids() -> Any:
    return select(Agreement.id).where(Agreement.archived_on.is_not(None))


def milestone_not_archived() -> ColumnElement[bool]:
    """SQL: the milestone's track and agreement (those it has) are not archived: it is
    still someone's work (issue 15, item 1; the "my work" page and its calendar feed)."""
    return and_(
        or_(Milestone.track_id.is_(None), Milestone.track_id.not_in(_archived_track_ids())),
        or_(
            Milestone.agreement_id.is_(None),
            Milestone.agreement_id.not_in(_archived_agreement_ids()),
        ),
    )


def action_item_not_archived() -> ColumnElement[bool]:
    """SQL: neither the item's own track nor its meeting's track or agreement is archived."""
    return and_(
        or_(ActionItem.track_id.is_(None), ActionItem.track_id.not_in(_archived_track_ids())),
        ActionItem.meeting_id.in_(select(Milestone.id).where(milestone_not_archived())),
    )


def paused_reason(record: Milestone | ActionItem) -> str | None:
    """Why open work is on hold (a msgid, translated where shown), in the words of what it
    waits on: its track (paused or closed) or, without a track, its agreement (suspended
    or terminated); an action item without a track waits on its meeting. None when the
    work is live (Milestone.is_live, ActionItem.is_live)."""
    if record.is_live:
        return None
    if isinstance(record, ActionItem):
        if record.track_id is not None:
            return TRACK_PAUSED
        return paused_reason(record.meeting)
    if record.track_id is not None:
        return TRACK_PAUSED
    return AGREEMENT_PAUSED


@dataclass(frozen=True)
class Followed:
    """What the reader follows, by kind."""

    agreements: list[Agreement] = field(default_factory=list)
    tracks: list[NegotiationTrack] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.agreements) + len(self.tracks) + len(self.bodies)


@dataclass(frozen=True)
class MyWorkPage:
    """The page model of /my-work for one reader on one day.

    tracks: led or assigned, live ones first (past their target date first, then by target
    date); milestones: open, owned, overdue first then by planned date; action_items: open,
    owned, overdue first then by due date; each list at most SHOWN long, with `more_*` set
    when there is more than that. `overdue_*` count the overdue rows shown. `held_*` count
    the open milestones and action items the reader owns that are on hold on an archived
    track or agreement: not listed, but said, so that the page never claims there is
    nothing open while the lists hold some (issue 15, new-officer check).
    """

    reader: User
    today: date
    tracks: list[NegotiationTrack]
    milestones: list[Milestone]
    action_items: list[ActionItem]
    followed: Followed
    more_tracks: bool = False
    more_milestones: bool = False
    more_action_items: bool = False
    held_milestones: int = 0
    held_action_items: int = 0

    @property
    def overdue_milestones(self) -> int:
        return sum(1 for m in self.milestones if m.is_overdue(self.today))

    @property
    def overdue_action_items(self) -> int:
        return sum(1 for i in self.action_items if i.is_overdue(self.today))

    @property
    def is_empty(self) -> bool:
        return not (
            self.tracks
            or self.milestones
            or self.action_items
            or self.held_milestones
            or self.held_action_items
            or self.followed.count
        )


def _first(condition: ColumnElement[bool]) -> Any:
    """An ORDER BY term putting the rows that meet `condition` first."""
    return case((condition, 0), else_=1).asc()


def _capped(query: Any) -> tuple[list[Any], bool]:
    rows = list(db.session.scalars(query.limit(SHOWN + 1)).unique())
    return rows[:SHOWN], len(rows) > SHOWN


def my_tracks(reader: User, today: date) -> tuple[list[NegotiationTrack], bool]:
    """The tracks the reader leads or is assigned to (and whether there are more)."""
    late = NegotiationTrack.is_live & (NegotiationTrack.target_date < today)
    return _capped(
        select(NegotiationTrack)
        .options(selectinload(NegotiationTrack.framework_agreement))
        .where(
            NegotiationTrack.id.in_(own_track_ids(reader)),
            NegotiationTrack.archived_on.is_(None),
            track_is_visible(reader),
        )
        .order_by(
            _first(NegotiationTrack.is_live),
            _first(late),
            NegotiationTrack.target_date.asc().nulls_last(),
            NegotiationTrack.name.asc(),
            NegotiationTrack.id.asc(),
        )
    )


def my_open_milestones(reader: User, today: date) -> tuple[list[Milestone], bool]:
    """The open milestones the reader owns: overdue first, then live by date, then the
    rest (of closed or paused tracks or agreements)."""
    return _capped(
        select(Milestone)
        .options(
            selectinload(Milestone.track),
            selectinload(Milestone.agreement),
            selectinload(Milestone.body),
        )
        .where(
            Milestone.owner_id == reader.id,
            Milestone.is_open,
            milestone_not_archived(),
            milestone_is_visible(reader),
        )
        .order_by(
            _first(Milestone.is_overdue(today)),
            _first(Milestone.is_live),
            Milestone.planned_on.asc(),
            Milestone.id.asc(),
        )
    )


def my_open_action_items(reader: User, today: date) -> tuple[list[ActionItem], bool]:
    """The open action items the reader owns: overdue first, then live by due date, then
    those of closed or paused tracks."""
    return _capped(
        select(ActionItem)
        .options(joinedload(ActionItem.meeting), joinedload(ActionItem.track))
        .where(
            ActionItem.owner_id == reader.id,
            ActionItem.is_open,
            action_item_not_archived(),
            action_item_is_visible(reader),
        )
        .order_by(
            _first(ActionItem.is_overdue(today)),
            _first(ActionItem.is_live),
            ActionItem.due_on.asc(),
            ActionItem.id.asc(),
        )
    )


def _count(query: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def held_milestone_count(reader: User) -> int:
    """How many open milestones the reader owns and may see hang on an archived track or
    agreement (on hold, left out of my_open_milestones)."""
    return _count(
        select(Milestone.id).where(
            Milestone.owner_id == reader.id,
            Milestone.is_open,
            not_(milestone_not_archived()),
            milestone_is_visible(reader),
        )
    )


def held_action_item_count(reader: User) -> int:
    """How many open action items the reader owns and may see hang on an archived track,
    meeting or agreement (on hold, left out of my_open_action_items)."""
    return _count(
        select(ActionItem.id).where(
            ActionItem.owner_id == reader.id,
            ActionItem.is_open,
            not_(action_item_not_archived()),
            action_item_is_visible(reader),
        )
    )


def followed_by(reader: User) -> Followed:
    """What the reader follows and may see, archived records left out: three queries,
    whatever the count."""

    def followed(model: Any, column: Any, order: Any, *visible: Any) -> list[Any]:
        return list(
            db.session.scalars(
                select(model)
                .join(Follow, column == model.id)
                .where(Follow.user_id == reader.id, *visible)
                .order_by(order, model.id)
            )
        )

    return Followed(
        agreements=followed(
            Agreement, Follow.agreement_id, Agreement.title, Agreement.archived_on.is_(None)
        ),
        tracks=followed(
            NegotiationTrack,
            Follow.track_id,
            NegotiationTrack.name,
            NegotiationTrack.archived_on.is_(None),
            track_is_visible(reader),
        ),
        bodies=followed(
            Body,
            Follow.body_id,
            Body.name,
            or_(Body.agreement_id.is_(None), Body.agreement_id.not_in(_archived_agreement_ids())),
        ),
    )


def my_work_page(reader: User, today: date) -> MyWorkPage:
    """The reader's "my work" page on `today` (the reader's calendar day)."""
    tracks, more_tracks = my_tracks(reader, today)
    milestones, more_milestones = my_open_milestones(reader, today)
    items, more_items = my_open_action_items(reader, today)
    return MyWorkPage(
        reader=reader,
        today=today,
        tracks=tracks,
        milestones=milestones,
        action_items=items,
        followed=followed_by(reader),
        more_tracks=more_tracks,
        more_milestones=more_milestones,
        more_action_items=more_items,
        held_milestones=held_milestone_count(reader),
        held_action_items=held_action_item_count(reader),
    )
