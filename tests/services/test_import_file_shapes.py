"""Files as officers' spreadsheets really write them (found by the second adversarial
check): Excel's "sep=;" first line, column names retyped in another case, a record named on
two rows, line breaks as CRLF or LF, text decoded in the wrong code page."""

from __future__ import annotations

import pytest

from tracker.orm import db
from tracker.schemas.base import SchemaRefusal, validate
from tracker.schemas.milestones import MilestoneChanges
from tracker.services.spreadsheets import run_import


def test_a_sep_line_and_column_names_in_any_case_are_read(make, officer) -> None:
    agreement = make.agreement(title="Old title")
    db.session.commit()
    text = f"sep=;\r\nID;Title\r\n{agreement.id};New title\r\n"
    result = run_import("agreements", text, officer, confirm=False)
    assert result.file_errors == []
    assert result.separator == ";"
    assert [(row.line, row.action, row.changes) for row in result.rows] == [
        (3, "update", [("title", "Old title", "New title")])
    ]


def test_an_unknown_column_is_still_named_whatever_its_case(officer) -> None:
    result = run_import("agreements", "Title;Colour\r\nA;red\r\n", officer, confirm=False)
    assert [str(error) for error in result.file_errors] == [
        f"Unknown columns: Colour. Known: {', '.join(_agreement_columns())}."
    ]


def _agreement_columns() -> list[str]:
    from tracker.services.spreadsheets import IMPORTERS

    return list(IMPORTERS["agreements"][0])


def test_a_record_named_on_two_rows_is_flagged_in_the_preview(make, officer) -> None:
    """Rows naming one record apply in order (a file may update a record twice, as saves
    one by one would); the later row says so, so that nobody is surprised."""
    milestone = make.milestone(make.track(), title="Round 1")
    db.session.commit()
    text = f"id,notes\n{milestone.id},first\n{milestone.id},second\n"
    result = run_import("milestones", text, officer, confirm=False)
    assert [[str(w) for w in row.warnings] for row in result.rows] == [
        [],
        ["Line 2 names this record too; the rows are applied in the file's order, this one last."],
    ]


def test_rows_are_numbered_by_the_line_they_start_on(make, officer) -> None:
    track = make.track()
    first, second = make.milestone(track), make.milestone(track)
    db.session.commit()
    text = f'id,notes\n{first.id},"two\nlines"\n\n{second.id},one line\n'
    result = run_import("milestones", text, officer, confirm=False)
    assert [(row.line, row.action) for row in result.rows] == [(2, "update"), (5, "update")]


def test_a_note_stored_with_crlf_is_unchanged_by_the_same_note_with_lf(make, officer) -> None:
    """A note saved from a form before forms stored LF has CRLF; Excel gives it back
    with LF: not a change."""
    milestone = make.milestone(make.track(), notes="line one\r\nline two")
    db.session.commit()
    text = f'id,notes\n{milestone.id},"line one\nline two"\n'
    result = run_import("milestones", text, officer, confirm=False)
    assert [(row.action, row.errors) for row in result.rows] == [("unchanged", [])]


def test_long_text_is_stored_with_lf_line_breaks_from_every_door() -> None:
    changes = validate(MilestoneChanges, {"notes": "one\r\ntwo\rthree\x85four"})
    assert changes.notes == "one\ntwo\nthree\nfour"


@pytest.mark.parametrize("character", ["\x80", "\x9b", "\x9f"])
def test_c1_control_characters_are_refused(character: str) -> None:
    """A file decoded in the wrong code page is full of C1 controls (U+0080 to U+009F)."""
    with pytest.raises(SchemaRefusal) as refused:
        validate(MilestoneChanges, {"title": f"Round{character}1"})
    assert [r.field for r in refused.value.refusals] == ["title"]
    with pytest.raises(SchemaRefusal):
        validate(MilestoneChanges, {"notes": f"Bring{character} the draft"})


def test_a_row_of_some_columns_is_labelled_with_its_record(make, officer) -> None:
    """Found by the second adversarial check: a file of "id,notes" showed "—" for every
    row's record in the preview."""
    eu = make.party("European Union")
    agreement = make.agreement(title="EU–Kazakhstan EPCA", short_title="EPCA", parties=[eu])
    milestone = make.milestone(make.track(), title="Round 1")
    db.session.commit()
    result = run_import(
        "milestones", f"id,notes\n{milestone.id},Bring the draft\n", officer, confirm=False
    )
    assert [row.label for row in result.rows] == ["Round 1"]
    result = run_import("agreements", f"id,summary\n{agreement.id},Mixed\n", officer, confirm=False)
    assert [row.label for row in result.rows] == ["EU–Kazakhstan EPCA"]
