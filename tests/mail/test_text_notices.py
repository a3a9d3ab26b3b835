"""Follow notices of the negotiating text say "Article 5 agreed ad referendum" (issue 17 #5),
in each follower's language and its usual form: «Статья 5 согласована ad referendum» in
Russian (the status agreeing with the provision's gender), «5-бап ad referendum
келісілді» in Kazakh (the number first). Over real SMTP on loopback. Found by a fresh
check: the notice said "article 5 agreed ad referendum", in lower case."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from tracker.jobs import run_due
from tracker.models import Follow, FollowEvent, NotifyMode
from tracker.orm import db
from tracker.services import provisions


def _said(message) -> str:
    return str(message["Subject"]) + "\n" + message.get_body(("plain",)).get_content()


def test_a_status_change_is_told_as_article_5_agreed_ad_referendum(app, mailbox, make) -> None:
    lead = make.user(email="lead@test.example")
    followers = {
        language: make.user(email=f"{language}@test.example", language=language, role="viewer")
        for language in ("en", "ru", "kk")
    }
    track = make.track(lead=lead)
    with time_machine.travel(datetime(2026, 1, 12, 9, 0, tzinfo=UTC), tick=False):
        # they follow before the changes (a new follower hears nothing of earlier ones)
        for user in followers.values():
            user.notify_mode = NotifyMode.IMMEDIATE
            db.session.add(Follow(user_id=user.id, track_id=track.id))
        article = provisions.create_provision(
            track, {"number": "5", "texts": {"en": "Visas within 10 days."}}, actor=lead
        )
        annex = provisions.create_provision(
            track, {"kind": "annex", "number": "I", "texts": {"en": "Forms."}}, actor=lead
        )
        db.session.commit()
        for provision in (article, annex):
            provisions.update_provision(
                provision,
                {"status": "agreed_ad_referendum"},
                actor=lead,
                expected_version=provision.version,
            )
        db.session.commit()

    [first, second] = db.session.scalars(
        select(FollowEvent).where(FollowEvent.action == "provision.status").order_by(FollowEvent.id)
    ).all()
    assert first.summary == "Negotiating text: Article 5 agreed ad referendum"
    assert second.summary == "Negotiating text: Annex I agreed ad referendum"

    with time_machine.travel(datetime(2026, 1, 12, 10, 5, tzinfo=UTC), tick=False):
        run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    told: dict[str, str] = {}
    for message in mailbox.messages:
        told[str(message["To"])] = told.get(str(message["To"]), "") + _said(message)
    assert "Article 5 agreed ad referendum" in told["en@test.example"]
    assert "Annex I agreed ad referendum" in told["en@test.example"]
    assert "Статья 5 согласована ad referendum" in told["ru@test.example"]
    assert "Приложение I согласовано ad referendum" in told["ru@test.example"]
    assert "5-бап ad referendum келісілді" in told["kk@test.example"]
    assert "I-қосымша ad referendum келісілді" in told["kk@test.example"]
