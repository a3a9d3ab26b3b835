"""Files of Parties' acts, final clauses and relations name their agreement by its title or
its short title, in any case or script (tracker.domain.names.fold), issue 16 #3 (found by
a fresh check: the short title was refused). A name that two agreements answer to is
refused with an error naming both, and nothing of the file is written."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import PartyAction, TreatyRelation
from tracker.orm import db
from tracker.services.spreadsheets import run_import


@pytest.fixture
def treaties(make):
    union, republic = make.party("Union"), make.party("Republic")
    epca = make.agreement(
        parties=[union, republic],
        title="Enhanced Partnership and Cooperation Agreement",
        short_title="EPCA",
    )
    pca = make.agreement(
        parties=[union, republic],
        title="Partnership and Cooperation Agreement",
        short_title="PCA",
    )
    other = make.agreement(
        parties=[union, republic], title="Protocol on readmission", short_title="PCA"
    )
    db.session.commit()
    return epca, pca, other


def _acts(agreement) -> list[tuple[str, str, date | None]]:
    db.session.expire_all()
    return [(r.party.name, str(a.kind), a.on) for r in agreement.ratifications for a in r.actions]


def test_an_acts_file_names_its_agreement_by_short_title(officer, treaties) -> None:
    epca, _, _ = treaties
    text = (
        "agreement,party,kind,on\n"
        "EPCA,Union,ratification,2017-01-10\n"
        "epca,REPUBLIC,ratification,2019-11-04\n"
    )
    result = run_import("actions", text, officer, confirm=True)
    assert result.ok, [r.errors for r in result.rows]
    db.session.commit()
    assert _acts(epca) == [
        ("Union", "ratification", date(2017, 1, 10)),
        ("Republic", "ratification", date(2019, 11, 4)),
    ]


def test_final_clauses_and_relations_name_agreements_by_short_title(officer, treaties) -> None:
    epca, pca, _ = treaties
    rules = (
        "agreement,purpose,mode,anchor,offset,unit\n"
        "Epca,entry_into_force,first_day_of_nth_month_following,last_notification,2,months\n"
    )
    assert run_import("final-clauses", rules, officer, confirm=True).ok
    db.session.commit()  # the boundary commits; the next import starts clean
    relations = (
        "agreement,kind,other_agreement\nEPCA,supersedes,Partnership and Cooperation Agreement\n"
    )
    result = run_import("relations", relations, officer, confirm=True)
    assert result.ok, [r.errors for r in result.rows]
    db.session.commit()
    db.session.expire_all()
    assert [r.purpose.value for r in epca.clock_rules] == ["entry_into_force"]
    assert [(r.from_agreement_id, r.to_agreement_id) for r in db.session.query(TreatyRelation)] == [
        (epca.id, pca.id)
    ]


def test_a_name_of_two_agreements_is_refused_naming_both(client, officer, treaties) -> None:
    from tests.web.test_spreadsheets import preview

    _, pca, other = treaties
    text = (
        "agreement,party,kind,on\n"
        "Enhanced Partnership and Cooperation Agreement,Union,signature,2015-12-21\n"
        "pca,Union,ratification,2017-01-10\n"
    )
    result = run_import("actions", text, officer, confirm=True)
    assert not result.ok
    assert result.rows[0].errors == []
    [(column, message)] = result.rows[1].errors
    assert column == "agreement"
    assert "Partnership and Cooperation Agreement" in str(message)
    assert "Protocol on readmission" in str(message)
    db.session.rollback()
    assert db.session.query(PartyAction).count() == 0  # nothing of the file is written

    client.login(officer)
    page = preview(client, "actions", text.encode())
    assert page.status_code == 422
    shown = page.get_data(as_text=True)
    assert "Partnership and Cooperation Agreement" in shown and "Protocol on readmission" in shown


def test_a_milestones_file_names_its_agreement_by_short_title(make, officer, treaties) -> None:
    """The milestone file's agreement column uses the same resolver (AgreementNames): the
    short title of one agreement finds it; one that names two is refused naming both."""
    from tracker.models import Milestone

    epca, pca, other = treaties
    track = make.track(lead=officer)
    db.session.commit()
    header = "title,kind,track,agreement,planned_on\n"
    text = header + f"Signature of the EPCA,signature,{track.name},epca,2026-12-24\n"
    result = run_import("milestones", text, officer, confirm=True)
    assert result.ok, [r.errors for r in result.rows]
    db.session.commit()
    stored = db.session.query(Milestone).filter_by(title="Signature of the EPCA").one()
    assert stored.agreement_id == epca.id
    refused = run_import(
        "milestones",
        header + f"Signing,signature,{track.name},PCA,2026-12-24\n",
        officer,
        confirm=False,
    )
    [(column, message)] = refused.rows[0].errors
    assert column == "agreement"
    assert "Partnership and Cooperation Agreement" in str(message)
    assert "Protocol on readmission" in str(message)


def test_an_agreements_file_row_names_its_agreement_by_short_title(officer, treaties) -> None:
    """A row without an id whose title is no agreement's title but the short title of one
    changes that agreement (its title kept); one that names two is refused naming both."""
    epca, pca, other = treaties
    text = "title,summary\nepca,The partnership in brief\n"
    result = run_import("agreements", text, officer, confirm=True)
    assert result.ok, [r.errors for r in result.rows]
    assert [r.action for r in result.rows] == ["update"]
    db.session.commit()
    db.session.expire_all()
    assert (epca.title, epca.summary) == (
        "Enhanced Partnership and Cooperation Agreement",
        "The partnership in brief",
    )
    refused = run_import("agreements", "title,summary\nPCA,Which one?\n", officer, confirm=False)
    [(column, message)] = refused.rows[0].errors
    assert column == "title"
    assert "Partnership and Cooperation Agreement" in str(message)
    assert "Protocol on readmission" in str(message)
