"""An agreement with many Parties (issue 16 #2, found by a fresh check): besides the group
filter, the Parties' table and the acts list are filtered by a Party's name (in any case
or script, tracker.domain.names.fold), by the kind of act, and to the Parties that have
not yet consented to be bound."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tracker.models import PartyAction
from tracker.orm import db


@pytest.fixture
def convention(make):
    parties = [make.party(n) for n in ("Германия", "France", "Kazakhstan", "Austria")]
    agreement = make.agreement(parties=parties, title="Open convention", kind="multilateral")
    germany, france, kazakhstan, austria = agreement.ratifications
    germany.actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2015, 1, 5))
    )
    germany.actions.append(PartyAction(kind="ratification", on=date(2016, 2, 1)))
    france.actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2015, 1, 5))
    )
    kazakhstan.actions.append(PartyAction(kind="accession", on=date(2017, 3, 1)))
    austria.actions.append(PartyAction(kind="declaration", on=date(2017, 4, 1)))
    db.session.commit()
    return agreement


def _shown(page: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The Parties in the table, and (Party, act) of the acts list."""
    parties = page.split('id="parties"')[1].split("</section>")[0]
    acts = page.split('id="actions"')[1].split("</section>")[0]
    rows = [
        re.sub(r"<[^>]+>", "", m).strip().split("\n")[0].strip()
        for m in re.findall(r'<th scope="row">(.*?)</th>', parties, re.S)
    ]
    listed = [
        (party.strip(), act.strip())
        for party, act in re.findall(
            r'<tr id="action-\d+">\s*<td class="date">.*?</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>',
            acts,
            re.S,
        )
    ]
    return rows, listed


def test_the_parties_and_their_acts_are_filtered(client, officer, convention) -> None:
    client.login(officer)
    url = f"/agreements/{convention.id}"
    page = html.unescape(client.get(url).text)
    assert 'name="party"' in page and 'name="kind"' in page and 'name="waiting"' in page

    rows, acts = _shown(html.unescape(client.get(f"{url}?party=ГЕРМ").text))
    assert rows == ["Германия"]
    assert acts == [
        ("Германия", "Signature subject to ratification"),
        ("Германия", "Ratification"),
    ]

    rows, acts = _shown(
        html.unescape(client.get(f"{url}?kind=signature_subject_to_ratification").text)
    )
    assert acts == [
        ("Германия", "Signature subject to ratification"),
        ("France", "Signature subject to ratification"),
    ]

    # not yet consented: France signed subject to ratification, Austria only declared
    rows, acts = _shown(html.unescape(client.get(f"{url}?waiting=1").text))
    assert rows == ["France", "Austria"]
    assert acts == [("France", "Signature subject to ratification"), ("Austria", "Declaration")]

    both = html.unescape(client.get(f"{url}?waiting=1&party=aus").text)
    assert _shown(both) == (["Austria"], [("Austria", "Declaration")])
    assert "1 of 4 parties shown" in both

    nothing = client.get(f"{url}?kind=no-such-kind&party=nobody")
    assert nothing.status_code == 200
    assert _shown(html.unescape(nothing.text)) == ([], [])
