"""The lists' `?q=` reads the full-text index (issue 19 #3): each list finds a record by the
beginning of a word of each field it searched before (now indexed too: an agreement's
summary, a track's next step and description, a milestone's outcome), in English, Russian
and Kazakh words, in any case; the visibility rule is the list's own."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import Classification
from tracker.orm import db

AGREEMENT = "Agreement on sturgeon fisheries"
TRACK = "Caspian fisheries talks"
MILESTONE = "Fisheries working group"

#: (list path, what the page shows of the record, query word) per indexed field
CASES = [
    ("/agreements/", AGREEMENT, "sturg"),  # title
    ("/agreements/", AGREEMENT, "каспрыб"),  # short title, Russian
    ("/agreements/", AGREEMENT, "осетров"),  # official title in Russian
    ("/agreements/", AGREEMENT, "БЕКІРЕ"),  # official title in Kazakh, upper case
    ("/agreements/", AGREEMENT, "квот"),  # summary, Russian
    ("/agreements/", AGREEMENT, "аулау"),  # summary, Kazakh
    ("/tracks/", TRACK, "caspian"),  # name
    ("/tracks/", TRACK, "переговоры"),  # official name in Russian
    ("/tracks/", TRACK, "келіссөз"),  # official name in Kazakh
    ("/tracks/", TRACK, "Ұсыныс"),  # next step, Kazakh
    ("/tracks/", TRACK, "проект"),  # next step, Russian
    ("/tracks/", TRACK, "ихтиолог"),  # description, Russian
    ("/tracks/", TRACK, "балықшылар"),  # description, Kazakh
    ("/tracks/", TRACK, "каспрыб"),  # its framework agreement's short title
    ("/milestones/", MILESTONE, "working gro"),  # title, two words
    ("/milestones/", MILESTONE, "атырау"),  # location
    ("/milestones/", MILESTONE, "квоты"),  # outcome, Russian
    ("/milestones/", MILESTONE, "келісілді"),  # outcome, Kazakh
]


@pytest.fixture
def records(make, officer):
    agreement = make.agreement(
        title=AGREEMENT,
        short_title="КаспРыб",
        official_title_ru="Соглашение о сохранении осетровых",
        official_title_kk="Бекіре балықтарын сақтау туралы келісім",
        summary="Квоты вылова; балық аулау маусымы",
    )
    track = make.track(
        name=TRACK,
        lead=officer,
        official_name_ru="Каспийские переговоры о рыболовстве",
        official_name_kk="Каспий балық аулау келіссөздері",
        next_step="Ұсыныс жіберу; проект протокола",
        description="Консультации ихтиологов; балықшылар қауымдастығы",
        framework_agreement_id=agreement.id,
    )
    make.milestone(
        track,
        title=MILESTONE,
        location="Атырау",
        outcome="Квоты согласованы; хаттама келісілді",
        planned_on=date(2026, 1, 20),
    )
    # decoys: the same words inside other words, or in fields that are not searched
    other = make.agreement(title="Unrelated accord", summary="Нет совпадений")
    make.track(name="Unrelated track", description="Postcaspian", framework_agreement_id=other.id)
    make.milestone(None, agreement_id=other.id, title="Unrelated meeting", notes="квоты атырау")
    return agreement, track


@pytest.mark.parametrize(("path", "shown", "word"), CASES)
def test_each_lists_q_finds_a_record_by_a_word_of_each_indexed_field(
    client, officer, records, path, shown, word
) -> None:
    client.login(officer)
    page = client.get(path, query_string={"q": word}).text
    assert shown in page, (path, word)
    assert "1 in all" in page, (path, word)  # not the decoys


def test_a_word_inside_another_word_or_only_punctuation_finds_nothing(
    client, officer, records
) -> None:
    client.login(officer)
    for path, shown, word in (
        ("/tracks/", TRACK, "aspian"),  # not the beginning of a word
        ("/agreements/", AGREEMENT, "урге"),
        ("/milestones/", MILESTONE, "—"),  # no word at all
    ):
        assert shown not in client.get(path, query_string={"q": word}).text, (path, word)


def test_a_restricted_tracks_indexed_words_are_found_only_by_who_may_see_it(
    client, make, officer, records
) -> None:
    _, track = records
    track.classification = Classification.RESTRICTED
    db.session.commit()
    outsider = make.user(role="officer", email="outsider@test.example")
    client.login(officer)  # the lead
    assert TRACK in client.get("/tracks/", query_string={"q": "ихтиолог"}).text
    assert MILESTONE in client.get("/milestones/", query_string={"q": "квоты"}).text
    client.login(outsider)
    assert TRACK not in client.get("/tracks/", query_string={"q": "ихтиолог"}).text
    assert MILESTONE not in client.get("/milestones/", query_string={"q": "квоты"}).text
