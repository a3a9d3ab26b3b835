"""CSV export (Excel-safe) and import (preview, one transaction, idempotent)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from tracker.models import Agreement, AgreementArea, AuditEvent, Milestone, MilestoneKind
from tracker.orm import db


def rows_of(response) -> list[dict[str, str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")  # the byte-order mark Excel needs for UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def preview(client, what: str, data: bytes):
    return client.post(
        f"/import/{what}",
        data={"csrf_token": client.csrf_token, "file": (io.BytesIO(data), "file.csv")},
        content_type="multipart/form-data",
    )


def confirm_token(response) -> str:
    import html
    import re

    match = re.search(
        r'name="content" type="hidden" value="([^"]*)"', response.get_data(as_text=True)
    )
    assert match, "the preview offers to confirm"
    return html.unescape(match.group(1))


def counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(Agreement)),
        db.session.scalar(select(func.count()).select_from(Milestone)),
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
    )


def test_exports_open_in_excel_and_neutralise_formulas(client, make, officer) -> None:
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    make.agreement(parties=[eu, kz], title="EU–Kazakhstan EPCA", short_title="EPCA")
    make.agreement(title='=HYPERLINK("http://evil")', short_title="-1")
    client.login(officer)
    response = client.get("/agreements/export.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="agreements.csv"'
    rows = {r["short_title"]: r for r in rows_of(response)}
    assert rows["EPCA"]["parties"] == "European Union; Kazakhstan"
    assert rows["EPCA"]["title"] == "EU–Kazakhstan EPCA"
    assert rows["'-1"]["title"] == '\'=HYPERLINK("http://evil")'


def test_the_export_follows_the_lists_filters(client, make, officer) -> None:
    track = make.track(name="Visa facilitation")
    make.milestone(track, title="Round 1", planned_on=date(2026, 2, 10))
    make.milestone(
        track, title="Done long ago", planned_on=date(2025, 1, 10), done_on=date(2025, 1, 10)
    )
    client.login(officer)
    rows = rows_of(client.get("/milestones/export.csv?state=open"))
    assert [r["title"] for r in rows] == ["Round 1"]
    assert rows[0]["track"] == "Visa facilitation"
    tracks = rows_of(client.get("/tracks/export.csv?q=visa"))
    assert [t["name"] for t in tracks] == ["Visa facilitation"]


def test_an_exported_file_reimports_with_no_changes(client, make, officer) -> None:
    eu = make.party("European Union")
    epca = make.agreement(
        parties=[eu],
        title="EU–Kazakhstan EPCA",
        short_title="EPCA",
        summary='Line one,\nline "two"',
        reference_url="https://eeas.europa.eu",
    )
    epca.areas = [AgreementArea(name="Energy", position=1), AgreementArea(name="Trade", position=2)]
    db.session.commit()
    council = make.body("EU–Kazakhstan Cooperation Council")
    make.milestone(
        body_id=council.id,
        agreement_id=epca.id,
        title="22nd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
        outcome="-10 years of partnership",
        owner_id=officer.id,
    )
    client.login(officer)
    before = counts()
    for what in ("agreements", "milestones"):
        exported = client.get(f"/{what}/export.csv").data
        response = preview(client, what, exported)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "0 to add, 0 to change, 1 unchanged" in page
        confirmed = client.submit(f"/import/{what}/confirm", {"content": confirm_token(response)})
        assert confirmed.status_code == 302
    assert counts() == before  # not one record, not one audit event more


def test_nothing_is_written_before_confirming_and_then_all_at_once(client, make, officer) -> None:
    make.party("Kazakhstan")
    client.login(officer)
    data = (
        b"title,short_title,kind,status,signed_on,parties\r\n"
        b"Visa facilitation agreement,VFA,bilateral,draft,,Kazakhstan\r\n"
        b"Readmission agreement,RA,bilateral,draft,,Kazakhstan\r\n"
    )
    before = counts()
    response = preview(client, "agreements", data)
    assert "2 to add" in response.get_data(as_text=True)
    assert counts() == before  # the preview wrote nothing

    client.submit("/import/agreements/confirm", {"content": confirm_token(response)})
    titles = set(db.session.scalars(select(Agreement.short_title)))
    assert titles == {"VFA", "RA"}

    again = preview(client, "agreements", data)  # the same file, a second time
    assert "0 to add, 0 to change, 2 unchanged" in again.get_data(as_text=True)


def test_errors_are_listed_by_line_and_column_and_block_the_whole_file(
    client, make, officer
) -> None:
    client.login(officer)
    data = (
        "title,kind,planned_on,track\r\n"
        "Round 1,round,2026-02-10,\r\n"  # a round needs a track (the service's rule)
        "Comments due,deadline,next week,\r\n"
        ",picnic,2026-03-01,\r\n"
        "Briefing,meeting,2026-03-01,No such track\r\n"
    ).encode("utf-8-sig")
    response = preview(client, "milestones", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<strong>track</strong>: A milestone belongs to a track, an agreement or a body" in page
    assert "<strong>planned_on</strong>: “next week” is not a date (YYYY-MM-DD)." in page
    assert "<strong>title</strong>: This cell cannot be empty." in page
    assert "<strong>track</strong>: No track is called “No such track”." in page
    assert "Confirm the import" not in page
    # Even a forged confirmation writes nothing while a row is wrong.
    forged = client.submit("/import/milestones/confirm", {"content": data.decode("utf-8-sig")})
    assert forged.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0


def test_a_file_that_is_not_csv_utf8_is_refused_clearly(client, officer) -> None:
    client.login(officer)
    response = preview(client, "agreements", "title\r\nAccord de coopération\r\n".encode("cp1252"))
    assert response.status_code == 422
    assert "Save the file as CSV UTF-8" in response.get_data(as_text=True)
    unknown = preview(client, "agreements", b"name,colour\r\nx,y\r\n")
    assert "missing: title" in unknown.get_data(as_text=True)


def test_a_row_whose_record_changed_after_the_export_is_flagged(client, make, officer) -> None:
    """CSV rows carry no version: the export's moment is on each row, and a row that would
    overwrite a change made in the tracker after it is flagged in the preview."""
    import time_machine

    from tracker.models import Milestone
    from tracker.services.milestones import update_milestone

    track = make.track(name="Visa facilitation")
    milestone = make.milestone(track, title="Round 1", planned_on=date(2026, 2, 10))
    client.login(officer)
    exported = client.get("/milestones/export.csv").data.decode("utf-8")
    assert "exported_at" in exported.splitlines()[0]
    with time_machine.travel(datetime(2026, 1, 13, 9, 0, tzinfo=UTC), tick=False):
        update_milestone(
            db.session.get(Milestone, milestone.id),
            {"location": "Astana"},
            actor=officer,
            expected_version=milestone.version,
        )
        db.session.commit()
    # The officer edits the old file (a new title) and imports it.
    edited = exported.replace("Round 1", "Round 1 (technical)").encode("utf-8")
    response = preview(client, "milestones", edited)
    page = response.get_data(as_text=True)
    assert "after this file was exported" in page
    # A file exported after the change, imported as it is, changes nothing: no flag.
    fresh = client.get("/milestones/export.csv").data
    again = preview(client, "milestones", fresh)
    assert "after this file was exported" not in again.get_data(as_text=True)
    assert "0 to add, 0 to change, 1 unchanged" in again.get_data(as_text=True)


def test_a_cell_too_long_to_read_is_a_clear_refusal_not_an_error(client, officer) -> None:
    client.login(officer)
    data = "title,kind,planned_on,notes\r\nx,deadline,2026-02-02," + "a" * 200_000 + "\r\n"
    response = preview(client, "milestones", data.encode("utf-8"))
    assert response.status_code == 422
    assert "cannot be read: a cell is too long" in response.get_data(as_text=True)
