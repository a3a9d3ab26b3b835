"""The computed dates in the agreements' CSV (issue 16 #8): the entry into force (overall
and per Party), the end of the term running, the last day to give notice and the day a
denunciation takes effect, each with its basis; read-only on import (ignored, with a note
in the preview, never applied)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.web.test_spreadsheets import confirm_token, preview, rows_of
from tracker.models import Agreement, AgreementStatus, ClockRule, PartyAction, TreatyRelation
from tracker.orm import db

TODAY = date(2026, 1, 15)


def _rule(purpose: str, mode: str, anchor: str, offset: int, unit: str = "months") -> ClockRule:
    return ClockRule(purpose=purpose, mode=mode, anchor=anchor, offset=offset, unit=unit)


@pytest.fixture
def epca(make) -> Agreement:
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    agreement = make.agreement(
        parties=[eu, kz],
        title="EU–Kazakhstan EPCA",
        short_title="EPCA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    union, republic = agreement.ratifications
    union.actions.append(PartyAction(kind="notification_of_completion", on=date(2019, 11, 4)))
    republic.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    agreement.clock_rules = [
        _rule("entry_into_force", "first_day_of_nth_month_following", "last_notification", 2),
        _rule("initial_term", "after", "entry_into_force", 10, "years"),
        _rule("renewal", "after", "end_of_term", 1, "years"),
        _rule("notice_of_non_renewal", "after", "notification", 6),
        _rule("denunciation_effect", "after", "notification", 6),
    ]
    db.session.commit()
    return agreement


@time_machine.travel(TODAY, tick=False)
def test_the_export_carries_the_computed_dates_with_their_basis(client, epca, officer) -> None:
    client.login(officer)
    [row] = rows_of(client.get("/agreements/export.csv"))
    # the dates in ISO form, their basis in the reader's words
    assert row["in_force_on"] == "2020-03-01"  # the recorded fact, beside the computed one
    assert row["computed_in_force_on"] == "2020-03-01"
    assert row["computed_in_force_basis"] == (
        "on the first day of the second month following "
        "the last notification of completed procedures, "
        "15 Jan 2020"
    )
    # in force from 1 Mar 2020 for ten years: through 28 Feb 2030, its last day
    assert row["computed_term_ends_on"] == "2030-02-28"
    assert row["computed_term_basis"] == "10 years from 1 Mar 2020, the term's first day in force"
    # six months' notice before the end of the term on 28 Feb 2030
    assert row["computed_notice_by"] == "2029-08-31"
    assert row["computed_notice_basis"].startswith("Last day to give notice of non-renewal: ")
    # under a last-notification clause without a clause for later Parties, no per-Party dates
    assert row["computed_in_force_per_party"] == ""
    assert row["computed_denunciations"] == ""

    # Kazakhstan denounces: six months later the bilateral agreement ends (issue 16 #1),
    # so no term ends, nor any notice is due, after that day
    epca.ratifications[1].actions.append(PartyAction(kind="denunciation", on=date(2025, 6, 30)))
    db.session.commit()
    [row] = rows_of(client.get("/agreements/export.csv"))
    assert row["computed_denunciations"] == (
        "Kazakhstan: 2025-12-30 (6 months after the notification, 30 Jun 2025)"
    )
    assert row["computed_term_ends_on"] == row["computed_notice_by"] == ""


@time_machine.travel(TODAY, tick=False)
def test_computed_columns_are_read_only_on_import(client, epca, officer) -> None:
    """The exported file re-imports unchanged, the preview saying the computed columns
    are ignored; a computed cell typed over changes nothing either."""
    client.login(officer)
    exported = client.get("/agreements/export.csv").data.decode("utf-8")
    response = preview(client, "agreements", exported.encode("utf-8"))
    page = response.get_data(as_text=True)
    assert "0 to add, 0 to change, 1 unchanged" in page
    assert "computed by the tracker" in page and "computed_notice_by" in page
    typed_over = exported.replace("2029-08-31", "1999-01-01").replace(
        ",2020-03-01,the first", ",1999-12-31,the first"
    )
    assert typed_over != exported
    response = preview(client, "agreements", typed_over.encode("utf-8"))
    page = response.get_data(as_text=True)
    assert "0 to add, 0 to change, 1 unchanged" in page
    assert "computed by the tracker" in page
    client.submit("/import/agreements/confirm", {"content": confirm_token(response)})
    db.session.expire_all()
    stored = db.session.get(Agreement, epca.id)
    assert stored.in_force_on == date(2020, 3, 1)


@time_machine.travel(TODAY, tick=False)
def test_the_export_carries_the_final_clauses_and_the_relations_read_only(
    client, make, epca, officer
) -> None:
    protocol = make.agreement(title="Protocol to the EPCA", short_title="Protocol")
    db.session.add(TreatyRelation(from_agreement=protocol, to_agreement=epca, kind="protocol_to"))
    epca.clock_rules[0].note = "Art. 281(2)"
    db.session.commit()
    client.login(officer)
    rows = {r["short_title"]: r for r in rows_of(client.get("/agreements/export.csv"))}
    clauses = rows["EPCA"]["final_clauses"].split("; ")
    assert clauses[0] == (
        "Entry into force: on the first day of the second month following the last notification of "
        "completed procedures (Art. 281(2))"
    )
    assert "Notice of non-renewal: 6 months after the notification" in clauses
    assert rows["EPCA"]["relations"] == "Has the protocol: Protocol"
    assert rows["Protocol"]["relations"] == "Protocol to: EPCA"
    assert rows["Protocol"]["final_clauses"] == ""
    exported = client.get("/agreements/export.csv").data.decode("utf-8")
    typed_over = exported.replace("Has the protocol: Protocol", "Amends: Protocol")
    page = preview(client, "agreements", typed_over.encode("utf-8")).get_data(as_text=True)
    assert "0 to add, 0 to change, 2 unchanged" in page
    assert "final_clauses" in page.split("ignored on import")[1]


def test_depositary_languages_place_and_publication_go_out_and_come_back(
    client, epca, officer
) -> None:
    epca.depositary = "Secretary-General of the Council of the European Union"
    epca.authentic_languages = "all EU languages; Kazakh; Russian"
    epca.place_of_deposit = "Brussels"
    epca.publication_ref = "OJ L 29, 4.2.2016"
    db.session.commit()
    client.login(officer)
    exported = client.get("/agreements/export.csv").data.decode("utf-8")
    [row] = rows_of(client.get("/agreements/export.csv"))
    assert (row["depositary"], row["place_of_deposit"], row["publication_ref"]) == (
        "Secretary-General of the Council of the European Union",
        "Brussels",
        "OJ L 29, 4.2.2016",
    )
    assert row["authentic_languages"] == "all EU languages; Kazakh; Russian"
    changed = exported.replace("OJ L 29, 4.2.2016", "OJ L 29, 4.2.2016, p. 3")
    response = preview(client, "agreements", changed.encode("utf-8"))
    assert "0 to add, 1 to change, 0 unchanged" in response.get_data(as_text=True)
    client.submit("/import/agreements/confirm", {"content": confirm_token(response)})
    db.session.expire_all()
    assert db.session.get(Agreement, epca.id).publication_ref == "OJ L 29, 4.2.2016, p. 3"


@time_machine.travel(TODAY, tick=False)
def test_the_export_carries_the_last_day_to_denounce_beside_the_notice(
    client, epca, officer
) -> None:
    """With a notice-of-non-renewal clause and a denunciation taking effect twelve months
    after its notification, the last day to denounce with effect at the end of the term
    (28 Feb 2030) is 28 Feb 2029: its own columns, beside the notice's 31 Aug 2029."""
    epca.clock_rules[-1].offset = 12
    db.session.commit()
    client.login(officer)
    [row] = rows_of(client.get("/agreements/export.csv"))
    assert row["computed_notice_by"] == "2029-08-31"
    assert row["computed_denounce_by"] == "2029-02-28"
    assert row["computed_denounce_basis"].startswith(
        "Last day to denounce with effect at the end of the term: "
    )
