"""An agreement with 30 Parties in real Chromium (issue 16 #2, found by a fresh check): at
1366 px the Parties' table keeps its header in view while an officer scrolls down to the
last Party; at 1366 and 390 px the filter (a Party's name, the kind of act, the Parties
not yet consented) is used from the page, fits the window, and leaves only what it asks."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import log_in
from tests.browser.pages import _thirty_parties
from tests.factories import PASSWORD

#: the "Signed" header cell of the Parties' table: inside the window and not covered by
#: anything (what is drawn at its centre is the cell itself or what it holds)
HEADER_IN_VIEW = r"""
() => {
  const th = [...document.querySelectorAll("#parties thead th")][1];
  const r = th.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {top: r.top, bottom: r.bottom, height: window.innerHeight,
          drawn: hit !== null && th.contains(hit)};
}
"""

#: whether the page is no wider than the window, and the Parties in the table
LAYOUT = r"""
() => ({
  wide: document.documentElement.scrollWidth > window.innerWidth,
  rows: [...document.querySelectorAll("#parties tbody th[scope=row]")]
    .map((th) => th.childNodes[0].textContent.trim()),
  acts: document.querySelectorAll("#actions tbody tr").length,
})
"""


def test_the_header_stays_in_view_and_the_filter_works_at_1366(
    live_server: str, new_page: Any, make: Any
) -> None:
    officer = make.user(role="officer")
    convention, _ = _thirty_parties(make)
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    # the officer brings the table up and scrolls down through it to the last Party
    page.locator("#parties table").evaluate(
        """(t) => { t.scrollIntoView({block: 'start'});
                    const box = t.closest('.table-scroll');
                    box.scrollTop = box.scrollHeight;
                    [...t.querySelectorAll('tbody tr')].pop().scrollIntoView({block: 'end'}); }"""
    )
    last = page.locator("#parties tbody th[scope=row]").last.bounding_box()
    assert last is not None and last["y"] + last["height"] <= 768 + 1, last  # the last Party
    header = page.evaluate(HEADER_IN_VIEW)
    assert header["top"] >= 0 and header["bottom"] <= header["height"], header
    assert header["drawn"], header

    page.get_by_label("Party name").fill("№ 2")
    page.get_by_label("Only Parties not yet consented").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    shown = page.evaluate(LAYOUT)
    # of Parties № 20 to 29, those with no ratification (every third: № 22, 25, 28)
    assert shown["rows"] == [f"Государство-участник № {n}" for n in (22, 25, 28)], shown
    assert shown["acts"] == 3 and not shown["wide"]


def test_the_filter_fits_a_phone_and_works_at_390(
    live_server: str, new_page: Any, make: Any
) -> None:
    officer = make.user(role="officer")
    convention, _ = _thirty_parties(make)
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    assert not page.evaluate(LAYOUT)["wide"]
    page.get_by_label("Act", exact=True).select_option("ratification")
    page.get_by_label("Party name").fill("германия")
    for control in (page.get_by_label("Party name"), page.get_by_label("Act", exact=True)):
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    shown = page.evaluate(LAYOUT)
    assert shown["rows"] == ["Федеративная Республика Германия"], shown
    assert shown["acts"] == 1 and not shown["wide"]
