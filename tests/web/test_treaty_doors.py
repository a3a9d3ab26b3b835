"""Treaty law through every door (issue 16 #8): a file of Parties' acts is imported through
the import preview (one transaction, idempotent); the agreement's calendar feed has its
Parties' dated acts and the dates its final clauses give; the weekly report lists the acts
recorded in the week and the last days to give notice in the next three months."""

from __future__ import annotations

import csv
import html
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from tests.party_acts import act_form
from tests.web.test_spreadsheets import confirm_token, preview
from tracker.models import AgreementStatus, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed

MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # ISO week 2026-W03


@pytest.fixture
def treaty(make):
    return make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        short_title="TPA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )


def _rules(client, treaty) -> None:
    for rule in (
        {
            "purpose": "entry_into_force",
            "mode": "first_day_of_nth_month_following",
            "offset": "2",
            "anchor": "last_notification",
        },
        {
            "purpose": "initial_term",
            "mode": "after",
            "offset": "6",
            "unit": "years",
            "anchor": "entry_into_force",
        },
        {
            "purpose": "renewal",
            "mode": "after",
            "offset": "1",
            "unit": "years",
            "anchor": "end_of_term",
        },
        {
            "purpose": "notice_of_non_renewal",
            "mode": "after",
            "offset": "3",
            "anchor": "notification",
        },
    ):
        data = {"unit": "months", "nth": "", "note": "", **rule}
        assert client.submit(f"/agreements/{treaty.id}/clocks/new", data).status_code == 302


def test_a_file_of_party_actions_is_previewed_then_imported_once(client, officer, treaty) -> None:
    client.login(officer)
    data = (
        b"agreement,party,kind,on,instrument_ref\n"
        b"Test partnership agreement,Union,notification_of_completion,2019-11-04,\n"
        b"test partnership agreement,REPUBLIC,ratification,2020-01-15,Law No. 300\n"
    )
    shown = preview(client, "actions", data)
    assert shown.status_code == 200, shown.text
    assert "2 rows: 2 to add, 0 to change, 0 unchanged." in html.unescape(shown.text)
    db.session.expire_all()
    assert [a for r in treaty.ratifications for a in r.actions] == []  # a preview writes nothing
    done = client.submit("/import/actions/confirm", {"content": confirm_token(shown)})
    assert done.status_code == 302
    db.session.expire_all()
    union, republic = treaty.ratifications
    assert [(a.kind, a.on) for a in union.actions] == [
        ("notification_of_completion", date(2019, 11, 4))
    ]
    assert [(a.kind, a.instrument_ref) for a in republic.actions] == [
        ("ratification", "Law No. 300")
    ]
    again = preview(client, "actions", data)
    assert "2 rows: 0 to add, 0 to change, 2 unchanged." in html.unescape(again.text)
    wrong = preview(
        client,
        "actions",
        (
            b"agreement,party,kind,on\n"
            b"Test partnership agreement,Nobody,ratification,2020-01-15\n"
            b"Test partnership agreement,Union,ratification,2099-01-01\n"
        ),
    )
    assert wrong.status_code == 422
    text = html.unescape(wrong.text)
    assert "No party is called “Nobody”." in text
    assert "cannot be dated in the future" in text


def test_the_agreements_feed_has_its_acts_and_computed_dates(client, officer, treaty) -> None:
    union, republic = treaty.ratifications
    union.actions.append(PartyAction(kind="notification_of_completion", on=date(2019, 11, 4)))
    republic.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    db.session.commit()
    client.login(officer)
    _rules(client, treaty)
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=treaty)
    db.session.commit()
    with time_machine.travel(MONDAY, tick=False):
        body = client.get(f"/calendar/{token}.ics").data
    found = {
        str(e["SUMMARY"]): e.decoded("DTSTART") for e in Calendar.from_ical(body).walk("VEVENT")
    }
    assert found["Republic: Notification of completion of procedures (TPA)"] == date(2020, 1, 15)
    assert found["Entry into force (computed): TPA"] == date(2020, 3, 1)
    # the initial term's last day is 28 Feb 2026: notice three months before, by 30 Nov
    # 2025; the next term's last day is 28 Feb 2027, so the next last day is 30 Nov 2026
    assert found["Last day to give notice of non-renewal (computed): TPA"] == date(2026, 11, 30)


def test_the_weekly_report_lists_acts_recorded_and_notice_deadlines(
    client, officer, treaty
) -> None:
    client.login(officer)
    _rules(client, treaty)
    with time_machine.travel(datetime(2025, 9, 8, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        recorded = client.submit(
            f"/agreements/{treaty.id}/actions/new",
            act_form(treaty.ratifications[1].id, kind="declaration", on="2025-09-05"),
        )
        assert recorded.status_code == 302, recorded.text
    # the running week is previewed so far (README), read here on Tuesday
    with time_machine.travel(datetime(2025, 9, 9, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        page = html.unescape(client.get("/reports/weekly/2025-W37").text)
    acts = page.split("Party actions recorded this week")[1].split("<h2")[0]
    assert "Republic" in acts and "Declaration" in acts and "5 Sep 2025" in acts
    deadlines = page.split("Notice deadlines in the next 3 months")[1].split("<h2")[0]
    assert "30 Nov 2025" in deadlines and "Last day to give notice of non-renewal" in deadlines


def test_an_acts_file_with_some_columns_and_a_row_with_many_errors(officer, treaty) -> None:
    """As for agreement and milestone files (issue 14 #6): a file of ids with only some
    columns leaves the other fields unchanged, and the preview lists every error of a row,
    not the first only (found by the second adversarial check)."""
    from tracker.services.spreadsheets import run_import

    row = treaty.ratifications[0]
    row.actions.append(PartyAction(kind="declaration", on=date(2020, 1, 15), note="Old"))
    db.session.commit()
    act = row.actions[0]

    partial = run_import("actions", f"id,note\n{act.id},Corrected\n", officer, confirm=True)
    assert not partial.file_errors and [r.errors for r in partial.rows] == [[]]
    label = f"{treaty.display_title} · {row.party.name} · declaration"
    assert [r.label for r in partial.rows] == [label]  # whose act, though the row says not
    db.session.commit()
    db.session.expire_all()
    act = db.session.get(PartyAction, act.id)
    assert (act.note, act.kind.value, act.on) == ("Corrected", "declaration", date(2020, 1, 15))

    wrong = run_import(
        "actions",
        "agreement,party,kind,on\nNo agreement,Nobody,declaration,2020-13-01\n",
        officer,
        confirm=False,
    )
    assert {column for column, _ in wrong.rows[0].errors} == {"agreement", "party", "on"}


def test_an_acts_export_warns_on_reimport_of_an_act_changed_since(client, officer, treaty) -> None:
    """As agreement and milestone files do (issue 13's decision on CSV rows): the acts'
    export says when it was made, and an import of it warns of an act changed in the
    tracker since (found by the second adversarial check: the acts' file did not)."""
    from tracker.services.spreadsheets import run_import

    row = treaty.ratifications[0]
    row.actions.append(PartyAction(kind="declaration", on=date(2020, 1, 15), note="Old"))
    db.session.commit()
    act = row.actions[0]
    with time_machine.travel(datetime(2026, 1, 10, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        exported = client.get(f"/agreements/{treaty.id}/actions.csv").get_data(as_text=True)
    assert "exported_at" in exported.splitlines()[0]
    with time_machine.travel(datetime(2026, 1, 11, 9, 0, tzinfo=UTC), tick=False):
        act.note = "Changed by a colleague"
        db.session.commit()
    edited = exported.lstrip("\ufeff").replace(",Old,", ",Mine,")
    result = run_import("actions", edited, officer, confirm=False)
    assert [r.action for r in result.rows] == ["update"]
    assert [str(w) for w in result.rows[0].warnings] == [
        "Changed in the tracker on 2026-01-11, after this file was exported: this row would "
        "overwrite that change. Export again, or check the row before confirming."
    ]


def test_the_weekly_reports_csv_and_its_russian_page_have_the_treaty_sections(
    client, officer, treaty
) -> None:
    client.login(officer)
    _rules(client, treaty)
    with time_machine.travel(datetime(2025, 9, 8, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        recorded = client.submit(
            f"/agreements/{treaty.id}/actions/new",
            act_form(treaty.ratifications[1].id, kind="declaration", on="2025-09-05"),
        )
        assert recorded.status_code == 302, recorded.text
    # the running week is previewed so far (README), read here on Tuesday
    with time_machine.travel(datetime(2025, 9, 9, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        body = client.get("/reports/weekly/2025-W37.csv").data.decode("utf-8-sig")
        officer.language = "ru"
        db.session.commit()
        page = html.unescape(client.get("/reports/weekly/2025-W37").text)
    # the first five cells (the last two are the official names, issue 15 #11)
    rows = [row[:5] for row in csv.reader(io.StringIO(body))]
    assert ["party action", "2025-09-05", "TPA", "Republic: declaration", ""] in rows
    assert ["notice deadline", "2025-11-30", "TPA", "notice_deadline", ""] in rows
    acts = page.split("Действия сторон, записанные за неделю")[1].split("<h2")[0]
    assert "Republic" in acts and "Заявление" in acts
    deadlines = page.split("Сроки уведомлений в ближайшие 3 месяца")[1].split("<h2")[0]
    assert "Последний день" in deadlines
