"""A status reached between rounds (issue 17, found by a fresh check): it is stamped with
the round in progress or next planned, if there is one, else said to be reached after the
last round held, with its date; never "reached at" a round whose frozen text shows another
status. The round-by-round progress and the frozen texts stay as they were."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from tests.web.page_forms import edit_form
from tracker.models import MilestoneKind, Provision
from tracker.orm import db
from tracker.services import provisions, text_rounds
from tracker.services.milestones import complete_milestone

#: the suite's moment (tests/conftest.py DEFAULT_NOW): after round 2 (5 Nov 2025)
TODAY = date(2026, 1, 12)


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    rounds = [
        make.milestone(
            track,
            kind=MilestoneKind.ROUND,
            number=n,
            title=f"Round {n}",
            planned_on=date(2025, 9 + n, 5),
        )
        for n in (1, 2)
    ]
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Visas within 10 days."}}, actor=lead
    )
    db.session.commit()
    for round_ in rounds:
        complete_milestone(
            round_, done_on=round_.planned_on, outcome="", actor=lead, expected_version=1
        )
    # stamped at round 1 once, as an officer may have chosen then
    provisions.update_provision(
        article, {"status_round_id": rounds[0].id}, actor=lead, expected_version=article.version
    )
    db.session.commit()
    return {"lead": lead, "track": track, "rounds": rounds, "article": article}


def _agree_through_the_form(client: Any, text: dict) -> str:
    """Mark the article agreed ad referendum on its edit form, the round left as shown."""
    client.login(text["lead"])
    url = f"/tracks/{text['track'].id}/text/{text['article'].id}/edit"
    form = edit_form(client.get(url).get_data(as_text=True))
    form["status"] = "agreed_ad_referendum"
    assert client.submit(url, form).status_code == 302
    return client.get(f"/tracks/{text['track'].id}/text").get_data(as_text=True)


def test_a_status_reached_after_the_last_round_says_so_with_its_date(
    client: Any, text: dict
) -> None:
    page = _agree_through_the_form(client, text)
    assert "reached at Round" not in page
    assert "reached after Round 2, on 12 Jan 2026" in page
    db.session.expire_all()
    article = db.session.get(Provision, text["article"].id)
    assert article.status_round_id is None
    assert article.status_reached_on == TODAY
    # the frozen texts and the progress per round are those of the rounds
    round_2 = text_rounds.text_at(text["track"], text["rounds"][1])
    assert [s.status.value for s in round_2] == ["open"]
    progress = [(p.agreed, p.open) for _, p in text_rounds.progress_by_round(text["track"])]
    assert progress == [(0, 1), (0, 1), (1, 0)]


def test_a_status_reached_before_the_next_round_is_stamped_with_it(
    client: Any, make: Any, text: dict
) -> None:
    round_3 = make.milestone(
        text["track"],
        kind=MilestoneKind.ROUND,
        number=3,
        title="Round 3",
        planned_on=date(2026, 2, 5),
    )
    db.session.commit()
    page = _agree_through_the_form(client, text)
    assert "reached at Round" not in page
    assert "reached ahead of Round 3, on 12 Jan 2026" in page
    db.session.expire_all()
    assert db.session.get(Provision, text["article"].id).status_round_id == round_3.id
    # once round 3 is held, its frozen text says the status was reached at round 3
    with time_machine.travel("2026-02-06 09:00:00+00:00", tick=False):
        complete_milestone(
            round_3, done_on=date(2026, 2, 5), outcome="", actor=text["lead"], expected_version=1
        )
        db.session.commit()
    page = client.get(f"/tracks/{text['track'].id}/text?round={round_3.id}")
    assert "reached at Round 3" in page.get_data(as_text=True)
    page = client.get(f"/tracks/{text['track'].id}/text?round={text['rounds'][1].id}")
    assert "reached" not in page.get_data(as_text=True).split("Progress per round")[1]


def test_a_status_changed_on_the_api_without_a_round_is_stamped_the_same_way(
    client: Any, text: dict
) -> None:
    article = text["article"]
    provisions.update_provision(
        article, {"status": "parked"}, actor=text["lead"], expected_version=article.version
    )
    db.session.commit()
    assert (article.status_round_id, article.status_reached_on) == (None, TODAY)
    # a round chosen on purpose is kept
    provisions.update_provision(
        article,
        {"status": "open", "status_round_id": text["rounds"][1].id},
        actor=text["lead"],
        expected_version=article.version,
    )
    assert article.status_round_id == text["rounds"][1].id
