"""Search from anywhere (issue 15 #1), in Chromium: the header's box reached by the
keyboard and typed in, at a desktop's width and a phone's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.models import Classification
from tracker.orm import db

LABEL = "Search agreements, tracks, milestones and more"


@pytest.mark.parametrize("width", [1366, 390])
def test_the_header_box_finds_records_from_any_page(
    live_server: str, new_page: Any, officer: Any, make: Any, width: int
) -> None:
    epca = make.agreement(
        title="Enhanced Partnership and Cooperation Agreement", short_title="EPCA"
    )
    visa = make.track(name="Visa facilitation", framework_agreement_id=epca.id)
    readmission = make.track(name="Readmission", framework_agreement_id=epca.id)
    secret = make.track(
        name="EPCA sanctions dialogue",
        framework_agreement_id=epca.id,
        classification=Classification.RESTRICTED,
    )
    make.body(name="Ынтымақтастық кеңесі")
    db.session.commit()
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/{visa.id}")

    box = page.get_by_role("searchbox", name=LABEL)
    box_frame = box.bounding_box()
    assert box_frame is not None and box_frame["x"] >= 0
    assert box_frame["x"] + box_frame["width"] <= width  # on the screen, phone included
    assert box_frame["height"] >= 24  # a finger can hit it

    # The keyboard reaches the box from the top of the page, and Enter searches.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "header-search-q":
            break
    else:
        pytest.fail("Tab never reached the header's search box")
    page.keyboard.type("epc")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=epc")

    results = page.get_by_role("main")
    assert results.get_by_role("heading", name="Agreements").is_visible()
    assert results.get_by_role("heading", name="Tracks").is_visible()
    links = results.get_by_role("link")
    names = links.all_inner_texts()
    assert "Enhanced Partnership and Cooperation Agreement" in names
    assert {"Visa facilitation", "Readmission"} <= set(names)
    assert secret.name not in page.content()  # the officer is not on the restricted track
    assert box.input_value() == "epc"  # the box keeps what was searched

    # Kazakh, typed in capitals, finds a name in small letters; the link leads to it.
    box.fill("КЕҢЕС")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    page.get_by_role("link", name="Ынтымақтастық кеңесі").click()
    page.wait_for_url("**/bodies/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Ынтымақтастық кеңесі"
    assert readmission.id
