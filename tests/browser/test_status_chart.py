"""Issue 15 item 3 (the chart): the dashboard's "tracks per status" chart names every
status in full and readably, in English, Russian and Kazakh, at 1366 and 390 px. Measured
in the DOM of real Chromium: each label's box lies inside the chart's box (nothing cut
off at either edge) and its text is drawn at READABLE_PX or more."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.domain.workflow import TrackStatus

READABLE_PX = 12

#: each label of the chart: its text, its box, the chart's box and its drawn font size
CHART_LABELS = r"""
() => {
  const chart = document.querySelector(".chart");
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll(".chart-label")].map((label) => {
    const svg = label.closest("svg");
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    const r = label.getBoundingClientRect();
    return {
      text: label.textContent.trim(),
      px: parseFloat(getComputedStyle(label).fontSize) * scale,
      clipped: r.left < box.left - 0.5 || r.right > box.right + 0.5
        || (!svg && label.scrollWidth > label.clientWidth + 1),
      left: r.left, right: r.right, chartLeft: box.left, chartRight: box.right,
    };
  });
}
"""


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_status_chart_names_every_status_readably(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    officer = make.user(role="officer", language=language)
    make.track(TrackStatus.NEGOTIATING, lead=officer)
    make.track(TrackStatus.RATIFICATION, lead=officer)
    page = new_page()
    log_in(page, live_server, officer.email, PASSWORD)
    problems = []
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server}/")
        labels = page.evaluate(CHART_LABELS)
        assert len(labels) == len(TrackStatus)
        for label in labels:
            if label["clipped"]:
                problems.append(f"{width}px: «{label['text']}» is cut off ({label})")
            if label["px"] < READABLE_PX:
                problems.append(f"{width}px: «{label['text']}» drawn at {label['px']:.1f} px")
    assert not problems, "\n".join(problems)
