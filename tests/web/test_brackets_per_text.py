"""A translation is not a new bracket (issue 17, re-check part 1, fault 1): a provision's
bracketed passages are those of its text, counted once, as the largest count among its
language versions (tracker.domain.provisions.bracket_count), by every count: the
provision, the text's lead, the progress per round, the comparison, the API; agreeing is
still refused while any language version holds a bracket."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tracker.domain.provisions import ProvisionStatus, bracket_count
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services.errors import ServiceError
from tracker.services.milestones import complete_milestone
from tracker.services.text_rounds import compare, progress_by_round

EN = "Visas within [EU: 10] days, [free of charge], [KZ: for all]."
RU = "Визы в течение [EU: 10] дней, [бесплатно], [KZ: для всех]."
KK = "Визалар [EU: 10] күн ішінде."


@pytest.fixture
def track(make: Any) -> Any:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    track.our_side = "KZ"
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(track, {"number": "2", "texts": {"en": EN}}, actor=lead)
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article, {"texts": {"en": EN, "ru": RU}}, actor=lead, expected_version=article.version
    )
    db.session.commit()
    track.lead_for_test = lead
    track.article_for_test = article
    track.round_for_test = round_1
    return track


def test_the_count_is_the_largest_among_the_language_versions() -> None:
    assert bracket_count({"en": EN, "ru": RU, "kk": KK}) == 3
    assert bracket_count({"en": "", "kk": KK}) == 1
    assert bracket_count({}) == 0


def test_a_translation_adds_no_bracket(track: Any) -> None:
    assert track.article_for_test.bracket_count == 3
    [(_, then), (_, now)] = progress_by_round(track)
    assert then.brackets == now.brackets == 3


def test_the_text_page_counts_the_text_once(client: Any, track: Any) -> None:
    client.login(track.lead_for_test)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert "3 bracketed passages" in page
    assert "6 bracketed passages" not in page


def test_a_translation_is_no_change_of_brackets_in_the_comparison(track: Any) -> None:
    [row] = compare(track, track.round_for_test, None).provisions
    assert row.text_changed
    assert not row.brackets_changed
    assert (row.brackets_gone, row.brackets_new) == (0, 0)


def test_the_refusal_counts_by_the_rule_and_names_the_languages(track: Any) -> None:
    article = track.article_for_test
    with pytest.raises(ServiceError) as refused:
        provisions.update_provision(
            article,
            {"status": ProvisionStatus.AGREED},
            actor=track.lead_for_test,
            expected_version=article.version,
        )
    said = str(refused.value.message)
    assert "3 bracketed passages remain" in said, said
    assert "English" in said and "Russian" in said, said


def test_a_bracket_in_one_language_only_still_blocks_agreement(track: Any) -> None:
    article = track.article_for_test
    with pytest.raises(ServiceError):
        provisions.update_provision(
            article,
            {"texts": {"en": "Visas within 10 days.", "ru": RU}, "status": ProvisionStatus.AGREED},
            actor=track.lead_for_test,
            expected_version=article.version,
        )
