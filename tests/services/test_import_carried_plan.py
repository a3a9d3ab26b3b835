"""A preview's checked plan is carried to its confirmation (issue 19 #4): the confirmation
writes it without working every row out again, but only when nothing the plan rests on
changed since the preview; anything that moved makes it check every row again, as before.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.models import Milestone, MilestoneKind
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


def test_a_round_number_taken_between_preview_and_confirmation_is_refused(
    make, officer, worked_out
) -> None:
    """The numbered series the plan rests on moved: every row is checked again and the
    confirmation refuses, writing nothing."""
    track = make.track(name="Trade")
    text = _rounds(track.name, 5, number=3)
    preview = run_import("milestones", text, officer, confirm=False)
    assert preview.ok
    make.milestone(track, title="Someone else's round", kind=MilestoneKind.ROUND, number=3)
    done = run_import("milestones", text, officer, confirm=True, carried=preview.plan_token)
    assert not done.ok
    assert [str(m) for _, m in done.rows[0].errors] == [
        "Number 3 is already taken in this track's rounds."
    ]
    assert worked_out == ["milestones", "milestones"]
    db.session.rollback()
    assert _count(track.id) == 1


def test_a_track_archived_between_preview_and_confirmation_is_refused(
    make, officer, worked_out
) -> None:
    """A record the plan rests on (a track the file names) changed: checked again."""
    track = make.track(name="Energy")
    text = _rounds(track.name, 3)
    preview = run_import("milestones", text, officer, confirm=False)
    assert preview.ok
    track.archived_on = date(2026, 1, 5)
    db.session.commit()
    done = run_import("milestones", text, officer, confirm=True, carried=preview.plan_token)
    assert not done.ok
    assert all(row.errors for row in done.rows)
    assert worked_out == ["milestones", "milestones"]
    db.session.rollback()
    assert _count(track.id) == 0


def test_a_plan_serves_its_own_file_and_officer_once(make, officer, worked_out) -> None:
    """Another file, another officer or a second confirmation with the same token gets
    no carried plan: every row is worked out again (and nothing is made twice)."""
    track = make.track(name="Fisheries")
    text = _rounds(track.name, 4)
    preview = run_import("milestones", text, officer, confirm=False)
    other = make.user(role="officer")
    run_import("milestones", text, other, confirm=True, carried=preview.plan_token)
    db.session.rollback()
    assert worked_out == ["milestones", "milestones"]  # the token is spent, even refused
    again = run_import("milestones", text, officer, confirm=False)
    changed = text.replace("Раунд 0", "Раунд ноль")
    run_import("milestones", changed, officer, confirm=True, carried=again.plan_token)
    db.session.commit()
    twice = run_import("milestones", changed, officer, confirm=True, carried=again.plan_token)
    db.session.commit()
    assert worked_out == ["milestones"] * 5
    assert twice.count("unchanged") == 4
    assert _count(track.id) == 4


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


def test_the_confirmation_form_carries_the_plan(client, make, officer, worked_out) -> None:
    """Through the pages: the preview's form carries its plan's token beside the file,
    and the confirmation posted from it writes the plan."""
    track = make.track(name="Customs")
    client.login(officer)
    response = client.post(
        "/import/milestones",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(_rounds(track.name, 6).encode()), "rounds.csv"),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'name="(content|plan)" type="hidden" value="([^"]*)"', page)
    }
    assert fields.get("plan"), "the preview's form carries no plan"
    confirmed = client.submit("/import/milestones/confirm", fields)
    assert confirmed.status_code == 302
    assert worked_out == ["milestones"]
    assert _count(track.id) == 6
