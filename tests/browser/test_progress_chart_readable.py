"""The text's progress chart on a phone and on a laptop (issue 17, found by a fresh check):
on the track's page and the text's page, every word of the chart is drawn at READABLE_PX
or more and lies inside the chart (nothing cut off), in English, Russian and Kazakh, at
390 and 1366 px. Measured in the DOM of real Chromium: each text element's drawn font
size (its computed size times the drawing's scale) and its box (getBoundingClientRect).
A chart drawn as an <img> is measured as drawn: its SVG put in its place at its size."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_readable import PAGE_OVERFLOW, WIDE_ELEMENTS
from tests.factories import PASSWORD
from tracker.orm import db
from tracker.services.demo_text import seed_demo_text

READABLE_PX = 12

#: each text of the progress chart: its words, drawn size, box and whether it is cut off
CHART_TEXTS = r"""
async () => {
  let svg = document.querySelector("svg.progress-chart");
  const img = document.querySelector("img[src$='progress.svg']");
  if (!svg && img) {  // drawn as an image: measure its drawing as it is drawn
    const holder = document.createElement("div");
    holder.innerHTML = await (await fetch(img.src)).text();
    svg = holder.querySelector("svg");
    svg.style.width = img.getBoundingClientRect().width + "px";
    svg.style.height = "auto";
    svg.style.display = "block";
    img.replaceWith(svg);
  }
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map((t) => {
    const r = t.getBoundingClientRect();
    return {
      text: t.textContent.trim(),
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      height: r.height,
      clipped: r.left < box.left - 0.5 || r.right > box.right + 0.5
        || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5,
    };
  });
}
"""


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_progress_chart_is_readable_on_a_phone_and_a_laptop(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    officer = make.user(language=language)
    track = make.track(lead=officer)
    seed_demo_text(track, officer, date(2026, 1, 12))
    db.session.commit()
    page = new_page()
    log_in(page, live_server, officer.email, PASSWORD)
    problems = []
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (f"/tracks/{track.id}", f"/tracks/{track.id}/text"):
            page.goto(live_server + path)
            texts = page.evaluate(CHART_TEXTS)
            assert texts, f"{path}: no progress chart"
            for t in texts:
                where = f"{width}px {path} «{t['text']}»"
                if t["px"] < READABLE_PX or t["height"] < READABLE_PX:
                    problems.append(f"{where}: drawn at {t['px']:.1f} px ({t['height']:.1f} high)")
                if t["clipped"]:
                    problems.append(f"{where}: cut off")
            assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)
    assert not problems, "\n".join(problems)
