"""CSV files as spreadsheets really write them (issue 14 #6): Excel's "CSV UTF-8" with `;`,
values that start with an apostrophe, files with only some columns, every error of a row
with "before → after", and limits that answer clearly."""

from __future__ import annotations

import gc
import html
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.web.test_spreadsheets import confirm_token, counts, preview
from tracker.models import (
    Agreement,
    AgreementArea,
    AgreementKind,
    AgreementStatus,
    Milestone,
    MilestoneKind,
)
from tracker.orm import db


def text_of(response) -> str:
    """The page's text as read: tags dropped, spaces collapsed."""
    text = re.sub(r"<[^>]+>", "", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(text))


def confirm(client, what: str, response):
    return client.submit(f"/import/{what}/confirm", {"content": confirm_token(response)})


@pytest.mark.parametrize(
    ("separator", "named"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")]
)
def test_excel_csv_utf8_with_any_of_its_separators_is_read(
    client, make, officer, separator, named
) -> None:
    make.track(name="ЕС–Казахстан: визовое упрощение")
    client.login(officer)
    lines = [
        ["title", "kind", "planned_on", "track", "location"],
        ["Раунд 1", "round", "2026-02-10", "ЕС–Казахстан: визовое упрощение", "Астана; Брюссель"],
        ["Раунд 2", "round", "2026-04-10", "ЕС–Казахстан: визовое упрощение", "Брюссель"],
    ]
    quoted = [[f'"{c}"' if separator in c else c for c in line] for line in lines]
    data = "\ufeff" + "\r\n".join(separator.join(line) for line in quoted) + "\r\n"
    response = preview(client, "milestones", data.encode("utf-8"))
    page = text_of(response)
    assert response.status_code == 200, page
    assert "2 to add" in page
    assert f"Columns separated by {named}" in page
    assert confirm(client, "milestones", response).status_code == 302
    locations = dict(db.session.execute(select(Milestone.title, Milestone.location)).all())
    assert locations == {"Раунд 1": "Астана; Брюссель", "Раунд 2": "Брюссель"}


def test_values_that_start_with_an_apostrophe_survive_a_round_trip(client, make, officer) -> None:
    tricky = {
        "title": "'=not a formula",
        "short_title": "'quoted",
        "summary": "=1+1 is a formula; '-1 is not; ''two apostrophes",
        "signed_at": "-Astana",
    }
    made = make.agreement(**tricky)
    client.login(officer)
    exported = client.get("/agreements/export.csv").data
    response = preview(client, "agreements", exported)
    assert "0 to add, 0 to change, 1 unchanged" in text_of(response)
    assert confirm(client, "agreements", response).status_code == 302
    db.session.expire_all()
    again = db.session.get(Agreement, made.id)
    assert {k: getattr(again, k) for k in tricky} == tricky


def test_a_file_with_only_some_columns_leaves_the_others_unchanged(client, make, officer) -> None:
    eu, kz = make.party("Европейский союз"), make.party("Қазақстан")
    epca = make.agreement(
        parties=[eu, kz],
        title="EU–Kazakhstan EPCA",
        short_title="EPCA",
        summary="Enhanced partnership",
        signed_at="Astana",
        signed_on=date(2015, 12, 21),
        in_force_on=date(2020, 3, 1),
    )
    epca.areas = [AgreementArea(name="Энергетика", position=1)]
    db.session.commit()
    track = make.track(name="Visa facilitation")
    round_1 = make.milestone(
        track,
        title="Round 1",
        kind=MilestoneKind.ROUND,
        planned_on=date(2026, 2, 10),
        location="Astana",
        done_on=date(2026, 2, 10),
        outcome="Good progress",
        owner_id=officer.id,
    )
    client.login(officer)
    response = preview(client, "agreements", f"id,title\r\n{epca.id},EPCA (2015)\r\n".encode())
    assert "0 to add, 1 to change" in text_of(response)
    confirm(client, "agreements", response)
    response = preview(client, "milestones", f"id;location\r\n{round_1.id};Brussels\r\n".encode())
    assert "0 to add, 1 to change" in text_of(response), text_of(response)
    confirm(client, "milestones", response)
    db.session.expire_all()
    epca, round_1 = db.session.get(Agreement, epca.id), db.session.get(Milestone, round_1.id)
    assert epca.title == "EPCA (2015)"
    assert (epca.short_title, epca.summary, epca.signed_at) == (
        "EPCA",
        "Enhanced partnership",
        "Astana",
    )
    assert (epca.signed_on, epca.in_force_on) == (date(2015, 12, 21), date(2020, 3, 1))
    assert (epca.status, epca.kind) == (AgreementStatus.SIGNED, AgreementKind.BILATERAL)
    assert [p.name for p in epca.parties] == ["Европейский союз", "Қазақстан"]
    assert [a.name for a in epca.areas] == ["Энергетика"]
    assert round_1.location == "Brussels"
    assert (round_1.title, round_1.track_id, round_1.owner_id) == ("Round 1", track.id, officer.id)
    assert (round_1.done_on, round_1.outcome) == (date(2026, 2, 10), "Good progress")
    # Without a title column too (found by the adversarial check: the title was required).
    response = preview(client, "agreements", f"id;short_title\r\n{epca.id};EPCA2\r\n".encode())
    assert "0 to add, 1 to change" in text_of(response), text_of(response)
    confirm(client, "agreements", response)
    db.session.expire_all()
    epca = db.session.get(Agreement, epca.id)
    assert (epca.title, epca.short_title) == ("EPCA (2015)", "EPCA2")


def test_the_preview_lists_every_error_of_a_row_and_before_and_after(client, make, officer) -> None:
    epca = make.agreement(title="EU–Kazakhstan EPCA", short_title="EPCA", signed_at="Astana")
    client.login(officer)
    data = (
        "id,title,short_title,kind,status,signed_on,signed_at\r\n"
        ",Broken,,trilateral,ratified,21.12.2015,\r\n"
        f"{epca.id},EU–Kazakhstan EPCA,ЕРПС,bilateral,signed,2015-12-21,Астана\r\n"
    ).encode()
    response = preview(client, "agreements", data)
    assert response.status_code == 422
    page = text_of(response)
    assert "kind: “trilateral” is not one of" in page
    assert "status: “ratified” is not one of" in page
    assert "signed_on: “21.12.2015” is not a date (YYYY-MM-DD)." in page
    assert "short_title: EPCA → ЕРПС" in page
    assert "signed_at: Astana → Астана" in page


# Werkzeug's test client spools a request body over 500 KB to a temporary file of its own
# (werkzeug.test.stream_encode_multipart) and does not close it: the warning is the test
# client's, not the app's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_limits_answer_with_a_clear_refusal(client, officer) -> None:
    client.login(officer)
    big_cell = "title,kind,planned_on,notes\r\nx,deadline,2026-02-02," + "я" * 750_000 + "\r\n"
    response = preview(client, "milestones", big_cell.encode())  # 1.5 MB in one cell
    assert response.status_code in (413, 422)
    assert "at most" in text_of(response)
    long_cell = "title,kind,planned_on,notes\r\nx,deadline,2026-02-02," + "a" * 30_000 + "\r\n"
    response = preview(client, "milestones", long_cell.encode())
    assert response.status_code == 422
    assert "Line 2, column notes: a cell holds at most 20,000 characters" in text_of(response)
    too_big = "title,kind,planned_on\r\n" + "Round of talks,deadline,2026-02-02\r\n" * 70_000
    response = preview(client, "milestones", too_big.encode())  # 2.5 MB: over the body limit
    assert response.status_code == 413
    assert "The file is larger than 1.5 MB, the largest spreadsheet that can be imported." in (
        text_of(response)
    )
    many = "title,kind,planned_on\r\n" + "x,deadline,2026-02-02\r\n" * 5_001
    response = preview(client, "milestones", many.encode())
    assert response.status_code == 422
    assert "At most 5,000 rows per file." in text_of(response)
    _let_go(locals())


def _let_go(names: dict) -> None:
    """Close the temporary files the test client spooled big request bodies to, now,
    under the calling test's warning filter (it does not close them itself)."""
    for value in list(names.values()):
        environ = getattr(getattr(value, "request", None), "environ", None)
        if environ is not None:
            environ["wsgi.input"].close()
    gc.collect()


def _archive(make, officer) -> None:
    eu, kz = make.party("European Union"), make.party("Қазақстан Республикасы")
    epca = make.agreement(
        parties=[eu, kz],
        title="Соглашение о расширенном партнёрстве",
        short_title="'=EPCA",
        summary='=SUM(A1) "quoted",\nsecond line',
        signed_at="-Astana",
        signed_on=date(2015, 12, 21),
        in_force_on=date(2020, 3, 1),
    )
    epca.areas = [
        AgreementArea(name="Энергетика", position=1),
        AgreementArea(name="'Trade", position=2),
    ]
    db.session.commit()
    track = make.track(name="ЕС–Казахстан: визовое упрощение", lead=officer)
    council = make.body("Совет сотрудничества ЕС–Казахстан")
    make.milestone(
        track,
        title="@round 1",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2026, 2, 10),
        location="+Астана",
        done_on=date(2026, 2, 10),
        outcome="'agreed",
        notes="line 1\nline 2",
        owner_id=officer.id,
        agreement_id=epca.id,
    )
    make.milestone(
        body_id=council.id,
        title="22-е заседание",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
    )


def test_every_export_reimports_with_nothing_changed(client, make, officer) -> None:
    """Agreements and milestones export and import; the tracks and the weekly report export
    only (there is no importer for them), so their files are checked to read back cell for
    cell as the app wrote them."""
    import csv
    import io

    from tracker.services.spreadsheets import restore

    _archive(make, officer)
    client.login(officer)
    before = counts()
    exports = {
        what: client.get(f"/{what}/export.csv").data for what in ("agreements", "milestones")
    }
    for what, exported in exports.items():
        response = preview(client, what, exported)
        assert "0 to add, 0 to change" in text_of(response), text_of(response)
        assert confirm(client, what, response).status_code == 302
        assert _cells(client.get(f"/{what}/export.csv").data) == _cells(exported)
    assert counts() == before  # not one record, not one audit event more
    tracks = client.get("/tracks/export.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(tracks)))
    assert [restore(r["name"]) for r in rows] == ["ЕС–Казахстан: визовое упрощение"]


def _cells(exported: bytes) -> list[dict[str, str]]:
    """The file's cells, but for the moment of the export."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    return [{k: v for k, v in row.items() if k != "exported_at"} for row in rows]


# see test_limits_answer_with_a_clear_refusal: the test client's own temporary file
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_file_within_the_limit_is_confirmed_as_a_browser_posts_it(client, make, officer) -> None:
    """The confirmation carries the file's text in the page's form (multipart, as the
    browser posts it): a 1.2 MB file in Cyrillic, within the 1.5 MB limit, goes in."""
    make.track(name="Визовое упрощение")
    client.login(officer)
    notes = "Примечание " * 400  # 4,400 characters, 8 KB in UTF-8
    lines = ["title,kind,planned_on,track,notes"]
    lines += [f"Раунд {n},round,2026-03-01,Визовое упрощение,{notes}" for n in range(150)]
    data = ("\r\n".join(lines) + "\r\n").encode()
    assert 1_100_000 < len(data) < 1_500_000
    response = preview(client, "milestones", data)
    assert response.status_code == 200
    assert (
        'enctype="multipart/form-data"'
        in response.get_data(as_text=True)
        .split("/import/milestones/confirm")[0]
        .rsplit("<form", 1)[1]
    )
    confirmed = client.post(
        "/import/milestones/confirm",
        data={"csrf_token": client.csrf_token, "content": confirm_token(response)},
        content_type="multipart/form-data",
    )
    assert confirmed.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 150
    _let_go(locals())


def test_a_quote_never_closed_or_a_column_twice_is_refused(client, officer) -> None:
    """Found by the adversarial check: a cell opened with a quote and never closed took
    the following rows into its text, and a column named twice kept its last value."""
    client.login(officer)
    unclosed = (
        'title,kind,planned_on,notes\r\nRound A,other,2027-01-01,"see ""annex\r\n'
        "Round B,other,2027-01-02,x\r\nRound C,other,2027-01-03,y\r\n"
    )
    response = preview(client, "milestones", unclosed.encode())
    assert response.status_code == 422
    assert "Line 2 opens a quoted cell" in html.unescape(text_of(response))
    twice = "title,title,kind,planned_on\r\nA,B,deadline,2027-01-01\r\n"
    response = preview(client, "milestones", twice.encode())
    assert response.status_code == 422
    assert "more than once: title" in text_of(response)


def test_an_upload_without_a_file_is_refused_in_the_readers_language(client, make) -> None:
    """Found by the adversarial check: "Choose a CSV file." stayed English in Russian."""
    client.login(make.user(role="officer", language="ru"))
    response = client.submit("/import/milestones", {})
    assert response.status_code == 422
    assert "Выберите файл CSV." in text_of(response)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_file_just_over_the_limit_is_told_in_the_readers_numbers(client, make) -> None:
    """Found by the second adversarial check: a file of 1,500,001 bytes was "1.5 MB; at
    most 1.5 MB", with an English decimal point in Russian, and the body limit's refusal
    named 2 MB while the import's limit is 1.5 MB."""
    client.login(make.user(role="officer", language="ru"))
    just_over = b"title,kind,planned_on\r\n" + b"x" * 1_499_978
    assert len(just_over) == 1_500_001
    response = preview(client, "milestones", just_over)
    assert response.status_code == 422
    assert "1,6" in text_of(response) and "1,5" in text_of(response)
    assert "1.5" not in text_of(response)
    too_big = "title,kind,planned_on\r\n" + "Round of talks,deadline,2026-02-02\r\n" * 70_000
    refused = preview(client, "milestones", too_big.encode())
    assert refused.status_code == 413
    assert "1,5" in text_of(refused) and " 2 " not in text_of(refused)
    _let_go(locals())


def test_an_unknown_id_is_named_as_written(client, officer) -> None:
    """Found by the second adversarial check: an id was told as a quantity, "12,345"."""
    client.login(officer)
    response = preview(client, "agreements", b"id,title\r\n12345,EPCA\r\n")
    assert response.status_code == 422
    assert "No agreement has id 12345." in text_of(response)
    response = preview(client, "milestones", b"id,notes\r\n12345,x\r\n")
    assert "No milestone has id 12345." in text_of(response)
