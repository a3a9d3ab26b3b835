"""A refused single-line field comes back as the officer typed it, line break included
(checked in Chromium: an <input> would silently drop the break)."""

from __future__ import annotations

TWO_LINES = "Round 4\nBrussels, technical level"


def test_a_refused_title_comes_back_as_typed(client, make, officer, browser) -> None:
    track = make.track()
    client.login(officer)
    response = client.submit(
        "/milestones/new",
        {
            "track_id": track.id,
            "title": TWO_LINES,
            "kind": "deadline",
            "planned_on": "2026-02-02",
            "date_precision": "day",
        },
    )
    assert response.status_code == 422
    # What the officer sees is what a browser makes of the page: an <input> drops the
    # line break (HTML's value sanitisation), so "Round 4Brussels" would come back.
    page = browser.new_page()
    try:
        page.set_content(response.text)
        assert page.input_value("[name=title]") == TWO_LINES
        assert page.get_attribute("[name=title]", "aria-invalid") == "true"
    finally:
        page.close()
