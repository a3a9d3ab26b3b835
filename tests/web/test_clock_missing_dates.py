"""Issue 16 (found by a fresh check, #2): with a final clause whose event is recorded
without its date (the EPCA demo after adding the Art. 281(2) clause: both notifications
"not recorded"), the computed entry into force read "not yet — the date is not recorded
for: …" beside "Recorded 1 Mar 2020". Missing data is no "not yet": the page, the API and
the CSV say the date cannot be computed because the dates are not recorded, in the three
languages."""

from __future__ import annotations

import html
from datetime import date

import pytest
import time_machine

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import rows_of
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

TODAY = date(2026, 1, 15)
WORDS = {
    "en": ("cannot be computed: the dates of", "not yet"),
    "ru": ("вычислить нельзя: не записаны даты актов", "ещё нет"),
    "kk": ("есептеу мүмкін емес:", "әлі жоқ"),
}


@pytest.fixture
def epca(make):
    agreement = make.agreement(
        parties=[make.party("European Union"), make.party("Kazakhstan")],
        title="EU–Kazakhstan EPCA",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="notification_of_completion", on=None))
    agreement.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
            note="Art. 281(2)",
        )
    )
    db.session.commit()
    return agreement


def _computed(page: str) -> str:
    return html.unescape(page.split('class="table computed-dates"')[1].split("</table>")[0])


@pytest.mark.parametrize("code", sorted(WORDS))
@time_machine.travel(TODAY, tick=False)
def test_the_page_says_the_date_cannot_be_computed_not_not_yet(client, officer, epca, code) -> None:
    officer.language = code
    db.session.commit()
    client.login(officer)
    table = _computed(client.get(f"/agreements/{epca.id}").get_data(as_text=True))
    cannot, not_yet = WORDS[code]
    assert cannot in table
    assert "European Union, Kazakhstan" in table
    assert not_yet not in table


@time_machine.travel(TODAY, tick=False)
def test_the_api_and_the_csv_say_it_too(client, officer, epca) -> None:
    client.login(officer)
    [row] = rows_of(client.get("/agreements/export.csv"))
    assert row["computed_in_force_on"] == ""
    assert row["computed_in_force_basis"] == (
        "cannot be computed: the dates of the acts of European Union, Kazakhstan are not recorded"
    )
    found = client.get(f"/api/v1/agreements/{epca.id}", headers=bearer(officer)).get_json()
    [entry] = [d for d in found["computed_dates"] if d["kind"] == "entry_into_force"]
    assert entry["on"] is None
    assert entry["waiting"] == row["computed_in_force_basis"]


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("ru", "Европейский союз, Республика Казахстан"),
        ("kk", "Еуропалық Одақ, Қазақстан Республикасы"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_the_parties_it_waits_for_are_named_in_the_readers_language(
    client, officer, epca, code, names
) -> None:
    """The Parties a computed date waits for, or whose dates are missing, are each named
    in the reader's language (h16c left `", ".join` in the domain, which said them in
    English), on the page and in the CSV's basis, which is in the reader's language."""
    union, kazakhstan = (row.party for row in epca.ratifications)
    union.name_ru, union.name_kk = "Европейский союз", "Еуропалық Одақ"
    kazakhstan.name_ru, kazakhstan.name_kk = "Республика Казахстан", "Қазақстан Республикасы"
    officer.language = code
    db.session.commit()
    client.login(officer)
    table = _computed(client.get(f"/agreements/{epca.id}").get_data(as_text=True))
    assert names in table
    assert "European Union" not in table
    [row] = rows_of(client.get("/agreements/export.csv"))  # the basis as the page says it
    assert names in row["computed_in_force_basis"]
