"""The Parties' table's column totals in real Chromium with 30 Parties (issue 16, h16i #2):
at 390 px the rows are stacked cards labelled from the table's head, and the totals were
repeated in every Party's card ("Signed 20 of 30" over each date); now each card's labels
are the columns' names only and the totals are shown once, before the Parties. At 1366 px
the table's head keeps them. In en, ru and kk: nothing cut, no word split, the page no
wider than the window, and what N is said once two Parties have left. Screenshots are
kept under /tmp/h16i-<language>-<width>.png for a person to look at."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.pages import _thirty_parties
from tests.browser.test_readable import SPLIT_WORDS
from tests.factories import PASSWORD
from tracker.models import PartyAction
from tracker.orm import db

LANGUAGES = ("en", "ru", "kk")

#: the words split across two lines inside the Parties' section only
SPLIT_IN_PARTIES = SPLIT_WORDS.replace("document.body", "document.querySelector('#parties')")

#: what the Parties' section shows: the stacked cards' labels (app.js sets them from the
#: table's head), the totals shown apart from the table (visible or not, each entry's box
#: and whether its text is cut), the counts in the table's head, and the page's width
DRAWN = r"""
() => {
  const visible = (e) => e !== null && e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== "hidden";
  const totals = document.querySelector("#parties .matrix-totals");
  return {
    wide: document.documentElement.scrollWidth > window.innerWidth,
    labels: [...new Set([...document.querySelectorAll("#parties tbody td")]
      .map((td) => td.getAttribute("data-label") || ""))],
    totals: visible(totals) ? [...totals.querySelectorAll(".total")].map((e) => {
      const r = e.getBoundingClientRect();
      const cut = [...e.querySelectorAll("*")].some((c) => c.scrollWidth > c.clientWidth + 1);
      return {text: e.textContent.replace(/\s+/g, " ").trim(), left: r.left, right: r.right,
              cut: cut};
    }) : null,
    head: [...document.querySelectorAll("#parties thead .count")].filter(visible)
      .map((e) => e.textContent.trim()),
    note: document.querySelector("#parties .totals-note")?.textContent.trim() ?? "",
  };
}
"""


def _convention(make: Any, language: str) -> tuple[Any, Any]:
    """The 30 Parties' convention (tests/browser/pages.py); two Parties' denunciations
    have taken effect. An officer reading in `language`."""
    convention, _ = _thirty_parties(make)
    for row in convention.ratifications[1:3]:
        row.actions.append(
            PartyAction(kind="denunciation", on=date(2021, 1, 1), effective_on=date(2022, 1, 1))
        )
    officer = make.user(role="officer")
    officer.language = language
    db.session.commit()
    return convention, officer


def _open(live_server: str, new_page: Any, make: Any, language: str, width: int) -> Any:
    convention, officer = _convention(make, language)
    page = new_page()
    page.set_viewport_size({"width": width, "height": 844 if width < 640 else 768})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_totals_are_shown_once_at_390(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    page = _open(live_server, new_page, make, language, 390)
    drawn = page.evaluate(DRAWN)
    assert not drawn["wide"], drawn
    # the cards' labels are the columns' names: no count (no digit) in any of them
    assert all(not any(c.isdigit() for c in label) for label in drawn["labels"]), drawn
    page.locator("#parties .matrix-totals").scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/h16i-{language}-390.png")
    assert drawn["head"] == [], drawn  # the table's head is hidden on a phone
    # the four totals, once, inside the window, none cut; 28 Parties left in N's count
    assert drawn["totals"] is not None and len(drawn["totals"]) == 4, drawn
    for total in drawn["totals"]:
        assert total["left"] >= 0 and total["right"] <= 390 and not total["cut"], total
    # Signed 28 of 30, Procedures notified 0, Instrument deposited 18, Provisionally
    # applied 0: the two Parties that have left are in none
    numbers = [sorted(re.findall(r"\d+", t["text"])) for t in drawn["totals"]]
    assert numbers == [["28", "30"], ["0", "30"], ["18", "30"], ["0", "30"]], drawn
    assert "30" in drawn["note"] and "2" in drawn["note"], drawn
    assert page.evaluate(SPLIT_IN_PARTIES) == [], language
    page.locator("#parties .totals-note").evaluate("(p) => p.scrollIntoView()")
    page.screenshot(path=f"/tmp/h16i-{language}-390-note.png")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_head_keeps_the_totals_at_1366(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    page = _open(live_server, new_page, make, language, 1366)
    page.locator("#parties table").scroll_into_view_if_needed()
    page.locator("#parties").evaluate("(s) => s.scrollIntoView({block: 'start'})")
    page.screenshot(path=f"/tmp/h16i-{language}-1366.png")
    drawn = page.evaluate(DRAWN)
    assert not drawn["wide"], drawn
    assert drawn["totals"] is None, drawn  # not twice: the head has them
    numbers = [sorted(re.findall(r"\d+", h)) for h in drawn["head"]]
    assert numbers == [["28", "30"], ["0", "30"], ["18", "30"], ["0", "30"]], drawn
    assert "30" in drawn["note"] and "2" in drawn["note"], drawn
    assert page.evaluate(SPLIT_IN_PARTIES) == [], language
