"""The "my work" page model: what is the officer's, overdue first, through the one rule."""

from __future__ import annotations

from datetime import date

from tests.work_world import build_work_world
from tracker.services.my_work import my_work_page

TODAY = date(2026, 1, 12)


def test_my_work_lists_my_open_work_overdue_first_and_paused_work_last(make) -> None:
    world = build_work_world(make)
    page = my_work_page(world.me, TODAY)
    ids = world.ids

    # Open items only, overdue first, then by due date; the suspended track's item is
    # listed (it is still mine) but after the live ones and never overdue.
    assert [i.id for i in page.action_items] == [ids["late"], ids["soon"], ids["held"]]
    assert [i.is_overdue(TODAY) for i in page.action_items] == [True, False, False]
    assert page.overdue_action_items == 1

    assert [m.id for m in page.milestones] == [ids["m_late"], ids["m_next"], ids["m_held"]]
    assert page.overdue_milestones == 1

    # Led (live, past its target date) before assigned (suspended).
    assert [t.id for t in page.tracks] == [ids["t_visa"], ids["t_held"]]
    assert not (page.more_tracks or page.more_milestones or page.more_action_items)


def test_my_work_shows_nothing_of_a_track_the_officer_may_not_see(make) -> None:
    world = build_work_world(make)
    page = my_work_page(world.me, TODAY)

    shown = [i.title for i in page.action_items] + [t.name for t in page.followed.tracks]
    assert not [text for text in shown if "SECRETMARK" in text]  # owned or followed, unseen
    assert [a.id for a in page.followed.agreements] == [world.ids["epca"]]
    assert [b.id for b in page.followed.bodies] == [world.ids["council"]]
    assert page.followed.count == 2


def test_an_officer_with_no_work_has_an_empty_page(make) -> None:
    build_work_world(make)
    newcomer = make.user(role="officer")
    page = my_work_page(newcomer, TODAY)
    assert page.is_empty
    assert (page.tracks, page.milestones, page.action_items) == ([], [], [])
