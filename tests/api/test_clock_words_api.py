"""The final clauses' words through the JSON API (issue 16 #8): English, as the API
speaks, and grammatical: "on the first day of the second month following ...", "one year
after entry into force", with the event's date in ISO form."""

from __future__ import annotations

import requests

from tests.api.conftest import bearer
from tests.treaty_world import with_final_clauses
from tracker.models import Agreement
from tracker.orm import db


def test_the_api_words_clauses_and_bases_in_plain_english(live_server, world, viewer) -> None:
    epca = with_final_clauses(db.session.get(Agreement, world["agreement"]), years=1)
    db.session.commit()
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{epca.id}", headers=bearer(viewer), timeout=5
    ).json()
    words = {c["purpose"]: c["words"] for c in answer["final_clauses"]}
    assert words == {
        "entry_into_force": "on the first day of the second month following the last "
        "notification of completed procedures",
        "initial_term": "one year after entry into force",
    }
    basis = {d["kind"]: d["basis"] for d in answer["computed_dates"]}
    assert basis["entry_into_force"] == (
        "on the first day of the second month following the last notification of completed "
        "procedures, 2020-01-15"
    )
    assert basis["term_end"] == "one year from 2020-03-01, the term's first day in force"
