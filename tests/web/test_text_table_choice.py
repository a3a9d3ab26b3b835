"""The comparative table offers the joint text's choice (issue 17 #6, found by a fresh
check): a held round, or the text as it is now (what a delegation takes to the next
round, the default); the button on a page showing a round carries that round; the title
says which ("as it stands on 12 Jan 2026" / "after Round 1"); the positions are those of
the round asked, or for "now" the latest recorded, each marked with its round."""

from __future__ import annotations

import io
import re
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
    """Rounds 1 and 2 held, Round 3 planned; Article 3 changed between them, positions
    recorded at each held round, then marked agreed ad referendum after Round 2."""
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
        track, {"number": "3", "texts": {"en": "First wording."}}, actor=lead
    )
    db.session.commit()
    for n, (round_, ours) in enumerate(((rounds[0], "OURS-ONE"), (rounds[1], "OURS-TWO"))):
        positions.save_position(
            article,
            round_,
            {"ours": ours, "theirs": f"THEIRS-{n}", "notes": ""},
            actor=lead,
            expected_version=0,
        )
        complete_milestone(
            round_, done_on=date(2025, 10 + n, 5), outcome="", actor=lead, expected_version=1
        )
        db.session.commit()
        if n == 0:
            provisions.update_provision(
                article,
                {"texts": {"en": "Second wording."}},
                actor=lead,
                expected_version=article.version,
            )
            db.session.commit()
    provisions.update_provision(
        article,
        {"status": "agreed_ad_referendum"},
        actor=lead,
        expected_version=article.version,
    )
    db.session.commit()
    return {"lead": lead, "track": track, "rounds": rounds}


def _table(response: Any) -> tuple[str, list[str]]:
    """The title and the first provision row's cells of a comparative table."""
    assert response.status_code == 200, response.status_code
    document = docx.Document(io.BytesIO(response.data))
    rows = document.tables[0].rows
    return document.paragraphs[0].text, [c.text for c in rows[1].cells]


def test_the_table_by_default_is_the_text_as_it_stands_now(client: Any, text: dict) -> None:
    track = text["track"]
    client.login(text["lead"])
    title, cells = _table(client.get(f"/tracks/{track.id}/text/table.docx"))
    assert title == "Visa facilitation: comparative table, as it stands on 12 Jan 2026"
    assert "Agreed ad referendum" in cells[0]
    assert "Second wording." in cells[0]
    # the latest recorded positions, each marked with the round it comes from
    assert cells[1:3] == ["OURS-TWO\n(from Round 2)", "THEIRS-1\n(from Round 2)"]
    # "now" said in so many words is the same file
    same = _table(client.get(f"/tracks/{track.id}/text/table.docx?round=now"))
    assert same == (title, cells)


def test_the_table_after_a_held_round_is_that_round(client: Any, text: dict) -> None:
    track, round_1 = text["track"], text["rounds"][0]
    client.login(text["lead"])
    title, cells = _table(client.get(f"/tracks/{track.id}/text/table.docx?round={round_1.id}"))
    assert title == "Visa facilitation: comparative table, after Round 1"
    assert "Open" in cells[0] and "First wording." in cells[0]
    assert cells[1:3] == ["OURS-ONE", "THEIRS-0"]


def test_the_table_of_a_round_not_held_is_refused_as_the_joint_text_is(
    client: Any, text: dict
) -> None:
    track, round_3 = text["track"], text["rounds"][2]
    client.login(text["lead"])
    for export in ("joint.docx", "table.docx"):
        answer = client.get(f"/tracks/{track.id}/text/{export}?round={round_3.id}")
        assert answer.status_code == 404, export
        assert "Round 3" in answer.get_data(as_text=True)
    assert client.get(f"/tracks/{track.id}/text/joint.docx?round=now").status_code == 200


def _form(page: str, action: str) -> str:
    found = re.search(rf'<form[^>]*action="[^"]*/{re.escape(action)}".*?</form>', page, re.S)
    assert found, action
    return found.group(0)


def test_the_table_button_on_a_round_carries_that_round(client: Any, text: dict) -> None:
    track, round_1 = text["track"], text["rounds"][0]
    client.login(text["lead"])
    page = client.get(f"/tracks/{track.id}/text?round={round_1.id}").get_data(as_text=True)
    for action in ("joint.docx", "table.docx"):
        assert f'name="round" value="{round_1.id}"' in _form(page, action), action
    now = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert 'name="round"' not in _form(now, "table.docx")
