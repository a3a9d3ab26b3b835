"""Issue 16, fresh check (h16c #6): a list of choices in an error is joined in the
reader's language ("a, b или c", "a, b, не болмаса c"), not with an English "or"."""

from __future__ import annotations

import pytest

from tracker.i18n import language, translate
from tracker.services.spreadsheets import run_import


def _first_error(kind: str, text: str, officer) -> str:  # noqa: ANN001
    result = run_import(kind, text, officer, confirm=False)
    assert not result.ok
    return translate(result.rows[0].errors[0][1])


@pytest.mark.parametrize(("code", "word"), [("ru", " или "), ("kk", " не болмаса ")])
def test_choices_are_joined_in_the_readers_language(app, make, officer, code, word) -> None:
    make.agreement(parties=[make.party("Atlantis")], title="Test agreement")
    make.agreement(title="Protocol")
    files = {
        "actions": "agreement,party,kind,on\nTest agreement,Atlantis,bogus,2025-01-01\n",
        "relations": "agreement,kind,other_agreement\nTest agreement,bogus,Protocol\n",
    }
    for kind, text in files.items():
        with app.test_request_context(), language(code):
            said = _first_error(kind, text, officer)
        assert " or " not in said, (kind, said)
        assert word in said, (kind, said)
    with app.test_request_context(), language("en"):
        said = _first_error("actions", files["actions"], officer)
    assert "withdrawal or suspension" in said
