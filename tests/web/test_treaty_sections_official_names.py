"""Issue 15 (check of the built issue), item 8: the weekly report's treaty sections (acts
recorded, notice deadlines) name an agreement by its official name in the reader's
language, as the report's other sections do, and its CSV carries the official names."""

from __future__ import annotations

import csv
import html
import io
from datetime import UTC, date, datetime

import time_machine

from tests.party_acts import act_form
from tests.web.test_treaty_doors import _rules
from tracker.models import AgreementStatus
from tracker.orm import db

RU = "Тестовое соглашение о партнёрстве"
KK = "Әріптестік туралы сынақ келісімі"


def test_the_treaty_sections_name_the_agreement_in_the_readers_language(
    client, officer, make
) -> None:
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        official_title_ru=RU,
        official_title_kk=KK,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
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
        for language, name in (("ru", RU), ("kk", KK)):
            officer.language = language
            db.session.commit()
            client.login(officer)
            page = html.unescape(client.get("/reports/weekly/2025-W37").text)
            # the ratification section's row (named so already), the act's and the deadline's
            assert page.count(name) == 3, language
            rows = list(csv.reader(io.StringIO(client.get("/reports/weekly/2025-W37.csv").text)))
        treaty_rows = [r for r in rows if r[0] in ("party action", "notice deadline")]
        assert len(treaty_rows) == 2
        assert all(r[-2:] == [RU, KK] for r in treaty_rows), treaty_rows
