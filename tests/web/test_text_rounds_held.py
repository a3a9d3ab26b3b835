"""The negotiating text and its rounds (issue 17), found by a fresh check: a round whose
text is frozen keeps its kind and track; a round not yet held has no text to show; the
positions of a round carry forward to the next; reads of positions stay out of the track's
activity; one count of brackets remaining."""

from __future__ import annotations

import html
import io
from datetime import date
from typing import Any

import docx
import pytest
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tracker.models import AuditEvent, Milestone, MilestoneKind, Position
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.errors import ServiceError
from tracker.services.milestones import complete_milestone, update_milestone

FALLBACK = "FALLBACK-R2-QZX"
RED_LINE = "RED-LINE-R2-QZX"


@pytest.fixture
def rounds(make: Any) -> dict[str, Any]:
    """A text held over two rounds (positions recorded for Round 2), Round 3 planned and
    untitled (named by its number), an article deleted with a bracket left in it."""
    lead = make.user(name="Lead")
    viewer = make.user(role="viewer", name="Viewer")
    track = make.track(lead=lead, name="Visa facilitation")
    round_1, round_2 = (
        make.milestone(
            track,
            kind=MilestoneKind.ROUND,
            number=n,
            title=f"Round {n} (demo example)",
            planned_on=date(2025, 10 + n, 5),
        )
        for n in (1, 2)
    )
    round_3 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=3, title="", planned_on=date(2026, 2, 5)
    )
    article = provisions.create_provision(
        track,
        {"number": "5", "title": "Processing time", "texts": {"en": "Within [EU: 10] days."}},
        actor=lead,
    )
    gone = provisions.create_provision(
        track, {"number": "6", "texts": {"en": "Fees [KZ: 35 EUR]."}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2025, 11, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        gone, {"status": "deleted"}, actor=lead, expected_version=gone.version
    )
    positions.save_position(
        article,
        round_2,
        {"ours": "10 days", "fallback": FALLBACK, "red_line": RED_LINE},
        actor=lead,
        expected_version=0,
    )
    db.session.commit()
    complete_milestone(
        round_2, done_on=date(2025, 12, 5), outcome="", actor=lead, expected_version=1
    )
    db.session.commit()
    return {
        "lead": lead,
        "viewer": viewer,
        "track": track,
        "round_1": round_1,
        "round_2": round_2,
        "round_3": round_3,
        "article": article,
        "gone": gone,
    }


# --- 1. a round whose text is frozen keeps its kind and track --------------------------


def test_a_frozen_round_keeps_its_kind_and_track(client: Any, make: Any, rounds: dict) -> None:
    round_2, lead = rounds["round_2"], rounds["lead"]
    other = make.track(lead=lead, name="Readmission")
    db.session.commit()
    for change, field in (
        ({"kind": MilestoneKind.MEETING}, "kind"),
        ({"track_id": other.id}, "track_id"),
    ):
        with pytest.raises(ServiceError) as refused:
            update_milestone(round_2, change, actor=lead, expected_version=round_2.version)
        assert refused.value.field == field
        assert "frozen" in str(refused.value) and "cancel" in str(refused.value)
        db.session.rollback()
    # the web form offers neither another kind nor another track, and says why
    client.login(lead)
    url = f"/milestones/{round_2.id}/edit"
    form = client.get(url).get_data(as_text=True)
    assert 'value="meeting"' not in form and "Readmission" not in form
    assert "frozen" in form
    data = {
        "title": round_2.title,
        "kind": "meeting",
        "track_id": str(rounds["track"].id),
        "number": "2",
        "planned_on": "2025-12-05",
        "date_precision": "day",
        "owner_id": "",
        "version": str(round_2.version),
    }
    refused_page = client.submit(url, data)
    assert refused_page.status_code == 422
    assert "frozen" in refused_page.get_data(as_text=True)
    # the API says it on the field too
    api = f"/api/v1/milestones/{round_2.id}"
    headers = bearer(lead)
    etag = client.get(api, headers=headers).headers["ETag"]
    answer = client.patch(api, json={"kind": "meeting"}, headers={**headers, "If-Match": etag})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.json["errors"][0]["name"] == "kind"
    # and the round's text is there still
    db.session.expire_all()
    assert db.session.get(Milestone, round_2.id).kind is MilestoneKind.ROUND
    track = rounds["track"].id
    assert client.get(f"/tracks/{track}/text?round={round_2.id}").status_code == 200
    # what is not frozen stays free: a planned round may become a meeting
    round_3 = rounds["round_3"]
    update_milestone(
        round_3,
        {"kind": MilestoneKind.MEETING, "title": "Talks"},
        actor=lead,
        expected_version=round_3.version,
    )


# --- 2. a round not yet held has no text ------------------------------------------------


def test_a_round_not_yet_held_has_no_text_to_show(client: Any, rounds: dict) -> None:
    track, round_3, lead = rounds["track"].id, rounds["round_3"].id, rounds["lead"]
    answer = client.get(f"/api/v1/tracks/{track}/text?round={round_3}", headers=bearer(lead))
    assert answer.status_code == 404
    assert answer.json["detail"] == "Round 3 has not been held: its text is not frozen."
    compared = client.get(
        f"/api/v1/tracks/{track}/text/compare?from={round_3}", headers=bearer(lead)
    )
    assert compared.status_code == 404
    client.login(lead)
    page = client.get(f"/tracks/{track}/text?round={round_3}")
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    assert "Round 3 has not been held: its text is not frozen." in html
    assert "bracketed passage" not in html and "joint.docx" not in html
    assert client.get(f"/tracks/{track}/text/compare?from={round_3}").status_code == 404
    # the pickers offer the rounds held only, each by its name
    text = client.get(f"/tracks/{track}/text").get_data(as_text=True)
    compare = client.get(f"/tracks/{track}/text/compare").get_data(as_text=True)
    for html in (text, compare):
        assert f'value="{round_3}"' not in html
        assert f'value="{rounds["round_2"].id}"' in html
    assert "From Round 1 (demo example)" in compare or "Round 1 (demo example) →" in compare


# --- 3. positions carry forward to the next round ---------------------------------------


def test_positions_carry_forward_to_a_round_still_to_come(client: Any, rounds: dict) -> None:
    track, article, round_3 = rounds["track"].id, rounds["article"], rounds["round_3"]
    client.login(rounds["lead"])
    # the brief before Round 3 (the next round, its default): Round 2's, saying so
    brief = client.get(f"/tracks/{track}/text/brief").get_data(as_text=True)
    assert "Round 3" in brief
    assert FALLBACK in brief and RED_LINE in brief and "10 days" in brief
    assert "from Round 2 (demo example)" in brief
    # the positions form for Round 3 is filled from Round 2's, and nothing is saved yet
    url = f"/tracks/{track}/text/{article.id}/positions?round={round_3.id}"
    form = client.get(url).get_data(as_text=True)
    assert FALLBACK in form and RED_LINE in form
    assert "from Round 2 (demo example)" in form
    assert "Within" in form and "10]" in form  # the provision's text beside them
    count = db.session.scalar(
        select(func.count()).select_from(Position).where(Position.round_id == round_3.id)
    )
    assert count == 0
    # saved when submitted, as the officer leaves it
    saved = client.submit(
        url,
        {
            "ours": "12 days",
            "red_line": RED_LINE,
            "fallback": FALLBACK,
            "theirs": "",
            "notes": "",
            "version": "0",
        },
    )
    assert saved.status_code == 302
    brief = client.get(f"/tracks/{track}/text/brief").get_data(as_text=True)
    assert "12 days" in brief and "from Round 2" not in brief


# --- 4. reads of positions stay out of the track's activity -----------------------------


def test_the_activity_shows_changes_to_the_text_not_reads_of_positions(
    client: Any, rounds: dict
) -> None:
    track, lead = rounds["track"].id, rounds["lead"]
    client.login(lead)
    assert client.get(f"/tracks/{track}/text/brief").status_code == 200
    read = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "position.read")
    )
    assert read  # audited, for the administrators' log
    for reader in (lead, rounds["viewer"]):
        client.login(reader)
        page = client.get(f"/tracks/{track}").get_data(as_text=True)
        activity = page[page.index('id="activity-title"') :]
        assert "Positions on the negotiating text read" not in activity
        # the provisions' changes are there: the article deleted, by its heading
        assert "Article 6" in activity


# --- 5. the comparative table shows a literal bracket as the joint text does ---------------


def test_the_comparative_table_shows_a_literal_bracket_without_its_backslash(
    client: Any, rounds: dict
) -> None:
    track, lead = rounds["track"], rounds["lead"]
    provisions.create_provision(
        track, {"number": "7", "texts": {"ru": "Визы \\[sic\\] выдаются."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    for lang in ("ru", "side"):
        answer = client.get(f"/tracks/{track.id}/text/table.docx?lang={lang}")
        assert answer.status_code == 200
        document = docx.Document(io.BytesIO(answer.get_data()))
        cells = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
        assert "Визы [sic] выдаются." in cells
        assert "\\[" not in cells


# --- 6. one count of brackets remaining -------------------------------------------------


def test_a_deleted_provisions_brackets_are_not_remaining(client: Any, rounds: dict) -> None:
    track = rounds["track"].id
    client.login(rounds["viewer"])
    page = client.get(f"/tracks/{track}/text").get_data(as_text=True)
    lead = page[page.index('class="lead"') :]
    assert "1 bracketed passage" in lead[: lead.index("</p>")]
    rows = page[page.index("Brackets remaining") :]
    assert "<td>Now</td><td>0</td><td>1</td><td>1</td>" in rows
    answer = client.get(f"/api/v1/tracks/{track}/text", headers=bearer(rounds["lead"]))
    assert answer.json["brackets_remaining"] == 1


# --- 7. wording ---------------------------------------------------------------------------


def test_the_texts_words_in_each_language(client: Any, make: Any, rounds: dict) -> None:
    from tracker.domain.provisions import ProvisionStatus, check_status

    # a count in the words of its number, not "passage(s)"
    for texts, words in (
        ({"en": "[EU: 10] days"}, "1 bracketed passage remains."),
        ({"en": "[EU: 10] [KZ: 15] days"}, "2 bracketed passages remain."),
    ):
        with pytest.raises(ServiceError) as refused:
            check_status(ProvisionStatus.AGREED, texts)
        assert words in str(refused.value)
    # the comparison says its two texts in a form each language can inflect
    track, lead = rounds["track"], rounds["lead"]
    for language, wrong in (("kk", "бастап"), ("ru", "С Round")):
        lead.language = language
        db.session.commit()
        client.login(lead)
        page = client.get(f"/tracks/{track.id}/text/compare").get_data(as_text=True)
        heading = page[page.index('<p class="lead">') :]
        heading = heading[: heading.index("</p>")]
        assert "Round 1 (demo example)" in heading and wrong not in heading, heading
    # the audit log says a provision's status by its label, a round by its name and a
    # provision by its heading
    article = rounds["article"]
    provisions.update_provision(
        article,
        {"texts": {"en": "Within 10 days."}, "status": "agreed_ad_referendum"},
        actor=lead,
        expected_version=article.version,
    )
    db.session.commit()
    admin = make.user(role="admin", name="Admin")
    db.session.commit()
    client.login(admin)
    log = html.unescape(client.get("/audit").get_data(as_text=True))
    assert "agreed_ad_referendum" not in log and "Agreed ad referendum" in log
    assert f"Provision #{article.id}" not in log and "Article 5" in log
    assert f"#{rounds['round_3'].id}" not in log and "Round 3" in log


def test_no_joint_text_is_exported_after_a_round_not_yet_held(client: Any, rounds: dict) -> None:
    track, lead = rounds["track"].id, rounds["lead"]
    client.login(lead)
    planned = client.get(f"/tracks/{track}/text/joint.docx?round={rounds['round_3'].id}")
    assert planned.status_code == 404
    assert "Round 3 has not been held" in planned.get_data(as_text=True)
    held = client.get(f"/tracks/{track}/text/joint.docx?round={rounds['round_2'].id}")
    assert held.status_code == 200


def test_an_import_keeps_a_frozen_round_a_round_of_its_track(rounds: dict) -> None:
    """The spreadsheet import goes by the service's rule: a row making a round whose text
    is frozen a meeting is refused on its kind; a planned round may become one."""
    from tracker.services.spreadsheets import run_import

    track, lead = rounds["track"], rounds["lead"]
    header = "id,title,kind,track,number,planned_on\r\n"
    held = f"{rounds['round_2'].id},Talks,meeting,{track.name},,2025-12-05\r\n"
    result = run_import("milestones", header + held, lead, confirm=False)
    [row] = result.rows
    assert not result.ok and row.errors[0][0] == "kind", row.errors
    assert "frozen" in row.errors[0][1]
    planned = f"{rounds['round_3'].id},Talks,meeting,{track.name},,2026-02-05\r\n"
    result = run_import("milestones", header + planned, lead, confirm=False)
    assert result.ok, result.rows[0].errors
