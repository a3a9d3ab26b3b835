"""What a new officer found in a day with the demo in Russian and Kazakh, at 1366 and
390 px (issue 15 items 3 and 12), each kept by a test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

#: what makes a form field look like the others: its font and its border
FIELD_LOOK = """(e) => {
  const s = getComputedStyle(e);
  return [s.fontFamily, s.fontSize, s.borderTopWidth, s.borderTopColor];
}"""


def test_the_week_field_of_the_weekly_reports_looks_like_every_other_field(
    live_server: str, page: Any, make: Any
) -> None:
    officer = make.user(language="ru")
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/reports/weekly/")
    week = page.locator("input[type=week]")
    page.goto(f"{live_server}/tracks/new")
    other = page.locator("input[type=text]").first.evaluate(FIELD_LOOK)
    page.goto(f"{live_server}/reports/weekly/")
    assert week.evaluate(FIELD_LOOK) == other


def test_each_section_of_the_weekly_report_stands_apart_from_the_one_above(
    live_server: str, page: Any, make: Any
) -> None:
    officer = make.user(language="kk")
    track = make.track(lead=officer)
    make.milestone(track, title="Раунд", planned_on=date(2026, 1, 20), owner_id=officer.id)
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/reports/weekly/2026-W03")
    gaps = page.evaluate(
        """() => [...document.querySelectorAll(".report h2")].slice(1).map((h) => {
          const above = h.previousElementSibling.getBoundingClientRect().bottom;
          return [h.textContent, h.getBoundingClientRect().top - above];
        })"""
    )
    assert len(gaps) >= 5
    assert [text for text, gap in gaps if gap < 16] == []


@pytest.mark.parametrize("width", [1366, 390])
def test_what_follows_a_form_stands_apart_from_its_button(
    live_server: str, page: Any, officer: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/me")
    gap = page.evaluate(
        """() => {
          const form = document.querySelector("form.form");
          const button = form.querySelector("button[type=submit]");
          const next = form.nextElementSibling;
          return next.getBoundingClientRect().top - button.getBoundingClientRect().bottom;
        }"""
    )
    assert gap >= 16
