"""h16d #4 (issue 16, today's fresh check): on a phone (390 px) in Russian, each stacked
row of an agreement's acts repeated the label «Изменить» (its column's heading, there for
screen readers only) above its own «Изменить / Удалить» links. Those cells now carry no
stacked label (data-label=""): the links say what they do."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.models import PartyAction
from tracker.orm import db

#: each stacked cell's visible label (its ::before) and its text, per act row
CELLS = r"""
() => [...document.querySelectorAll("#actions tbody tr")].map((row) =>
  [...row.querySelectorAll(":scope > td")].map((cell) => {
    const before = getComputedStyle(cell, "::before");
    const shown = before.content !== "none" && before.display !== "none"
      && getComputedStyle(cell).display !== "none";
    return {label: shown ? cell.getAttribute("data-label") : "", text: cell.innerText.trim()};
  }))
"""


def test_a_stacked_acts_row_has_no_label_over_its_edit_links(
    live_server: str, new_page: Any, admin: Any, make: Any
) -> None:
    admin.language = "ru"
    agreement = make.agreement(
        parties=[make.party("Kazakhstan"), make.party("France")],
        title="Open convention",
        kind="multilateral",
    )
    agreement.ratifications[0].actions.append(PartyAction(kind="ratification", on=date(2021, 5, 3)))
    db.session.commit()
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/agreements/{agreement.id}")
    [row] = page.evaluate(CELLS)
    last = row[-1]
    assert last["text"].startswith("Изменить")
    assert last["label"] == "", row
    assert row[0]["label"] == "Дата"  # the others keep their labels
