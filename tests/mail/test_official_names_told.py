"""Issue 15#11, at every door that names a record outside its own page: official names in
Russian and Kazakh reach reminders, follow notices and digests in the RECIPIENT's language
(over real SMTP on loopback), the weekly report page in the reader's language and its
email in the recipient's, the CSV files (report, agreements, tracks; and the agreements
import takes them), the milestones list's filter options, the timeline's title and the
negotiating-text pages' titles."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from tests.web.test_spreadsheets import confirm_token, preview, rows_of
from tracker.domain.workflow import TrackStatus
from tracker.jobs import run_due
from tracker.models import Agreement, AgreementStatus, Follow, NotifyMode
from tracker.orm import db
from tracker.services.tracks import change_status

NAME = "Visa facilitation"
NAME_RU = "Переговоры об упрощении визового режима"
NAME_KK = "Визалық режимді жеңілдету туралы келіссөздер"
TITLE = "Enhanced Partnership and Cooperation Agreement"
TITLE_RU = "Соглашение о расширенном партнерстве и сотрудничестве"
TITLE_KK = "Кеңейтілген әріптестік және ынтымақтастық туралы келісім"


def _track(make, **kw):
    return make.track(name=NAME, official_name_ru=NAME_RU, official_name_kk=NAME_KK, **kw)


def _parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def test_a_kazakh_recipient_of_a_reminder_is_told_the_kazakh_official_name(
    app, mailbox, make
) -> None:
    kazakh = make.user(email="kk@test.example", language="kk")
    english = make.user(email="en@test.example", language="en")
    track = _track(make, lead=english)
    make.milestone(track, title="Round 4", planned_on=date(2026, 1, 19), owner_id=kazakh.id)

    _run(app, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))

    by_recipient = {str(m["To"]): m for m in mailbox.messages if "Round 4" in str(m["Subject"])}
    text, html = _parts(by_recipient[kazakh.email])
    assert NAME_KK in text and NAME_KK in html
    assert NAME not in text
    text, html = _parts(by_recipient[english.email])
    assert NAME in text and NAME in html
    assert NAME_KK not in text and NAME_RU not in text


def test_a_stale_track_and_an_overdue_ratification_are_named_in_russian(app, mailbox, make) -> None:
    russian = make.user(email="ru@test.example", language="ru")
    stale = _track(make, lead=russian, since=date(2025, 6, 1))
    stale.last_activity_at = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    agreement = make.agreement(
        parties=[make.party("Kazakhstan")],
        title=TITLE,
        official_title_ru=TITLE_RU,
        official_title_kk=TITLE_KK,
        owner_id=russian.id,
    )
    agreement.ratifications[0].expected_by = date(2025, 12, 1)
    db.session.commit()

    _run(app, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))

    mine = [m for m in mailbox.messages if str(m["To"]) == russian.email]
    subjects = " | ".join(str(m["Subject"]) for m in mine)
    assert NAME_RU in subjects, subjects
    assert TITLE_RU in subjects, subjects
    bodies = " ".join(_parts(m)[0] for m in mine)
    assert NAME_RU in bodies and TITLE_RU in bodies
    assert NAME not in subjects and TITLE not in subjects


def test_follow_notices_and_digests_name_the_track_in_each_followers_language(
    app, mailbox, make, officer
) -> None:
    kazakh = make.user(email="kk@test.example", language="kk", role="viewer")
    daily = make.user(email="ru@test.example", language="ru", role="viewer")
    daily.notify_mode = NotifyMode.DAILY
    track = _track(make)
    # they follow before the change (a new follower hears nothing of earlier changes)
    with time_machine.travel(datetime(2026, 1, 12, 8, 50, tzinfo=UTC), tick=False):
        for user in (kazakh, daily):
            db.session.add(Follow(user_id=user.id, track_id=track.id))
        db.session.commit()
    with time_machine.travel(datetime(2026, 1, 12, 9, 0, tzinfo=UTC), tick=False):
        change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2026, 1, 12), actor=officer)
        db.session.commit()

    _run(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    _run(app, datetime(2026, 1, 13, 10, 5, tzinfo=UTC))

    followers = (kazakh.email, daily.email)
    told = {str(m["To"]): m for m in mailbox.messages if str(m["To"]) in followers}
    assert NAME_KK in str(told[kazakh.email]["Subject"])
    assert NAME_KK in _parts(told[kazakh.email])[0]
    text, html = _parts(told[daily.email])
    assert NAME_RU in text and NAME_RU in html
    assert NAME not in text


def test_the_weekly_report_page_email_and_csv_carry_the_official_names(
    app, client, mailbox, make, officer
) -> None:
    track = _track(make, since=date(2025, 11, 1))
    change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2025, 12, 3), actor=officer)
    db.session.commit()

    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    page = client.get("/reports/weekly/2025-W49").text
    assert NAME_RU in page

    officer.language = "kk"
    db.session.commit()
    assert NAME_KK in client.get("/reports/weekly/2025-W49").text

    body = client.get("/reports/weekly/2025-W49.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][-2:] == ["name (ru)", "name (kk)"]
    change = next(r for r in rows if r[0] == "status change")
    assert (change[2], change[-2], change[-1]) == (NAME, NAME_RU, NAME_KK)

    # the email, in its recipient's language (the report goes out on Monday morning)
    reader = make.user(email="reader@test.example", language="ru", role="viewer")
    reader.weekly_report_enabled = True
    db.session.commit()
    _run(app, datetime(2025, 12, 8, 7, 5, tzinfo=UTC))
    mine = [m for m in mailbox.messages if str(m["To"]) == reader.email]
    assert mine, [str(m["To"]) for m in mailbox.messages]
    text, html = _parts(mine[0])
    assert NAME_RU in text and NAME_RU in html


def test_exports_carry_the_official_names_and_the_agreements_import_takes_them(
    client, make, officer
) -> None:
    make.agreement(title=TITLE, official_title_ru=TITLE_RU, official_title_kk=TITLE_KK)
    _track(make)
    client.login(officer)
    (agreement_row,) = rows_of(client.get("/agreements/export.csv"))
    assert (agreement_row["official_title_ru"], agreement_row["official_title_kk"]) == (
        TITLE_RU,
        TITLE_KK,
    )
    (track_row,) = rows_of(client.get("/tracks/export.csv"))
    assert (track_row["official_name_ru"], track_row["official_name_kk"]) == (NAME_RU, NAME_KK)

    data = (
        "title,kind,status,official_title_ru,official_title_kk\r\n"
        "Readmission agreement,bilateral,draft,"
        "Соглашение о реадмиссии,Реадмиссия туралы келісім\r\n"
    ).encode()
    response = preview(client, "agreements", data)
    assert "1 to add" in response.get_data(as_text=True)
    client.submit("/import/agreements/confirm", {"content": confirm_token(response)})
    added = db.session.scalar(select(Agreement).where(Agreement.title == "Readmission agreement"))
    assert (added.official_title_ru, added.official_title_kk) == (
        "Соглашение о реадмиссии",
        "Реадмиссия туралы келісім",
    )
    assert added.status is AgreementStatus.DRAFT


def test_filters_timeline_and_negotiating_text_pages_use_the_readers_language(
    client, make, officer
) -> None:
    track = _track(make)
    make.agreement(title=TITLE, official_title_ru=TITLE_RU, official_title_kk=TITLE_KK)
    officer.language = "kk"
    db.session.commit()
    client.login(officer)
    milestones = client.get("/milestones/").text
    assert f">{NAME_KK}</option>" in milestones or NAME_KK[:40] in milestones
    assert TITLE_KK[:40] in milestones
    detail = client.get(f"/tracks/{track.id}").text
    timeline_title = detail[detail.index('<title id="timeline-title">') :].split("</title>")[0]
    assert NAME_KK in timeline_title
    text = client.get(f"/tracks/{track.id}/text").text
    assert NAME_KK in text[text.index("<title>") : text.index("</title>")]


def test_a_reminder_of_a_milestone_of_no_track_names_no_track(app, mailbox, make) -> None:
    owner = make.user(email="owner@test.example", language="kk")
    agreement = make.agreement(title=TITLE, official_title_kk=TITLE_KK)
    make.milestone(
        title="Review", agreement_id=agreement.id, planned_on=date(2026, 1, 19), owner_id=owner.id
    )
    _run(app, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
    (reminder,) = [m for m in mailbox.messages if "Review" in str(m["Subject"])]
    text, html = _parts(reminder)
    assert "Бағыт:" not in text and "Бағыт" not in html  # "Track" in Kazakh
