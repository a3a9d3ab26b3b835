"""Issue 15 (check of the built issue), item 9: a milestone file names its track, agreement
and body by the English name or by the official Russian or Kazakh one (in any letter case,
still only among what the officer may see), and may add an untitled round, as the form can."""

from __future__ import annotations

from sqlalchemy import select

from tracker.models import Classification, Milestone, MilestoneKind
from tracker.orm import db
from tracker.services.spreadsheets import run_import


def test_a_milestone_file_names_records_by_their_official_names(make, officer) -> None:
    track = make.track(
        lead=officer,
        name="Visa facilitation",
        official_name_ru="Упрощение визового режима",
        official_name_kk="Визалық режимді жеңілдету",
    )
    agreement = make.agreement(
        title="Partnership agreement", official_title_ru="Соглашение о партнёрстве"
    )
    body = make.body(name="Cooperation Council", official_name_kk="Ынтымақтастық кеңесі")
    make.track(
        name="Hidden talks",
        official_name_ru="Секретные переговоры",
        classification=Classification.RESTRICTED,
    )
    csv_text = (
        "title,kind,track,agreement,body,planned_on\r\n"
        "Experts,deadline,упрощение визового режима,,,2026-03-01\r\n"
        "Draft,deadline,ВИЗАЛЫҚ РЕЖИМДІ ЖЕҢІЛДЕТУ,Соглашение о партнёрстве,,2026-03-02\r\n"
        "Council,meeting,,,ынтымақтастық кеңесі,2026-03-03\r\n"
    )
    result = run_import("milestones", csv_text, officer, confirm=True)
    assert result.ok and [r.errors for r in result.rows] == [[], [], []], result.rows
    db.session.commit()
    stored = {m.title: m for m in db.session.scalars(select(Milestone))}
    assert stored["Experts"].track_id == track.id
    assert (stored["Draft"].track_id, stored["Draft"].agreement_id) == (track.id, agreement.id)
    assert stored["Council"].body_id == body.id

    hidden = run_import(
        "milestones",
        "title,kind,track,planned_on\r\nX,deadline,Секретные переговоры,2026-03-04\r\n",
        officer,
        confirm=False,
    )
    assert hidden.file_errors == [], hidden.file_errors
    assert hidden.rows[0].errors  # not found: the officer may not see it


def test_a_milestone_file_adds_an_untitled_round(make, officer) -> None:
    track = make.track(lead=officer, name="Visa facilitation")
    make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    csv_text = f"title,kind,track,planned_on\r\n,round,{track.name},2026-03-01\r\n"
    result = run_import("milestones", csv_text, officer, confirm=True)
    assert result.ok and result.count("create") == 1, [r.errors for r in result.rows]
    db.session.commit()
    added = db.session.scalar(select(Milestone).where(Milestone.title == ""))
    assert (added.kind, added.number, added.display_title) == (MilestoneKind.ROUND, 2, "Round 2")


def test_importing_an_untitled_round_again_changes_nothing(make, officer) -> None:
    track = make.track(lead=officer, name="Visa facilitation")
    csv_text = f"id,title,kind,track,planned_on\r\n,,round,{track.name},2026-03-01\r\n"
    assert run_import("milestones", csv_text, officer, confirm=True).count("create") == 1
    db.session.commit()
    again = run_import("milestones", csv_text, officer, confirm=True)
    db.session.commit()
    assert [r.action for r in again.rows] == ["unchanged"]
    assert len(list(db.session.scalars(select(Milestone)))) == 1
