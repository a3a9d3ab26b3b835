"""One schema per input: a milestone's limits hold the same at every door (web form, JSON
API, CSV row, a service called directly), are read from the columns, and every refusal
reaches a form in the reader's language."""

from __future__ import annotations

import html
import io

import pytest
import requests
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tracker.models import Milestone, MilestoneKind
from tracker.orm import db
from tracker.schemas import SchemaRefusal, max_length
from tracker.schemas.milestones import MilestoneChanges, MilestoneInput
from tracker.services.milestones import create_milestone

TWO_LINES = "Round 4\nBrussels, technical level"


def test_lengths_come_from_the_columns() -> None:
    assert max_length(MilestoneInput, "title") == Milestone.__table__.c.title.type.length
    assert max_length(MilestoneInput, "location") == Milestone.__table__.c.location.type.length


@pytest.mark.parametrize(
    ("title", "refusal"),
    [
        (TWO_LINES, "Keep this on one line: no line breaks."),
        ("Round 4\u2028Brussels", "Keep this on one line: no line breaks."),
        ("x" * 301, "At most 300 characters."),
        ("Round\x07 4", "Remove the control characters from this text."),
        # empty: only a round may be untitled (issue #15 #7), so a deadline says so
        ("   ", "Enter a title; only a round may be left untitled (it is called by its number)."),
    ],
)
def test_a_title_is_one_line_within_the_column(title: str, refusal: str) -> None:
    with pytest.raises(SchemaRefusal) as refused:
        MilestoneInput.of({"title": title, "kind": "deadline", "planned_on": "2026-02-02"})
    assert [(r.field, str(r.message)) for r in refused.value.refusals] == [("title", refusal)]


def test_changes_keep_only_what_was_given() -> None:
    assert MilestoneChanges.of({"location": " Astana "}).given() == {"location": "Astana"}
    with pytest.raises(SchemaRefusal):
        MilestoneChanges.of({"title": None})  # a title can be changed, not removed


def test_a_service_called_directly_validates_too(make, officer) -> None:
    track = make.track()
    with pytest.raises(SchemaRefusal) as refused:
        create_milestone(
            {
                "track_id": track.id,
                "title": TWO_LINES,
                "kind": MilestoneKind.DEADLINE,
                "planned_on": "2026-02-02",
            },
            actor=officer,
        )
    assert refused.value.field == "title"
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0


def test_the_same_limit_at_every_door(client, live_server, make, officer) -> None:
    track = make.track()
    client.login(officer)
    form = client.submit(
        "/milestones/new",
        {
            "track_id": track.id,
            "title": TWO_LINES,
            "kind": "deadline",
            "planned_on": "2026-02-02",
            "date_precision": "day",
        },
    )
    assert form.status_code == 422
    assert "Keep this on one line: no line breaks." in html.unescape(form.text)

    api = requests.post(
        f"{live_server}/api/v1/milestones",
        json={
            "track_id": track.id,
            "title": TWO_LINES,
            "kind": "deadline",
            "planned_on": "2026-02-02",
        },
        headers=bearer(officer),
        timeout=5,
    )
    assert api.status_code == 422
    assert {"name": "title", "message": "Keep this on one line: no line breaks."} in api.json()[
        "errors"
    ]

    csv = f'title,kind,planned_on,track\r\n"{TWO_LINES}",deadline,2026-02-02,{track.name}\r\n'
    preview = client.post(
        "/import/milestones",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(csv.encode("utf-8-sig")), "file.csv"),
        },
        content_type="multipart/form-data",
    )
    assert preview.status_code == 422
    assert "Keep this on one line: no line breaks." in html.unescape(preview.text)
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0


def test_schema_refusals_reach_a_kazakh_officer_in_kazakh(client, make) -> None:
    officer = make.user(role="officer", language="kk")
    track = make.track()
    client.login(officer)
    response = client.submit(
        "/milestones/new",
        {
            "track_id": track.id,
            "title": TWO_LINES,
            "kind": "deadline",
            "planned_on": "2026-02-02",
            "date_precision": "day",
            "location": "ы" * 201,
            "number": "0",
        },
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "Бір жолға жазыңыз, жол ауыстырмай." in page  # one line
    assert "200 таңбадан аспауы керек." in page  # at most 200 characters
    assert "1 мен 10 000 аралығындағы санды енгізіңіз." in page.replace("\xa0", " ")
    assert "Keep this on one line" not in page


def test_a_tab_in_a_one_line_field_is_called_a_tab_not_a_line_break() -> None:
    from tracker.schemas import SchemaRefusal
    from tracker.schemas.milestones import MilestoneInput

    with pytest.raises(SchemaRefusal) as refused:
        MilestoneInput.of({"title": "Round 4\tBrussels"})
    messages = {r.field: str(r.message) for r in refused.value.refusals}
    assert messages["title"] == "Use spaces, not tabs, in this text."
    with pytest.raises(SchemaRefusal) as both:
        MilestoneInput.of({"title": "Round 4\t\nBrussels"})
    assert {r.field: str(r.message) for r in both.value.refusals}["title"] == (
        "Keep this on one line: no line breaks."
    )
