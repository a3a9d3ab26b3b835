"""Issue 16, fresh check (h16c #3): the consistency panel and the administrators' list of
contradictions name a Party in the reader's language (its name in Russian or Kazakh),
not in English."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.models import AgreementStatus, PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
NAMES = {"ru": "Европейский союз", "kk": "Еуропалық Одақ"}


@pytest.mark.parametrize("language", ["ru", "kk"])
@time_machine.travel(TODAY, tick=False)
def test_contradictions_name_the_party_in_the_readers_language(
    client, admin, make, language
) -> None:
    union = make.party("European Union", name_ru=NAMES["ru"], name_kk=NAMES["kk"])
    agreement = make.agreement(
        parties=[union, make.party("Atlantis")],
        title="Test agreement",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    row = agreement.ratifications[0]
    row.actions += [
        PartyAction(kind="ratification", on=date(2020, 1, 10)),
        PartyAction(kind="provisional_application", on=date(2021, 1, 1)),
    ]
    db.session.commit()
    admin.language = language
    db.session.commit()
    client.login(admin)
    page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
    panel = page.split('id="consistency"')[1].split("</section>")[0]
    listed = html.unescape(client.get("/admin/contradictions").text).split("<main")[1]
    for text in (panel, listed):
        assert NAMES[language] in text
        assert "European Union" not in text
