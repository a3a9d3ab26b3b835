"""h16d #4 (issue 16, today's fresh check), the minor faults: repeated names dropped from a
pasted list of Parties without a word; the computed dates in an agreement's calendar feed
carry no SEQUENCE (RFC 5545 3.8.7.4), so a client may not take a moved date; Kazakh
sentences in a word order no Kazakh reader uses."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import time_machine
from flask_babel import force_locale, gettext
from icalendar import Calendar

from tracker.models import AgreementStatus, ClockRule, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed


def test_repeated_pasted_names_are_said(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Union")], title="Open convention", kind="multilateral"
    )
    client.login(officer)
    response = client.submit(
        f"/agreements/{agreement.id}/parties/paste",
        {
            "names": "Kazakhstan\nFrance\nKazakhstan\nkazakhstan\n",
            "version": str(agreement.version),
        },
    )
    assert response.status_code == 302, response.text
    page = html.unescape(client.get(response.location).text)
    assert "2 parties added." in page
    assert "2 repeated names skipped: Kazakhstan, kazakhstan" in page


def _computed_events(client, token: str) -> dict[str, object]:
    body = client.get(f"/calendar/{token}.ics").data
    return {
        str(e["SUMMARY"]): e
        for e in Calendar.from_ical(body).walk("VEVENT")
        if "(computed)" in str(e["SUMMARY"])
    }


def test_a_computed_event_has_a_sequence_that_moves_with_its_date(client, officer, make) -> None:
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        short_title="TPA",
        status=AgreementStatus.SIGNED,
    )
    treaty.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
        )
    )
    union, republic = treaty.ratifications
    union.actions.append(PartyAction(kind="notification_of_completion", on=date(2019, 11, 4)))
    notified = PartyAction(kind="notification_of_completion", on=date(2020, 1, 15))
    republic.actions.append(notified)
    db.session.commit()
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=treaty)
    db.session.commit()
    with time_machine.travel(datetime(2026, 1, 12, 9, 0, tzinfo=UTC), tick=False):
        first = _computed_events(client, token)["Entry into force (computed): TPA"]
        again = _computed_events(client, token)["Entry into force (computed): TPA"]
        assert "SEQUENCE" in first and int(first["SEQUENCE"]) >= 0
        assert int(first["SEQUENCE"]) == int(again["SEQUENCE"])  # nothing changed
        notified.on = date(2020, 2, 20)
        db.session.commit()
        moved = _computed_events(client, token)["Entry into force (computed): TPA"]
    assert moved.decoded("DTSTART") == date(2020, 4, 1)
    assert int(moved["SEQUENCE"]) != int(first["SEQUENCE"])


def test_kazakh_counts_and_since_read_as_kazakh(app) -> None:
    with app.test_request_context(), force_locale("kk"):
        consented = gettext("%(done)s of %(total)s have consented to be bound", done=2, total=3)
        assert consented == "3 тараптың 2 тарабы міндеттілікке келісімін білдірді"
        from tracker.i18n import format_since

        assert gettext("since %(date)s", date=format_since(date(2020, 4, 1))) == (
            "2020 ж. 1 сәуірден бастап"
        )
    with app.test_request_context(), force_locale("ru"):
        assert gettext("since %(date)s", date=format_since(date(2020, 4, 1))) == ("с 1 апр. 2020")
