"""Issue 16, fresh check (h16c #4): the API and the acts file name a Party by its name,
short name, or its name in Russian or Kazakh, in any case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def treaty(make):
    kazakhstan = make.party(
        "Kazakhstan", name_ru="Республика Казахстан", name_kk="Қазақстан Республикасы"
    )
    return make.agreement(parties=[make.party("Atlantis"), kazakhstan], title="Test agreement")


@time_machine.travel(TODAY, tick=False)
def test_a_party_is_named_in_russian_or_kazakh(live_server, officer, treaty) -> None:
    from tracker.services.spreadsheets import run_import

    acts = f"{live_server}/api/v1/agreements/{treaty.id}/actions"
    for name, on in (("Республика Казахстан", "2025-01-02"), ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "")):
        added = requests.post(
            acts,
            json={"party": name, "kind": "declaration", "on": on or None},
            headers=bearer(officer),
            timeout=5,
        )
        assert added.status_code == 201, added.text
    header = "agreement,party,kind,on\n"
    result = run_import(
        "actions",
        f"{header}Test agreement,республика казахстан,signature,2025-01-03\n",
        officer,
        confirm=False,
    )
    assert result.ok, result.rows[0].errors
