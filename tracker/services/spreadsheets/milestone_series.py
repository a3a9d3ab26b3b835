"""The numbered series of milestones an import's rows fall in, worked out as the milestone
service numbers them (tracker.services.milestones): a track's rounds, and a body's
meetings, each numbered 1, 2, 3 ... in its series. A restricted meeting (of a restricted
track) is in no series and carries no number, so that its number says nothing of it.

MilestonePlan (milestone_rows) reads the series the file's tracks and bodies have
(read_series), checks or gives each row's number (number_in_series) and keeps the row's
outcome for the rows below it (keep_in_series).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select

from tracker.models import Milestone, MilestoneKind
from tracker.orm import db
from tracker.services import milestones as rules
from tracker.services.errors import ServiceError
from tracker.services.spreadsheets.milestone_state import MilestoneState, Ref
from tracker.services.visibility import public_meeting

#: a series: ("round", track id) or ("meeting", body id)
Key = tuple[str, int]


class Series(dict[Ref, int]):
    """A numbered series (a track's rounds, a body's meetings): each member's number
    (ref -> number), with the members holding each number and the highest number kept as
    members come and go. A file of 5,000 new rounds in one track asked for the highest of
    thousands of numbers at each row (a second of the preview at scale 10)."""

    def __init__(self) -> None:
        super().__init__()
        self.holders: dict[int, set[Ref]] = {}
        self._highest: int | None = 0

    def __setitem__(self, ref: Ref, number: int) -> None:
        self.pop(ref, None)
        super().__setitem__(ref, number)
        self.holders.setdefault(number, set()).add(ref)
        if self._highest is not None:
            self._highest = max(self._highest, number)

    def pop(self, ref: Ref, default: Any = None) -> Any:  # type: ignore[override]
        if ref not in self:
            return default
        number = super().pop(ref)
        holders = self.holders[number]
        holders.discard(ref)
        if not holders:
            del self.holders[number]
            if number == self._highest:
                self._highest = None  # worked out again when next asked
        return number

    def highest(self) -> int:
        """The highest number in the series; 0 when it has none."""
        if self._highest is None:
            self._highest = max(self.holders, default=0)
        return self._highest

    def taken_by_other(self, number: int, ref: Ref) -> bool:
        """Whether a member other than `ref` holds `number`."""
        return bool(self.holders.get(number, set()) - {ref})


def series_key(values: dict[str, Any]) -> tuple[str, int] | None:
    if values["kind"] is MilestoneKind.ROUND and values["track_id"]:
        return ("round", values["track_id"])
    if values["kind"] is MilestoneKind.MEETING and values["body_id"]:
        return ("meeting", values["body_id"])
    return None


def read_series(track_ids: set[Any], body_ids: set[Any]) -> dict[Key, Series]:
    """The stored numbered rounds of these tracks and public meetings of these bodies, by
    series (one query)."""
    track_ids = track_ids - {None}
    body_ids = body_ids - {None}
    series: dict[Key, Series] = {}
    if not track_ids and not body_ids:
        return series
    numbered = select(
        Milestone.id, Milestone.kind, Milestone.track_id, Milestone.body_id, Milestone.number
    ).where(
        Milestone.number.is_not(None),
        or_(
            and_(Milestone.kind == MilestoneKind.ROUND, Milestone.track_id.in_(track_ids)),
            and_(
                Milestone.kind == MilestoneKind.MEETING,
                Milestone.body_id.in_(body_ids),
                public_meeting(),
            ),
        ),
    )
    for milestone_id, kind, track_id, body_id, number in db.session.execute(numbered):
        key = ("round", track_id) if kind is MilestoneKind.ROUND else ("meeting", body_id)
        series.setdefault(key, Series())[(0, milestone_id)] = number
    return series


def number_in_series(series: dict[Key, Series], state: MilestoneState, record: Any) -> None:
    """The service's numbering of `state` (`record`: it as the rules read it): a restricted
    meeting carries no number; an empty number takes the next in its series (a stored
    milestone keeps its own); a given one must be free. Raises ServiceError on "number"."""
    if rules.restricted_meeting(record):
        if record.number is not None:
            raise ServiceError(rules.RESTRICTED_MEETING_UNNUMBERED, field="number")
        return
    key = series_key(state.values)
    if key is None:
        return
    number_taken = rules.ROUND_NUMBER_TAKEN if key[0] == "round" else rules.MEETING_NUMBER_TAKEN
    members = series.get(key) or Series()
    if state.values["number"] is None:
        # A stored milestone keeps its number in its series when the cell is empty:
        # importing the same file again changes nothing (it took the next number
        # each time; found by the adversarial check). A new one takes the next.
        kept = members.get(state.ref)
        state.values["number"] = kept if kept is not None else members.highest() + 1
        return
    if members.taken_by_other(state.values["number"], state.ref):
        raise ServiceError(number_taken, field="number", number=state.values["number"])


def keep_in_series(
    series: dict[Key, Series], state: MilestoneState, existing: MilestoneState | None
) -> None:
    """A row's milestone in its series for the rows below it: out of the one it was in
    (`existing`, as stored), into its own when numbered and not a restricted meeting."""
    if existing is not None:
        for members in series.values():
            members.pop(existing.ref, None)
    key = series_key(state.values)
    numbered = key is not None and state.values["number"] is not None
    if numbered and not rules.restricted_meeting(state.record()):
        series.setdefault(key, Series())[state.ref] = state.values["number"]


def series_seen(series: dict[Key, Series]) -> list[tuple[Key, Ref, int]]:
    """The series as read, to compare a reading with a later one."""
    return sorted((key, ref, n) for key, members in series.items() for ref, n in members.items())
