"""Follow notices of the negotiating text (issue 17 #3, found by a fresh check): a notice
of a provision's change links to the provision in the text (its anchor), not to the track;
and a follower hears only of changes made after they began to follow, at once or in a
daily digest. Over real SMTP on loopback; time set with time-machine."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import time_machine

from tracker.jobs import run_due
from tracker.models import Follow, NotifyMode
from tracker.orm import db
from tracker.services import provisions

NINE = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


def _told(mailbox: Any) -> dict[str, str]:
    """The follow notices and digests each recipient got (not the weekly report)."""
    told: dict[str, str] = {}
    for message in mailbox.messages:
        if str(message["Subject"]).startswith("Weekly"):
            continue
        body = str(message["Subject"]) + "\n" + message.get_body(("plain",)).get_content()
        told[str(message["To"])] = told.get(str(message["To"]), "") + body
    return told


def _agree(provision: Any, lead: Any) -> None:
    provisions.update_provision(
        provision,
        {"status": "agreed_ad_referendum"},
        actor=lead,
        expected_version=provision.version,
    )
    db.session.commit()


def test_a_provisions_notice_links_to_the_provision(app: Any, mailbox: Any, make: Any) -> None:
    lead = make.user(email="lead@test.example")
    follower = make.user(email="follower@test.example", role="viewer")
    follower.notify_mode = NotifyMode.IMMEDIATE
    with time_machine.travel(NINE, tick=False):
        track = make.track(lead=lead)
        db.session.add(Follow(user_id=follower.id, track_id=track.id))
        article = provisions.create_provision(
            track, {"number": "5", "texts": {"en": "Visas within 10 days."}}, actor=lead
        )
        db.session.commit()
        _agree(article, lead)
    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    said = _told(mailbox)["follower@test.example"]
    assert "Article 5 agreed ad referendum" in said
    assert f"/tracks/{track.id}/text#p{article.id}" in said


def test_a_new_follower_hears_nothing_of_changes_made_before(
    app: Any, mailbox: Any, make: Any
) -> None:
    lead = make.user(email="lead@test.example")
    early = make.user(email="early@test.example", role="viewer")
    late = make.user(email="late@test.example", role="viewer")
    late_daily = make.user(email="late-daily@test.example", role="viewer")
    early.notify_mode = late.notify_mode = NotifyMode.IMMEDIATE
    late_daily.notify_mode = NotifyMode.DAILY
    with time_machine.travel(NINE, tick=False):
        track = make.track(lead=lead)
        db.session.add(Follow(user_id=early.id, track_id=track.id))
        article = provisions.create_provision(
            track, {"number": "5", "texts": {"en": "Visas within 10 days."}}, actor=lead
        )
        db.session.commit()
        _agree(article, lead)
    with time_machine.travel(datetime(2026, 1, 12, 9, 30, tzinfo=UTC), tick=False):
        for user in (late, late_daily):
            db.session.add(Follow(user_id=user.id, track_id=track.id))
        db.session.commit()
    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    run_due(app, datetime(2026, 1, 13, 7, 5, tzinfo=UTC))  # the daily digests
    told = _told(mailbox)
    assert "Article 5 agreed ad referendum" in told["early@test.example"]
    assert "late@test.example" not in told
    assert "late-daily@test.example" not in told
