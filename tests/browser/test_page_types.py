"""The browser matrix (tests/browser/pages.py) has every page type of the URL map: a new
GET route that returns a page fails here until it is given a path or a reason."""

from __future__ import annotations

from typing import Any

from tests.browser.pages import (
    LOGGED_OUT_PATHS,
    NOT_IN_THE_MATRIX,
    every_page_type,
    page_types_left_out,
)


def test_every_page_route_is_in_the_browser_matrix_or_excused(
    app: Any, make: Any, admin: Any
) -> None:
    world = every_page_type(app, make, admin)
    assert page_types_left_out(app, LOGGED_OUT_PATHS + world.paths) == []


def test_a_page_route_left_out_or_excused_needlessly_is_named(
    app: Any, make: Any, admin: Any, monkeypatch: Any
) -> None:
    world = every_page_type(app, make, admin)
    paths = [path for path in world.paths if path != "/bodies/new"]
    monkeypatch.setitem(NOT_IN_THE_MATRIX, "tracks.index", "a reason that is out of date")
    assert page_types_left_out(app, LOGGED_OUT_PATHS + paths) == [
        "/bodies/new (bodies.new): add a path to tests/browser/pages.py, or a reason to "
        "NOT_IN_THE_MATRIX",
        "tracks.index: excused in NOT_IN_THE_MATRIX but covered by the matrix or gone",
    ]
