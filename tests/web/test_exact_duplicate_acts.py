"""The same act of a Party is refused by every door (issue 16, h16b fault 1): the same
agreement, Party, kind and date, and for an objection the same reservation. Two objections
of one day to two different reservations are two acts; an import's row that repeats a
stored act with other details, or a row above it in the same file, is refused on the row in
the preview (a row the same in every cell as a stored act is that act, unchanged)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tests.party_acts import act_form, field_errors
from tracker.models import PartyAction
from tracker.orm import db
from tracker.services.spreadsheets import run_import

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    """Atlantis made two reservations; the Republic objected to the first on 1 Jun 2025."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Republic")], title="Test agreement"
    )
    atlantis, republic = agreement.ratifications
    atlantis.actions.append(PartyAction(kind="reservation", on=date(2025, 3, 3), note="Art. 5"))
    atlantis.actions.append(PartyAction(kind="reservation", on=date(2025, 4, 1), note="Art. 7"))
    db.session.flush()
    republic.actions.append(
        PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=atlantis.actions[0].id)
    )
    db.session.commit()
    return agreement


def _form(row_id: int, **changes: str) -> dict[str, str]:
    return act_form(row_id, **({"kind": "objection", "on": "2025-06-01"} | changes))


@time_machine.travel(TODAY, tick=False)
def test_the_form_tells_objections_apart_by_their_reservation(client, officer, treaty) -> None:
    client.login(officer)
    atlantis, republic = treaty.ratifications
    first, second = atlantis.actions
    url = f"/agreements/{treaty.id}/actions/new"
    again = client.submit(url, _form(republic.id, objects_to_id=str(first.id)))
    assert again.status_code == 422
    assert "already recorded" in field_errors(again)["on"]
    other = client.submit(url, _form(republic.id, objects_to_id=str(second.id)))
    assert other.status_code == 302, field_errors(other)
    db.session.expire_all()
    assert sorted(a.objects_to_id for a in republic.actions) == [first.id, second.id]


@time_machine.travel(TODAY, tick=False)
def test_the_api_refuses_the_same_objection_on_post_and_patch(live_server, officer, treaty) -> None:
    atlantis, republic = treaty.ratifications
    first, second = atlantis.actions
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Republic", "kind": "objection", "on": "2025-06-01"}
    refused = requests.post(
        acts, json={**body, "objects_to_id": first.id}, headers=bearer(officer), timeout=5
    )
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["on"]
    assert "already recorded" in refused.json()["errors"][0]["message"]
    added = requests.post(
        acts, json={**body, "objects_to_id": second.id}, headers=bearer(officer), timeout=5
    )
    assert added.status_code == 201, added.text
    # changed into the objection already recorded: refused
    changed = requests.patch(
        f"{acts}/{added.json()['id']}",
        json={"objects_to_id": first.id},
        headers={**bearer(officer), "If-Match": added.headers["ETag"]},
        timeout=5,
    )
    assert changed.status_code == 422, changed.text
    assert [e["name"] for e in changed.json()["errors"]] == ["on"]


@time_machine.travel(TODAY, tick=False)
def test_the_acts_file_refuses_the_same_act_on_its_row(officer, treaty) -> None:
    atlantis, _ = treaty.ratifications
    first, second = atlantis.actions
    header = "agreement,party,kind,on,objects_to_id,note\n"
    text = (
        header
        # the stored reservation with another note, without its id: the same act
        + "Test agreement,Atlantis,reservation,2025-03-03,,Article 5 in full\n"
        # an objection to the other reservation: a new act, given twice in the file
        + f"Test agreement,Republic,objection,2025-06-01,{second.id},\n"
        + f"Test agreement,Republic,objection,2025-06-01,{second.id},\n"
        # the stored objection, the same in every cell: that act, unchanged
        + f"Test agreement,Republic,objection,2025-06-01,{first.id},\n"
    )
    result = run_import("actions", text, officer, confirm=False)
    assert not result.ok
    errors = [[(c, str(m)) for c, m in r.errors] for r in result.rows]
    assert [c for c, _ in errors[0]] == ["on"] and "already recorded" in errors[0][0][1]
    assert errors[1] == []
    assert [c for c, _ in errors[2]] == ["on"] and "row above" in errors[2][0][1], errors[2]
    assert errors[3] == []
    assert result.rows[3].action == "unchanged"
