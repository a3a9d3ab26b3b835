"""Issue 16 #2: the agreement's signature date and its Parties' signature acts agree, or
the consistency panel says they do not ("Signed 0 of 2" beside a signature date), with a
way for an officer to resolve it."""

from __future__ import annotations

import html
from datetime import date

import pytest

from tracker.models import Agreement, AgreementStatus, PartyAction
from tracker.orm import db
from tracker.services.consistency import flagged_agreements

TODAY = date(2026, 1, 12)


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


@pytest.fixture
def bilateral(make) -> Agreement:
    return make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        status=AgreementStatus.SIGNED,
        signed_on=date(2015, 12, 21),
    )


def test_a_signature_date_without_any_signature_act_is_not_flagged(
    client, officer, bilateral
) -> None:
    """h16k #4 (product decision, issue 16: "Unknown is not a contradiction"): the
    agreement's date of signature beside no Party's signature recorded is not flagged;
    it was, with a link to record the signatures."""
    client.login(officer)
    page = client.get(f"/agreements/{bilateral.id}").text
    consistency = _section(page, "consistency")
    assert "no Party's signature is recorded" not in consistency
    assert "No contradictions" in consistency
    assert flagged_agreements(TODAY) == []
    # both signatures recorded on that day: nothing to flag either
    for row in bilateral.ratifications:
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21))
        )
    db.session.commit()
    page = client.get(f"/agreements/{bilateral.id}").text
    assert "No contradictions" in _section(page, "consistency")
    assert flagged_agreements(TODAY) == []


def test_a_party_signature_on_another_day_is_flagged(client, officer, bilateral) -> None:
    atlantis, borduria = bilateral.ratifications
    atlantis.actions.append(PartyAction(kind="signature", on=date(2015, 12, 21)))
    borduria.actions.append(PartyAction(kind="signature", on=date(2015, 12, 22)))
    db.session.commit()
    client.login(officer)
    consistency = _section(client.get(f"/agreements/{bilateral.id}").text, "consistency")
    assert (
        "Borduria signed on 22 Dec 2015, but the agreement's signature is recorded on 21 Dec 2015."
    ) in consistency
    assert "Atlantis signed" not in consistency
    assert f'href="/agreements/{bilateral.id}/edit"' in consistency
    assert [f.id for f in flagged_agreements(TODAY)] == [bilateral.id]


def test_a_multilateral_open_for_signature_may_be_signed_later(client, officer, make) -> None:
    """A multilateral treaty is opened for signature on its date; later signatures are
    no contradiction, an undated one neither."""
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpania")],
        title="Convention on air navigation",
        signed_on=date(2015, 12, 21),
    )
    for row, on in zip(
        convention.ratifications, (date(2015, 12, 21), date(2016, 3, 2), None), strict=True
    ):
        row.actions.append(PartyAction(kind="signature_subject_to_ratification", on=on))
    db.session.commit()
    client.login(officer)
    page = client.get(f"/agreements/{convention.id}").text
    assert "No contradictions" in _section(page, "consistency")
