"""A row's unreadable `exported_at` cell is reported with the row's other errors, named by
its column, in the agreements and milestones files too, as the acts file does (h16g #1:
a row shows every error at once); before, it was checked only once the other cells passed.
"""

from __future__ import annotations

from tracker.models import MilestoneKind
from tracker.services.spreadsheets import run_import

BAD_MOMENT = "“yesterday” is not a moment such as 2026-01-12T10:00:00+00:00."


def _errors(result) -> list[tuple[str, str]]:  # noqa: ANN001
    assert len(result.rows) == 1
    return [(column, str(message)) for column, message in result.rows[0].errors]


def test_an_agreement_row_reports_a_bad_moment_with_its_other_errors(make, officer) -> None:
    agreement = make.agreement(title="Visa facilitation agreement")
    text = (
        "id,title,status,exported_at\r\n"
        f"{agreement.id},Visa facilitation agreement,nearly,yesterday\r\n"
    )
    errors = _errors(run_import("agreements", text, officer, confirm=False))
    assert [column for column, _ in errors] == ["status", "exported_at"]
    assert ("exported_at", BAD_MOMENT) in errors


def test_a_milestone_row_reports_a_bad_moment_with_its_other_errors(make, officer) -> None:
    track = make.track(name="Trade")
    milestone = make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND)
    text = (
        "id,title,kind,planned_on,track,exported_at\r\n"
        f"{milestone.id},Round 1,round,someday,Trade,yesterday\r\n"
    )
    errors = _errors(run_import("milestones", text, officer, confirm=False))
    assert [column for column, _ in errors] == ["planned_on", "exported_at"]
    assert ("exported_at", BAD_MOMENT) in errors


def test_a_bad_moment_alone_is_still_refused(make, officer) -> None:
    agreement = make.agreement(title="Readmission agreement")
    text = f"id,title,exported_at\r\n{agreement.id},Readmission agreement,yesterday\r\n"
    assert _errors(run_import("agreements", text, officer, confirm=False)) == [
        ("exported_at", BAD_MOMENT)
    ]
