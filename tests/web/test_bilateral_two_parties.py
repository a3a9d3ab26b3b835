"""Issue 16 (found by a fresh check, #1): a bilateral agreement has exactly two Parties.
Pasting two more names onto a bilateral said "2 parties added", and the computed entry into
force then waited for them; the paste, the agreement form and the CSV import now refuse a
third Party with a message that says how to go on. A pasted "Switzerland; Iceland" made one
Party of that name; names are split at semicolons too, and the page says so."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from tests.web.test_spreadsheets import preview
from tracker.models import Agreement, AgreementKind, Party
from tracker.orm import db

REFUSAL = "A bilateral agreement has two Parties: change its kind to multilateral (or mixed) first"


@pytest.fixture
def bilateral(make):
    return make.agreement(
        title="Readmission agreement",
        kind=AgreementKind.BILATERAL,
        parties=[make.party("European Union"), make.party("Kazakhstan")],
    )


def test_a_paste_onto_a_bilateral_is_refused_and_adds_no_one(client, officer, bilateral) -> None:
    client.login(officer)
    response = client.submit(
        f"/agreements/{bilateral.id}/parties/paste",
        {"names": "Uzbekistan\nTürkiye", "version": str(bilateral.version)},
    )
    assert response.status_code == 422
    assert REFUSAL in html.unescape(response.get_data(as_text=True))
    db.session.expire_all()
    assert [r.party.name for r in bilateral.ratifications] == ["European Union", "Kazakhstan"]


def test_the_form_refuses_a_third_party_on_a_bilateral(client, officer, make) -> None:
    eu, kz, uz = make.party("European Union"), make.party("Kazakhstan"), make.party("Uzbekistan")
    client.login(officer)
    response = client.submit(
        "/agreements/new",
        {
            "title": "Three-sided bilateral",
            "kind": "bilateral",
            "status": "draft",
            "party_ids": [str(eu.id), str(kz.id), str(uz.id)],
        },
    )
    assert response.status_code == 422
    assert REFUSAL in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(select(Agreement)) is None
    multilateral = client.submit(
        "/agreements/new",
        {
            "title": "Three-sided convention",
            "kind": "multilateral",
            "status": "draft",
            "party_ids": [str(eu.id), str(kz.id), str(uz.id)],
        },
    )
    assert multilateral.status_code == 302


def test_the_csv_import_refuses_a_third_party_on_a_bilateral(client, officer, make) -> None:
    for name in ("European Union", "Kazakhstan", "Uzbekistan"):
        make.party(name)
    client.login(officer)
    response = preview(
        client,
        "agreements",
        b"title,kind,status,parties\r\n"
        b"Three-sided bilateral,bilateral,draft,European Union; Kazakhstan; Uzbekistan\r\n",
    )
    assert response.status_code == 422
    assert REFUSAL in html.unescape(response.get_data(as_text=True))


def test_names_pasted_with_semicolons_are_split_and_the_page_says_so(client, officer, make) -> None:
    convention = make.agreement(title="Convention", kind=AgreementKind.MULTILATERAL)
    client.login(officer)
    response = client.submit(
        f"/agreements/{convention.id}/parties/paste",
        {"names": "Switzerland; Iceland\nNorway", "version": str(convention.version)},
        follow_redirects=True,
    )
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "3 parties added." in page
    assert "“Switzerland; Iceland” was split at its semicolons." in page
    db.session.expire_all()
    assert [r.party.name for r in convention.ratifications] == ["Switzerland", "Iceland", "Norway"]
    assert db.session.scalar(select(Party).where(Party.name == "Switzerland; Iceland")) is None
