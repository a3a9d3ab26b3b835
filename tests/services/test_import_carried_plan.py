"""A preview's checked plan is carried to its confirmation (issue 19 #4): the confirmation
writes it without working every row out again, but only when nothing the plan rests on
changed since the preview; anything that moved makes it check every row again, as before.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tracker.models import Milestone
from tracker.orm import db
from tracker.services.spreadsheets import run as importing
from tracker.services.spreadsheets import run_import


def _rounds(track_name: str, count: int, *, number: int | str = "") -> str:
    lines = ["title,kind,planned_on,track,number"]
    lines += [
        f"Раунд {n},round,2026-06-{1 + n % 28:02d},{track_name},{number if n == 0 else ''}"
        for n in range(count)
    ]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of file each time every row of one is worked out."""
    calls: list[str] = []
    real = importing._plan

    def counting(kind, rows, actor, result):  # noqa: ANN001, ANN202
        calls.append(kind)
        return real(kind, rows, actor, result)

    monkeypatch.setattr(importing, "_plan", counting)
    return calls


def _count(track_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.track_id == track_id)
    )


@pytest.mark.xfail(strict=True, reason="issue19#4: the confirmation works every row out again")
def test_a_confirmation_writes_the_previews_plan_when_nothing_moved(
    make, officer, worked_out
) -> None:
    track = make.track(name="Визовое упрощение")
    text = _rounds(track.name, 40)
    preview = run_import("milestones", text, officer, confirm=False)
    assert preview.ok and preview.plan_token
    done = run_import("milestones", text, officer, confirm=True, carried=preview.plan_token)
    db.session.commit()
    assert done.ok and done.count("create") == 40
    assert worked_out == ["milestones"], "the confirmation worked the rows out again"
    assert _count(track.id) == 40
    numbers = db.session.scalars(
        select(Milestone.number).where(Milestone.track_id == track.id).order_by(Milestone.number)
    )
    assert list(numbers) == list(range(1, 41))


@pytest.mark.xfail(strict=True, reason="issue19#4: the confirmation works every row out again")
def test_an_agreement_file_is_carried_too(make, officer, worked_out) -> None:
    make.party(name="Kazakhstan")
    text = "title,kind,status,parties\r\n" + "".join(
        f"Соглашение {n},bilateral,draft,Kazakhstan\r\n" for n in range(10)
    )
    preview = run_import("agreements", text, officer, confirm=False)
    assert preview.ok, preview.rows
    done = run_import("agreements", text, officer, confirm=True, carried=preview.plan_token)
    db.session.commit()
    assert done.ok and done.count("create") == 10
    assert worked_out == ["agreements"]
