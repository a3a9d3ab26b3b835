"""The agreement page's treaty wording (issue 16, found by a fresh check, task h16a):

- the chronology names the reservation an objection objects to (PartyAction.objects_to_id),
  in the acts list's words;
- the Parties' table tells each Party's reservations, declarations and objections, with
  their dates;
- the place of signature is a labelled value, never put into a translated sentence (which
  gave «подписано в Astana»: user data is not inflected);
- the consistency panel's link labels end with a full stop, as its messages do.

In English, Russian and Kazakh."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.models import PartyAction
from tracker.orm import db

TODAY = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

#: (objection in the chronology, place of signature) per language
WORDS = {
    "en": (
        "Austria: Objection to the reservation of Kazakhstan (3 Mar 2020)",
        "Place of signature",
    ),
    "ru": ("Austria: Возражение против оговорки: Kazakhstan (3 мар. 2020)", "Место подписания"),
    "kk": ("Austria: Ескертпеге қарсылық: Kazakhstan (3 нау. 2020)", "Қол қойылған орны"),
}


def _text(fragment: str) -> str:
    """The fragment's text as read: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(fragment)).split())


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def treaty(make):
    """Kazakhstan's reservation (3 Mar 2020), Austria's objection to it and a declaration."""
    kazakhstan, austria = make.party("Kazakhstan"), make.party("Austria")
    agreement = make.agreement(
        parties=[kazakhstan, austria],
        title="Test convention",
        kind="multilateral",
        signed_at="Astana",
    )
    reservation = PartyAction(kind="reservation", on=date(2020, 3, 3), note="Article 5")
    agreement.ratifications[0].actions.append(reservation)
    agreement.ratifications[0].actions.append(PartyAction(kind="declaration", on=None))
    db.session.commit()
    agreement.ratifications[1].actions.append(
        PartyAction(kind="objection", on=date(2020, 9, 1), objects_to_id=reservation.id)
    )
    db.session.commit()
    return agreement


def _page(client, officer, agreement, language: str) -> str:
    officer.language = language
    db.session.commit()
    client.login(officer)
    return client.get(f"/agreements/{agreement.id}").text


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@time_machine.travel(TODAY, tick=False)
def test_the_chronology_names_the_reservation_objected_to(
    client, officer, treaty, language
) -> None:
    chronology = _text(_section(_page(client, officer, treaty, language), "chronology"))
    assert WORDS[language][0] in chronology


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@time_machine.travel(TODAY, tick=False)
def test_the_place_of_signature_is_a_labelled_value(client, officer, treaty, language) -> None:
    page = _page(client, officer, treaty, language)
    label = WORDS[language][1]
    dates = _text(page[page.index("<dl") : page.index("</dl>")])
    assert f"{label} Astana" in dates
    assert f"{label}: Astana" in _text(_section(page, "chronology"))
    for sentence in ("in Astana", "в Astana", "Astana қаласында"):
        assert sentence not in _text(page)


#: a Party's reservations, declarations and objections in its row of the Parties' table
ROWS = {
    "en": (
        "1 reservation (3 Mar 2020)",
        "1 declaration (date not recorded)",
        "objection to the reservation of Kazakhstan (1 Sep 2020)",
    ),
    "ru": (
        "1 оговорка (3 мар. 2020)",
        "1 заявление (дата не записана)",
        "возражение против оговорки: Kazakhstan (1 сент. 2020)",
    ),
    "kk": (
        "1 ескертпе (3 нау. 2020)",
        "1 мәлімдеме (күні жазылмаған)",
        "ескертпеге қарсылық: Kazakhstan (1 қыр. 2020)",
    ),
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@time_machine.travel(TODAY, tick=False)
def test_the_parties_table_tells_reservations_declarations_and_objections(
    client, officer, treaty, language
) -> None:
    table = _section(_page(client, officer, treaty, language), "parties")
    rows = {
        _text(row.split("</th>", 1)[0]).split(" ", 1)[0]: _text(row.split("</th>", 1)[0])
        for row in table.split('<th scope="row">')[1:]
    }
    reservation, declaration, objection = ROWS[language]
    assert reservation in rows["Kazakhstan"] and declaration in rows["Kazakhstan"]
    assert objection in rows["Austria"]
    assert "reservation" not in rows["Austria"].replace(objection, "")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@time_machine.travel(TODAY, tick=False)
def test_the_consistency_links_end_with_a_full_stop(client, officer, make, language) -> None:
    # a bilateral agreement whose Party signed another day: "correct the date of signature"
    # (no Party's signature beside the agreement's date is no longer flagged: h16k #4)
    elsewhen = make.agreement(parties=[make.party(), make.party()])
    elsewhen.ratifications[0].actions.append(PartyAction(kind="signature", on=date(2015, 12, 22)))
    db.session.commit()
    for agreement in (elsewhen,):
        panel = _section(_page(client, officer, agreement, language), "consistency")
        items = [_text(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", panel, re.S)]
        assert items and "<a " in panel
        for item in items:
            assert item.endswith("."), item
