"""Issue 16 (found by a fresh check): a relations file naming an agreement that does not
exist in its `other_agreement` column answered 500 (the message was looked up by the column's
name); every import's name columns say "No agreement is called …" on the line and column
instead, whatever the column is called."""

from __future__ import annotations

import html

import pytest

from tests.web.test_spreadsheets import preview
from tracker.models import TreatyRelation
from tracker.orm import db

FILES = {
    "relations": (
        b"agreement,kind,other_agreement,note\n"
        b"Partnership agreement,framework_for,Nonexistent treaty,x\n",
        "other_agreement",
    ),
    "relations-left": (
        b"agreement,kind,other_agreement,note\nNonexistent treaty,amends,Partnership agreement,x\n",
        "agreement",
    ),
}


@pytest.mark.parametrize("case", sorted(FILES))
def test_an_unknown_agreement_in_any_name_column_is_said_on_its_cell(
    client, officer, make, case
) -> None:
    make.agreement(title="Partnership agreement")
    db.session.commit()
    client.login(officer)
    data, column = FILES[case]
    shown = preview(client, "relations", data)
    assert shown.status_code == 422, shown.status_code
    text = html.unescape(shown.get_data(as_text=True))
    assert f"<strong>{column}</strong>: No agreement is called “Nonexistent treaty”." in text
    assert db.session.query(TreatyRelation).count() == 0
