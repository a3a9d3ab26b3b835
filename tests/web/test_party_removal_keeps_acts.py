"""Issue 16 (h16c's leftover of today's fresh check): removing a Party from an agreement,
on its form or by the agreements file, deleted that Party's row and every act recorded
for it (instruments, notifications, references) without a word. A Party with recorded
acts is not removed: the form and the file say which Parties and why; a Party with none
is removed as before."""

from __future__ import annotations

import html
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.web.test_agreement_forms import valid_agreement
from tests.web.test_spreadsheets import preview, rows_of
from tracker.models import AgreementKind, PartyAction, Ratification
from tracker.orm import db


@pytest.fixture
def convention(make):
    """Three Parties; Austria deposited its instrument (reference BGBl. III Nr. 1/2022)."""
    austria, kazakhstan, chile = (
        make.party("Austria"),
        make.party("Kazakhstan"),
        make.party("Chile"),
    )
    agreement = make.agreement(
        parties=[austria, kazakhstan, chile],
        title="Test convention",
        short_title="TC",
        kind=AgreementKind.MULTILATERAL,
    )
    agreement.ratifications[0].actions.append(
        PartyAction(
            kind="ratification", on=date(2022, 1, 10), instrument_ref="BGBl. III Nr. 1/2022"
        )
    )
    db.session.commit()
    return agreement


def _acts() -> int:
    return db.session.scalar(select(func.count(PartyAction.id)))


def test_the_form_refuses_to_remove_a_party_with_acts(client, officer, convention) -> None:
    austria, kazakhstan, chile = (r.party for r in convention.ratifications)
    client.login(officer)
    refused = client.submit(
        f"/agreements/{convention.id}/edit",
        valid_agreement(
            title="Test convention",
            kind="multilateral",
            party_ids=[str(kazakhstan.id), str(chile.id)],
            version=str(convention.version),
        ),
    )
    assert refused.status_code == 422
    assert "Austria" in html.unescape(refused.text)
    assert "acts are recorded" in html.unescape(refused.text)
    assert _acts() == 1
    # a Party without acts is removed as before
    removed = client.submit(
        f"/agreements/{convention.id}/edit",
        valid_agreement(
            title="Test convention",
            kind="multilateral",
            party_ids=[str(austria.id), str(kazakhstan.id)],
            version=str(convention.version),
        ),
    )
    assert removed.status_code == 302
    db.session.expire_all()
    assert [r.party.name for r in convention.ratifications] == ["Austria", "Kazakhstan"]
    assert _acts() == 1


def test_the_agreements_file_refuses_to_remove_a_party_with_acts(
    client, officer, convention
) -> None:
    client.login(officer)
    [row] = rows_of(client.get("/agreements/export.csv"))
    row["parties"] = "Kazakhstan; Chile"
    lines = [",".join(f'"{k}"' for k in row), ",".join(f'"{v}"' for v in row.values())]
    page = preview(client, "agreements", "\n".join(lines).encode())
    text = html.unescape(page.get_data(as_text=True))
    assert "Austria" in text and "acts are recorded" in text
    assert db.session.scalar(select(func.count(Ratification.id))) == 3
    assert _acts() == 1
