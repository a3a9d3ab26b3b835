"""Bullets of issue 16 checked through the pages, in the three languages: the withdrawal
of a reservation as an act of its own; a group's own progress ("EU Member States: 3 of 28
recorded", the issue's example); the official publication reference recorded through
the agreement form and shown."""

from __future__ import annotations

import html
from datetime import date

from sqlalchemy import select

from tests.web.test_agreement_forms import valid_agreement
from tracker.models import Agreement, AgreementStatus, PartyAction, PartyGroup
from tracker.orm import db


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


def _act(**fields: str) -> dict[str, str]:
    data = dict.fromkeys(
        ("on", "effective_on", "instrument_ref", "notification_ref", "note", "document_url"), ""
    )
    data.update(fields)
    return data


def test_a_reservation_and_its_withdrawal_are_recorded_and_shown(client, officer, make) -> None:
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")], short_title="TPA"
    )
    republic = treaty.ratifications[1]
    client.login(officer)
    for kind, on, note in (
        ("reservation", "2019-06-03", "Art. 12(3) does not apply"),
        ("reservation_withdrawal", "2023-02-10", "Withdrawn by note verbale 45/2023"),
    ):
        response = client.submit(
            f"/agreements/{treaty.id}/actions/new",
            _act(party_row_id=str(republic.id), kind=kind, on=on, note=note),
        )
        assert response.status_code == 302, response.text
    db.session.expire_all()
    assert [(a.kind, a.on) for a in republic.actions] == [
        ("reservation", date(2019, 6, 3)),
        ("reservation_withdrawal", date(2023, 2, 10)),
    ]
    url = f"/agreements/{treaty.id}"
    actions = _section(client.get(url).text, "actions")
    assert "Withdrawal of a reservation" in actions and "10 Feb 2023" in actions
    assert "Withdrawn by note verbale 45/2023" in actions
    for language, label in (("ru", "Снятие оговорки"), ("kk", "Ескертпені кері қайтарып алу")):
        officer.language = language
        db.session.commit()
        assert label in _section(client.get(url).text, "actions")


def test_a_group_shows_its_own_progress_3_of_28(client, viewer, make) -> None:
    states = [make.party(f"Member State {n:02d}") for n in range(28)]
    epca = make.agreement(
        parties=[make.party("European Union"), *states, make.party("Kazakhstan")],
        short_title="EPCA",
    )
    epca.party_groups.append(PartyGroup(name="EU Member States", members=states))
    for row in epca.ratifications[1:4]:
        row.actions.append(PartyAction(kind="notification_of_completion", on=None))
    db.session.commit()
    client.login(viewer)
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    assert "EU Member States: 3 of 28 recorded" in page
    # "X of N" counts every Party that consents to be bound: the Union, 28, the partner
    assert "3 of 30 have consented to be bound" in page
    viewer.language = "ru"
    db.session.commit()
    page = html.unescape(client.get(f"/agreements/{epca.id}").text)
    assert "EU Member States: записано 3 из 28" in page


def test_the_official_publication_is_recorded_and_shown(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/agreements/new",
        valid_agreement(
            publication_ref="OJ L 29, 4.2.2016",
            depositary="Secretary-General of the Council of the European Union",
            status=AgreementStatus.IN_FORCE.value,
        ),
    )
    assert response.status_code == 302, response.text
    agreement = db.session.scalar(select(Agreement))
    assert agreement.publication_ref == "OJ L 29, 4.2.2016"
    page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
    assert "Official publication" in page and "OJ L 29, 4.2.2016" in page
    officer.language = "kk"
    db.session.commit()
    assert "Ресми жариялау" in html.unescape(client.get(f"/agreements/{agreement.id}").text)
