"""A meeting's action items on a phone in Kazakh (issue #15, items 3 and 7): each stacked
row is a card whose cells keep their column labels; a cancelled item's card shows no label
over an empty cell (it showed «Сақтау», Save, over nothing) and every button says what it
does. Seen: a full-page screenshot is kept as an artefact."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import PASSWORD
from tracker.models import ActionItem, MilestoneKind
from tracker.orm import db

#: each stacked cell's label (its ::before) and what the cell shows besides
CELLS = r"""
() => [...document.querySelectorAll("#action-items tbody tr")].map((row) =>
  [...row.querySelectorAll(":scope > td")].map((cell) => {
    const before = getComputedStyle(cell, "::before");
    const shown = before.content !== "none" && before.display !== "none"
      && cell.getBoundingClientRect().height > 0 && getComputedStyle(cell).display !== "none";
    return {label: shown ? cell.getAttribute("data-label") : "", text: cell.innerText.trim(),
            controls: cell.querySelectorAll("button, input, select, textarea, a").length};
  }))
"""
#: the visible buttons' text (a closed <details>' buttons are not seen)
BUTTONS = r"""
() => [...document.querySelectorAll("#action-items button")]
  .filter((b) => b.checkVisibility())
  .map((b) => b.innerText.trim())
"""


def test_a_cancelled_items_card_shows_no_label_over_nothing_at_390_px_in_kazakh(
    live_server: str, new_page: Any, admin: Any, make: Any
) -> None:
    admin.language = "kk"
    body = make.body(name="Ынтымақтастық кеңесі")
    meeting = make.milestone(
        body_id=body.id,
        kind=MilestoneKind.MEETING,
        title="Кеңестің жиырма екінші отырысы",
        planned_on=date(2025, 12, 3),
    )
    db.session.add_all(
        [
            ActionItem(
                meeting_id=meeting.id,
                title="Күн тәртібінің жобасын жіберу",
                owner_id=admin.id,
                due_on=date(2026, 1, 5),
            ),
            ActionItem(
                meeting_id=meeting.id,
                title="Қосымшаның мәтінін қайта қарау",
                owner_id=admin.id,
                due_on=date(2026, 1, 1),
                cancelled_on=date(2025, 12, 10),
                cancel_reason="Серіктестер пленарлық отырыста шешті",
            ),
        ]
    )
    db.session.commit()

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/milestones/{meeting.id}")
    assert page.get_by_text("Серіктестер пленарлық отырыста шешті").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "meeting-cancelled-item-kk-390.png"
    page.screenshot(path=shot, full_page=True)

    rows = page.evaluate(CELLS)
    assert len(rows) == 2
    for row in rows:
        for cell in row:
            # a label over something; and what is shown is labelled (the cards keep theirs)
            assert bool(cell["label"]) == bool(cell["text"] or cell["controls"]), row
    assert rows[0][0]["label"] == "Тапсырма" and rows[1][0]["label"] == "Тапсырма"
    buttons = page.evaluate(BUTTONS)
    assert all(text for text in buttons), buttons
