"""The weekly report lists the provisions of negotiating texts agreed (ad referendum,
confirmed, agreed) or reopened in the week, per track (issue 17 #5): on the page, in the
CSV and in the email, each reader and recipient seeing only the tracks they may see, and
never a position, red line or fallback."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from tracker.jobs import JOBS, run_job
from tracker.models import Classification, MilestoneKind
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.reports import build_weekly_report
from tracker.services.reports.audience import reader_sees, report_for

DRAIN = next(j for j in JOBS if j.id == "outbox-drain")
SECRET = "RED-LINE-NEVER-IN-REPORTS-QX"
#: Wednesday of ISO week 2026-W03
IN_THE_WEEK = datetime(2026, 1, 14, 10, 0, tzinfo=UTC)


@pytest.fixture
def week(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead", email="lead@test.example")
    secret_lead = make.user(name="Secret lead", email="secret@test.example")
    outsider = make.user(name="Outsider", email="outsider@test.example")
    public = make.track(lead=lead, name="Visa facilitation")
    restricted = make.track(
        lead=secret_lead, name="Sanctions talks", classification=Classification.RESTRICTED
    )
    round_ = make.milestone(public, kind=MilestoneKind.ROUND, number=1, title="Round 1")

    def article(track: Any, number: str, actor: Any, status: str = "open") -> Any:
        return provisions.create_provision(
            track,
            {"number": number, "texts": {"en": f"Text of {number}."}, "status": status},
            actor=actor,
        )

    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), tick=False):
        five = article(public, "5", lead)
        six = article(public, "6", lead, status="agreed")
        seven = article(public, "7", lead)
        secret = article(restricted, "2", secret_lead)
        positions.save_position(
            five, round_, {"red_line": SECRET, "fallback": SECRET}, actor=lead, expected_version=0
        )
        db.session.commit()
    with time_machine.travel(IN_THE_WEEK, tick=False):
        for provision, status, actor in (
            (five, "agreed_ad_referendum", lead),
            (six, "open", lead),
            (seven, "parked", lead),  # neither agreed nor reopened
            (secret, "agreed", secret_lead),
        ):
            provisions.update_provision(
                provision, {"status": status}, actor=actor, expected_version=provision.version
            )
        db.session.commit()
    return {"lead": lead, "secret_lead": secret_lead, "outsider": outsider}


def _moves(report: Any) -> list[tuple[str, str, str, str]]:
    return [(m.track_name, m.number, m.move, m.to_status) for m in report.provision_moves]


def test_the_report_lists_provisions_agreed_or_reopened_per_track(week: dict) -> None:
    report = build_weekly_report("2026-W03")
    assert _moves(report) == [
        ("Visa facilitation", "5", "agreed", "agreed_ad_referendum"),
        ("Visa facilitation", "6", "reopened", "open"),
    ]
    assert report.totals["provision_moves"] == 2
    # the week before: Article 6 was created agreed
    assert _moves(build_weekly_report("2026-W02")) == [
        ("Visa facilitation", "6", "agreed", "agreed")
    ]
    secret_lead = report_for(report, reader_sees(week["secret_lead"]))
    assert ("Sanctions talks", "2", "agreed", "agreed") in _moves(secret_lead)
    assert secret_lead.totals["provision_moves"] == 3
    outsider = report_for(report, reader_sees(week["outsider"]))
    assert _moves(outsider) == _moves(report)
    assert SECRET not in str(report.to_json())


def test_page_and_csv_show_the_moves_to_those_who_may_see_them(client: Any, week: dict) -> None:
    with time_machine.travel(datetime(2026, 1, 20, 9, 0, tzinfo=UTC), tick=False):
        client.login(week["outsider"])
        page = client.get("/reports/weekly/2026-W03").get_data(as_text=True)
        body = client.get("/reports/weekly/2026-W03.csv").get_data(as_text=True)
        client.login(week["secret_lead"])
        secret_page = client.get("/reports/weekly/2026-W03").get_data(as_text=True)
    assert "provisions agreed or reopened this week" in page
    assert "Visa facilitation" in page and "Article 5" in page and "Reopened" in page
    assert "Sanctions talks" not in page and SECRET not in page
    assert "Sanctions talks" in secret_page and SECRET not in secret_page
    # the first five cells (the last two are the official names, issue 15 #11)
    rows = [row[:5] for row in csv.reader(io.StringIO(body.lstrip("\ufeff")))]
    assert [
        "provision agreed",
        "2026-01-14",
        "Visa facilitation",
        "Article 5: agreed ad referendum",
        "",
    ] in rows
    assert ["provision reopened", "2026-01-14", "Visa facilitation", "Article 6: open", ""] in rows
    assert not any("Sanctions talks" in cell for row in rows for cell in row)
    assert SECRET not in body


def test_each_recipient_gets_the_tracks_they_may_see(app: Any, mailbox: Any, week: dict) -> None:
    from tracker.services.reports import queue_weekly_report

    now = datetime(2026, 1, 19, 8, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        queue_weekly_report("2026-W03", now)
        db.session.commit()
        run_job(app, DRAIN, now)
    by_recipient = {
        str(m["To"]): (
            m.get_body(preferencelist=("plain",)).get_content(),
            m.get_body(preferencelist=("html",)).get_content(),
        )
        for m in mailbox.messages
    }
    text, html = by_recipient["outsider@test.example"]
    assert "PROVISIONS AGREED OR REOPENED THIS WEEK" in text
    assert "Article 5: Open -> Agreed ad referendum" in text
    assert "Article 6: reopened, Agreed -> Open" in text
    assert "Sanctions talks" not in text and "Sanctions talks" not in html
    assert "http://tracker.test/tracks/" in html and "/text#p" in html
    secret_text, _ = by_recipient["secret@test.example"]
    assert "Article 2: Open -> Agreed" in secret_text
    for plain, rich in by_recipient.values():
        assert SECRET not in plain and SECRET not in rich


def test_a_provision_created_agreed_is_agreed_this_week(make: Any) -> None:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Readmission")
    with time_machine.travel(IN_THE_WEEK, tick=False):
        for number, status in (("1", "agreed_ad_referendum"), ("2", "agreed"), ("3", "open")):
            provisions.create_provision(
                track,
                {"number": number, "texts": {"en": f"Text {number}."}, "status": status},
                actor=lead,
            )
        db.session.commit()
    report = build_weekly_report("2026-W03")
    assert _moves(report) == [
        ("Readmission", "1", "agreed", "agreed_ad_referendum"),
        ("Readmission", "2", "agreed", "agreed"),
    ]
    assert [m.from_status for m in report.provision_moves] == ["", ""]
