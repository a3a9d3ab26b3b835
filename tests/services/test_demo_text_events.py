"""The demo's negotiating text is recorded as the real services record a text (issue 17
#5, found by a fresh check): each provision added at Round 1 and each change at Round 2 is
in the audit log on the day it happened, and the status change is a follow event naming
the provision, so the weekly report of Round 2's week lists the Preamble agreed ad
referendum. Seeding again records nothing twice."""

from __future__ import annotations

from sqlalchemy import select

from tracker import clock
from tracker.domain.weeks import iso_week_of
from tracker.models import AuditEvent, FollowEvent, NegotiationTrack, Provision
from tracker.orm import db
from tracker.services import text_rounds
from tracker.services.demo import seed_demo_data
from tracker.services.reports.build import build_weekly_report

VISA = "EU–Kazakhstan visa facilitation agreement"


def _visa() -> NegotiationTrack:
    return db.session.scalar(select(NegotiationTrack).filter_by(name=VISA))


def _audited(track: NegotiationTrack) -> list[tuple[str, int, object]]:
    ids = select(Provision.id).where(Provision.track_id == track.id)
    return [
        (e.action, e.object_id, e.created_at.astimezone(clock.zone()).date())
        for e in db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "Provision", AuditEvent.object_id.in_(ids))
            .order_by(AuditEvent.id)
        )
    ]


def test_the_demo_text_is_audited_and_told_on_the_days_it_changed() -> None:
    seed_demo_data()
    db.session.commit()
    visa = _visa()
    round_1, round_2 = text_rounds.frozen_rounds(visa)
    provisions = db.session.scalars(
        select(Provision).filter_by(track_id=visa.id).order_by(Provision.position)
    ).all()
    preamble, _one, two, _three = provisions
    audited = _audited(visa)
    assert [a for a in audited if a[0] == "provision.created"] == [
        ("provision.created", p.id, round_1.done_on) for p in provisions
    ]
    # Round 2 changed the Preamble (brackets and status) and Article 2 (its text)
    assert [a for a in audited if a[0] == "provision.updated"] == [
        ("provision.updated", preamble.id, round_2.done_on),
        ("provision.updated", two.id, round_2.done_on),
    ]
    updated = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "provision.updated", AuditEvent.object_id == preamble.id
        )
    )
    assert updated.before["status"] == "open"
    assert updated.after["status"] == "agreed_ad_referendum"
    [told] = db.session.scalars(select(FollowEvent).filter_by(action="provision.status")).all()
    assert told.summary == "Negotiating text: Preamble agreed ad referendum"
    assert (told.track_id, told.provision_id) == (visa.id, preamble.id)
    assert told.occurred_at.astimezone(clock.zone()).date() == round_2.done_on

    report = build_weekly_report(iso_week_of(round_2.done_on), clock.today())
    assert [(m.provision_id, m.move, m.to_status) for m in report.provision_moves] == [
        (preamble.id, "agreed", "agreed_ad_referendum")
    ]

    seed_demo_data()  # again: nothing recorded twice
    db.session.commit()
    assert _audited(visa) == audited
