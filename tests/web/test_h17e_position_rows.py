"""Issue 17 polish (h17e): the negotiating text's audit rows and small faults.

1. A read of the positions on a provision keeps the provision's heading of its time, as a
   change does: after a renumbering its row still names the provision as it was then.
2. Opening a round's positions page writes one read row, not two (nothing recorded, or
   positions carried from an earlier round: one read of that provision's positions).
3. Saving positions unchanged says so ("Nothing changed: the positions stand as they
   were.") and writes no change row.
4. The audit log and the Activity panel use the forms' words: "Heading" (a provision's
   title), "Their position (EU)" / "Our position (KZ)" (a positions save).
5. The side-by-side Word export of a provision in English and Russian gives its title once
   (the model holds one title, not one per language): the Russian column's heading is
   «Статья 1», not «Статья 1 — Visas».

The real app, a file database and the Flask test client; time moved with time-machine."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import docx
import pytest
import time_machine
from sqlalchemy import func, select

from tracker.models import AuditEvent, MilestoneKind, Position
from tracker.orm import db
from tracker.services import positions, provisions

SECRET = "RED-LINE-QZX"


def _rows(page: str) -> list[str]:
    """The audit log's rows, as text."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in body.split("<tr>")[1:]]


def _activity_rows(page: str) -> list[str]:
    start = page.index('id="activity-title"')
    panel = page[start : page.index("</section>", start)]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in panel.split("<tr>")[1:]]


def _count(action: str) -> int:
    return db.session.scalar(select(func.count()).where(AuditEvent.action == action))


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    """A track (our side KZ, counterpart EU) with Articles 1 and 2 and two rounds."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation", our_side="KZ")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="", planned_on=date(2026, 1, 5)
    )
    round_2 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=2, title="", planned_on=date(2026, 2, 5)
    )
    with time_machine.travel("2025-11-20 10:00Z", tick=False):
        first = provisions.create_provision(
            track, {"number": "1", "title": "Scope", "texts": {"en": "Scope."}}, actor=lead
        )
        second = provisions.create_provision(
            track, {"number": "2", "texts": {"en": "The application."}}, actor=lead
        )
        db.session.commit()
    return {
        "lead": lead,
        "track": track,
        "first": first,
        "second": second,
        "round_1": round_1,
        "round_2": round_2,
    }


def _url(text: dict, round_: Any) -> str:
    return f"/tracks/{text['track'].id}/text/{text['second'].id}/positions?round={round_.id}"


def _renumber(text: dict) -> None:
    """A new article 2 goes before the second: it becomes Article 3."""
    track, lead = text["track"], text["lead"]
    with time_machine.travel("2025-11-22 10:00Z", tick=False):
        new = provisions.create_provision(
            track, {"number": "9", "texts": {"en": "Definitions."}}, actor=lead
        )
        provisions.reorder_provisions(
            track,
            {
                "provisions": [
                    {"provision_id": text["first"].id},
                    {"provision_id": new.id, "number": "2"},
                    {"provision_id": text["second"].id, "number": "3"},
                ]
            },
            actor=lead,
        )
        db.session.commit()


# --- 1. a read row keeps the heading of its time ----------------------------------------


def test_a_read_row_names_the_provision_as_it_was(client: Any, admin: Any, text: dict) -> None:
    client.login(text["lead"])
    assert client.get(_url(text, text["round_2"])).status_code == 200
    reads = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "position.read"))
    kept = {"kind": "article", "number": "2", "title": ""}
    assert all((read.after or {}).get("heading") == kept for read in reads)
    _renumber(text)
    client.login(admin)
    rows = [r for r in _rows(client.get("/audit").get_data(as_text=True)) if " read " in r]
    # said as a save is: the provision by its heading then, and the round
    assert rows and all("Positions on Article 2, Round 2" in r for r in rows), rows
    assert not any("Article 3" in r for r in rows)


# --- 2. one read row per opening of the page ---------------------------------------------


def test_the_page_with_nothing_recorded_writes_one_read_row(client: Any, text: dict) -> None:
    client.login(text["lead"])
    assert client.get(_url(text, text["round_2"])).status_code == 200
    assert _count("position.read") == 1


def test_the_page_with_positions_carried_writes_one_read_row(client: Any, text: dict) -> None:
    positions.save_position(
        text["second"],
        text["round_1"],
        {"red_line": SECRET},
        actor=text["lead"],
        expected_version=0,
    )
    db.session.commit()
    client.login(text["lead"])
    page = client.get(_url(text, text["round_2"])).get_data(as_text=True)
    assert SECRET in page  # carried from Round 1
    [read] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "position.read"))
    # the one row names what was shown: the positions carried from Round 1
    assert read.after["position_id"] is not None


# --- 3. saving unchanged -----------------------------------------------------------------


def _form(**fields: str) -> dict[str, str]:
    return {"ours": "", "red_line": "", "fallback": "", "theirs": "", "notes": "", **fields}


def test_saving_recorded_positions_unchanged_says_nothing_changed(client: Any, text: dict) -> None:
    client.login(text["lead"])
    url = _url(text, text["round_2"])
    first = client.submit(url, _form(ours="Ten days", version="0"), follow_redirects=True)
    assert "Positions saved" in first.get_data(as_text=True)
    saves = _count("position.saved")
    version = str(db.session.scalar(select(Position.version)))
    again = client.submit(url, _form(ours="Ten days", version=version), follow_redirects=True)
    page = again.get_data(as_text=True)
    assert "Nothing changed" in page and "Positions saved" not in page
    assert _count("position.saved") == saves


def test_saving_carried_positions_unchanged_records_nothing(client: Any, text: dict) -> None:
    positions.save_position(
        text["second"],
        text["round_1"],
        {"red_line": SECRET},
        actor=text["lead"],
        expected_version=0,
    )
    db.session.commit()
    client.login(text["lead"])
    saves = _count("position.saved")
    answer = client.submit(
        _url(text, text["round_2"]), _form(red_line=SECRET, version="0"), follow_redirects=True
    )
    page = answer.get_data(as_text=True)
    assert "Nothing changed" in page and "Positions saved" not in page
    assert _count("position.saved") == saves
    # nothing recorded at Round 2: Round 1's positions still stand, and say so
    assert not db.session.scalar(
        select(func.count()).where(Position.round_id == text["round_2"].id)
    )


def test_nothing_changed_is_said_in_russian_and_kazakh(client: Any, text: dict) -> None:
    url = _url(text, text["round_2"])
    for language in ("ru", "kk"):
        text["lead"].language = language
        db.session.commit()
        client.login(text["lead"])
        answer = client.submit(url, _form(version="0"), follow_redirects=True)
        page = answer.get_data(as_text=True)
        assert "Nothing changed" not in page
        assert {"ru": "Ничего не изменилось", "kk": "Ештеңе өзгерген жоқ"}[language] in page


# --- 4. the forms' words -----------------------------------------------------------------


def test_a_provisions_title_is_its_heading_in_the_rows(client: Any, admin: Any, text: dict) -> None:
    second = text["second"]
    provisions.update_provision(
        second, {"title": "Applications"}, actor=text["lead"], expected_version=second.version
    )
    db.session.commit()
    client.login(admin)
    [row] = [r for r in _rows(client.get("/audit").get_data(as_text=True)) if "Applications" in r]
    assert "Heading" in row and "Title" not in row
    client.login(text["lead"])
    page = client.get(f"/tracks/{text['track'].id}").get_data(as_text=True)
    [row] = [r for r in _activity_rows(page) if "Applications" in r]
    assert "Heading" in row and "Title" not in row


def test_a_positions_save_names_the_sides_as_the_form_does(
    client: Any, admin: Any, text: dict
) -> None:
    client.login(text["lead"])
    form = client.get(_url(text, text["round_2"])).get_data(as_text=True)
    assert "Their position (EU)" in form and "Our position (KZ)" in form
    client.submit(_url(text, text["round_2"]), _form(ours="a", theirs="b", version="0"))
    client.login(admin)
    [row] = [r for r in _rows(client.get("/audit").get_data(as_text=True)) if "saved" in r]
    assert "Their position (EU)" in row and "Our position (KZ)" in row
    assert "Counterpart" not in row


# --- 5. the side-by-side export gives the title once -------------------------------------


def test_the_side_by_side_export_gives_the_title_once(client: Any, text: dict) -> None:
    first = text["first"]
    provisions.update_provision(
        first,
        {"texts": {"en": "Scope.", "ru": "Сфера применения."}},
        actor=text["lead"],
        expected_version=first.version,
    )
    db.session.commit()
    client.login(text["lead"])
    data = client.get(f"/tracks/{text['track'].id}/text/joint.docx?lang=side").get_data()
    [table] = docx.Document(io.BytesIO(data)).tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["English", "Русский"]
    assert cells[1] == ["Article 1 — Scope", "Статья 1"]
