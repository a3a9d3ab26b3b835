"""The interface and the mail in English, Russian and Kazakh.

An officer switches to Kazakh on /me: the dashboard, a form's errors and the reminders
that reach them over SMTP are then in Kazakh. Before login the browser's preference
decides. Dates and numbers follow the language.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.i18n import format_day, format_month, format_number, language, when
from tracker.jobs import JOBS, run_job

REMINDER_SCAN = next(j for j in JOBS if j.id == "reminder-scan")
OUTBOX_DRAIN = next(j for j in JOBS if j.id == "outbox-drain")
NOW = datetime(2026, 1, 12, 10, 5, tzinfo=UTC)

PREFERENCES = {
    "reminders_enabled": "y",
    "reminder_lead_days": "30, 7, 1, 0",
    "weekly_report_enabled": "y",
    "notify_mode": "immediate",
}


def switch_language(client, code: str) -> None:
    response = client.submit("/me", {**PREFERENCES, "language": code})
    assert response.status_code == 302, response.text


def test_an_officer_switched_to_kazakh_sees_the_dashboard_in_kazakh(client, officer) -> None:
    client.login(officer)
    assert "Where everything stands" in client.get("/").text  # English to begin with

    switch_language(client, "kk")

    page = client.get("/").text
    assert '<html lang="kk">' in page
    assert "Бәрі қай жерде тұр" in page  # Where everything stands
    assert "Мерзімі өткен кезеңдер" in page  # Overdue milestones
    assert "бүгін 12 қаң. 2026" in page  # today, a date in Kazakh
    assert "Where everything stands" not in page
    assert 'name="language"' in client.get("/me").text
    assert '<option selected value="kk">' in client.get("/me").text


def test_a_forms_errors_are_in_kazakh(client, officer) -> None:
    client.login(officer)
    switch_language(client, "kk")

    response = client.submit(
        "/agreements/new",
        {"title": "", "kind": "bilateral", "status": "draft", "in_force_on": "2020-03-01"},
    )
    assert response.status_code == 422
    assert "Келісімнің атауын енгізіңіз." in response.text  # a form's own message
    assert "Мәселе бар" in response.text  # the error summary's heading

    response = client.submit(
        "/agreements/new",
        {
            "title": "Enhanced Partnership and Cooperation Agreement",
            "kind": "bilateral",
            "status": "signed",
            "signed_on": "2015-12-21",
            "in_force_on": "2015-03-01",
        },
    )
    assert response.status_code == 422
    # The domain's refusal, with its dates in Kazakh
    assert "Күшіне ену (1 нау. 2015) қол қоюдан (21 жел. 2015) бұрын болмайды." in response.text


def test_an_illegal_status_move_is_refused_in_russian(client, officer, make) -> None:
    track = make.track(lead=officer, status="launched", since=date(2025, 12, 2))
    client.login(officer)
    switch_language(client, "ru")
    response = client.submit(
        f"/tracks/{track.id}/status",
        {
            "to_status": "signed",
            "effective_on": "2026-01-10",
            "expected_status": "launched",
            "comment": "",
        },
    )
    assert response.status_code == 422
    assert (
        "Пропускать этапы нельзя: после статуса «начаты» следует «идут переговоры»."
        in response.text
    )


def test_a_reminder_reaches_a_kazakh_officer_in_kazakh(app, client, officer, make, mailbox):
    track = make.track(lead=officer, since=date(2025, 12, 2))
    make.milestone(track, title="Round 2", planned_on=date(2026, 1, 19), owner_id=officer.id)
    english = make.user(role="officer", name="English Reader")
    make.milestone(track, title="Round 3", planned_on=date(2026, 1, 19), owner_id=english.id)
    client.login(officer)
    switch_language(client, "kk")

    now = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
    run_job(app, REMINDER_SCAN, now)
    run_job(app, OUTBOX_DRAIN, now)

    mine = [m for m in mailbox.messages if str(m["To"]) == officer.email]
    subjects = sorted(str(m["Subject"]) for m in mine)
    # The lead officer of the track hears of both rounds, in Kazakh.
    assert subjects == [
        "Еске салғыш: Round 2 7 күннен кейін (19 қаң. 2026)",
        "Еске салғыш: Round 3 7 күннен кейін (19 қаң. 2026)",
    ]
    text = mine[0].get_body(preferencelist=("plain",)).get_content()
    html = mine[0].get_body(preferencelist=("html",)).get_content()
    assert f"Құрметті {officer.name}!" in text
    assert "мерзімі 7 күннен кейін, 19 қаң. 2026." in text
    assert "Бұл хаттарды өзгерту немесе тоқтату: http://tracker.test/me" in text
    assert '<html lang="kk">' in html and "Кезеңді ашу" in html
    # The same reminder, built once, reaches an English reader in English.
    theirs = [m for m in mailbox.messages if str(m["To"]) == english.email]
    assert [str(m["Subject"]) for m in theirs] == ["Reminder: Round 3 in 7 days (19 Jan 2026)"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "Кіру"),
        ("ru-RU,ru;q=0.9,en;q=0.5", "Войти"),
        ("de-DE,de;q=0.9", "Log in"),
        ("", "Log in"),
    ],
)
def test_before_login_the_browser_chooses_the_language(client, accept, expected) -> None:
    page = client.get("/login", headers={"Accept-Language": accept} if accept else {}).text
    assert f">{expected}</" in page
    assert "Accept-Language" in client.get("/login").headers.get("Vary", "")


def test_a_users_choice_wins_over_the_browser_and_none_follows_it(client, officer) -> None:
    client.login(officer)
    russian_browser = {"Accept-Language": "ru"}
    assert "Где всё находится сейчас" in client.get("/", headers=russian_browser).text
    switch_language(client, "kk")
    assert "Бәрі қай жерде тұр" in client.get("/", headers=russian_browser).text
    switch_language(client, "")  # back to the browser's
    assert "Где всё находится сейчас" in client.get("/", headers=russian_browser).text


def test_a_language_not_offered_is_refused_with_a_reason(client, officer) -> None:
    client.login(officer)
    response = client.submit("/me", {**PREFERENCES, "language": "fr"})
    assert response.status_code == 422
    assert "Choose a language from the list." in response.text


def test_dates_numbers_and_plurals_follow_the_language(app) -> None:
    day = date(2025, 12, 21)
    with language("en"):
        assert (format_day(day), format_month(day)) == ("21 Dec 2025", "December 2025")
        assert format_number(1234567) == "1,234,567"
        assert [when(date(2026, 1, n), date(2026, 1, 1)) for n in (1, 2, 3)] == [
            "today",
            "tomorrow",
            "in 2 days",
        ]
    with language("ru"):
        assert (format_day(day), format_month(day)) == ("21 дек. 2025", "декабрь 2025")
        assert format_number(1234567) == "1\xa0234\xa0567"
        # Russian has three plural forms: 2 дня, 5 дней, 21 день
        assert [when(date(2026, 1, 1 + n), date(2026, 1, 1)) for n in (2, 5, 21)] == [
            "через 2 дня",
            "через 5 дней",
            "через 21 день",
        ]
    with language("kk"):
        assert format_day(day) == "21 жел. 2025"
        assert when(date(2026, 1, 6), date(2026, 1, 1)) == "5 күннен кейін"
    with language(None):  # a user who never chose: English in mail
        assert when(date(2026, 1, 2), date(2026, 1, 1)) == "tomorrow"


def test_a_day_remembered_in_one_language_is_not_shown_in_another(app) -> None:
    """format_day remembers days per language (issue 19): each language keeps its own."""
    day = date(2025, 12, 22)
    shown = []
    for code in ("ru", "en", "kk", "ru", "en"):
        with language(code):
            shown.append(format_day(day))
    assert shown == ["22 дек. 2025", "22 Dec 2025", "22 жел. 2025", "22 дек. 2025", "22 Dec 2025"]


def test_a_kazakh_follower_hears_of_a_status_change_in_kazakh(app, client, mailbox, make, officer):
    from tracker.domain.workflow import TrackStatus
    from tracker.services import follows as follow_service

    follower = make.user(role="viewer", name="Kazakh Reader", language="kk")
    track = make.track(TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Visa facilitation")
    follow_service.follow(follower, track)
    client.login(officer)  # an English-speaking officer makes the change
    response = client.submit(
        f"/tracks/{track.id}/status",
        {"to_status": "negotiating", "expected_status": "launched", "effective_on": "2026-01-12"},
    )
    assert response.status_code == 302

    run_job(app, next(j for j in JOBS if j.id == "follow-notices"), NOW)
    run_job(app, OUTBOX_DRAIN, NOW)

    (message,) = [m for m in mailbox.messages if str(m["To"]) == follower.email]
    summary = (
        "Visa facilitation: 12 қаң. 2026 «басталды» мәртебесінен "
        "«келіссөздер жүріп жатыр» мәртебесіне ауысты"
    )
    assert str(message["Subject"]) == f"Өзгеріс: {summary}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Сіз бақылайтын жазбада өзгеріс болды:" in text and summary in text
