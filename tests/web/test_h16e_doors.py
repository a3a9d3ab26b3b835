"""Issue 16, faults from the re-check (h16e): re-importing an unchanged acts export; a
withdrawal of a reservation with none standing; a pasted Party list matched by every name
of a Party; every error of an acts row at once; plural forms of the import preview."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tests.party_acts import act_form, field_errors
from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Deltastan")], title="Test agreement"
    )
    db.session.commit()
    return agreement


@time_machine.travel(TODAY, tick=False)
def test_reimporting_an_unchanged_export_changes_nothing(client, officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    atlantis, deltastan = treaty.ratifications
    reservation = PartyAction(kind="reservation", on=date(2025, 3, 3))
    atlantis.actions.append(reservation)
    db.session.commit()
    deltastan.actions.append(
        PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    reservation.on = date(2025, 7, 1)  # moved later: the objection is now before it
    db.session.commit()
    client.login(officer)
    exported = client.get(f"/agreements/{treaty.id}/actions.csv").text
    result = run_import("actions", exported, officer, confirm=False)
    assert result.ok, [r.errors for r in result.rows]
    assert [r.action for r in result.rows] == ["unchanged", "unchanged"]
    db.session.rollback()
    # without the id column, the row is the stored act, unchanged, too
    lines = exported.lstrip("\ufeff").splitlines()
    column = lines[0].split(",").index("id")
    no_ids = "\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i != column) for line in lines
    )
    result = run_import("actions", no_ids + "\n", officer, confirm=False)
    assert result.ok, [r.errors for r in result.rows]
    db.session.rollback()
    page = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    panel = page.split('id="consistency"')[1].split("</section>")[0]
    assert "before the reservation" in panel


@time_machine.travel(TODAY, tick=False)
def test_a_withdrawal_needs_a_reservation_standing(client, live_server, officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    atlantis, deltastan = treaty.ratifications
    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    body = {"party": "Deltastan", "kind": "reservation_withdrawal", "on": "2024-04-01"}
    refused = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["on"]
    client.login(officer)
    url = f"/agreements/{treaty.id}/actions/new"
    form = act_form(deltastan.id, kind="reservation_withdrawal", on="2024-04-01")
    refused = client.submit(url, form)
    assert refused.status_code == 422
    assert "reservation" in field_errors(refused)["on"]
    header = "agreement,party,kind,on\n"
    result = run_import(
        "actions",
        f"{header}Test agreement,Deltastan,reservation_withdrawal,2024-04-01\n",
        officer,
        confirm=False,
    )
    assert not result.ok and [c for c, _ in result.rows[0].errors] == ["on"]
    db.session.rollback()
    # undated: no refusal
    undated = requests.post(acts, json={**body, "on": None}, headers=bearer(officer), timeout=5)
    assert undated.status_code == 201, undated.text
    # a withdrawal after the reservation is recorded; moving it before is refused
    atlantis.actions.append(PartyAction(kind="reservation", on=date(2024, 1, 10)))
    db.session.commit()
    body = {"party": "Atlantis", "kind": "reservation_withdrawal", "on": "2024-04-01"}
    added = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert added.status_code == 201, added.text
    moved = requests.patch(
        f"{acts}/{added.json()['id']}",
        json={"on": "2023-12-01"},
        headers={**bearer(officer), "If-Match": added.headers["ETag"]},
        timeout=5,
    )
    assert moved.status_code == 422, moved.text
    assert [e["name"] for e in moved.json()["errors"]] == ["on"]
    # stored: flagged
    atlantis.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2023, 5, 5)))
    db.session.commit()
    page = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    panel = page.split('id="consistency"')[1].split("</section>")[0]
    assert "Atlantis: withdrawal of a reservation of 5 May 2023" in panel, panel


@time_machine.travel(TODAY, tick=False)
def test_a_pasted_list_matches_every_name_of_a_party(client, live_server, officer, make) -> None:
    kazakhstan = make.party("Kazakhstan", name_ru="Республика Казахстан")
    eu = make.party("European Union")
    agreement = make.agreement(
        parties=[kazakhstan, make.party("Austria")], title="Pasted", kind="multilateral"
    )
    db.session.commit()
    client.login(officer)
    url = f"/agreements/{agreement.id}/parties/paste"
    page = client.get(url)
    version = str(agreement.version)
    assert page.status_code == 200
    done = client.submit(
        url,
        {
            "names": "Республика Казахстан\nEuropean  Union\nAustria",
            "group_name": "",
            "version": version,
        },
        follow_redirects=True,
    )
    text = " ".join(html.unescape(done.text).split())
    db.session.expire_all()
    assert "1 party added" in text, text[-1500:]
    assert sorted(r.party.name for r in agreement.ratifications) == [
        "Austria",
        "European Union",
        "Kazakhstan",
    ]
    assert "1 party added" in text
    assert "Республика Казахстан" in text.split("already")[1] and "Austria" in text
    acts = f"{live_server}/api/v1/agreements/{agreement.id}/actions"
    body = {"party": "European  Union", "kind": "signature", "on": "2024-04-01"}
    added = requests.post(acts, json=body, headers=bearer(officer), timeout=5)
    assert added.status_code == 201, added.text
    from tracker.services.spreadsheets import run_import  # noqa: PLC0415

    header = "agreement,party,kind,on\n"
    result = run_import(
        "actions",
        f"{header}Pasted,European  Union,ratification,2024-05-01\n",
        officer,
        confirm=False,
    )
    assert result.ok, [r.errors for r in result.rows]
    assert eu.id


@time_machine.travel(TODAY, tick=False)
def test_an_acts_row_reports_every_error(officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    header = "agreement,party,kind,on\n"
    result = run_import(
        "actions",
        f"{header}Test agreement,Deltastan,ratifikation,2024-13-01\n",
        officer,
        confirm=False,
    )
    assert not result.ok
    assert sorted(c for c, _ in result.rows[0].errors) == ["kind", "on"]


@time_machine.travel(TODAY, tick=False)
def test_the_preview_says_one_row(client, officer, make) -> None:
    from tests.web.test_spreadsheet_dialects import preview, text_of  # noqa: PLC0415

    make.track(name="Visas")
    client.login(officer)
    data = "title,kind,planned_on,track\nRound 1,round,2026-02-10,Visas\n"
    page = text_of(preview(client, "milestones", data.encode("utf-8")))
    assert "1 row: 1 to add, 0 to change, 0 unchanged." in page, page


@time_machine.travel(TODAY, tick=False)
def test_a_stored_withdrawal_alone_is_listed(client, admin, treaty) -> None:
    atlantis, deltastan = treaty.ratifications
    deltastan.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2024, 4, 1)))
    atlantis.actions.append(PartyAction(kind="reservation", on=date(2024, 1, 1)))
    atlantis.actions.append(PartyAction(kind="reservation_withdrawal", on=date(2024, 4, 1)))
    db.session.commit()
    client.login(admin)
    listed = html.unescape(client.get("/admin/contradictions").text)
    assert "Test agreement" in listed and "Deltastan: withdrawal of a reservation" in listed
    assert "Atlantis: withdrawal" not in listed


def test_one_party_pasted_under_two_names_is_added_once(client, officer, make) -> None:
    """fc16c #1: "European Union" and «Еуропалық Одақ» on two lines are one Party; adding it
    twice broke the unique row per agreement and Party (500)."""
    make.party("European Union", name_kk="Еуропалық Одақ")
    agreement = make.agreement(
        parties=[make.party("Austria")], title="Pasted twice", kind="multilateral"
    )
    db.session.commit()
    client.login(officer)
    url = f"/agreements/{agreement.id}/parties/paste"
    assert client.get(url).status_code == 200
    done = client.submit(
        url,
        {
            "names": "European Union\nЕуропалық Одақ",
            "group_name": "",
            "version": str(agreement.version),
        },
        follow_redirects=True,
    )
    assert done.status_code == 200
    db.session.expire_all()
    assert sorted(r.party.name for r in agreement.ratifications) == ["Austria", "European Union"]
    assert "1 party added" in " ".join(html.unescape(done.text).split())
