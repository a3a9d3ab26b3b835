"""h19g1 #1 (issue 16 leftover): the paste's sentences about the group ("Japan, Korea added
to the group Observer States.") and about the names already Parties were built in the
view, the names joined with ", " there. Lists of names in sentences are Names
(tracker.domain.messages), said in the reader's language by tracker.i18n.localise; the
sentences are now built by the service (tracker.services.party_paste) as Messages, and
the view only says them."""

from __future__ import annotations

import html

import pytest

from tracker.domain.messages import Message, Names
from tracker.i18n import language, translate
from tracker.models import AgreementKind
from tracker.orm import db
from tracker.services import party_paste


@pytest.fixture
def cbtc(make):
    mongolia = make.party("Mongolia", name_ru="Монголия", name_kk="Моңғолия")
    japan = make.party("Japan", name_ru="Япония", name_kk="Жапония")
    return make.agreement(
        parties=[japan, mongolia], short_title="CBTC", kind=AgreementKind.MULTILATERAL
    )


def test_the_service_says_the_group_sentences_with_a_names_list(cbtc, officer) -> None:
    for names in ("Mongolia", "Mongolia\nJapan"):
        outcome = party_paste.add_pasted_parties(
            cbtc,
            names,
            group_name="Observer States",
            actor=officer,
            expected_version=cbtc.version,
        )
        db.session.commit()
    [added, already] = outcome.sentences
    assert isinstance(added, Message) and isinstance(added.params["names"], Names)
    assert added == "Japan added to the group Observer States."
    assert already == "Mongolia already in the group Observer States."
    with language("kk"):
        assert translate(added) == "«Observer States» тобына қосылды: Жапония."
        assert translate(already) == "«Observer States» тобында бұрыннан бар: Моңғолия."


def test_the_service_says_which_names_are_already_parties(cbtc) -> None:
    said = party_paste.already_parties_said(cbtc, "Mongolia\nJapan\nKorea")
    assert isinstance(said, Message) and isinstance(said.params["names"], Names)
    assert said == "2 names already parties to this agreement: Mongolia, Japan"
    with language("ru"):
        assert translate(said) == (
            "2 названия уже принадлежат сторонам этого соглашения: Mongolia, Japan"
        )
    assert party_paste.already_parties_said(cbtc, "Korea") is None


def test_the_page_still_says_them_in_the_readers_language(client, officer, cbtc) -> None:
    officer.language = "kk"
    db.session.commit()
    client.login(officer)
    for names in ("Mongolia", "Mongolia\nJapan"):
        response = client.submit(
            f"/agreements/{cbtc.id}/parties/paste",
            {"names": names, "group_name": "Observer States", "version": str(cbtc.version)},
        )
        assert response.status_code == 302, response.text
        page = html.unescape(client.get(response.headers["Location"]).text)
        db.session.expire_all()
    assert "«Observer States» тобына қосылды: Жапония." in page
    assert "«Observer States» тобында бұрыннан бар: Моңғолия." in page
    assert "2 атау осы келісімнің тараптары болып қойған: Mongolia, Japan" in page
