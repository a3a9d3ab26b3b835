"""Issue 16 (found by a fresh check, #2): mixed agreements. The EPCA's placeholder row
"EU Member States" stands for a group of Parties and is not itself a Party: "X of N"
(on the page, in the list and in the API) does not count it. And each Party row has an
explicit side of a mixed agreement (of the one part: the Union and its Member States; of
the other part: the partner), set on the Parties form and in the API, not derived from
groups: it decides when one side has left."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import requests
import time_machine
from sqlalchemy import select

from tests.api.conftest import bearer
from tracker.models import Agreement, AgreementKind, AgreementStatus, PartyAction, PartyKind
from tracker.orm import db
from tracker.services.demo import seed_demo_data

TODAY = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


def test_the_member_states_placeholder_is_not_counted(client, officer) -> None:
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    assert "2 of 2 have consented to be bound" in page
    assert "3 of 3" not in page
    assert 'Signed <span class="count">2 of 2</span>' in page
    assert "EU Member States: not listed one by one" in page
    listing = html.unescape(client.get("/agreements/?q=EPCA").text)
    assert "2 of 2" in listing and "3 of 3" not in listing
    assert epca.ratified_count == 2


def _mixed(make) -> Agreement:
    """The Union (an organisation), Ruritania (a State in no group) and Borduria: by the
    old derivation Ruritania was of the other part, beside Borduria."""
    agreement = make.agreement(
        parties=[
            make.party("Union", kind=PartyKind.ORGANISATION),
            make.party("Ruritania"),
            make.party("Borduria"),
        ],
        title="Partnership agreement",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="accession", on=date(2019, 6, 1)))
    borduria = agreement.ratifications[2]
    borduria.actions.append(
        PartyAction(kind="withdrawal", on=date(2024, 1, 15), effective_on=date(2024, 7, 15))
    )
    db.session.commit()
    return agreement


ENDED = "no Party of its side remained bound"


def test_a_side_is_set_on_the_parties_form(client, officer, make) -> None:
    agreement = _mixed(make)
    ruritania = agreement.ratifications[1]
    with time_machine.travel(TODAY, tick=False):
        client.login(officer)
        page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
        assert ENDED not in page  # Ruritania is still of the other part
        form = client.get(f"/agreements/{agreement.id}?edit=parties").text
        assert f'name="ratification-{ruritania.id}-side"' in form
        saved = client.submit(
            f"/agreements/{agreement.id}/ratifications/{ruritania.id}",
            {
                f"ratification-{ruritania.id}-side": "one_part",
                f"ratification-{ruritania.id}-deposited_on": "2019-06-01",
                f"ratification-{ruritania.id}-version": str(ruritania.version),
            },
        )
        assert saved.status_code == 302, saved.text
        db.session.expire_all()
        assert ruritania.side == "one_part"
        assert [a.kind for a in ruritania.actions] == ["accession"]  # nothing else touched
        page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
    assert ENDED in page  # Borduria, alone of the other part, has left


def test_a_side_is_read_and_set_in_the_api(live_server, make, officer, viewer) -> None:
    agreement = _mixed(make)
    union, ruritania, _borduria = agreement.ratifications
    writer, reader = bearer(officer), bearer(viewer)
    url = f"{live_server}/api/v1/agreements/{agreement.id}"
    parties = requests.get(url, headers=reader, timeout=5).json()["parties"]
    assert [(p["party"], p["side"]) for p in parties] == [
        ("Union", "one_part"),
        ("Ruritania", "other_part"),
        ("Borduria", "other_part"),
    ]
    row_url = f"{url}/parties/{ruritania.id}"
    read = requests.get(row_url, headers=reader, timeout=5)
    assert read.status_code == 200, read.text
    etag = read.headers["ETag"]
    body = {"side": "one_part"}
    assert requests.patch(row_url, json=body, headers=reader, timeout=5).status_code == 403
    assert requests.patch(row_url, json=body, headers=writer, timeout=5).status_code == 428
    changed = requests.patch(row_url, json=body, headers={**writer, "If-Match": etag}, timeout=5)
    assert changed.status_code == 200, changed.text
    assert changed.json()["side"] == "one_part"
    stale = requests.patch(
        row_url, json={"side": "other_part"}, headers={**writer, "If-Match": etag}, timeout=5
    )
    assert stale.status_code == 412
    refused = requests.patch(
        row_url,
        json={"side": "middle"},
        headers={**writer, "If-Match": changed.headers["ETag"]},
        timeout=5,
    )
    assert refused.status_code == 422
    db.session.expire_all()
    assert (union.side, union.part, ruritania.side) == (None, "one_part", "one_part")


def test_a_group_row_is_said_so_in_the_header_and_the_api(live_server, client, officer) -> None:
    """A count over the listed Parties says that a group is not listed one by one ("2 of 2"
    alone reads as complete), and the API marks the group's row (`group`: true) so that a
    client does not count it as a Party."""
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    token = bearer(officer)
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{epca.id}", headers=token, timeout=10
    ).json()
    groups = {p["party"]: p["group"] for p in answer["parties"]}
    assert groups == {"European Union": False, "Kazakhstan": False, "EU Member States": True}
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    header = page.split("have consented to be bound")[1].split("</h2>")[0]
    assert "EU Member States not listed one by one" in header
