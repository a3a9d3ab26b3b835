"""Tidy records in the reader's language (issue #15, items 7 and 11): archiving or
bringing back a track or an agreement says so naming it by its official name in Russian or
Kazakh when it has one, as its page does; so do the track's activity panel and the
administrator's audit log."""

from __future__ import annotations

import html
import re

import pytest
import time_machine

from tracker.domain.workflow import TrackStatus
from tracker.models import Agreement, NegotiationTrack
from tracker.orm import db

TRACK_KK = "Реадмиссия туралы ескі келіссөздер"
TRACK_RU = "Старые переговоры о реадмиссии"
AGREEMENT_KK = "Әуе қатынасы туралы келісім"
AGREEMENT_RU = "Соглашение о воздушном сообщении"
REASON = "Superseded by the enhanced partnership talks"


def _version(model: type, record_id: int) -> str:
    db.session.expire_all()
    return str(db.session.get(model, record_id).version)


def _flashes(page: str) -> str:
    return " ".join(re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', page, re.S))


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
@pytest.mark.parametrize(
    ("language", "track_name", "title"),
    [
        ("kk", TRACK_KK, AGREEMENT_KK),
        ("ru", TRACK_RU, AGREEMENT_RU),
    ],
)
def test_archiving_names_the_record_in_the_readers_language(
    client, officer, admin, make, language, track_name, title
) -> None:
    track = make.track(
        status=TrackStatus.ABANDONED,
        lead=officer,
        name="Old readmission",
        official_name_ru=TRACK_RU,
        official_name_kk=TRACK_KK,
    )
    agreement = make.agreement(
        title="Air services agreement",
        official_title_ru=AGREEMENT_RU,
        official_title_kk=AGREEMENT_KK,
        owner_id=officer.id,
    )
    for user in (officer, admin):
        user.language = language
    db.session.commit()
    client.login(officer)
    for model, record_id, url, name in (
        (NegotiationTrack, track.id, f"/tracks/{track.id}", track_name),
        (Agreement, agreement.id, f"/agreements/{agreement.id}", title),
    ):
        client.submit(f"{url}/archive", {"reason": REASON, "version": _version(model, record_id)})
        said = html.unescape(_flashes(client.get(url).text))
        assert name in said and "Old readmission" not in said, said
        assert "Air services agreement" not in said, said
    activity = html.unescape(_section(client.get(f"/tracks/{track.id}").text, "activity-title"))
    assert track_name in activity and "Old readmission" not in activity

    client.login(admin)
    for model, record_id, url, name in (
        (NegotiationTrack, track.id, f"/tracks/{track.id}", track_name),
        (Agreement, agreement.id, f"/agreements/{agreement.id}", title),
    ):
        client.submit(f"{url}/unarchive", {"version": _version(model, record_id)})
        said = html.unescape(_flashes(client.get(url).text))
        assert name in said and "Old readmission" not in said, said
    log = html.unescape(client.get("/audit").text)
    # the record each event is about: named in the reader's language
    what = " ".join(re.findall(r"<td><strong>(?:(?!</td>).)*</td>", log, re.S))
    assert track_name in what and title in what, what
    assert "Old readmission" not in what and "Air services agreement" not in what, what
