"""The negotiating text's pages on a phone (issue 15 item 3): a provision with a long
unbroken token (a reference typed as one string) wraps inside the window, on the text's
page and on the comparison of two rounds."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_readable import PAGE_OVERFLOW, SPLIT_WORDS, WIDE_ELEMENTS
from tests.factories import PASSWORD
from tracker.orm import db
from tracker.services.demo_text import seed_demo_text
from tracker.services.provisions import provisions_of

#: a reference as officers paste it: one string, wider than a phone
TOKEN = "CELEX:32013R0610-Regulation(EU)No.610/2013_Annex_II_point_3"


@pytest.mark.parametrize("width", [1024, 390])
def test_the_comparison_of_two_rounds_wraps_inside_the_window(
    live_server: str, page: Any, officer: Any, make: Any, width: int
) -> None:
    track = make.track(lead=officer)
    seed_demo_text(track, officer, date(2026, 1, 12))
    article = provisions_of(track)[2]
    article.texts = {"en": f"{article.texts['en']} See {TOKEN}."}
    db.session.commit()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    for path in ("/compare", ""):
        page.goto(f"{live_server}/tracks/{track.id}/text{path}")
        assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)
        # Only the token, longer than the line, may break; every other word stays whole.
        token_words = set(re.findall(r"[^\W_]{2,}", TOKEN))
        assert set(page.evaluate(SPLIT_WORDS)) <= token_words


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_progress_chart_keeps_its_size_and_its_legend_fits(
    live_server: str, page: Any, make: Any, language: str
) -> None:
    officer = make.user(language=language)
    track = make.track(lead=officer)
    seed_demo_text(track, officer, date(2026, 1, 12))
    db.session.commit()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    for path in (f"/tracks/{track.id}", f"/tracks/{track.id}/text"):
        page.goto(live_server + path)
        chart = page.locator("svg.progress-chart")
        drawn = chart.evaluate("(svg) => svg.getBoundingClientRect().width")
        # drawn one unit to a pixel, however wide the card: neither blown up nor shrunk
        natural = chart.evaluate("(svg) => svg.viewBox.baseVal.width")
        assert drawn == pytest.approx(natural), f"{path}: drawn {drawn} px wide, made {natural}"
    page.goto(f"{live_server}/tracks/{track.id}/text/progress.svg")
    clipped = page.evaluate(
        """() => {
          const box = document.documentElement.getBoundingClientRect();
          return [...document.querySelectorAll("text")]
            .filter((t) => {
              const r = t.getBoundingClientRect();
              return r.right > box.right + 0.5 || r.left < box.left - 0.5;
            })
            .map((t) => t.textContent);
        }"""
    )
    assert clipped == []


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_texts_page_and_its_export_forms_fit_a_phone(
    live_server: str, page: Any, make: Any, language: str
) -> None:
    """The text's page of the team (both Word exports offered, their language choices,
    the brief) at 390 px in each language: nothing wider than the window; each export's
    button is whole inside it (it said «Бірлескен мәтін (Word», cut)."""
    officer = make.user(language=language)
    track = make.track(lead=officer)
    seed_demo_text(track, officer, date(2026, 1, 12))
    # held in three languages, as the demo's is: the exports offer each and "side by side"
    article = provisions_of(track)[2]
    article.texts = {**article.texts, "ru": "Визы выдаются.", "kk": "Визалар беріледі."}
    db.session.commit()
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/{track.id}/text")
    assert page.locator("form.export-form").count() == 2
    assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)
    for button in page.locator("form.export-form button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
