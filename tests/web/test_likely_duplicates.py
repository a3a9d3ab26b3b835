"""Tidy records (issue #15, item 7): a new milestone that looks like one the track has
(same kind, same title or date) is warned about, and added when the officer says so."""

from __future__ import annotations

import html
from datetime import date

from sqlalchemy import func, select

from tracker.models import Milestone, MilestoneKind
from tracker.orm import db


def _form(track_id: int, **changes: str) -> dict[str, str]:
    return {
        "title": "round 4 ",
        "kind": "round",
        "track_id": str(track_id),
        "planned_on": "2026-03-02",
        "date_precision": "day",
    } | changes


def _count(track_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.track_id == track_id)
    )


def test_a_likely_duplicate_is_warned_about_and_can_be_added_anyway(client, officer, make) -> None:
    track = make.track(name="Readmission")
    make.milestone(track, title="Round 4", kind=MilestoneKind.ROUND, planned_on=date(2026, 2, 2))
    client.login(officer)

    warned = client.submit("/milestones/new", _form(track.id))
    assert warned.status_code == 422
    page = html.unescape(warned.text)
    assert "This track already has a round with the same title or date: “Round 4”" in page
    assert 'name="allow_duplicate"' in page
    assert _count(track.id) == 1  # nothing added yet

    same_day = client.submit(
        "/milestones/new", _form(track.id, title="Round 5", planned_on="2026-02-02")
    )
    assert same_day.status_code == 422  # the same date is a likely duplicate too
    spaced = client.submit(
        "/milestones/new", _form(track.id, title="ROUND  4", planned_on="2026-03-09")
    )
    assert spaced.status_code == 422  # inner spaces doubled (found by the adversarial check)

    added = client.submit("/milestones/new", _form(track.id, allow_duplicate="y"))
    assert added.status_code == 302
    assert _count(track.id) == 2


def test_another_kind_or_a_cancelled_one_is_no_duplicate(client, officer, make) -> None:
    track = make.track()
    make.milestone(track, title="Round 4", kind=MilestoneKind.DEADLINE, planned_on=date(2026, 3, 2))
    make.milestone(
        track,
        title="Round 4",
        kind=MilestoneKind.ROUND,
        planned_on=date(2026, 2, 2),
        cancelled_on=date(2026, 1, 5),
        cancel_reason="Postponed",
    )
    client.login(officer)
    assert client.submit("/milestones/new", _form(track.id)).status_code == 302


def test_the_warning_names_the_duplicate_in_the_readers_words_and_quotes(
    client, officer, make
) -> None:
    track = make.track(name="Readmission")
    make.milestone(track, title="", kind=MilestoneKind.ROUND, number=2, planned_on=date(2026, 3, 2))
    for language, shown in (("ru", "«Раунд 2»"), ("kk", "«2-раунд»"), ("en", "“Round 2”")):
        officer.language = language
        db.session.commit()
        client.login(officer)
        warned = client.submit("/milestones/new", _form(track.id, title=""))
        assert warned.status_code == 422
        page = html.unescape(warned.text)
        assert shown in page, language
        if language != "en":
            assert "“" not in page.split('name="allow_duplicate"')[0].split("<main")[-1]
