"""The Parties' table tells each Party's reservations, declarations and objections (issue
16, found by a fresh check, task h16a #2), readable in real Chromium with 30 Parties: at
390 px the page is no wider than the window and each Party's list is inside it, its lines
whole; at 1366 px the Party's column stays narrow enough to leave the dates in view."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import log_in
from tests.browser.pages import _thirty_parties
from tests.factories import PASSWORD
from tracker.models import PartyAction
from tracker.orm import db

#: each Party's list of reservations, as drawn: its box, whether a line is cut
LISTS = r"""
() => ({
  wide: document.documentElement.scrollWidth > window.innerWidth,
  lists: [...document.querySelectorAll("#parties .reservations")].map((ul) => {
    const r = ul.getBoundingClientRect();
    const cut = [...ul.children].some((li) => li.scrollWidth > li.clientWidth + 1);
    return {left: r.left, right: r.right, lines: ul.children.length, cut: cut,
            text: ul.textContent};
  }),
  column: document.querySelector("#parties tbody th[scope=row]").getBoundingClientRect().width,
  signed: document.querySelector("#parties tbody td").getBoundingClientRect().right,
})
"""


def _with_reservations(make: Any) -> Any:
    """The 30 Parties' convention; every fifth Party reserves and declares, the next one
    objects to its reservation."""
    convention, _ = _thirty_parties(make)
    rows = convention.ratifications
    for n in range(0, 30, 5):
        reservation = PartyAction(kind="reservation", on=date(2020, 3, 3), note="Статья 5")
        rows[n].actions += [reservation, PartyAction(kind="declaration", on=None)]
        db.session.commit()
        rows[n + 1].actions.append(
            PartyAction(kind="objection", on=date(2020, 9, 1), objects_to_id=reservation.id)
        )
    db.session.commit()
    return convention


def test_the_reservations_fit_a_phone_at_390(live_server: str, new_page: Any, make: Any) -> None:
    officer = make.user(role="officer")
    convention = _with_reservations(make)
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    page.locator("#parties").scroll_into_view_if_needed()
    drawn = page.evaluate(LISTS)
    assert not drawn["wide"], drawn
    assert len(drawn["lists"]) == 12, drawn
    for found in drawn["lists"]:
        assert found["left"] >= 0 and found["right"] <= 390, found
        assert not found["cut"], found
    assert any("objection to the reservation of" in f["text"] for f in drawn["lists"])


def test_the_dates_stay_in_view_at_1366(live_server: str, new_page: Any, make: Any) -> None:
    officer = make.user(role="officer")
    convention = _with_reservations(make)
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    drawn = page.evaluate(LISTS)
    assert not drawn["wide"], drawn
    # the Party's column stays narrow: the "Signed" dates begin within the window's half
    assert drawn["column"] <= 20 * 16 + 40 and drawn["signed"] <= 1366, drawn
    assert all(not found["cut"] for found in drawn["lists"]), drawn
