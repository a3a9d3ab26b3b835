"""Tracks with no activity for a while, to their lead officer; also read by the weekly
report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, or_, select

from tracker import clock
from tracker.domain.names import OfficialName
from tracker.domain.reminders import stale_round
from tracker.domain.workflow import TrackStatus
from tracker.i18n import Plural
from tracker.mail.links import url_builder
from tracker.models import NegotiationTrack, User
from tracker.orm import db
from tracker.services.reminders.reminder import STREAM_CHUNK, Reminder


@dataclass(frozen=True)
class StaleTrack:
    id: int
    name: str
    status: TrackStatus
    next_step: str
    lead_officer_id: int | None
    last_activity: date
    #: the official names in Russian and Kazakh ("" when not known)
    name_ru: str = ""
    name_kk: str = ""

    @property
    def official_name(self) -> OfficialName:
        return OfficialName.of_track(self.name, self.name_ru, self.name_kk)


def _last_activity(status_since: date, last_activity_at: datetime | None) -> date:
    if last_activity_at is None:
        return status_since
    return max(status_since, last_activity_at.astimezone(clock.zone()).date())


def stale_tracks(as_of: date, *conditions: ColumnElement[bool]) -> Iterator[StaleTrack]:
    """Live tracks (NegotiationTrack.is_live) idle for STALE_AFTER_DAYS or more on `as_of`,
    by id, streamed.

    Idle means neither the status date nor the stored last activity (see
    tracker.models.activity) is later than `as_of - STALE_AFTER_DAYS`, so this is one
    indexed query, whatever the size of the archive.
    """
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    cutoff = as_of - timedelta(days=stale_after)
    # The first moment of the local day after the cutoff, in UTC: activity before it
    # falls on the cutoff day or earlier.
    next_day = datetime.combine(cutoff + timedelta(days=1), time(), tzinfo=clock.zone())
    rows = db.session.execute(
        select(
            NegotiationTrack.id,
            NegotiationTrack.name,
            NegotiationTrack.official_name_ru,
            NegotiationTrack.official_name_kk,
            NegotiationTrack.status,
            NegotiationTrack.next_step,
            NegotiationTrack.lead_officer_id,
            NegotiationTrack.status_since,
            NegotiationTrack.last_activity_at,
        )
        .where(
            NegotiationTrack.is_live,  # a closed or paused track is not nudged
            NegotiationTrack.status_since <= cutoff,
            or_(
                NegotiationTrack.last_activity_at.is_(None),
                NegotiationTrack.last_activity_at < next_day.astimezone(UTC),
            ),
            *conditions,
        )
        .order_by(NegotiationTrack.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    for row in rows:
        yield StaleTrack(
            id=row.id,
            name=row.name,
            status=row.status,
            next_step=row.next_step,
            lead_officer_id=row.lead_officer_id,
            last_activity=_last_activity(row.status_since, row.last_activity_at),
            name_ru=row.official_name_ru or "",
            name_kk=row.official_name_kk or "",
        )


def stale_track_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    track_url = url_builder("tracks.detail", "track_id")
    for track in stale_tracks(today):
        if track.lead_officer_id not in users:
            continue
        last = track.last_activity
        round_ = stale_round(last, today, stale_after)
        idle = (today - last).days
        yield Reminder(
            key=f"track:{track.id}:stale-{round_}:since-{last}:user:{track.lead_officer_id}",
            kind="track_stale",
            user_id=track.lead_officer_id,
            subject=Plural(
                "No activity for %(num)s day: %(track)s",
                "No activity for %(num)s days: %(track)s",
                num=idle,
                track=track.official_name,
            ),
            template="track_stale",
            context={
                "track": {
                    "name": track.official_name,
                    "status": track.status.label,
                    "next_step": track.next_step,
                },
                "idle_days": idle,
                "last_activity": last,
                "url": track_url(track.id),
            },
            track_ids=(track.id,),
        )
