"""Excel's "CSV UTF-8" writes a row of separators only (";;") for a row it has cleared or
formatted at the end of a sheet: such a row holds nothing and is skipped, as a blank line
is, in every kind of import (the whole file was refused, naming columns the file did not
even have: found by the second adversarial check)."""

from __future__ import annotations

from tracker.orm import db
from tracker.services.spreadsheets import run_import


def test_rows_of_separators_only_are_skipped_in_every_import(make, officer) -> None:
    agreement = make.agreement(title="Old title")
    track = make.track(name="Readmission")
    milestone = make.milestone(track, title="Round 1")
    db.session.commit()
    files = {
        "agreements": f"id;title\r\n{agreement.id};New title\r\n;\r\n;\r\n",
        "milestones": f"id;notes\r\n{milestone.id};Bring the draft\r\n;\r\n",
    }
    for kind, text in files.items():
        result = run_import(kind, text, officer, confirm=False)
        assert not result.file_errors, (kind, result.file_errors)
        assert [row.errors for row in result.rows] == [[]], kind
    # separators only under the header: the same answer as blank lines only
    only = run_import("actions", "id;agreement;party;kind;on\r\n;;;;\r\n", officer, confirm=False)
    blank = run_import("actions", "id;agreement;party;kind;on\r\n\r\n", officer, confirm=False)
    assert only.file_errors == blank.file_errors
