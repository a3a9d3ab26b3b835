"""A literal square bracket in a negotiating text (issue 17, "Decisions": "a literal square
bracket can be escaped (\\[)"): it is shown and exported as the bracket it is, without its
backslash, and a round trip through Word keeps it literal; an escaped opening bracket
takes its closing partner with it (``\\[sic]`` reads as ``\\[sic\\]``). Found by a fresh
check: the joint .docx showed ``\\[sic\\]`` and ``\\[sic]`` was refused as unbalanced."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from sqlalchemy import select

from tests.web.test_text_word import _confirm
from tests.web.test_text_word_import_checks import _import
from tracker.domain import brackets
from tracker.models import MilestoneKind, Provision
from tracker.orm import db
from tracker.services import provisions
from tracker.services.milestones import complete_milestone

ESCAPED = "Visas [EU: within 10 days] \\[sic\\]; see \\[1] and a \\\\ here."


def test_an_escaped_opening_bracket_takes_its_closing_partner_with_it() -> None:
    assert brackets.parse("Visas \\[sic] are issued.") == [
        brackets.Segment("Visas [sic] are issued.")
    ]
    assert brackets.count("\\[sic] and [EU: 10]") == 1
    # inside a bracket as well; a closing bracket with no partner is still refused
    assert brackets.parse("[EU: see \\[1] here]") == [
        brackets.Segment("see [1] here", bracketed=True, party="EU")
    ]
    with pytest.raises(brackets.BracketError):
        brackets.parse("\\[sic] and 10]")


def test_the_joint_text_shows_literal_brackets_and_a_round_trip_keeps_them(
    client: Any, make: Any
) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    provisions.create_provision(
        track, {"number": "1", "texts": {"en": ESCAPED + "\nAlso \\[sic] alone."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    lines = [p.text for p in docx.Document(io.BytesIO(exported)).paragraphs]
    assert "Visas [EU: within 10 days] [sic]; see [1] and a \\ here." in lines
    assert "Also [sic] alone." in lines
    assert not any("\\[" in line or "\\]" in line for line in lines), lines

    before = [
        (p.key, p.texts, p.version, p.bracket_count) for p in db.session.scalars(select(Provision))
    ]
    preview = _import(client, track.id, exported)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert "unchanged" in page
    assert _confirm(client, track.id, page).status_code == 302
    db.session.expire_all()
    after = [
        (p.key, p.texts, p.version, p.bracket_count) for p in db.session.scalars(select(Provision))
    ]
    assert after == before
    assert before[0][3] == 1


def test_pages_show_literal_brackets_without_their_backslash(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "1", "texts": {"en": "A paragraph."}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article,
        {"texts": {"en": "A paragraph \\[sic\\]."}},
        actor=lead,
        expected_version=article.version,
    )
    db.session.commit()
    client.login(lead)
    for url in (
        f"/tracks/{track.id}/text",
        f"/tracks/{track.id}/text/compare?from={round_1.id}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "[sic]" in page, url
        assert "\\[sic" not in page, url
