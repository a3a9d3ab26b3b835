"""Issue 17, re-check part 1 (h17c): the joint text "as it is now" says its day and the
Word files' names say the track, the state and the language (#2); our side is one of the
track's parties (#3); the positions page heads a provision as every page does (#4)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services import tracks as track_service
from tracker.services.errors import ServiceError
from tracker.services.milestones import complete_milestone


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    round_2 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=2, title="Round 2", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "3", "texts": {"en": "Visas.", "ru": "Визы."}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_2, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    db.session.commit()
    return {"track": track, "lead": lead, "round": round_2, "article": article}


def _filename(response: Any) -> str:
    said = response.headers["Content-Disposition"]
    return said.split('filename="', 1)[1].split('"', 1)[0]


def test_the_joint_text_now_says_its_day(client: Any, text: dict, at_1_december_2025: Any) -> None:
    client.login(text["lead"])
    response = client.get(f"/tracks/{text['track'].id}/text/joint.docx?round=now")
    assert response.status_code == 200
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "as it stands on 1 Dec 2025" in words, words
    assert "as it is now" not in words


def test_the_files_names_say_track_state_and_language(
    client: Any, text: dict, at_1_december_2025: Any
) -> None:
    client.login(text["lead"])
    track_id, round_id = text["track"].id, text["round"].id
    base = f"/tracks/{track_id}/text"
    assert _filename(client.get(f"{base}/joint.docx?round={round_id}&lang=ru")) == (
        f"joint-text-{track_id}-round-2-ru.docx"
    )
    assert _filename(client.get(f"{base}/joint.docx?round=now")) == (
        f"joint-text-{track_id}-2025-12-01-en.docx"
    )
    assert _filename(client.get(f"{base}/joint.docx?round=now&lang=side")) == (
        f"joint-text-{track_id}-2025-12-01-en-ru.docx"
    )
    assert _filename(client.get(f"{base}/table.docx?round={round_id}&lang=kk")) == (
        f"comparative-table-{track_id}-round-2-kk.docx"
    )


def test_our_side_must_be_a_party_of_the_track(text: dict) -> None:
    track = text["track"]
    with pytest.raises(ServiceError) as refused:
        track_service.update_track(
            track,
            {"our_side": "XX"},
            counterpart_ids=[p.id for p in track.counterparts],
            actor=text["lead"],
            expected_version=track.version,
        )
    assert refused.value.field == "our_side"


def test_the_form_refuses_our_side_not_on_the_track(client: Any, text: dict) -> None:
    track = text["track"]
    client.login(text["lead"])
    response = client.submit(
        f"/tracks/{track.id}/edit",
        {
            "name": track.name,
            "classification": "public",
            "counterpart_ids": [str(p.id) for p in track.counterparts],
            "our_side": "XX",
            "version": str(track.version),
        },
    )
    assert response.status_code == 422
    assert "XX is not a Party on this track" in response.get_data(as_text=True)
    db.session.expire_all()
    assert track.our_side == ""


def test_the_form_warns_of_an_installation_side_not_on_the_track(
    client: Any, text: dict, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    track = text["track"]
    client.login(text["lead"])
    monkeypatch.setitem(app.config, "OUR_SIDE", "US")
    page = client.get(f"/tracks/{track.id}/edit").get_data(as_text=True)
    assert "The installation&#39;s side (US) is not a Party on this track" in page, page
    monkeypatch.setitem(app.config, "OUR_SIDE", "KZ")
    page = client.get(f"/tracks/{track.id}/edit").get_data(as_text=True)
    assert "is not a Party on this track" not in page


def test_our_side_among_the_parties_is_kept(text: dict) -> None:
    track = text["track"]
    track_service.update_track(
        track,
        {"our_side": "KZ"},
        counterpart_ids=[p.id for p in track.counterparts],
        actor=text["lead"],
        expected_version=track.version,
    )
    assert track.our_side == "KZ"


def test_the_positions_page_heads_the_provision_in_kazakh_order(client: Any, text: dict) -> None:
    text["lead"].language = "kk"
    db.session.commit()
    client.login(text["lead"])
    page = client.get(f"/tracks/{text['track'].id}/text/{text['article'].id}/positions").get_data(
        as_text=True
    )
    assert "3-бап" in page.split("<h1>", 1)[1].split("</h1>", 1)[0], page
