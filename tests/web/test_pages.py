"""The pages an officer reads: dashboard, lists with filters, track, agreement, audit."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tracker.domain.workflow import TrackStatus
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services.demo import seed_demo_data


@pytest.mark.usefixtures("at_1_december_2025")
def test_dashboard_on_1_december_2025_shows_the_epca_ten_year_jubilee(client, viewer) -> None:
    seed_demo_data()
    client.login(viewer)
    page = client.get("/").text
    assert "Anniversaries in the next 90 days" in page
    assert "10th anniversary of the signature of the EPCA" in page
    jubilee = page.index("10th anniversary of the signature of the EPCA")
    assert "Jubilee" in page[jubilee - 200 : jubilee]
    assert "21 Dec 2025" in page
    # The 6th anniversary of entry into force (1 Mar 2026) is 90 days out, so it shows too.
    assert "6th anniversary of the entry into force of the EPCA" in page


def test_dashboard_groups_tracks_by_status_and_draws_counts(client, viewer, make) -> None:
    make.track(status=TrackStatus.LAUNCHED, name="Visa facilitation")
    make.track(status=TrackStatus.LAUNCHED, name="Readmission")
    make.track(status=TrackStatus.NEGOTIATING, name="Trade in services")
    client.login(viewer)
    page = client.get("/").text
    chart = page[page.index('<table class="chart">') : page.index("</table>")]
    assert re.search(r">Launched</th>.*?>2</td>.*?>Negotiating</th>.*?>1</td>", chart, re.S)
    launched = page.index('aria-label="Launched"')
    negotiating = page.index('aria-label="Negotiating"')
    assert launched < page.index("Visa facilitation") < negotiating
    assert negotiating < page.index("Trade in services")


def test_dashboard_lists_due_and_overdue_milestones(client, viewer, make) -> None:
    track = make.track()
    make.milestone(track, title="Due soon", planned_on=date(2026, 1, 20))
    make.milestone(track, title="Late one", planned_on=date(2026, 1, 5))
    make.milestone(track, title="Far away", planned_on=date(2026, 6, 1))
    make.milestone(track, title="Done late", planned_on=date(2026, 1, 2), done_on=date(2026, 1, 4))
    client.login(viewer)
    page = client.get("/").text
    due = page[page.index("Due in the next 30 days") :]
    overdue = page[page.index("Overdue milestones") : page.index("Due in the next 30 days")]
    assert "Due soon" in due and "in 8 days" in due
    assert "Late one" in overdue and "7 days" in overdue
    assert "Far away" not in page
    assert "Done late" not in page


def test_track_page_shows_timeline_history_and_next_step(client, viewer, make) -> None:
    track = make.track(next_step="Hold round 2", target_date=date(2026, 6, 30))
    make.milestone(
        track,
        title="Round 1",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2025, 12, 15),
        done_on=date(2025, 12, 18),
    )
    make.milestone(
        track, title="Round 2", kind=MilestoneKind.ROUND, number=2, planned_on=date(2026, 1, 8)
    )
    client.login(viewer)
    page = client.get(f"/tracks/{track.id}").text
    assert f"<title>{track.name} · Accord Tracker</title>" in page
    assert page.count('id="activity-title"') == 1
    assert '<svg class="timeline"' in page
    assert "Round 1: planned 15 Dec 2025, done 18 Dec 2025 (3 days late)" in page
    assert "Round 2: planned 8 Jan 2026 (4 days late)" in page
    assert "Hold round 2" in page
    assert "Launched from 2 Dec 2025." in page
    assert "Change status" not in page  # a viewer reads only


def test_agreement_page_shows_parties_ratification_areas_and_tracks(client, viewer) -> None:
    seed_demo_data()
    client.login(viewer)
    from sqlalchemy import select

    from tracker.models import Agreement

    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    page = client.get(f"/agreements/{epca.id}").text
    # the place of signature is a labelled value, not put into a sentence (h16a #3)
    assert "<dd>21 Dec 2015</dd>" in page and "Place of signature</dt><dd>Astana</dd>" in page
    assert "1 Mar 2020" in page
    # issue 16 #7: the Parties' consent is recorded (dates not recorded), so the page no
    # longer says "0 of 2 ratified" beside "in force"; provisional application is shown
    assert "0 of 2 have consented to be bound" not in page
    # the Member States' row stands for a group, not a Party: not counted (issue 16 #2)
    assert "2 of 2 have consented to be bound" in page
    assert "1 May 2016" in page
    assert 'Areas covered <span class="count">29</span>' in page
    assert "EU–Kazakhstan visa facilitation agreement" in page
    assert "22nd Cooperation Council" in page
    assert "November 2025" in page  # the 22nd PCC's date is known to the month only


def test_track_list_filters_and_paginates(client, viewer, officer, make) -> None:
    other = make.user(role="officer", name="Other Officer")
    epca = make.agreement(short_title="EPCA")
    for i in range(30):
        make.track(
            name=f"Track {i:02d}",
            lead=officer if i % 2 else other,
            framework_agreement_id=epca.id if i < 5 else None,
        )
    make.track(name="Visa 100% facilitation", status=TrackStatus.NEGOTIATING)
    client.login(viewer)

    first = client.get("/tracks/").text
    assert "Page 1 of 2 (31 in all)" in first
    second = client.get("/tracks/?page=2").text
    assert "Visa 100% facilitation" in second and "Track 00" not in second

    assert "1 in all" in client.get("/tracks/?status=negotiating").text
    assert "5 in all" in client.get(f"/tracks/?agreement={epca.id}").text
    assert "15 in all" in client.get(f"/tracks/?officer={officer.id}").text
    by_text = client.get("/tracks/?q=100%25").text
    assert "1 in all" in by_text and "Visa 100% facilitation" in by_text
    # Junk in the query string is ignored, not a 500.
    junk = client.get("/tracks/?status=bogus&agreement=-1&officer=abc&page=-5&q=%00")
    assert junk.status_code == 200


def test_milestone_and_agreement_lists_filter(client, viewer, make) -> None:
    track = make.track()
    make.milestone(track, title="Open late", planned_on=date(2026, 1, 5))
    make.milestone(track, title="Closed", planned_on=date(2026, 1, 5), done_on=date(2026, 1, 6))
    make.agreement(title="Readmission agreement", status="draft", signed_on=None)
    make.agreement(title="EPCA text")
    client.login(viewer)
    overdue = client.get("/milestones/?state=overdue").text
    assert "Open late" in overdue and "Closed" not in overdue
    assert "Closed" in client.get("/milestones/?state=done").text
    drafts = client.get("/agreements/?status=draft").text
    assert "Readmission agreement" in drafts and "EPCA text" not in drafts
    assert "EPCA text" in client.get("/agreements/?q=epca").text


def test_audit_log_shows_who_changed_what(client, admin, officer, make) -> None:
    track = make.track(name="Visa facilitation")
    client.login(officer)
    client.submit(
        f"/tracks/{track.id}/status",
        {
            "to_status": "negotiating",
            "effective_on": "2026-01-10",
            "expected_status": "launched",
            "comment": "Round 1 held",
        },
    )
    client.login(admin)
    page = html.unescape(client.get("/audit").text)
    # Facts in the reader's words: labels and formatted dates, not codes and ISO dates
    # (issue 15, item 6).
    assert "<strong>Status changed</strong>" in page
    assert f'Track: <a href="/tracks/{track.id}">Visa facilitation</a>' in page
    assert officer.name in page
    assert "<del>Launched</del> → <ins>Negotiating</ins>" in page
    assert '<dt>Date of the move</dt><dd class=""><ins>10 Jan 2026</ins>' in page
    assert "Forced by an administrator" not in page  # said only of a forced move
    for internal in ("track.status_changed", "NegotiationTrack", "2026-01-10", "False"):
        assert internal not in page.split("<table", 1)[1], internal
    client.get("/logout")
    kazakh = make.user(role="admin", language="kk")
    client.login(kazakh)
    page = html.unescape(client.get("/audit").text)
    assert "Status changed" not in page and "Launched" not in page


def test_error_pages_are_friendly(client, viewer) -> None:
    client.login(viewer)
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.text
    assert client.put("/tracks/").status_code == 405


def test_healthz_is_public_and_checks_the_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_every_page_sends_security_headers(client) -> None:
    response = client.get("/login")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src" not in response.headers["Content-Security-Policy"]  # default 'self'
    assert "<script>" not in response.text  # no inline script, so the CSP can forbid it


def test_filters_with_too_many_options_fall_back_to_search(
    client, viewer, make, monkeypatch
) -> None:
    from tracker.web import choices

    monkeypatch.setattr(choices, "FILTER_SELECT_MAX", 2)
    tracks = [make.track(name=f"Track {i}") for i in range(3)]
    make.milestone(tracks[0], title="Only on track 0")
    make.milestone(tracks[1], title="Only on track 1")
    client.login(viewer)
    page = client.get("/milestones/").text
    assert 'id="track"' not in page  # three tracks: too many for a select here
    filtered = client.get(f"/milestones/?track={tracks[0].id}").text
    assert "Only on track 0" in filtered and "Only on track 1" not in filtered
    assert f'<input type="hidden" name="track" value="{tracks[0].id}">' in filtered


def test_the_audit_log_names_records_and_accounts(client, admin, officer, make) -> None:
    """Found by the new-officer check: a change of one's own settings was logged against
    "LocalProxy #1" (the current user's proxy), owners read "Owner: 2", and records their
    kind and number rather than their names."""
    track = make.track(name="Readmission", lead=officer)
    client.login(officer)
    saved = client.submit(
        "/me",
        {
            "reminders_enabled": "y",
            "reminder_lead_days": "30, 7",
            "language": "ru",
            "notify_mode": "immediate",
        },
    )
    assert saved.status_code == 302
    client.submit(
        "/milestones/new",
        {
            "track_id": track.id,
            "title": "Round 1",
            "kind": "round",
            "planned_on": "2026-02-02",
            "date_precision": "month",
            "owner_id": officer.id,
        },
    )
    client.login(admin)
    page = html.unescape(client.get("/audit").text).split("<table", 1)[1]
    assert "LocalProxy" not in page
    assert f'Account: <a href="/admin/users/{officer.id}/edit">{officer.name}</a>' in page
    assert "<ins>Русский</ins>" in page  # the language by its name, not "ru"
    assert f'<a href="/admin/users/{officer.id}/edit">{officer.name}</a></ins>' in page  # owner
    assert f'<a href="/tracks/{track.id}">Readmission</a>' in page
    assert "<ins>Month only</ins>" in page


def test_every_audited_action_has_a_label() -> None:
    """A new action code must get a label in the reader's language (tracker.audit_text),
    or the log shows the code itself."""
    import re
    from pathlib import Path

    from tracker.audit_text import ACTIONS

    services = Path(__file__).resolve().parents[2] / "tracker" / "services"
    source = "\n".join(p.read_text() for p in services.rglob("*.py"))
    codes = set(re.findall(r'record_audit\(\s*[^,]+,\s*"([a-z_]+\.[a-z_]+)"', source))
    codes |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', source))
    assert codes, "no audited action found: the pattern is out of date"
    assert sorted(codes - set(ACTIONS)) == []


def test_a_positions_save_reads_in_the_readers_language(app) -> None:
    """The audit of a save of positions named its fields and ids raw in Russian ("round id",
    "changed fallback, ours, red_line") (adversarial check): each has a label."""
    from tracker.audit_text import field_label, field_value
    from tracker.i18n import language

    with app.test_request_context(), language("ru"):
        assert field_value("changed", ["red_line", "ours"]) == "Красная линия, Наша позиция"
        for name in ("changed", "round_id", "provision_id", "member_ids", "ids", "texts"):
            assert "_" not in field_label(name) and field_label(name) != name.replace("_", " ")
