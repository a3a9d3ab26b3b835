"""The comparison of two rounds highlights the brackets (issue 17, found by a fresh check),
as the text's pages do, inside the word-level redline: a bracketed passage deleted, kept
or inserted is marked within its <del>/<ins>, whose markup stays whole (reading the kept
and inserted pieces gives the later text; the kept and deleted ones the earlier)."""

from __future__ import annotations

from datetime import date
from typing import Any

import lxml.html
import pytest

from tests.api.conftest import bearer
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services.milestones import complete_milestone

BEFORE = "Visas within [EU: 10] days, [free of charge]."
AFTER = "Visas within [EU: 12] days, free of charge, [KZ: and fees waived]."


@pytest.fixture
def track(make: Any) -> Any:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    track.our_side = "KZ"
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": BEFORE}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article, {"texts": {"en": AFTER}}, actor=lead, expected_version=article.version
    )
    db.session.commit()
    track.lead_for_test = lead
    return track


def _text(element: Any, leave_out: str) -> str:
    """The element's text without its `leave_out` children (del or ins)."""
    copy = lxml.html.fromstring(lxml.html.tostring(element))
    for gone in copy.findall(f".//{leave_out}"):
        gone.drop_tree()
    return copy.text_content()


def test_the_comparison_marks_brackets_inside_the_redline(client: Any, track: Any) -> None:
    client.login(track.lead_for_test)
    page = client.get(f"/tracks/{track.id}/text/compare").get_data(as_text=True)
    [redline] = lxml.html.fromstring(page).find_class("redline")
    # the redline reads as before
    assert _text(redline, "del") == AFTER
    assert _text(redline, "ins") == BEFORE
    marks = redline.findall(".//mark")
    assert marks, lxml.html.tostring(redline, encoding="unicode")
    # a mark never holds a del or an ins: it sits inside one, or in the kept text
    assert not redline.xpath(".//mark//del | .//mark//ins")
    deleted = "".join(m.text_content() for m in redline.xpath(".//del//mark"))
    inserted = "".join(m.text_content() for m in redline.xpath(".//ins//mark"))
    # "10" of "[EU: 10]", and the bracket opened before "free of charge" (now agreed: the
    # kept words are marked as the later text has them)
    assert deleted == "10[", deleted
    assert "12" in inserted and "and fees waived" in inserted
    # the later text's brackets, read from the marks outside the deletions
    later = _text(redline, "del")
    marked_later = "".join(m.text_content() for m in redline.xpath(".//mark[not(ancestor::del)]"))
    assert marked_later == "[EU: 12][KZ: and fees waived]", (later, marked_later)
    # whose proposal each is, as on the text's page
    sides = {m.get("class") for m in redline.xpath(".//ins//mark")}
    assert sides == {"bracket bracket-theirs", "bracket bracket-ours"}, sides


def test_a_literal_bracket_reads_without_its_backslash_and_unmarked(client: Any, make: Any) -> None:
    """Merging issue 17's literal brackets (h17a) with the marked redline (h17b): the
    redline is of the typed texts, shown as read; `\\[sic\\]` is "[sic]", never a mark."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Readmission")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "2", "texts": {"en": "The Party \\[sic\\] shall readmit."}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article,
        {"texts": {"en": "The Party \\[sic\\] shall readmit [its nationals]."}},
        actor=lead,
        expected_version=article.version,
    )
    db.session.commit()
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text/compare").get_data(as_text=True)
    [redline] = lxml.html.fromstring(page).find_class("redline")
    assert _text(redline, "del") == "The Party [sic] shall readmit [its nationals]."
    assert [mark.text_content() for mark in redline.findall(".//mark")] == ["[its nationals]"]
    answer = client.get(
        f"/api/v1/tracks/{track.id}/text/compare?from={round_1.id}", headers=bearer(lead)
    )
    pieces = answer.get_json()["provisions"][0]["redline"]["en"]
    assert "".join(p["text"] for p in pieces if p["change"] != "inserted") == (
        "The Party [sic] shall readmit."
    )
    assert "".join(p["text"] for p in pieces if p["change"] != "deleted") == (
        "The Party [sic] shall readmit [its nationals]."
    )
