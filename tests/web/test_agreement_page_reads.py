"""The agreement page issues as many statements whatever the number of its Parties' acts
(issue 19): the acts table named each act's Party through `PartyAction.party_row`, a
many-to-one on (agreement, party) that SQLAlchemy cannot find in the identity map, so
each act listed read its Party's row again. Deterministic: statements are counted."""

from __future__ import annotations

from datetime import date, timedelta

from tests.web.test_query_counts import counted
from tracker.models import PartyAction
from tracker.orm import db


def agreement_with_acts(make, parties: int, title: str) -> int:
    """An agreement of `parties` Parties, each with a signature and a ratification."""
    members = [make.party(f"{title} State {i}") for i in range(parties)]
    agreement = make.agreement(parties=members, title=title)
    for i, row in enumerate(agreement.ratifications):
        row.actions.append(PartyAction(kind="signature", on=date(2024, 1, 2) + timedelta(i)))
        row.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 2) + timedelta(i)))
    db.session.commit()
    return agreement.id


def statements_for(client, agreement_id: int, party: str) -> int:
    url = f"/agreements/{agreement_id}"
    assert client.get(url).status_code == 200  # the session's first read is not counted
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert party in response.get_data(as_text=True)  # the acts table names the Party
    return len(statements)


def test_the_agreement_page_issues_as_many_statements_whatever_its_acts(
    client, make, officer
) -> None:
    client.login(officer)
    small = statements_for(client, agreement_with_acts(make, 1, "Small"), "Small State 0")
    large = statements_for(client, agreement_with_acts(make, 4, "Large"), "Large State 3")
    assert large == small
