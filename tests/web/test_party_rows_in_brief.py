"""h16d #2 and #3 (issue 16, today's fresh check): the Parties' table of a convention.

#2: a Party's row shows its suspension and its territorial application in brief, as it
shows its reservations; a provisional application that has ended (an act "until" a day, or
an end of provisional application recorded) shows its end and is no longer counted in
"Provisionally applied X of N".
#3: the acts filter by kind narrows the Parties' table too, to the Parties with such an
act ("2 of 4 parties shown")."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
import time_machine

from tracker.models import PartyAction
from tracker.orm import db


@pytest.fixture
def convention(make):
    parties = [make.party(n) for n in ("Croatia", "Denmark", "Estonia", "Finland")]
    agreement = make.agreement(parties=parties, title="Open convention", kind="multilateral")
    croatia, denmark, estonia, finland = agreement.ratifications
    croatia.actions.append(PartyAction(kind="ratification", on=date(2021, 5, 3)))
    croatia.actions.append(PartyAction(kind="suspension", on=date(2024, 1, 1)))
    croatia.actions.append(PartyAction(kind="objection", on=date(2022, 2, 1)))
    denmark.actions.append(PartyAction(kind="territorial_application", on=date(2021, 9, 1)))
    denmark.actions.append(
        PartyAction(
            kind="provisional_application", on=date(2021, 1, 1), effective_on=date(2022, 6, 30)
        )
    )
    estonia.actions.append(PartyAction(kind="provisional_application", on=date(2021, 3, 1)))
    finland.actions.append(PartyAction(kind="objection", on=date(2022, 3, 1)))
    db.session.commit()
    return agreement


def _row(page: str, party: str) -> str:
    parties = page.split('id="parties"')[1].split("</table>")[0]
    return parties.split(f'<th scope="row">{party}')[1].split("</tr>")[0]


def _rows(page: str) -> list[str]:
    parties = page.split('id="parties"')[1].split("</section>")[0]
    return [
        re.sub(r"<[^>]+>", "", m).strip().split("\n")[0].strip()
        for m in re.findall(r'<th scope="row">(.*?)</th>', parties, re.S)
    ]


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_a_rows_suspension_territorial_application_and_ended_provisional_application(
    client, officer, convention
) -> None:
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}").text)
    croatia = re.sub(r"\s+", " ", _row(page, "Croatia"))
    assert "suspended (1 Jan 2024)" in croatia
    denmark = re.sub(r"\s+", " ", _row(page, "Denmark"))
    assert "territorial application (1 Sep 2021)" in denmark
    assert "until 30 Jun 2022" in denmark
    header = page.split('id="parties"')[1].split("</thead>")[0]
    provisionally = header.split("Provisionally applied")[1].split("</th>")[0]
    assert "1 of 4" in provisionally  # Estonia; Denmark's ended on 30 Jun 2022


def test_the_kind_filter_narrows_the_parties_too(client, officer, convention) -> None:
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}?kind=objection").text)
    assert _rows(page) == ["Croatia", "Finland"]
    assert "2 of 4 parties shown" in page
