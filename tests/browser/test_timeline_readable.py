"""Issue 15 item 4: a track's timeline one can read. A three-year history whose latest
move was three days ago, in English, Russian and Kazakh, at 1366 and 390 px: no two
labels of the timeline overlap, the current status is labelled, and no text is drawn
smaller than READABLE_PX (on a phone the timeline scrolls sideways in its own box
instead of shrinking). Measured in the DOM of real Chromium."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_readable import PAGE_OVERFLOW
from tests.factories import PASSWORD
from tracker.domain.workflow import TrackStatus
from tracker.models import StatusChange
from tracker.orm import db

#: the smallest text the timeline may draw, in CSS pixels as rendered
READABLE_PX = 11

#: a track's moves over three years; the last one three days before "today" (12 Jan 2026)
HISTORY = [
    (TrackStatus.EXPLORATORY, date(2023, 1, 10)),
    (TrackStatus.MANDATE, date(2023, 6, 1)),
    (TrackStatus.LAUNCHED, date(2023, 11, 15)),
    (TrackStatus.NEGOTIATING, date(2024, 3, 4)),
    (TrackStatus.SUSPENDED, date(2025, 8, 20)),
    (TrackStatus.NEGOTIATING, date(2026, 1, 9)),
]

#: every drawn text of the timeline: its box, its rendered font size and whether it is
#: the current status's label
TIMELINE_TEXTS = r"""
() => {
  const svg = document.querySelector("svg.timeline");
  const view = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / view.width;
  return [...svg.querySelectorAll("text")].map((t) => {
    const r = t.getBoundingClientRect();
    return {
      text: t.textContent.trim(),
      current: t.classList.contains("tl-current"),
      tick: t.classList.contains("tl-tick"),
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      left: r.left, right: r.right, top: r.top, bottom: r.bottom,
    };
  });
}
"""


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_three_year_timeline_is_readable_at_1366_and_390(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    officer = make.user(role="officer", language=language)
    first_status, first_on = HISTORY[0]
    track = make.track(first_status, since=first_on, lead=officer)
    previous = first_status
    for status, on in HISTORY[1:]:
        track.status_changes.append(
            StatusChange(from_status=previous, to_status=status, effective_on=on)
        )
        previous = status
    track.status, track.status_since = HISTORY[-1]
    make.milestone(track, title="First round", planned_on=date(2023, 12, 5))
    make.milestone(track, title="Fifth round", planned_on=date(2026, 2, 10))
    db.session.commit()

    page = new_page()
    log_in(page, live_server, officer.email, PASSWORD)
    problems: list[str] = []
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server}/tracks/{track.id}")
        texts = page.evaluate(TIMELINE_TEXTS)
        ticks = [t for t in texts if t["tick"]]
        if len(ticks) < 6:
            problems.append(f"{width}px: only {len(ticks)} month labels over three years")
        current = [t for t in texts if t["current"]]
        if len(current) != 1 or not current[0]["text"]:
            problems.append(f"{width}px: the current status is not labelled ({current})")
        for t in texts:
            if t["px"] < READABLE_PX:
                problems.append(f"{width}px: «{t['text']}» drawn at {t['px']:.1f} px")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _overlaps(a, b):
                    problems.append(f"{width}px: «{a['text']}» overlaps «{b['text']}»")
        if page.evaluate(PAGE_OVERFLOW) > 0:
            problems.append(f"{width}px: the page is wider than the window")
    assert not problems, "\n".join(problems)
