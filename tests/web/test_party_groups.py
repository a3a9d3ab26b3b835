"""Issue 16 (h16j, found by a fresh check): a group of Parties ("Observer States", "EU
Member States") belongs to the agreement it was made on. Groups were global: a group
pasted on one agreement showed on every other agreement with one of its members (its
progress line, its filter), and made its members "of the one part" of every mixed
agreement (the page, the API's `side`, the consistency flags). And the paste said
nothing about the group."""

from __future__ import annotations

import html
from datetime import date

import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tracker.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    PartyAction,
    PartyKind,
    Ratification,
)
from tracker.orm import db
from tracker.services.consistency import flagged_agreements
from tracker.services.demo import seed_demo_data


def _tmm_and_cbtc(make) -> tuple[Agreement, Agreement]:
    """TMM: a mixed agreement of the European Union and Mongolia; CBTC: another one
    Mongolia is a Party to."""
    eu = make.party("European Union", kind=PartyKind.ORGANISATION)
    mongolia, japan = make.party("Mongolia"), make.party("Japan")
    tmm = make.agreement(parties=[eu, mongolia], short_title="TMM", kind=AgreementKind.MIXED)
    cbtc = make.agreement(
        parties=[japan, mongolia], short_title="CBTC", kind=AgreementKind.MULTILATERAL
    )
    return tmm, cbtc


def _paste(client, agreement: Agreement, names: str, group: str) -> str:
    """Paste `names` as the members of `group` on the agreement; the page it leads to."""
    response = client.submit(
        f"/agreements/{agreement.id}/parties/paste",
        {"names": names, "group_name": group, "version": str(agreement.version)},
    )
    assert response.status_code == 302, response.text
    return html.unescape(client.get(response.headers["Location"]).text)


def test_a_group_made_on_one_agreement_does_not_show_on_another(client, officer, make) -> None:
    tmm, cbtc = _tmm_and_cbtc(make)
    client.login(officer)
    before = html.unescape(client.get(f"/agreements/{tmm.id}").text)
    page = _paste(client, cbtc, "Mongolia", "Observer States")
    assert "Observer States: 0 of 1 recorded" in page  # on CBTC, where it was made
    after = html.unescape(client.get(f"/agreements/{tmm.id}").text)
    assert "Observer States" not in after
    db.session.expire_all()
    [group] = cbtc.party_groups
    assert group.name == "Observer States" and tmm.party_groups == []
    # the other agreement's filter by group does not take it
    filtered = html.unescape(client.get(f"/agreements/{tmm.id}?group={group.id}").text)
    assert "Show all parties" not in filtered
    assert before.count("Mongolia") == after.count("Mongolia")


def test_the_paste_says_which_parties_it_put_in_the_group(client, officer, make) -> None:
    _tmm, cbtc = _tmm_and_cbtc(make)
    client.login(officer)
    page = _paste(client, cbtc, "Mongolia", "Observer States")
    assert "0 parties added." in page
    assert "Mongolia added to the group Observer States." in page
    page = _paste(client, cbtc, "Mongolia\nJapan\nKorea", "Observer States")
    assert "1 party added." in page
    assert "Japan, Korea added to the group Observer States." in page
    assert "Mongolia already in the group Observer States." in page


def test_a_group_on_another_agreement_leaves_the_sides_alone(
    client, live_server, officer, viewer, make
) -> None:
    tmm, cbtc = _tmm_and_cbtc(make)
    url = f"{live_server}/api/v1/agreements/{tmm.id}"
    reader = bearer(viewer)
    parties = requests.get(url, headers=reader, timeout=5).json()["parties"]
    assert [(p["party"], p["side"]) for p in parties] == [
        ("European Union", "one_part"),
        ("Mongolia", "other_part"),
    ]
    client.login(officer)
    _paste(client, cbtc, "Mongolia", "Observer States")
    parties = requests.get(url, headers=reader, timeout=5).json()["parties"]
    assert [(p["party"], p["side"]) for p in parties] == [
        ("European Union", "one_part"),
        ("Mongolia", "other_part"),
    ]
    # on its own agreement a group makes its members of the one part
    db.session.expire_all()
    mixed = make.agreement(parties=[make.party("Borduria"), cbtc.ratifications[1].party])
    mixed.kind = AgreementKind.MIXED
    db.session.commit()
    client.login(officer)
    _paste(client, mixed, "Borduria", "Member States")
    db.session.expire_all()
    assert [(r.party.name, r.part.value) for r in mixed.ratifications] == [
        ("Borduria", "one_part"),
        ("Mongolia", "other_part"),
    ]


def test_the_consistency_flags_take_only_the_agreements_own_groups(client, officer, make) -> None:
    """On TMM, Mongolia stays of the other part beside Borduria: Borduria leaving is no
    side left (in Python on the page and in SQL in the list alike)."""
    tmm, cbtc = _tmm_and_cbtc(make)
    borduria = make.party("Borduria")
    tmm.ratifications.append(Ratification(party=borduria))
    tmm.status = AgreementStatus.IN_FORCE
    tmm.in_force_on, tmm.signed_on = date(2020, 3, 1), None
    for row in tmm.ratifications:
        row.actions.append(PartyAction(kind="accession", on=date(2019, 6, 1)))
    tmm.ratifications[2].actions.append(
        PartyAction(kind="withdrawal", on=date(2024, 1, 15), effective_on=date(2024, 7, 15))
    )
    db.session.commit()
    client.login(officer)
    _paste(client, cbtc, "Mongolia", "Observer States")
    db.session.expire_all()
    page = html.unescape(client.get(f"/agreements/{tmm.id}").text)
    assert "no Party of its side remained bound" not in page
    assert tmm.id not in [f.id for f in flagged_agreements(date(2026, 1, 12))]
    _paste(client, tmm, "Mongolia", "Observer States")  # now TMM's own: Borduria was alone
    page = html.unescape(client.get(f"/agreements/{tmm.id}").text)
    assert "no Party of its side remained bound" in page
    assert tmm.id in [f.id for f in flagged_agreements(date(2026, 1, 12))]


def test_the_demo_makes_the_member_states_group_on_the_epca() -> None:
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    assert [g.name for g in epca.party_groups] == ["EU Member States"]
    others = db.session.scalars(select(Agreement).where(Agreement.id != epca.id))
    assert all(not a.party_groups for a in others)


def test_the_group_message_is_translated(client, officer, make) -> None:
    _tmm, cbtc = _tmm_and_cbtc(make)
    mongolia = cbtc.ratifications[1].party
    mongolia.name_ru = "Монголия"
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    page = _paste(client, cbtc, "Mongolia", "Observer States")
    assert "В группу «Observer States» добавлено: Монголия." in page
    page = _paste(client, cbtc, "Mongolia", "Observer States")
    assert "Уже в группе «Observer States»: Монголия." in page
