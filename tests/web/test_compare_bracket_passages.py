"""Issue 17 (found by a fresh check): the comparison of two rounds flagged a change of
brackets only when their number changed. In the demo's Article 2 "[complete]" was settled
and "[In individual cases the period may be extended.]" opened, two brackets before and
after: the page said only "text" and the API brackets_changed: false. A change of the
bracketed passages themselves (per language) is now a change of brackets, on the page
and in the API."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import lxml.html

from tests.api.conftest import bearer
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services.milestones import complete_milestone

BEFORE = (
    "A decision on a visa application shall be taken within [N] calendar days of the "
    "date of receipt of a [complete] application."
)
AFTER = (
    "A decision on a visa application shall be taken within [N] calendar days of the "
    "date of receipt of a complete application. [In individual cases the period may be "
    "extended.]"
)


def _track(make: Any, later: dict[str, str]) -> tuple[Any, Any, Any, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track,
        {"number": "2", "title": "Duration", "texts": {"en": BEFORE, "ru": "Срок [N] дней."}},
        actor=lead,
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article, {"texts": later}, actor=lead, expected_version=article.version
    )
    db.session.commit()
    return lead, track, round_1, article


def _changed_line(page: str) -> str:
    [item] = lxml.html.fromstring(page).xpath("//h2[.='Changed provisions']/../ul/li")
    return " ".join(item.text_content().split())


def test_brackets_settled_and_opened_in_equal_number_are_a_change(client: Any, make: Any) -> None:
    lead, track, round_1, article = _track(make, {"en": AFTER, "ru": "Срок [N] дней."})
    client.login(lead)
    page = html.unescape(
        client.get(f"/tracks/{track.id}/text/compare?from={round_1.id}").get_data(as_text=True)
    )
    line = _changed_line(page)
    # the text's count: the largest among its languages (h17c)
    assert line == "Article 2 · Duration: text; brackets: 2 → 2 (1 gone, 1 new)", line
    answer = client.get(
        f"/api/v1/tracks/{track.id}/text/compare?from={round_1.id}", headers=bearer(lead)
    ).get_json()
    [compared] = answer["provisions"]
    assert compared["brackets_changed"] is True
    assert compared["text_changed"] is True


def test_a_bracket_changed_in_one_language_only_is_a_change(client: Any, make: Any) -> None:
    """The Russian bracket's words change; the English text stays as it was."""
    lead, track, round_1, article = _track(make, {"en": BEFORE, "ru": "Срок [N+1] дней."})
    client.login(lead)
    answer = client.get(
        f"/api/v1/tracks/{track.id}/text/compare?from={round_1.id}", headers=bearer(lead)
    ).get_json()
    [compared] = answer["provisions"]
    assert compared["brackets_changed"] is True


def test_words_outside_the_brackets_are_no_change_of_brackets(client: Any, make: Any) -> None:
    later = {"en": BEFORE.replace("A decision", "The decision"), "ru": "Срок [N] дней."}
    lead, track, round_1, article = _track(make, later)
    client.login(lead)
    page = html.unescape(
        client.get(f"/tracks/{track.id}/text/compare?from={round_1.id}").get_data(as_text=True)
    )
    assert "brackets" not in _changed_line(page)
    answer = client.get(
        f"/api/v1/tracks/{track.id}/text/compare?from={round_1.id}", headers=bearer(lead)
    ).get_json()
    [compared] = answer["provisions"]
    assert (compared["text_changed"], compared["brackets_changed"]) == (True, False)
