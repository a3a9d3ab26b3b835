"""Issue 16 (h16g): a row of an acts file (/agreements/<id>/actions.csv, imported at
/import/actions, from the agreement's page or not) shows every error it has, each at its
column, however its cells fail (a name that finds nothing, a cell that does not parse, a
cell the act's schema refuses, a rule across cells or against the stored acts); and its
preview names the agreement the same way on every row (its short title)."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.web.test_spreadsheets import confirm_token, preview
from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
TITLE = "Agreement on the Transit of Goods between Atlantis and Deltastan"
SHORT = "Transit Agreement"
HEADER = (
    "id,agreement,party,kind,on,effective_on,instrument_ref,notification_ref,note,"
    "document_url,objects_to_id,exported_at\n"
)


@pytest.fixture
def treaty(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Deltastan")], title=TITLE, short_title=SHORT
    )
    agreement.ratifications[0].actions.append(PartyAction(kind="signature", on=date(2024, 1, 10)))
    db.session.commit()
    return agreement


def _errors(text: str, officer) -> list[list[str]]:
    """The columns of each row's errors, sorted, from a preview of `text`."""
    from tracker.services.spreadsheets import run_import

    result = run_import("actions", text, officer, confirm=False)
    db.session.rollback()
    return [sorted(column for column, _ in r.errors) for r in result.rows]


def _rows_of(page) -> list[str]:
    """The preview table's rows as read: tags dropped, spaces collapsed."""
    body = page.get_data(as_text=True).split("<tbody>")[1].split("</tbody>")[0]
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()).replace(" :", ":")
        for row in body.split("</tr>")[:-1]
    ]


@time_machine.travel(TODAY, tick=False)
def test_an_unknown_party_a_bad_date_url_and_kind_are_all_shown(client, officer, treaty) -> None:
    row = f",{TITLE},Nowhere,ratifikation,2024-13-01,,,,,not a web address,,\n"
    assert _errors(HEADER + row, officer) == [["document_url", "kind", "on", "party"]]
    client.login(officer)
    for where in ("actions", f"actions?agreement={treaty.id}"):  # the general import too
        page = preview(client, where, (HEADER + row).encode())
        assert page.status_code == 422
        (shown,) = _rows_of(page)
        for said in (
            "party: No party is called “Nowhere”.",
            "kind: “ratifikation” is not one of:",
            "on: “2024-13-01” is not a date (YYYY-MM-DD).",
            "document_url: Enter a web address starting with https://.",
        ):
            assert said in shown, shown


@time_machine.travel(TODAY, tick=False)
def test_an_unknown_agreement_hides_nothing(officer, treaty, make) -> None:
    make.party("Gammaland")
    rows = (
        # an effective date before the act's, a URL that is not one
        ",No such treaty,Atlantis,provisional_application,2024-05-01,2024-04-01,,,,ftp://x,,\n"
        # a date out of the schema's range, a second date the kind does not have
        ",No such treaty,Atlantis,signature,1700-01-01,2024-04-01,,,,,,\n"
        # the Party is not a party to it: with a note on two lines where one is asked
        f',{SHORT},Gammaland,signature,2024-02-01,,"ref\nsplit",,,,,\n'
    )
    assert _errors(HEADER + rows, officer) == [
        ["agreement", "document_url", "effective_on"],
        ["agreement", "effective_on", "on"],
        ["instrument_ref", "party"],
    ]


@time_machine.travel(TODAY, tick=False)
def test_the_checks_against_the_stored_acts_come_with_the_others(officer, treaty) -> None:
    signature = treaty.ratifications[0].actions[0]
    rows = (
        # an objection dated in the future, naming no reservation
        f",{SHORT},Deltastan,objection,2027-01-01,,,,,,99999,\n"
        # the same act as a stored one, with a URL that is not one
        f",{SHORT},Atlantis,signature,2024-01-10,,,,,not a web address,,\n"
        # a stored act changed: a moment that is none, and a URL that is not one
        f"{signature.id},{SHORT},Atlantis,signature,2024-01-10,,,,,not a web address,,"
        "yesterday\n"
        # an unknown Party's act dated in the future, with a bad kind
        f",{SHORT},Nowhere,ratifikation,2027-01-01,,,,,,,\n"
    )
    assert _errors(HEADER + rows, officer) == [
        ["objects_to_id", "on"],
        ["document_url", "on"],
        ["document_url", "exported_at"],
        ["kind", "on", "party"],
    ]


@time_machine.travel(TODAY, tick=False)
def test_rows_that_are_fine_are_previewed_and_imported_as_before(client, officer, treaty) -> None:
    signature = treaty.ratifications[0].actions[0]
    rows = (
        f"{signature.id},{TITLE},Atlantis,signature,2024-01-10,,,,Signed in Astana,,,\n"
        f",{TITLE},Deltastan,signature,2024-01-11,,,,,https://example.org/s,,\n"
    )
    client.login(officer)
    page = preview(client, f"actions?agreement={treaty.id}", (HEADER + rows).encode())
    assert page.status_code == 200
    change, add = _rows_of(page)
    assert "Change note: — → Signed in Astana" in change
    assert add.endswith("Add")
    done = client.submit("/import/actions/confirm", {"content": confirm_token(page)})
    assert done.status_code == 302
    db.session.expire_all()
    assert signature.note == "Signed in Astana"
    (added,) = treaty.ratifications[1].actions
    assert (added.kind.value, added.on, added.document_url) == (
        "signature",
        date(2024, 1, 11),
        "https://example.org/s",
    )


@time_machine.travel(TODAY, tick=False)
def test_every_row_names_the_agreement_by_its_short_title(client, officer, treaty) -> None:
    signature = treaty.ratifications[0].actions[0]
    rows = (
        f"{signature.id},{TITLE},Atlantis,signature,2024-01-10,,,,Signed in Astana,,,\n"
        f",{TITLE},Deltastan,signature,2024-01-11,,,,,,,\n"
        f",{TITLE},Deltastan,ratification,2024-13-01,,,,,,,\n"
        f",{TITLE},Nowhere,ratification,2024-02-01,,,,,,,\n"
    )
    client.login(officer)
    page = preview(client, "actions", (HEADER + rows).encode())
    assert page.status_code == 422
    labels = [re.sub(r"^\d+ ", "", row).split(" · ")[0] for row in _rows_of(page)]
    assert labels == [SHORT] * 4, labels
    # an agreement that the file names and the tracker does not know: as the file names it
    page = preview(client, "actions", (HEADER + ",No such treaty,Atlantis,x,,,,,,,,\n").encode())
    assert _rows_of(page)[0].startswith("2 No such treaty · Atlantis · x ")


@time_machine.travel(TODAY, tick=False)
def test_a_refused_row_does_not_blame_its_stored_act_for_what_it_leaves(officer, treaty) -> None:
    """A stored act flagged in the consistency panel (an objection before the reservation
    it names: h16e #1) is not refused for it on a row that keeps its kind and date, even
    when the row is refused for another cell."""
    atlantis, deltastan = treaty.ratifications
    reservation = PartyAction(kind="reservation", on=date(2025, 7, 1))
    atlantis.actions.append(reservation)
    db.session.commit()
    objection = PartyAction(kind="objection", on=date(2025, 6, 1), objects_to_id=reservation.id)
    deltastan.actions.append(objection)
    db.session.commit()
    rows = (
        f"{objection.id},{SHORT},Deltastan,objection,2025-06-01,,,,,,{reservation.id},\n"
        f"{objection.id},{SHORT},Nowhere,objection,2025-06-01,,,,,,{reservation.id},\n"
        f"{objection.id},{SHORT},Nowhere,objection,2025-05-01,,,,,,{reservation.id},\n"
    )
    assert _errors(HEADER + rows, officer) == [[], ["party"], ["on", "party"]]


@time_machine.travel(TODAY, tick=False)
def test_an_id_that_names_no_act_in_a_file_of_some_columns(client, officer, treaty) -> None:
    """A file of some columns ("id,note": a row changes its stored act) whose id names no
    act: the row is refused at its id and at its own cells, not for the columns the file
    does not have (it broke the preview: a 500)."""
    text = "id,note,document_url\n99999,Corrected,\nabc,Corrected,not a web address\n"
    assert _errors(text, officer) == [["id"], ["document_url", "id"]]
    client.login(officer)
    page = preview(client, "actions", text.encode())
    assert page.status_code == 422
    assert [row.split(" ")[0] for row in _rows_of(page)] == ["2", "3"]


@time_machine.travel(TODAY, tick=False)
def test_the_treaty_files_name_the_agreement_by_its_short_title(officer, treaty, make) -> None:
    """The other files that name an agreement (final clauses, relations: the agreement
    page's other "Import CSV") label their rows alike, errors or not, and show every error
    of a row at once."""
    from tracker.services.spreadsheets import run_import

    make.agreement(title="Protocol on the Transit of Goods", short_title="Transit Protocol")
    relations = (
        "agreement,kind,other_agreement,note\n"
        f"Protocol on the Transit of Goods,amends,{TITLE},\n"
        f"Protocol on the Transit of Goods,mends,{TITLE},\n"
        f'No such treaty,amends,{TITLE},"two\nlines"\n'
    )
    rules = (
        "agreement,purpose,mode,anchor,offset,unit,nth,note\n"
        f"{TITLE},entry_into_force,after,signature,30,days,,\n"
        f"{TITLE},initial_term,after,signature,-1,weeks,,\n"
        f'No such treaty,initial_term,after,signature,5,years,,"two\nlines"\n'
    )
    found = {}
    for kind, text in (("relations", relations), ("final-clauses", rules)):
        result = run_import(kind, text, officer, confirm=False)
        db.session.rollback()
        found[kind] = [(r.label, sorted(c for c, _ in r.errors)) for r in result.rows]
    assert found == {
        "relations": [
            (f"Transit Protocol · amends · {SHORT}", []),
            (f"Transit Protocol · mends · {SHORT}", ["kind"]),
            (f"No such treaty · amends · {SHORT}", ["agreement", "note"]),
        ],
        "final-clauses": [
            (f"{SHORT} · entry_into_force", []),
            (f"{SHORT} · initial_term", ["offset", "unit"]),
            # the clause's own rule too (a term counts from entry into force)
            ("No such treaty · initial_term", ["agreement", "anchor", "note"]),
        ],
    }
