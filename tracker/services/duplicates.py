"""Likely duplicates (issue #15, item 7): a new milestone on a track with the same kind and
the same title or planned date as one the track has is probably entered twice. The officer
is warned, with the records named, and may add it anyway (a second round on the same day
is possible). A cancelled milestone is not counted.

Services: they query and raise ServiceError; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from tracker.domain.messages import N_, Message
from tracker.domain.names import fold
from tracker.models import Milestone, User
from tracker.orm import db
from tracker.schemas.milestones import MilestoneInput
from tracker.services.errors import ServiceError
from tracker.services.milestones import create_milestone

LIKELY_DUPLICATE = N_(
    "This track already has a %(kind)s with the same title or date: %(titles)s. "
    "If it is not the same one, tick “Add it anyway” and save again."
)

#: the duplicates named, each in the language's quotes (« » in Russian and Kazakh), by count
QUOTED = (
    N_("“%(first)s”"),
    N_("“%(first)s”, “%(second)s”"),
    N_("“%(first)s”, “%(second)s”, “%(third)s”"),
)


def quoted_titles(milestones: list[Milestone]) -> Message:
    """The first three milestones' shown titles (an untitled round by its number), quoted,
    as a Message said in the reader's language with its quotes."""
    shown = [m.display_title for m in milestones[: len(QUOTED)]]
    return Message(
        QUOTED[len(shown) - 1], **dict(zip(("first", "second", "third"), shown, strict=False))
    )


def likely_duplicates(fields: MilestoneInput | Mapping[str, Any]) -> list[Milestone]:
    """The track's milestones (not cancelled) of the same kind as `fields` with the same
    title (case and spacing folded) or the same planned date; none without a track."""
    data = MilestoneInput.of(fields)
    if data.track_id is None:
        return []
    candidates = db.session.scalars(
        select(Milestone)
        .where(
            Milestone.track_id == data.track_id,
            Milestone.kind == data.kind,
            Milestone.cancelled_on.is_(None),
        )
        .order_by(Milestone.planned_on, Milestone.id)
    )
    title = _spaced(data.title)
    # an untitled round (called by its number) is like no other by its empty title
    return [
        m
        for m in candidates
        if (title and _spaced(m.title) == title) or m.planned_on == data.planned_on
    ]


def _spaced(title: str) -> str:
    """The title folded (tracker.domain.names.fold), its runs of spaces made one."""
    return " ".join(fold(title).split())


def create_milestone_unless_duplicate(
    fields: MilestoneInput | Mapping[str, Any], *, actor: User, allow_duplicate: bool
) -> Milestone:
    """create_milestone, refused with a warning (ServiceError at `allow_duplicate`) when
    the track has a likely duplicate and the officer has not said to add it anyway."""
    if not allow_duplicate:
        found = likely_duplicates(fields)
        if found:
            raise ServiceError(
                LIKELY_DUPLICATE,
                field="allow_duplicate",
                kind=found[0].kind,
                titles=quoted_titles(found),
            )
    return create_milestone(fields, actor=actor)
