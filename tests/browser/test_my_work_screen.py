"""The "my work" page on a phone in Kazakh: seen (a full-page screenshot kept as an
artefact) and readable (no word split across two lines, nothing wider than the screen),
with long Kazakh and Russian names and an overdue item, an item of a suspended track and
a followed agreement on it."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.pages import AGREEMENT_TITLE_RU, OFFICER_NAME_KK, TRACK_NAME_KK
from tests.browser.test_readable import PAGE_OVERFLOW, SPLIT_WORDS, WIDE_ELEMENTS
from tests.factories import PASSWORD
from tracker.domain.workflow import TrackStatus
from tracker.models import ActionItem, Follow, MilestoneKind
from tracker.orm import db


def test_my_work_in_kazakh_at_390_px_splits_no_word(
    live_server: str, new_page: Any, admin: Any, make: Any
) -> None:
    admin.name = OFFICER_NAME_KK
    admin.language = "kk"
    agreement = make.agreement(title=AGREEMENT_TITLE_RU, short_title="")
    track = make.track(
        TrackStatus.NEGOTIATING,
        lead=admin,
        name=TRACK_NAME_KK,
        target_date=date(2025, 12, 20),
        next_step="Келесі раундтың күн тәртібін үйлестіру және хаттаманы дайындау",
    )
    held = make.track(TrackStatus.SUSPENDED, name="Инвестицияларды өзара қорғау туралы келісім")
    held.members.append(admin)
    meeting = make.milestone(
        track,
        title="Ынтымақтастық кеңесінің жиырма екінші отырысы",
        kind=MilestoneKind.MEETING,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
    )
    make.milestone(
        track,
        title="Ответственный исполнитель: согласование позиций министерств",
        planned_on=date(2026, 1, 2),
        owner_id=admin.id,
    )
    db.session.add_all(
        [
            ActionItem(
                meeting_id=meeting.id,
                title="Күн тәртібінің жобасын серіктестерге жіберу",
                owner_id=admin.id,
                due_on=date(2026, 1, 5),
                track_id=track.id,
            ),
            ActionItem(
                meeting_id=meeting.id,
                title="Қосымшаның мәтінін қайта қарау",
                owner_id=admin.id,
                due_on=date(2026, 1, 1),
                track_id=held.id,
            ),
            Follow(user_id=admin.id, agreement_id=agreement.id),
        ]
    )
    db.session.commit()

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/my-work")
    assert page.locator("h1").inner_text() == "Менің жұмысым"
    assert page.get_by_text("Күн тәртібінің жобасын серіктестерге жіберу").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "my-work-kk-390.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000

    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)
