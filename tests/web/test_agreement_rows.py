"""Inline rows on the agreement page: area owners and each party's ratification dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tracker.orm import db


@pytest.fixture
def agreement(make):
    return make.agreement(
        parties=[make.party("European Union"), make.party("Kazakhstan")],
        short_title="EPCA",
        signed_on=date(2015, 12, 21),
    )


def test_officer_gives_an_area_an_owner(client, officer, make, agreement) -> None:
    from tracker.models import AgreementArea

    agreement.areas = [AgreementArea(name="Energy", position=1)]
    db.session.commit()
    area = agreement.areas[0]
    client.login(officer)
    page = client.get(f"/agreements/{agreement.id}?edit=areas").text  # the table's edit mode
    assert f'form="area-form-{area.id}"' in page
    response = client.submit(
        f"/agreements/{agreement.id}/areas/{area.id}",
        {
            f"area-{area.id}-owner": str(officer.id),
            f"area-{area.id}-status_note": "On track",
            f"area-{area.id}-version": "1",
            f"area-{area.id}-csrf_token": client.csrf_token,
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (area.owner_id, area.status_note) == (officer.id, "On track")


def test_with_more_officers_than_a_select_lists_the_owner_is_typed_by_email(
    client, officer, make, agreement, monkeypatch
) -> None:
    from tracker.models import AgreementArea
    from tracker.web.agreements import views as agreements

    monkeypatch.setattr(agreements, "AREA_OWNER_SELECT_MAX", 1)
    colleague = make.user(role="officer", email="aigerim@mfa.example", name="Aigerim")
    viewer = make.user(role="viewer", email="reader@mfa.example")
    agreement.areas = [
        AgreementArea(name="Energy", position=1, owner_id=colleague.id),
        AgreementArea(name="Transport", position=2),
    ]
    db.session.commit()
    energy, transport = agreement.areas
    client.login(officer)
    page = client.get(f"/agreements/{agreement.id}?edit=areas").text
    assert "<select" not in page.split('id="areas"')[1].split("</section>")[0]
    assert 'list="agreement-team"' in page
    assert '<option value="aigerim@mfa.example">Aigerim</option>' in page
    assert 'value="aigerim@mfa.example"' in page  # Energy's current owner

    def save(area, owner: str) -> Any:
        return client.submit(
            f"/agreements/{agreement.id}/areas/{area.id}",
            {
                f"area-{area.id}-owner": owner,
                f"area-{area.id}-status_note": "Drafting",
                f"area-{area.id}-version": version_of(area),
            },
        )

    refused = save(transport, viewer.email)  # a viewer cannot own work
    assert refused.status_code == 422
    assert "No active officer has this email address." in refused.text
    assert f'value="{viewer.email}"' in refused.text  # the input is kept
    assert save(transport, "  AIGERIM@mfa.example ").status_code == 302
    assert save(energy, "").status_code == 302
    db.session.expire_all()
    assert (transport.owner_id, transport.status_note) == (colleague.id, "Drafting")
    assert energy.owner_id is None


def test_ratification_dates_make_the_count(client, officer, agreement) -> None:
    eu = agreement.ratifications[0]
    client.login(officer)
    response = client.submit(
        f"/agreements/{agreement.id}/ratifications/{eu.id}",
        {
            f"ratification-{eu.id}-notified_on": "2019-12-20",
            f"ratification-{eu.id}-deposited_on": "",
            f"ratification-{eu.id}-version": "1",
        },
    )
    assert response.status_code == 302
    assert "1 of 2 have consented to be bound" in client.get(f"/agreements/{agreement.id}").text


def test_ratification_before_signature_is_refused_with_the_input_kept(
    client, officer, agreement
) -> None:
    kz = agreement.ratifications[1]
    client.login(officer)
    response = client.submit(
        f"/agreements/{agreement.id}/ratifications/{kz.id}",
        {f"ratification-{kz.id}-notified_on": "2015-01-01", f"ratification-{kz.id}-version": "1"},
    )
    assert response.status_code == 422
    assert "Notification (1 Jan 2015) cannot be before signature (21 Dec 2015)." in response.text
    assert 'value="2015-01-01"' in response.text
    db.session.expire_all()
    assert kz.notified_on is None


def test_viewers_see_the_rows_but_no_forms(client, viewer, agreement) -> None:
    client.login(viewer)
    page = client.get(f"/agreements/{agreement.id}").text
    assert "0 of 2 have consented to be bound" in page
    assert "ratification-" not in page
    eu = agreement.ratifications[0]
    response = client.submit(f"/agreements/{agreement.id}/ratifications/{eu.id}", {})
    assert response.status_code == 403


def test_a_row_of_another_agreement_is_a_404(client, officer, make, agreement) -> None:
    other = make.agreement(parties=[make.party("Japan")])
    client.login(officer)
    foreign = other.ratifications[0]
    response = client.submit(f"/agreements/{agreement.id}/ratifications/{foreign.id}", {})
    assert response.status_code == 404


def version_of(record) -> str:
    """The version stored now (as a fresh page would carry it)."""
    db.session.expire_all()
    return str(db.session.get(type(record), record.id).version)


def test_two_officers_saving_the_same_area_row_are_told_not_overwritten(
    client, officer, make, agreement
) -> None:
    """Found by outside testing: area and ratification rows had no version."""
    from tracker.models import AgreementArea

    agreement.areas = [AgreementArea(name="Energy", position=1)]
    db.session.commit()
    area = agreement.areas[0]
    client.login(officer)
    first = client.submit(
        f"/agreements/{agreement.id}/areas/{area.id}",
        {f"area-{area.id}-status_note": "Mine", f"area-{area.id}-version": "1"},
    )
    assert first.status_code == 302
    second = client.submit(  # the other officer's page still carries version 1
        f"/agreements/{agreement.id}/areas/{area.id}",
        {f"area-{area.id}-status_note": "Theirs", f"area-{area.id}-version": "1"},
    )
    assert second.status_code == 422
    assert "This area was changed by someone else" in second.text
    assert 'value="Theirs"' in second.text  # the input is kept
    db.session.expire_all()
    assert db.session.get(AgreementArea, area.id).status_note == "Mine"
    eu = agreement.ratifications[0]
    missing = client.submit(  # and a row without its version is refused, not saved
        f"/agreements/{agreement.id}/ratifications/{eu.id}",
        {f"ratification-{eu.id}-notified_on": "2019-12-20"},
    )
    assert missing.status_code == 422
    db.session.expire_all()
    assert eu.notified_on is None
