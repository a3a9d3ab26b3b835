"""The weekly report as data: what each section lists, and the JSON it is stored as.

Reports stored before a section or a field existed load with it empty, so the archive
keeps working as the report grows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from tracker.domain.messages import Message
from tracker.domain.rounds import ROUND_TITLE


@dataclass(frozen=True)
class ReportStatusChange:
    track_id: int
    track_name: str
    from_status: str | None
    to_status: str
    effective_on: date
    officer: str
    comment: str
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportMilestone:
    id: int
    title: str
    kind: str
    planned_on: date
    parent: str
    owner: str
    days_late: int | None
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()
    #: when it was held or done (the "held this week" section)
    done_on: date | None = None
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)
    #: an untitled round's number, so a stored report still names it in its reader's
    #: language ("Round 2" / «Раунд 2» / «2-раунд»); None for any other milestone
    untitled_round: int | None = None

    @property
    def display_title(self) -> str:
        """Its title, or an untitled round's "Round <number>" as a Message (translated
        where shown: tracker.domain_words.milestone_title)."""
        if self.untitled_round is None:
            return self.title
        return Message(ROUND_TITLE, number=self.untitled_round)


@dataclass(frozen=True)
class ReportAnniversary:
    title: str
    falls_on: date
    years: int
    jubilee: bool
    #: what the title is made of, so it can be told in the reader's language (reports
    #: stored before these were kept show their English title)
    kind: str = ""
    name: str = ""
    with_article: bool = False
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportStaleTrack:
    id: int
    name: str
    status: str
    last_activity: date
    idle_days: int
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportRatification:
    """An agreement with a Party that has not yet consented to be bound."""

    agreement_id: int
    title: str
    #: its Parties bound: consent to be bound expressed in any form (an instrument of
    #: ratification, acceptance, approval or accession, a definitive signature, a
    #: notification of completed procedures), not ratification alone; the name is the
    #: stored snapshots'
    ratified: int
    parties: int
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportActionItem:
    id: int
    title: str
    due_on: date
    owner: str
    meeting_id: int
    meeting: str
    days_late: int | None
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReportSlippage:
    track_id: int
    track_name: str
    stage: str
    target_on: date
    days_late: int
    forecast_stage: str
    forecast_on: date | None
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportProjectedMeeting:
    body_id: int
    title: str
    expected_on: date
    number: int = 0
    body_name: str = ""
    #: the official names in Russian and Kazakh of the record it names ({"ru": ..., "kk":
    #: ...}, those known), told to each reader in their language (issue 15#11)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportPartyAction:
    """A Party's act recorded in the week (issue 16): `kind` as ActionKind's value, `on`
    its date (None: not recorded)."""

    agreement_id: int
    title: str
    party: str
    kind: str
    on: date | None
    #: the agreement's official names in Russian and Kazakh ({"ru": ..., "kk": ...}, those
    #: known; none when it has a short title), told to each reader in their language
    names: dict[str, str] = field(default_factory=dict)
    #: the Party's names in Russian and Kazakh ({"ru": ..., "kk": ...}, those known)
    party_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportNoticeDeadline:
    """A last day to give notice: `kind` notice_deadline (of non-renewal) or
    denunciation_deadline (to denounce with effect at the end of the term)."""

    agreement_id: int
    title: str
    kind: str
    falls_on: date
    #: the agreement's official names in Russian and Kazakh ({"ru": ..., "kk": ...}, those
    #: known; none when it has a short title), told to each reader in their language
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportProvisionMove:
    """A provision of a negotiating text agreed or reopened in the week (issue 17 #5):
    `move` "agreed" (into agreed ad referendum, confirmed or agreed) or "reopened" (from
    one of those back to open or parked); statuses and kind as ProvisionStatus's and
    ProvisionKind's values. Never a position: only the text's status."""

    track_id: int
    track_name: str
    provision_id: int
    kind: str
    number: str
    move: str
    from_status: str
    to_status: str
    changed_on: date
    #: the restricted tracks that decide who may read it (empty: everyone may)
    track_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class WeeklyReportData:
    iso_week: str
    starts_on: date
    ends_on: date
    status_changes: list[ReportStatusChange]
    upcoming_milestones: list[ReportMilestone]
    anniversaries: list[ReportAnniversary]
    overdue: list[ReportMilestone]
    stale_tracks: list[ReportStaleTrack]
    ratifications: list[ReportRatification]
    #: section -> how many items it has in all; each section lists at most
    #: SECTION_LIMIT, so a report of a ten-year archive stays readable and small
    totals: dict[str, int] = field(default_factory=dict)
    #: open action items due by the end of the look-ahead, the overdue first
    action_items: list[ReportActionItem] = field(default_factory=list)
    #: tracks late against a stage's target date, the latest first
    slippage: list[ReportSlippage] = field(default_factory=list)
    #: meetings expected from a body's cadence, with no date set, within the look-ahead
    projected_meetings: list[ReportProjectedMeeting] = field(default_factory=list)
    #: milestones held or done in the week (meetings held, rounds, signatures), in order
    held: list[ReportMilestone] = field(default_factory=list)
    #: section -> every item of restricted tracks (each with its track_ids), kept whole so
    #: that each reader's report adds those they may see, and counts them (see audience.py)
    restricted: dict[str, list[Any]] = field(default_factory=dict)
    #: the Parties' acts recorded in the week (issue 16)
    actions_recorded: list[ReportPartyAction] = field(default_factory=list)
    #: the last days to give notice in the next three months (issue 16)
    notice_deadlines: list[ReportNoticeDeadline] = field(default_factory=list)
    #: provisions of negotiating texts agreed or reopened in the week, per track (issue 17)
    provision_moves: list[ReportProvisionMove] = field(default_factory=list)

    def coming_up(self) -> list[tuple[date, str, Any]]:
        """The look-ahead's milestones and anniversaries as one list in date order (a
        milestone before an anniversary on the same day): (day, "milestone" or
        "anniversary", the item). fc16d: listed one section after the other, the table
        read 6 Dec, 13 Dec, 2 Dec."""
        rows = [(m.planned_on, "milestone", m) for m in self.upcoming_milestones]
        rows += [(a.falls_on, "anniversary", a) for a in self.anniversaries]
        return sorted(rows, key=lambda row: (row[0], row[1] != "milestone"))

    def more(self, section: str) -> int:
        """How many items of the section the report leaves out."""
        shown = len(getattr(self, section))
        return max(self.totals.get(section, shown) - shown, 0)

    def to_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        return plain(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WeeklyReportData:
        def load(item_cls: type, item: dict[str, Any]) -> Any:
            values = dict(item)
            for f in fields(item_cls):
                if f.name in _DATE_FIELDS and values.get(f.name):
                    values[f.name] = date.fromisoformat(values[f.name])
            if "track_ids" in values:
                values["track_ids"] = tuple(values["track_ids"])
            return item_cls(**values)

        sections = SECTIONS
        return cls(
            iso_week=data["iso_week"],
            starts_on=date.fromisoformat(data["starts_on"]),
            ends_on=date.fromisoformat(data["ends_on"]),
            **{
                name: [load(kind, i) for i in data.get(name, [])] for name, kind in sections.items()
            },
            totals=dict(data.get("totals", {})),  # reports stored before totals existed
            # reports stored before restricted items were kept have none
            restricted={
                name: [load(sections[name], i) for i in items]
                for name, items in data.get("restricted", {}).items()
            },
        )


#: section name -> the kind of item it lists (sections added later load empty from reports
#: stored before them)
SECTIONS: dict[str, type] = {
    "status_changes": ReportStatusChange,
    "upcoming_milestones": ReportMilestone,
    "anniversaries": ReportAnniversary,
    "overdue": ReportMilestone,
    "stale_tracks": ReportStaleTrack,
    "ratifications": ReportRatification,
    "action_items": ReportActionItem,
    "slippage": ReportSlippage,
    "projected_meetings": ReportProjectedMeeting,
    "held": ReportMilestone,
    "actions_recorded": ReportPartyAction,
    "notice_deadlines": ReportNoticeDeadline,
    "provision_moves": ReportProvisionMove,
}

_DATE_FIELDS = {
    "effective_on",
    "planned_on",
    "falls_on",
    "last_activity",
    "due_on",
    "target_on",
    "forecast_on",
    "expected_on",
    "done_on",
    "on",
    "changed_on",
}
