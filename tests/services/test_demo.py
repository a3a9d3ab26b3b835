"""The demo data: the real facts of the EPCA and December 2025, loaded once."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from tracker.domain.workflow import TrackStatus
from tracker.models import Agreement, Body, Milestone, NegotiationTrack, Role, User
from tracker.orm import db
from tracker.services.demo import seed_demo_data


def table_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def test_seeding_twice_changes_nothing() -> None:
    first = seed_demo_data()
    counts = table_counts()
    second = seed_demo_data()
    assert first.created > 0
    assert second.created == 0
    assert second.existing == first.created
    assert table_counts() == counts


def test_seed_leaves_officers_changes_alone(officer) -> None:
    seed_demo_data()
    track = db.session.scalar(select(NegotiationTrack).where(NegotiationTrack.name.like("%visa%")))
    track.next_step = "Changed by an officer"
    db.session.commit()
    seed_demo_data()
    db.session.expire_all()
    assert track.next_step == "Changed by an officer"


def test_the_epca_facts() -> None:
    seed_demo_data()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    assert (epca.signed_on, epca.signed_at, epca.in_force_on) == (
        date(2015, 12, 21),
        "Astana",
        date(2020, 3, 1),
    )
    assert len(epca.areas) == 29
    # a mixed agreement: the EU and its Member States (one row and group), and Kazakhstan
    assert sorted(p.name for p in epca.parties) == [
        "EU Member States",
        "European Union",
        "Kazakhstan",
    ]
    assert epca.provisionally_applied_on == date(2016, 5, 1)
    eu, member_states, kz = epca.ratifications
    assert (eu.signed_on, eu.provisionally_applied_on) == (date(2015, 12, 21), date(2016, 5, 1))
    assert kz.provisionally_applied_on == date(2016, 5, 1)
    assert member_states.provisionally_applied_on is None  # not a fact the demo knows
    # consent recorded for every Party, its date not recorded: nothing invented
    for row in (eu, member_states, kz):
        notified = [a for a in row.actions if a.kind == "notification_of_completion"]
        assert [a.on for a in notified] == [None]
    # the Member States' row stands for a group, not a Party: not counted (issue 16 #2)
    assert epca.ratified_count == 2
    dated = {a.on for r in epca.ratifications for a in r.actions} - {None}
    assert dated == {date(2015, 12, 21), date(2016, 5, 1)}


def test_the_epca_page_shows_no_contradiction(client, officer) -> None:
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    assert "0 of 2 have consented to be bound" not in page
    assert "2 of 2 have consented to be bound" in page
    assert "EU Member States: not listed one by one" in page
    assert "1 May 2016" in page.split('id="actions"')[1]
    assert "No contradictions between the recorded facts" in page


def test_the_december_2025_launches_and_meetings() -> None:
    seed_demo_data()
    tracks = db.session.scalars(select(NegotiationTrack).order_by(NegotiationTrack.name)).all()
    assert [(t.name, t.status, t.status_since) for t in tracks] == [
        ("EU–Kazakhstan readmission agreement", TrackStatus.LAUNCHED, date(2025, 12, 2)),
        # its demo rounds began 40 days before today (12 Jan 2026 in the tests)
        ("EU–Kazakhstan visa facilitation agreement", TrackStatus.NEGOTIATING, date(2025, 12, 3)),
    ]
    for track in tracks:  # both launched on 2 December 2025
        launch = track.status_changes[0]
        assert (launch.to_status, launch.effective_on) == (TrackStatus.LAUNCHED, date(2025, 12, 2))
    council = db.session.scalar(select(Body).where(Body.name.like("%Cooperation Council")))
    meeting = db.session.scalar(
        select(Milestone).where(Milestone.body_id == council.id, Milestone.number == 22)
    )
    assert (meeting.location, meeting.done_on) == ("Brussels", date(2025, 12, 3))
    summit = db.session.scalar(select(Milestone).where(Milestone.location == "Samarkand"))
    assert summit.title == "1st Central Asia–EU summit"


def test_demo_examples_are_labelled_and_ahead_of_today() -> None:
    seed_demo_data(today=date(2026, 1, 12))
    examples = db.session.scalars(
        select(Milestone).where(Milestone.title.like("%(demo example)%"))
    ).all()
    assert examples
    upcoming = [m for m in examples if m.planned_on >= date(2026, 1, 12)]
    assert all(m.planned_on <= date(2026, 1, 12) + timedelta(days=30) for m in upcoming)
    assert len(upcoming) >= 2


def test_demo_projects_the_23rd_council_and_gives_the_officer_action_items() -> None:
    from tracker.services.action_items import open_items_of
    from tracker.services.bodies import projected_meeting

    seed_demo_data(today=date(2026, 1, 12))
    council = db.session.scalar(select(Body).where(Body.name.like("%Cooperation Council")))
    projected = projected_meeting(council)
    assert projected is not None
    assert (projected.number, projected.expected_on) == (23, date(2026, 12, 3))
    officer = db.session.scalar(select(User).where(User.role == Role.OFFICER))
    assert len(open_items_of(officer)) == 2
    seed_demo_data(today=date(2026, 1, 12))  # a second run adds nothing
    assert len(open_items_of(officer)) == 2


def test_one_demo_user_per_role() -> None:
    seed_demo_data()
    roles = db.session.scalars(select(User.role).order_by(User.role)).all()
    assert sorted(roles) == sorted([Role.ADMIN, Role.OFFICER, Role.VIEWER])


def test_the_demo_text_is_labelled_has_two_rounds_and_invents_no_position() -> None:
    """Issue 17 #8: a short illustrative text on the visa facilitation track, two rounds,
    a couple of brackets, no positions; seeding again adds nothing."""
    from tracker.models import Position
    from tracker.services import text_rounds

    seed_demo_data()
    visa = db.session.scalar(
        select(NegotiationTrack).filter_by(name="EU–Kazakhstan visa facilitation agreement")
    )
    round_1, round_2 = text_rounds.frozen_rounds(visa)
    assert "demo example" in round_1.title and "demo example" in round_2.title
    now = text_rounds.text_at(visa, None)
    assert len(now) == 4 and all("demo example" in s.title for s in now)
    assert "DEMO EXAMPLE" in now[0].texts["en"]
    assert sum(s.bracket_count for s in now) >= 2
    comparison = text_rounds.compare(visa, round_1, round_2)
    assert len(comparison.changed) == 2 and len(comparison.still_open) == 3
    assert db.session.scalar(select(func.count()).select_from(Position)) == 0
    seed_demo_data()
    assert len(text_rounds.text_at(visa, None)) == 4


def test_the_demo_text_attributes_a_bracket_to_each_side_with_placeholders_only() -> None:
    """Issue 17 #2 and #8 (found by a fresh check): the demo shows "[EU: ...]" and
    "[KZ: ...]", each holding only a placeholder ("N", "M"), so no real position of either
    side is put in its mouth; the other brackets stay plain."""
    import re

    from tracker.domain import brackets
    from tracker.services import text_rounds
    from tracker.services.sides import sides_of

    seed_demo_data()
    visa = db.session.scalar(
        select(NegotiationTrack).filter_by(name="EU–Kazakhstan visa facilitation agreement")
    )
    names = sides_of(visa).names
    attributed = [
        segment
        for state in text_rounds.text_at(visa, None)
        for segment in brackets.parse(state.texts["en"], names)
        if segment.bracketed and segment.party
    ]
    assert sorted(s.party for s in attributed) == ["EU", "KZ"]
    assert all(re.fullmatch(r"[A-Z]", s.text) for s in attributed), attributed
    assert all(
        not brackets.strangers(state.texts["en"], names)
        for state in text_rounds.text_at(visa, None)
    )


def test_the_epca_is_a_mixed_agreement_and_its_table_stays_readable(client, officer) -> None:
    """The EU and its Member States, of the one part, and Kazakhstan, of the other (its
    title): a mixed agreement, not a bilateral one. The Member States stay one row and one
    group, with no dates the demo does not know."""
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    assert epca.kind == "mixed"
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    assert "Agreement · mixed" in page
    assert "bilateral" not in page.lower()
    assert "EU Member States: not listed one by one" in page
    assert len(epca.ratifications) == 3


def test_the_demo_text_track_is_negotiating_and_its_provisions_say_since_when() -> None:
    """Found by a fresh check: the visa track said "Launched · Hold the first negotiating
    round" beside two rounds held, and its open provisions named no round reached."""
    from tracker.models import Provision

    seed_demo_data()
    visa = db.session.scalar(
        select(NegotiationTrack).filter_by(name="EU–Kazakhstan visa facilitation agreement")
    )
    assert visa.status is TrackStatus.NEGOTIATING
    assert "Round 3" in visa.next_step
    assert [c.to_status for c in visa.status_changes][-1] is TrackStatus.NEGOTIATING
    for provision in db.session.scalars(select(Provision).filter_by(track_id=visa.id)):
        assert provision.status_round_id is not None and provision.status_reached_on is not None
    readmission = db.session.scalar(
        select(NegotiationTrack).filter_by(name="EU–Kazakhstan readmission agreement")
    )
    assert readmission.status is TrackStatus.LAUNCHED  # no round held there


def test_the_demo_tracks_are_kazakhstans_unless_the_installation_says_otherwise(
    app: Any, client: Any, monkeypatch: Any
) -> None:
    """The demo's EU-Kazakhstan tracks are seen from Kazakhstan's side ("KZ") when the
    installation sets no side (TRACKER_OUR_SIDE empty): the officer is not told "Our side
    is not set". An installation that sets its own side keeps it (the track inherits)."""
    monkeypatch.setitem(app.config, "OUR_SIDE", "")
    seed_demo_data()
    db.session.commit()
    tracks = db.session.scalars(select(NegotiationTrack).order_by(NegotiationTrack.id)).all()
    assert [track.our_side for track in tracks] == ["KZ", "KZ"]
    visa = next(track for track in tracks if "visa" in track.name)
    client.login(
        db.session.scalar(select(User).filter_by(role=Role.OFFICER)), "accord-officer-demo"
    )
    page = html.unescape(client.get(f"/tracks/{visa.id}/text").text)
    assert "Our side is not set for this track" not in page


def test_the_demo_keeps_the_installations_own_side(app: Any, monkeypatch: Any) -> None:
    monkeypatch.setitem(app.config, "OUR_SIDE", "EU")
    seed_demo_data()
    db.session.commit()
    tracks = db.session.scalars(select(NegotiationTrack)).all()
    assert [track.our_side for track in tracks] == ["", ""]
