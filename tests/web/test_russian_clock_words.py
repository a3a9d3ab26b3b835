"""Issue 16 (found by a fresh check, #5): the Russian words of the clocks. «Окончание
2-го срока» stood next to «срок 4 оканчивается» (now the ordinal throughout: «4-й срок
оканчивается»); the entry into force for a Party read «Вступление в силу для: Germany»
with a stray colon, on the page and in the .ics; the mode «Срок до окончания срока
действия» was clumsy; and the in-force-without-consent message listed the acts that
express consent leaving out acceptance and accession (in English too)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from tests.treaty_world import renewing
from tracker.models import AgreementKind, AgreementStatus, ClockRule, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _rule(purpose: str, mode: str, anchor: str, offset: int, unit: str, **kw) -> ClockRule:
    return ClockRule(purpose=purpose, mode=mode, anchor=anchor, offset=offset, unit=unit, **kw)


def test_the_term_is_named_with_its_ordinal_in_its_end_and_its_notice(
    client, officer, make
) -> None:
    agreement = renewing(make, in_force_on=date(2010, 3, 1), years=5)
    officer.language = "ru"
    db.session.commit()
    with time_machine.travel(TODAY, tick=False):
        client.login(officer)
        page = html.unescape(client.get(f"/agreements/{agreement.id}").get_data(as_text=True))
        form = client.get(f"/agreements/{agreement.id}/clocks/new").get_data(as_text=True)
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert "Окончание 4-го срока" in table
    assert "4-й срок оканчивается" in table
    assert "срок 4" not in table
    assert "За срок до окончания срока действия" in html.unescape(form)


def test_the_entry_into_force_for_a_party_has_no_stray_colon(client, officer, make) -> None:
    convention = make.agreement(
        parties=[make.party("Germany"), make.party("Iceland"), make.party("Norway")],
        title="Convention on transit",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.SIGNED,
    )
    convention.ratifications[0].actions.append(
        PartyAction(kind="ratification", on=date(2025, 3, 10))
    )
    convention.clock_rules = [
        _rule("entry_into_force", "after", "nth_instrument", 30, "days", nth=1),
    ]
    officer.language = "ru"
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=convention)
    db.session.commit()
    with time_machine.travel(TODAY, tick=False):
        client.login(officer)
        page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
        body = client.get(f"/calendar/{token}.ics").data
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert "Вступление в силу для стороны Germany" in table
    assert "для:" not in table
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")]
    assert any(s.startswith("Вступление в силу для стороны Germany") for s in summaries), summaries
    assert not any("для:" in s for s in summaries)


@pytest.mark.parametrize(
    ("code", "acts"),
    [
        ("en", "(ratification, acceptance, approval, accession, notification of completed"),
        ("ru", "(ратификация, принятие, утверждение, присоединение, уведомление"),
        ("kk", "(ратификациялау, қабылдау, бекіту, қосылу, рәсімдердің"),
    ],
)
def test_in_force_without_consent_names_every_act_of_consent(
    client, officer, make, code, acts
) -> None:
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    officer.language = code
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{agreement.id}").get_data(as_text=True))
    flagged = page.split('id="consistency"')[1].split("</section>")[0]
    assert acts in " ".join(flagged.split())
