"""Issue #15, item 7: a round left without a title is titled from its number when shown,
in the reader's language ("Round 2" / «Раунд 2» / «2-раунд»), never stored: on its page,
the track's page, the lists, the dashboard, the weekly report, its calendar file and the
reminder mail. Any other milestone still needs a title."""

from __future__ import annotations

import html
from datetime import date

import time_machine
from sqlalchemy import select

from tests.mail.test_closed_work import run_on, subjects
from tests.web.test_milestone_forms import milestone_form
from tracker.models import Milestone, MilestoneKind
from tracker.orm import db


def _page(client, url: str) -> str:  # noqa: ANN001
    return html.unescape(client.get(url).text)


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_an_untitled_round_is_called_by_its_number_in_each_language(client, officer, make) -> None:
    track = make.track(name="Visa facilitation", lead=officer)
    make.milestone(track, title="Opening round", kind=MilestoneKind.ROUND, number=1)
    client.login(officer)
    created = client.submit(
        "/milestones/new", milestone_form(track.id, title="", planned_on="2026-02-10")
    )
    assert created.status_code == 302
    stored = db.session.scalars(select(Milestone).where(Milestone.number == 2)).one()
    assert stored.title == ""  # not stored: computed when shown
    url = f"/milestones/{stored.id}"
    for language, shown in (("en", "Round 2"), ("ru", "Раунд 2"), ("kk", "2-раунд")):
        officer.language = language
        db.session.commit()
        client.login(officer)
        page = _page(client, url)
        assert f"<h1>{shown}</h1>" in page and f"<title>{shown}" in page, language
        for where in (f"/tracks/{track.id}", "/milestones/", "/"):
            assert f">{shown}</a>" in _page(client, where), (language, where)
        assert f">{shown}</a>" in _page(client, "/reports/weekly/2026-W04"), language
    # a calendar file is in its reader's language too (issue 15 #11): here Kazakh
    assert "SUMMARY:2-раунд" in client.get(f"{url}.ics").text

    # any other kind still needs a title, said in words
    officer.language = "en"
    db.session.commit()
    client.login(officer)
    refused = client.submit(
        "/milestones/new",
        milestone_form(track.id, title="", kind="deadline", planned_on="2026-03-10"),
    )
    assert refused.status_code == 422
    # once in the error summary, once at the field: the form's and the schema's not both
    assert html.unescape(refused.text).count("only a round may be left untitled") == 2


def test_the_reminder_of_an_untitled_round_names_it_in_the_recipients_language(
    app, mailbox, make
) -> None:
    officer = make.user(language="ru")
    track = make.track(name="Visa facilitation", lead=officer)
    make.milestone(
        track, title="", kind=MilestoneKind.ROUND, number=3, planned_on=date(2026, 2, 10)
    )
    run_on(app, date(2026, 2, 3))
    assert any("Раунд 3" in s for s in subjects(mailbox)), subjects(mailbox)
    body = mailbox.messages[0].get_body(("plain",)).get_content()
    assert "Раунд 3" in body
