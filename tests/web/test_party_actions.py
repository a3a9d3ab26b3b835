"""A Party's acts on the agreement page (issue 16 #1, #2, #6): recorded, edited and deleted
through the page; the matrix, "X of N", a group's progress and the consistency panel are
derived from them; unknown dates are shown as "not recorded" and never flagged."""

from __future__ import annotations

import html
from datetime import date

import pytest

from tracker.models import (
    AgreementKind,
    AgreementStatus,
    Party,
    PartyAction,
    PartyGroup,
    Ratification,
)
from tracker.orm import db


@pytest.fixture
def epca(make):
    return make.agreement(
        parties=[make.party("European Union"), make.party("Kazakhstan")],
        short_title="EPCA",
        kind=AgreementKind.MIXED,
        signed_on=date(2015, 12, 21),
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


def _act(agreement, **fields) -> dict:
    data = {
        "kind": "notification_of_completion",
        "on": "",
        "effective_on": "",
        "instrument_ref": "",
        "notification_ref": "",
        "note": "",
        "document_url": "",
    }
    data.update(fields)
    return data


def test_an_act_with_its_date_not_recorded_counts_and_is_no_contradiction(
    client, officer, epca
) -> None:
    eu, kz = epca.ratifications
    for row in (eu, kz):  # both signed on the agreement's date (issue 16 #2)
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21))
        )
    db.session.commit()
    client.login(officer)
    page = client.get(f"/agreements/{epca.id}").text
    assert "0 of 2 have consented to be bound" in page
    flagged = _section(page, "consistency")
    assert "no consent to be bound is recorded for European Union" in flagged
    assert "no consent to be bound is recorded for Kazakhstan" in flagged

    for row in (eu, kz):
        response = client.submit(
            f"/agreements/{epca.id}/actions/new", _act(epca, party_row_id=str(row.id))
        )
        assert response.status_code == 302, response.text
    page = client.get(f"/agreements/{epca.id}").text
    assert "2 of 2 have consented to be bound" in page
    actions = _section(page, "actions")
    assert actions.count("not recorded") == 2
    assert "Notification of completion of procedures" in actions
    assert "No contradictions between the recorded facts" in _section(page, "consistency")
    db.session.expire_all()
    assert [(a.kind, a.on) for a in kz.actions][-1] == ("notification_of_completion", None)


def test_an_act_is_edited_with_its_version_and_deleted(client, officer, epca) -> None:
    eu = epca.ratifications[0]
    client.login(officer)
    client.submit(
        f"/agreements/{epca.id}/actions/new",
        _act(
            epca,
            party_row_id=str(eu.id),
            kind="provisional_application",
            on="2016-05-01",
            instrument_ref="Council Decision (EU) 2016/123",
            document_url="https://eur-lex.europa.eu/",
        ),
    )
    db.session.expire_all()
    action = eu.actions[0]
    assert eu.provisionally_applied_on == date(2016, 5, 1)  # the matrix is derived
    url = f"/agreements/{epca.id}/actions/{action.id}/edit"
    assert "Council Decision (EU) 2016/123" in client.get(url).text
    saved = client.submit(
        url,
        _act(
            epca,
            party_row_id=str(eu.id),
            kind="provisional_application",
            on="2016-05-01",
            effective_on="2020-02-29",
            version="1",
        ),
    )
    assert saved.status_code == 302
    stale = client.submit(
        url, _act(epca, party_row_id=str(eu.id), kind="provisional_application", version="1")
    )
    assert stale.status_code == 422
    assert "changed by someone else" in html.unescape(stale.text)
    db.session.expire_all()
    assert (action.on, action.effective_on, action.version) == (
        date(2016, 5, 1),
        date(2020, 2, 29),
        2,
    )
    stale_delete = client.submit(
        f"/agreements/{epca.id}/actions/{action.id}/delete", {"version": "1"}
    )
    assert stale_delete.status_code == 302
    assert db.session.get(PartyAction, action.id) is not None
    action_id = action.id
    deleted = client.submit(f"/agreements/{epca.id}/actions/{action_id}/delete", {"version": "2"})
    assert deleted.status_code == 302
    db.session.expire_all()
    assert db.session.get(PartyAction, action_id) is None


def test_a_second_date_only_where_the_kind_has_one(client, officer, epca) -> None:
    kz = epca.ratifications[1]
    client.login(officer)
    refused = client.submit(
        f"/agreements/{epca.id}/actions/new",
        _act(
            epca,
            party_row_id=str(kz.id),
            kind="signature",
            on="2015-12-21",
            effective_on="2016-01-01",
        ),
    )
    assert refused.status_code == 422
    assert "has a second date" in html.unescape(refused.text)
    before = client.submit(
        f"/agreements/{epca.id}/actions/new",
        _act(
            epca,
            party_row_id=str(kz.id),
            kind="denunciation",
            on="2030-06-01",
            effective_on="2030-01-01",
        ),
    )
    assert before.status_code == 422
    assert "cannot be before the date of the act" in html.unescape(before.text)
    db.session.expire_all()
    assert kz.actions == []


def test_a_viewer_cannot_record_an_act(client, viewer, epca) -> None:
    client.login(viewer)
    row = epca.ratifications[0]
    response = client.submit(
        f"/agreements/{epca.id}/actions/new", _act(epca, party_row_id=str(row.id))
    )
    assert response.status_code == 403
    assert "Record a party action" not in client.get(f"/agreements/{epca.id}").text


def test_a_pasted_list_adds_parties_and_a_group_with_its_own_progress(
    client, officer, make, epca
) -> None:
    make.party("Germany")
    client.login(officer)
    form = client.get(f"/agreements/{epca.id}/parties/paste")
    assert form.status_code == 200
    pasted = "GERMANY\n\nFrance\nItaly\nfrance\nKazakhstan\n"
    response = client.submit(
        f"/agreements/{epca.id}/parties/paste",
        {"names": pasted, "group_name": "EU Member States", "version": str(epca.version)},
    )
    assert response.status_code == 302, response.text
    db.session.expire_all()
    names = [r.party.name for r in epca.ratifications]
    assert names == ["European Union", "Kazakhstan", "Germany", "France", "Italy"]
    assert db.session.query(Party).filter_by(name="GERMANY").count() == 0  # matched
    [group] = epca.party_groups  # the agreement's own (h16j)
    assert [p.name for p in group.members] == ["France", "Germany", "Italy", "Kazakhstan"]
    germany = next(r for r in epca.ratifications if r.party.name == "Germany")
    germany.actions.append(PartyAction(kind="ratification", on=date(2017, 1, 1)))
    germany.actions.append(PartyAction(kind="signature_subject_to_ratification", on=None))
    db.session.commit()
    page = client.get(f"/agreements/{epca.id}").text
    assert "EU Member States: 1 of 4 recorded" in html.unescape(page)
    assert "1 of 5 have consented to be bound" in page


def test_an_empty_paste_is_refused_and_nothing_changes(client, officer, epca) -> None:
    client.login(officer)
    response = client.submit(
        f"/agreements/{epca.id}/parties/paste", {"names": "\n \n", "version": str(epca.version)}
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert len(epca.ratifications) == 2
    assert db.session.query(Ratification).count() >= 2


def test_the_acts_export_as_csv_in_order_with_unknown_dates_empty(client, viewer, epca) -> None:
    import csv
    import io

    eu, kz = epca.ratifications
    kz.actions.append(PartyAction(kind="notification_of_completion", on=None, note="=1+1"))
    eu.actions.append(PartyAction(kind="provisional_application", on=date(2016, 5, 1)))
    eu.actions.append(PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21)))
    db.session.commit()
    client.login(viewer)
    response = client.get(f"/agreements/{epca.id}/actions.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["party"], r["kind"], r["on"]) for r in rows] == [
        ("European Union", "signature_subject_to_ratification", "2015-12-21"),
        ("European Union", "provisional_application", "2016-05-01"),
        ("Kazakhstan", "notification_of_completion", ""),
    ]
    assert rows[2]["note"] == "'=1+1"  # a formula is kept as text, as in every export


def test_a_step_done_on_an_unknown_date_counts_in_its_column_and_says_so(
    client, viewer, make, epca
) -> None:
    eu, kz = epca.ratifications
    kz.actions.append(PartyAction(kind="notification_of_completion", on=None))
    eu.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    db.session.commit()
    client.login(viewer)
    matrix = _section(client.get(f"/agreements/{epca.id}").text, "parties")
    assert "Procedures notified 2 of 2" in " ".join(
        __import__("re").sub(r"<[^>]+>", " ", matrix).split()
    )
    assert "15 Jan 2020" in matrix and "done, date not recorded" in matrix


def test_a_group_shows_only_its_members_when_asked(client, viewer, make, epca) -> None:
    germany = make.party("Germany")
    epca.ratifications.append(Ratification(party=germany))
    group = PartyGroup(name="EU Member States", members=[germany])
    epca.party_groups.append(group)
    db.session.commit()
    client.login(viewer)
    everyone = _section(client.get(f"/agreements/{epca.id}").text, "parties")
    only = _section(client.get(f"/agreements/{epca.id}?group={group.id}").text, "parties")
    assert "EU Member States: 0 of 1 recorded" in everyone
    assert '<th scope="row">Kazakhstan' in everyone
    assert '<th scope="row">Kazakhstan' not in only and '<th scope="row">Germany' in only
    assert "Show all parties" in only
