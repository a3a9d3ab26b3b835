"""What a new officer found in a day with the demo in Russian and Kazakh, at 1366 and
390 px (issue 15 items 3 and 12), each kept by a test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.orm import db
from tracker.services.demo_text import seed_demo_text

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


#: for each label of a form in the page's main part: whether its text sits on its field's
#: line, and the space between the text's end and the field
LABEL_GAPS = """() => [...document.querySelectorAll("main form[method=get] label")].map((label) => {
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getBoundingClientRect();
  const field = document.getElementById(label.htmlFor).getBoundingClientRect();
  const middle = text.top + text.height / 2;
  return {
    label: label.textContent,
    same_line: field.top <= middle && middle <= field.bottom,
    gap: field.left - text.right,
  };
})"""

#: the comparison's two round fields, as a treaty officer reads them
COMPARISON_LABELS = {
    "ru": ("Прежний текст", "Новый текст"),
    "kk": ("Бұрынғы мәтін", "Кейінгі мәтін"),
}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_round_pickers_of_the_text_pages_keep_each_label_by_its_field(
    live_server: str, page: Any, make: Any, language: str
) -> None:
    officer = make.user(language=language)
    track = make.track(lead=officer)
    seed_demo_text(track, officer, date(2026, 1, 12))
    db.session.commit()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    text = f"{live_server}/tracks/{track.id}/text"
    for path in ("", "/compare", "/brief"):
        page.goto(text + path)
        gaps = page.evaluate(LABEL_GAPS)
        assert gaps, path
        assert [g for g in gaps if not (g["same_line"] and 0 <= g["gap"] <= 16)] == [], path
    page.goto(text + "/compare")
    assert (
        page.locator("label[for=from]").inner_text(),
        page.locator("label[for=to]").inner_text(),
    ) == COMPARISON_LABELS[language]


#: the selects whose chosen option is wider than the select can show (the text is cut)
CLIPPED_SELECTS = """() => [...document.querySelectorAll("main select")].filter((select) => {
  const probe = document.createElement("span");
  probe.style.font = getComputedStyle(select).font;
  probe.style.whiteSpace = "pre";
  probe.textContent = select.options[select.selectedIndex]?.text || "";
  document.body.append(probe);
  const needed = probe.getBoundingClientRect().width + 40;  // padding and the arrow
  probe.remove();
  return needed > select.clientWidth;
}).map((select) => select.id)"""


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_document_form_shows_its_choices_whole_on_a_desktop(
    live_server: str, page: Any, make: Any, language: str
) -> None:
    officer = make.user(language=language)
    track = make.track(lead=officer)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/documents/new?track={track.id}")
    assert page.evaluate(CLIPPED_SELECTS) == []


@pytest.mark.parametrize("width", [1366, 390])
def test_the_buttons_that_create_calendar_feeds_stand_apart(
    live_server: str, page: Any, officer: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/me/calendars")
    first, second = (b.bounding_box() for b in page.locator("main form button.button").all())
    apart_across = second["x"] - (first["x"] + first["width"]) >= 8
    apart_down = second["y"] - (first["y"] + first["height"]) >= 8
    assert apart_across or apart_down


#: how many lines each status cell of the page's first table takes
STATUS_LINES = """() => {
  const table = document.querySelector("main table");
  const column = [...table.querySelectorAll("thead th")].findIndex(
    (th) => th.dataset.column === "status" || th.textContent.trim() === window.STATUS_HEADING);
  return [...table.querySelectorAll("tbody tr")].map((row) => {
    const range = document.createRange();
    range.selectNodeContents(row.cells[column]);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}"""


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Статус"),
        ("kk", "Мәртебе"),
    ],
)
def test_an_agreements_status_in_the_list_is_one_line(
    live_server: str, page: Any, make: Any, language: str, heading: str
) -> None:
    officer = make.user(language=language)
    make.agreement(
        title="Соглашение о расширенном партнерстве и сотрудничестве между Европейским союзом "
        "и его государствами-членами, с одной стороны, и Республикой Казахстан",
        short_title="EPCA",
        status="in_force",
        in_force_on=date(2020, 3, 1),
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/")
    page.evaluate(f"() => {{ window.STATUS_HEADING = {heading!r}; }}")
    assert page.evaluate(STATUS_LINES) == [1]


@pytest.mark.parametrize(("language", "heading"), [("ru", "В статусе с"), ("kk", "Мәртебе күні")])
def test_the_tracks_list_says_since_when_a_track_has_its_status(
    live_server: str, page: Any, make: Any, language: str, heading: str
) -> None:
    officer = make.user(language=language)
    make.track(lead=officer)
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/")
    assert page.locator("main table thead th").nth(2).inner_text() == heading
