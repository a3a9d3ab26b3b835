"""The negotiating text's pages (issue 17): brackets highlighted and counted, "agreed"
refused while brackets remain, nested brackets refused, lost updates refused, positions for
the team only (every read audited), comparison of rounds, the brief, the progress chart."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.web.page_forms import edit_form
from tracker.models import AuditEvent, FollowEvent, MilestoneKind, Provision
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.milestones import complete_milestone

SECRET = "FALLBACK-15-DAYS-ZQX"


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    outsider = make.user(name="Outsider")
    viewer = make.user(role="viewer", name="Viewer")
    track = make.track(lead=lead, name="Visa facilitation")
    # the parties whose short names attribute a bracket
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    round_2 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=2, title="Round 2", planned_on=date(2026, 2, 5)
    )
    article = provisions.create_provision(
        track,
        {
            "kind": "article",
            "number": "5",
            "title": "Processing time",
            "texts": {"en": "Visas are issued within [EU: 10] [KZ: 15] days \\[sic\\]."},
        },
        actor=lead,
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(
        article,
        {"texts": {"en": "Visas are issued within [EU: 12] days."}},
        actor=lead,
        expected_version=article.version,
    )
    positions.save_position(
        article, round_2, {"ours": "10 days", "fallback": SECRET}, actor=lead, expected_version=0
    )
    db.session.commit()
    return {
        "lead": lead,
        "outsider": outsider,
        "viewer": viewer,
        "track": track,
        "round_1": round_1,
        "round_2": round_2,
        "article": article,
    }


def test_the_text_shows_brackets_highlighted_and_counted(client: Any, text: dict) -> None:
    client.login(text["outsider"])
    page = client.get(f"/tracks/{text['track'].id}/text").get_data(as_text=True)
    assert '<mark class="bracket"' in page and "<strong>EU:</strong> 12]" in page
    assert "1 bracketed passage" in page
    at_round_1 = client.get(f"/tracks/{text['track'].id}/text?round={text['round_1'].id}").get_data(
        as_text=True
    )
    assert "2 bracketed passages" in at_round_1 and "[sic]" in at_round_1
    assert SECRET not in page and SECRET not in at_round_1
    assert client.get(f"/tracks/{text['track'].id}/text?round=999999").status_code == 404


def _edit(client: Any, text: dict, **fields: Any) -> Any:
    article = db.session.get(Provision, text["article"].id)
    data = {
        "kind": "article",
        "number": "5",
        "title": "Processing time",
        "text_en": article.texts["en"],
        "text_ru": "",
        "text_kk": "",
        "status": "open",
        "status_round_id": "",
        "version": str(article.version),
        **fields,
    }
    return client.submit(f"/tracks/{text['track'].id}/text/{article.id}/edit", data)


def test_agreed_is_refused_while_brackets_remain_in_any_language(client: Any, text: dict) -> None:
    client.login(text["lead"])
    refused = _edit(client, text, status="agreed_ad_referendum")
    assert refused.status_code == 422
    assert "cannot be agreed" in refused.get_data(as_text=True)
    refused = _edit(
        client,
        text,
        status="agreed",
        text_en="Visas are issued within 12 days.",
        text_ru="Визы выдаются в течение [12] дней.",
    )
    assert refused.status_code == 422
    done = _edit(
        client, text, status="agreed_ad_referendum", text_en="Visas are issued within 12 days."
    )
    assert done.status_code == 302
    article = db.session.get(Provision, text["article"].id)
    assert article.status.value == "agreed_ad_referendum"
    # reached after round 1 was held: stamped with the round next planned, not round 1
    assert article.status_round_id == text["round_2"].id
    # Followers of the track hear of it.
    [event] = db.session.scalars(
        select(FollowEvent).where(FollowEvent.action == "provision.status")
    ).all()
    assert event.summary == "Negotiating text: Article 5 agreed ad referendum"
    assert event.track_id == text["track"].id


def test_nested_brackets_are_refused_with_a_clear_message(client: Any, text: dict) -> None:
    client.login(text["lead"])
    refused = _edit(client, text, text_en="Visas [are [issued]].")
    assert refused.status_code == 422
    assert "cannot be nested" in refused.get_data(as_text=True)
    text["lead"].language = "ru"
    db.session.commit()
    refused = _edit(client, text, text_en="Visas [are [issued]].")
    said = refused.get_data(as_text=True).split('id="text_en-error"')[1][:600]
    assert "вложен" in said and "строка 1" in said


def test_two_officers_editing_one_article_the_second_is_told(client: Any, text: dict) -> None:
    client.login(text["lead"])
    seen = str(text["article"].version)
    assert _edit(client, text, number="6", version=seen).status_code == 302
    again = _edit(client, text, number="7", version=seen)
    assert again.status_code == 422
    assert "changed by someone else" in again.get_data(as_text=True)
    assert db.session.get(Provision, text["article"].id).number == "6"


def _position_reads() -> int:
    return db.session.scalar(select(func.count()).where(AuditEvent.action == "position.read"))


def test_positions_are_the_teams_only_and_each_read_is_audited(client: Any, text: dict) -> None:
    track, article = text["track"], text["article"]
    urls = [
        f"/tracks/{track.id}/text/{article.id}/positions?round={text['round_2'].id}",
        f"/tracks/{track.id}/text/brief?round={text['round_2'].id}",
    ]
    for name in ("outsider", "viewer"):
        client.login(text[name])
        for url in urls:
            answer = client.get(url)
            assert answer.status_code in (403, 404)
            assert SECRET not in answer.get_data(as_text=True)
    assert _position_reads() == 0
    client.login(text["lead"])
    for url in urls:
        assert SECRET in client.get(url).get_data(as_text=True)
    assert _position_reads() == 2


def test_a_member_saves_positions(client: Any, text: dict) -> None:
    client.login(text["lead"])
    url = (
        f"/tracks/{text['track'].id}/text/{text['article'].id}/positions?round={text['round_1'].id}"
    )
    saved = client.submit(url, {"ours": "a", "red_line": "b", "fallback": "c", "version": "0"})
    assert saved.status_code == 302
    assert "c" in client.get(url).get_data(as_text=True)


def test_the_comparison_redlines_words_and_says_since_when_open(client: Any, text: dict) -> None:
    client.login(text["outsider"])
    page = client.get(
        f"/tracks/{text['track'].id}/text/compare?from={text['round_1'].id}"
    ).get_data(as_text=True)
    # the words changed, their brackets highlighted inside the redline
    assert (
        '<del><mark class="bracket" title="Bracketed text: proposed by EU">10]</mark> '
        '<mark class="bracket" title="Bracketed text: proposed by KZ">[KZ: 15</mark></del>'
        '<ins><mark class="bracket" title="Bracketed text: proposed by EU">12</mark></ins>'
    ) in page
    assert "open since Round 1" in page
    assert "brackets: 2 → 1" in page


def test_the_progress_chart_is_an_svg_in_the_readers_language(client: Any, text: dict) -> None:
    text["outsider"].language = "kk"
    db.session.commit()
    client.login(text["outsider"])
    chart = client.get(f"/tracks/{text['track'].id}/text/progress.svg")
    assert chart.mimetype == "image/svg+xml"
    body = chart.get_data(as_text=True)
    assert body.startswith("<svg") and "<rect" in body
    assert ">Agreed<" not in body
    track_page = client.get(f"/tracks/{text['track'].id}").get_data(as_text=True)
    assert 'class="progress-chart"' in track_page and ">Agreed<" not in track_page


def test_two_team_members_saving_positions_at_once_lose_nothing(
    client: Any, make: Any, text: dict
) -> None:
    """Bob opens the positions on Article 5; the lead saves a red line meanwhile; Bob's
    save of the fallback is refused as a conflict with the lead's red line carried into his
    form, and saving that form again keeps both."""
    track, article, round_2 = text["track"], text["article"], text["round_2"]
    bob = make.user(name="Bob")
    track.members.append(bob)
    db.session.commit()
    url = f"/tracks/{track.id}/text/{article.id}/positions?round={round_2.id}"
    client.login(bob)
    form = edit_form(client.get(url).get_data(as_text=True))
    saved = positions.position_of(text["lead"], article, round_2)
    positions.save_position(
        article,
        round_2,
        {**{f: getattr(saved, f) for f in positions.FIELDS}, "red_line": "No fees above 35 EUR"},
        actor=text["lead"],
        expected_version=saved.version,
    )
    db.session.commit()
    refused = client.submit(url, {**form, "fallback": "40 EUR for express"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "data-conflict" in page
    again = edit_form(page)
    assert again["red_line"] == "No fees above 35 EUR"
    assert again["fallback"] == "40 EUR for express"
    assert client.submit(url, again).status_code == 302
    db.session.expire_all()
    kept = positions.position_of(text["lead"], article, round_2)
    assert (kept.red_line, kept.fallback) == ("No fees above 35 EUR", "40 EUR for express")
