"""Legal clocks on the agreement page (issue 16 #4): the final clauses are recorded as
rules through a form; the page shows each computed date with its basis beside the recorded
one, and a difference is flagged in the consistency panel."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.models import AgreementStatus, PartyAction, Ratification
from tracker.orm import db


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


def _rule(**fields) -> dict:
    data = {"purpose": "", "mode": "", "offset": "", "unit": "months", "anchor": "", "nth": ""}
    data["note"] = ""
    data.update(fields)
    return data


EPCA_281 = _rule(
    purpose="entry_into_force",
    mode="first_day_of_nth_month_following",
    offset="2",
    anchor="last_notification",
    note="Art. 281(2)",
)


@pytest.fixture
def treaty(make):
    """Two notifications of completed procedures, the last on 15 Jan 2020 (a fixture, not
    demo data)."""
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    for row, on in zip(
        agreement.ratifications, (date(2019, 11, 4), date(2020, 1, 15)), strict=True
    ):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
        # signed on the agreement's date, subject to ratification (issue 16 #2)
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21))
        )
    db.session.commit()
    return agreement


def test_an_entry_into_force_rule_gives_the_date_and_its_basis(client, officer, treaty) -> None:
    client.login(officer)
    saved = client.submit(f"/agreements/{treaty.id}/clocks/new", EPCA_281)
    assert saved.status_code == 302, saved.text
    page = client.get(f"/agreements/{treaty.id}").text
    clocks = _section(page, "clocks")
    assert "Art. 281(2)" in clocks
    assert "1 Mar 2020" in clocks
    assert (
        "on the first day of the second month following "
        "the last notification of completed procedures, "
        "15 Jan 2020"
    ) in clocks
    assert "differs" not in clocks
    assert "No contradictions" in _section(page, "consistency")


def test_a_recorded_date_that_differs_is_flagged(client, officer, treaty) -> None:
    treaty.in_force_on = date(2020, 4, 1)
    db.session.commit()
    client.login(officer)
    client.submit(f"/agreements/{treaty.id}/clocks/new", EPCA_281)
    page = client.get(f"/agreements/{treaty.id}").text
    assert "differs" in _section(page, "clocks")
    assert (
        "Entry into force is recorded as 1 Apr 2020, but the final clauses and the recorded "
        "acts give 1 Mar 2020."
    ) in _section(page, "consistency")


def test_a_rule_is_refused_with_a_reason_edited_and_deleted(client, officer, treaty) -> None:
    client.login(officer)
    wrong = client.submit(
        f"/agreements/{treaty.id}/clocks/new",
        _rule(purpose="initial_term", mode="after", offset="10", unit="years", anchor="signature"),
    )
    assert wrong.status_code == 422
    assert "cannot count from signature" in html.unescape(wrong.text)
    assert client.submit(f"/agreements/{treaty.id}/clocks/new", EPCA_281).status_code == 302
    twice = client.submit(f"/agreements/{treaty.id}/clocks/new", EPCA_281)
    assert twice.status_code == 422
    assert "already has a rule for this purpose" in html.unescape(twice.text)

    page = client.get(f"/agreements/{treaty.id}").text
    rule_id = int(page.split('id="clock-rule-')[1].split('"')[0])
    edit = f"/agreements/{treaty.id}/clocks/{rule_id}/edit"
    assert "Art. 281(2)" in client.get(edit).text
    changed = client.submit(edit, {**EPCA_281, "offset": "1", "version": "1"})
    assert changed.status_code == 302
    clocks = _section(client.get(f"/agreements/{treaty.id}").text, "clocks")
    assert "1 Feb 2020" in clocks and "differs" in clocks
    stale = client.submit(edit, {**EPCA_281, "version": "1"})
    assert stale.status_code == 422
    deleted = client.submit(f"/agreements/{treaty.id}/clocks/{rule_id}/delete", {"version": "2"})
    assert deleted.status_code == 302
    assert "No final clauses recorded" in _section(
        client.get(f"/agreements/{treaty.id}").text, "clocks"
    )


def test_a_renewal_clause_gives_the_term_and_the_last_day_to_give_notice(
    client, officer, treaty
) -> None:
    with time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False):
        clocks = _renewing(client, officer, treaty)
    # term 1: 1 Mar 2020 through 28 Feb 2025; term 2 through 28 Feb 2030; notice six
    # months before its last day
    assert "End of term 2" in clocks and "28 Feb 2030" in clocks
    assert "5 years from 1 Mar 2025, the term's first day in force" in clocks
    assert "Last day to give notice of non-renewal" in clocks and "31 Aug 2029" in clocks


def _renewing(client, officer, treaty) -> str:
    client.login(officer)
    for rule in (
        _rule(
            purpose="initial_term",
            mode="after",
            offset="5",
            unit="years",
            anchor="entry_into_force",
        ),
        _rule(purpose="renewal", mode="after", offset="5", unit="years", anchor="end_of_term"),
        _rule(purpose="notice_of_non_renewal", mode="after", offset="6", anchor="notification"),
    ):
        assert client.submit(f"/agreements/{treaty.id}/clocks/new", rule).status_code == 302
    return _section(client.get(f"/agreements/{treaty.id}").text, "clocks")


def test_a_period_past_any_calendar_is_refused_and_a_stored_one_breaks_no_page(
    client, officer, admin, treaty
) -> None:
    """9,000 years after signature was saved, and then the agreement page, the API, the
    contradictions list and the weekly report answered 500 for everyone (found by the
    adversarial check); a period of 0 after the event was saved too."""
    from tracker.models import ClockRule

    client.login(officer)
    for offset, unit, words in (
        ("9000", "years", "at most 100 years"),
        ("1201", "months", "at most 100 years"),
        ("0", "months", "a length of 1 or more"),
    ):
        refused = client.submit(
            f"/agreements/{treaty.id}/clocks/new",
            _rule(
                purpose="entry_into_force",
                mode="after",
                anchor="signature",
                offset=offset,
                unit=unit,
            ),
        )
        assert refused.status_code == 422 and words in html.unescape(refused.text), offset
    assert not db.session.query(ClockRule).count()
    # a rule stored before the limits (or by another door) computes nothing, but no page fails
    db.session.add(
        ClockRule(
            agreement_id=treaty.id,
            purpose="initial_term",
            mode="after",
            anchor="entry_into_force",
            offset=36_600,
            unit="years",
        )
    )
    db.session.commit()
    assert client.get(f"/agreements/{treaty.id}").status_code == 200
    client.login(admin)
    assert client.get("/admin/contradictions").status_code == 200


def test_the_clause_for_later_parties_through_the_form_gives_each_its_date(
    client, officer, treaty, make
) -> None:
    """A Newcomer accedes on 10 Sep 2021, after the entry into force of 1 Mar 2020; the
    clause for Parties that join later gives it 1 Nov 2021, with its basis; its
    provisional application from 1 Oct 2021 is no contradiction (issue 16: flags per
    Party), and a Party that has not joined yet is not flagged either."""
    for name, acts in (
        (
            "Newcomer",
            [("accession", date(2021, 9, 10)), ("provisional_application", date(2021, 10, 1))],
        ),
        ("Prospective", []),
    ):
        row = Ratification(party=make.party(name))
        row.actions = [PartyAction(kind=kind, on=on) for kind, on in acts]
        treaty.ratifications.append(row)
    db.session.commit()
    client.login(officer)
    for rule in (
        EPCA_281,
        _rule(
            purpose="entry_into_force_for_later",
            mode="first_day_of_nth_month_following",
            offset="2",
            anchor="own_instrument",
            note="Art. 30(2)",
        ),
    ):
        saved = client.submit(f"/agreements/{treaty.id}/clocks/new", rule)
        assert saved.status_code == 302, saved.text
    page = client.get(f"/agreements/{treaty.id}").text
    clocks = _section(page, "clocks")
    assert "Entry into force for a Party that joins later" in clocks
    newcomer = clocks.split("Entry into force for Newcomer")[1].split("</tr>")[0]
    assert "1 Nov 2021" in newcomer
    assert (
        "on the first day of the second month following the deposit of its own instrument, "
        "10 Sep 2021"
    ) in newcomer
    union = clocks.split("Entry into force for Union")[1].split("</tr>")[0]
    assert "1 Mar 2020" in union
    assert "No contradictions" in _section(page, "consistency")
    # a form refuses the clause for later Parties counted from anything but its own act
    refused = client.submit(
        f"/agreements/{treaty.id}/clocks/new",
        _rule(purpose="entry_into_force_for_later", mode="on", anchor="signature"),
    )
    assert refused.status_code == 422
    assert "cannot count from signature" in html.unescape(refused.text)


def test_the_form_s_choices_read_as_russian_labels(client, make, treaty) -> None:
    """The units as nouns of one form, «дни / месяцы / годы» (not «дн. / мес. / лет»), and
    «В день события» (issue 16 #3)."""
    client.login(make.user(role="officer", language="ru"))
    form = html.unescape(client.get(f"/agreements/{treaty.id}/clocks/new").text)
    units = form.split('name="unit"')[1].split("</select>")[0]
    for label in (">дни<", ">месяцы<", ">годы<"):
        assert label in units
    for wrong in (">дн.<", ">мес.<", ">лет<"):
        assert wrong not in units
    modes = form.split('name="mode"')[1].split("</select>")[0]
    assert ">В день события<" in modes
    assert "В дату события" not in form


def test_a_negative_period_is_told_its_lower_bound(client, officer, treaty) -> None:
    """fc16d #11: −5 months was answered "Enter a whole number." — it is one. The range
    is the schema's, so the form says what it accepts."""
    client.login(officer)
    refused = client.submit(f"/agreements/{treaty.id}/clocks/new", {**EPCA_281, "offset": "-5"})
    assert refused.status_code == 422
    text = html.unescape(refused.text)
    assert "Enter a number from 0 to 36,600." in text
    assert "Enter a whole number." not in text
