"""Issue 15 item 5: the ratification table's edit mode in Russian at 1366 px: every row's
Save button is whole inside the table's box and the window (they were cut off at the
table's right edge), and outside edit mode the table holds no form field."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import log_in
from tests.browser.pages import CONVENTION_PARTIES
from tests.factories import PASSWORD

#: each Save button of the table, and whether it lies whole inside the table's scroll box
#: and the window
SAVE_BUTTONS = r"""
() => {
  const box = document.querySelector("#parties .table-scroll").getBoundingClientRect();
  return [...document.querySelectorAll("#parties table button[type=submit]")].map((b) => {
    const r = b.getBoundingClientRect();
    return {
      text: b.textContent.trim(),
      whole: r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5
        && r.right <= window.innerWidth,
    };
  });
}
"""


def test_every_save_button_of_the_ratification_table_is_whole_in_russian(
    live_server: str, new_page: Any, make: Any
) -> None:
    officer = make.user(role="officer", language="ru")
    parties = [make.party(name) for name in CONVENTION_PARTIES[:6]]
    convention = make.agreement(parties=parties, kind="multilateral", signed_on=date(2015, 12, 21))
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{convention.id}")
    assert page.locator("#parties table input, #areas input, #areas select").count() == 0
    page.goto(f"{live_server}/agreements/{convention.id}?edit=parties")
    buttons = page.evaluate(SAVE_BUTTONS)
    assert len(buttons) == len(parties)
    assert all(b["whole"] for b in buttons), buttons
