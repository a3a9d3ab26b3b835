"""Legal clocks through the JSON API (issue 16 #4, #8): an agreement answers with its final
clauses as rules and the dates they give, each with its basis and the recorded date."""

from __future__ import annotations

from datetime import date

import requests

from tests.api.conftest import bearer
from tracker.models import Agreement, ClockRule, Party, PartyAction, Ratification
from tracker.orm import db


def test_an_agreement_answers_with_its_rules_and_computed_dates(live_server, world, viewer) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    epca.in_force_on = date(2020, 3, 1)
    for row, on in zip(epca.ratifications, (date(2019, 11, 4), date(2020, 1, 15)), strict=True):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
    epca.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
            note="Art. 281(2)",
        )
    )
    db.session.commit()
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{epca.id}", headers=bearer(viewer), timeout=5
    ).json()
    [clause] = answer["final_clauses"]
    assert (clause["purpose"], clause["mode"], clause["offset"], clause["note"]) == (
        "entry_into_force",
        "first_day_of_nth_month_following",
        2,
        "Art. 281(2)",
    )
    [computed] = answer["computed_dates"]
    assert computed == {
        "kind": "entry_into_force",
        "what": "Entry into force",
        "party": None,
        "on": "2020-03-01",
        "basis": "on the first day of the second month following "
        "the last notification of completed "
        "procedures, 2020-01-15",
        "waiting": None,
        "recorded_on": "2020-03-01",
        "differs": False,
    }
    listed = requests.get(f"{live_server}/api/v1/agreements", headers=bearer(viewer), timeout=5)
    assert all("computed_dates" not in a for a in listed.json()["items"])


def test_a_party_that_joins_later_has_its_own_computed_date_with_its_basis(
    live_server, world, viewer
) -> None:
    """The clause for later Parties (a rule of purpose entry_into_force_for_later): a
    State accedes on 10 Sep 2021, after the entry into force of 1 Mar 2020, and is bound
    from 1 Nov 2021, the first day of the second month after its own instrument."""
    epca = db.session.get(Agreement, world["agreement"])
    epca.in_force_on = date(2020, 3, 1)
    for row, on in zip(epca.ratifications, (date(2019, 11, 4), date(2020, 1, 15)), strict=True):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
    newcomer = Ratification(party=Party(name="Newcomer State"))
    newcomer.actions.append(PartyAction(kind="accession", on=date(2021, 9, 10)))
    epca.ratifications.append(newcomer)
    for purpose, anchor in (
        ("entry_into_force", "last_notification"),
        ("entry_into_force_for_later", "own_instrument"),
    ):
        epca.clock_rules.append(
            ClockRule(
                purpose=purpose, mode="first_day_of_nth_month_following", anchor=anchor, offset=2
            )
        )
    db.session.commit()
    answer = requests.get(
        f"{live_server}/api/v1/agreements/{epca.id}", headers=bearer(viewer), timeout=5
    ).json()
    dates = {(d["kind"], d["party"]): d for d in answer["computed_dates"]}
    overall = dates[("entry_into_force", None)]
    assert (overall["on"], overall["differs"]) == ("2020-03-01", False)
    own = dates[("entry_into_force_for", "Newcomer State")]
    assert own["on"] == "2021-11-01"
    assert own["basis"] == (
        "on the first day of the second month following "
        "the deposit of its own instrument, 2021-09-10"
    )
    original = next(p.name for p in epca.parties if p.name != "Newcomer State")
    assert dates[("entry_into_force_for", original)]["on"] == "2020-03-01"
