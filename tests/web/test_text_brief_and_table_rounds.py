"""The brief between rounds and the comparative table's carried positions (issue 17 #4,
found by a fresh check): once the last round is held and none is planned, the brief is the
text after that round, not a brief "before" it; a position carried forward from an earlier
round says which round it is from in the comparative table, as on the brief."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.milestones import complete_milestone


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    """Three rounds; positions recorded for Round 2 only; Round 3 planned."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    rounds = [
        make.milestone(
            track,
            kind=MilestoneKind.ROUND,
            number=n,
            title=f"Round {n}",
            planned_on=date(2025, 9 + n, 5),
        )
        for n in (1, 2, 3)
    ]
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Within [EU: 10] days."}}, actor=lead
    )
    positions.save_position(
        article,
        rounds[1],
        {"ours": "15 days", "theirs": "10 days", "notes": "Ask about fees"},
        actor=lead,
        expected_version=0,
    )
    db.session.commit()
    for n, round_ in enumerate(rounds[:2]):
        complete_milestone(
            round_, done_on=date(2025, 10 + n, 5), outcome="", actor=lead, expected_version=1
        )
        db.session.commit()
    return {"lead": lead, "track": track, "rounds": rounds, "article": article}


def test_the_brief_after_the_last_round_held_is_between_rounds(client: Any, text: dict) -> None:
    track, round_3 = text["track"], text["rounds"][2]
    client.login(text["lead"])
    before = client.get(f"/tracks/{track.id}/text/brief").get_data(as_text=True)
    assert "<h1>Before-round brief: Round 3</h1>" in before
    complete_milestone(
        round_3, done_on=date(2025, 12, 5), outcome="", actor=text["lead"], expected_version=1
    )
    db.session.commit()
    page = client.get(f"/tracks/{track.id}/text/brief").get_data(as_text=True)
    assert "Before-round brief: Round 3" not in page
    assert "<h1>Brief between rounds: the text after Round 3</h1>" in page
    assert "No round is planned" in page


def test_a_carried_position_says_its_round_in_the_comparative_table(
    client: Any, text: dict
) -> None:
    track = text["track"]
    client.login(text["lead"])
    response = client.get(f"/tracks/{track.id}/text/table.docx")  # as it is now
    assert response.status_code == 200
    [_header, row] = docx.Document(io.BytesIO(response.data)).tables[0].rows
    cells = [c.text for c in row.cells]
    assert cells[1:] == ["15 days\n(from Round 2)", "10 days\n(from Round 2)", "Ask about fees"]
    # For Round 2 itself the positions are its own: no "from".
    round_2 = text["rounds"][1]
    own = client.get(f"/tracks/{track.id}/text/table.docx?round={round_2.id}")
    [_header, row] = docx.Document(io.BytesIO(own.data)).tables[0].rows
    assert [c.text for c in row.cells][1:] == ["15 days", "10 days", "Ask about fees"]


def _title(response: Any) -> str:
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.data)).paragraphs[0].text


def test_the_comparative_table_after_the_last_round_held_says_after(
    client: Any, text: dict
) -> None:
    """Found by a fresh check: once Round 3 is held with none planned, the table was still
    titled "comparative table, Round 3", as if Round 3 were to come. Since h17b the table
    offers the joint text's choice: by default the text as it stands today, dated; a held
    round chosen says "after" it."""
    track, round_3 = text["track"], text["rounds"][2]
    client.login(text["lead"])
    now = _title(client.get(f"/tracks/{track.id}/text/table.docx"))
    assert now == "Visa facilitation: comparative table, as it stands on 12 Jan 2026"
    complete_milestone(
        round_3, done_on=date(2025, 12, 5), outcome="", actor=text["lead"], expected_version=1
    )
    db.session.commit()
    held = _title(client.get(f"/tracks/{track.id}/text/table.docx?round={round_3.id}"))
    assert held == "Visa facilitation: comparative table, after Round 3"
    # a held round chosen by hand says so too
    round_2 = text["rounds"][1]
    chosen = _title(client.get(f"/tracks/{track.id}/text/table.docx?round={round_2.id}"))
    assert chosen == "Visa facilitation: comparative table, after Round 2"
