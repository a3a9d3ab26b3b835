"""Agreement forms: valid input saves; invalid input re-renders with errors and keeps the input."""

from __future__ import annotations

import html
from datetime import date

from sqlalchemy import select

from tracker.models import Agreement, AuditEvent
from tracker.orm import db

from .page_forms import carried_version, edit_form


def valid_agreement(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Enhanced Partnership and Cooperation Agreement",
        "short_title": "EPCA",
        "kind": "bilateral",
        "status": "in_force",
        "signed_on": "2015-12-21",
        "signed_at": "Astana",
        "in_force_on": "2020-03-01",
        "areas": "Trade in goods\nCustoms\n\nCustoms\nEnergy",
        "summary": "Framework agreement.",
        "reference_url": "https://eur-lex.europa.eu/",
    }
    data.update(overrides)
    return data


def test_officer_adds_an_agreement_with_parties_and_areas(client, officer, make) -> None:
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    client.login(officer)
    response = client.submit("/agreements/new", valid_agreement(party_ids=[str(eu.id), str(kz.id)]))
    assert response.status_code == 302
    agreement = db.session.scalar(select(Agreement))
    assert agreement.signed_on == date(2015, 12, 21)
    assert agreement.in_force_on == date(2020, 3, 1)
    assert [p.name for p in agreement.parties] == ["European Union", "Kazakhstan"]
    assert [a.name for a in agreement.areas] == ["Trade in goods", "Customs", "Energy"]
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.actor_id, event.object_id) == (
        "agreement.created",
        officer.id,
        agreement.id,
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "0 of 2 have consented to be bound" in page
    assert "Astana" in page


def test_entry_into_force_before_signature_is_refused_and_input_kept(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/agreements/new", valid_agreement(in_force_on="2015-12-20", title="Kept title")
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert (
        '<a href="#in_force_on">Entry into force (20 Dec 2015) cannot be before signature' in page
    )
    assert 'id="in_force_on-error"' in page
    assert 'value="Kept title"' in page
    assert 'value="2015-12-20"' in page
    assert db.session.scalar(select(Agreement)) is None


def test_empty_title_huge_strings_and_bad_values_give_field_errors(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/agreements/new",
        valid_agreement(
            title="   ",
            short_title="x" * 10_000,
            kind="trilateral",
            party_ids=["999", "abc"],
            signed_on="2015-02-30",
            reference_url="javascript://%0aalert(1)",
        ),
    )
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "Enter the agreement's title." in page
    assert "At most 50 characters." in page  # the schema, with the column's length
    assert "Choose bilateral, mixed or multilateral." in page
    assert "Choose parties from the list." in page
    assert "Not a valid date value." in page
    assert "Enter a web address starting with https://." in page
    assert db.session.scalar(select(Agreement)) is None


def test_html_in_text_fields_is_stored_as_typed_and_rendered_escaped(client, officer) -> None:
    client.login(officer)
    title = '<script>alert("x")</script> & <b>bold</b>'
    response = client.submit("/agreements/new", valid_agreement(title=title, short_title=""))
    assert response.status_code == 302
    assert db.session.scalar(select(Agreement.title)) == title
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_editing_keeps_area_owners_and_ratification_dates(client, officer, make) -> None:
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    agreement = make.agreement(parties=[eu, kz], short_title="EPCA")
    agreement.ratifications[0].notified_on = date(2019, 6, 1)
    db.session.commit()
    client.login(officer)
    form = client.get(f"/agreements/{agreement.id}/edit").get_data(as_text=True)
    assert carried_version(edit_form(form)) == 1
    response = client.submit(
        f"/agreements/{agreement.id}/edit",
        valid_agreement(party_ids=[str(eu.id), str(kz.id)], areas="Energy", version="1"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert agreement.ratifications[0].notified_on == date(2019, 6, 1)
    assert agreement.ratified_count == 1
    assert [a.name for a in agreement.areas] == ["Energy"]
    assert agreement.version == 2


def test_a_missing_agreement_is_a_404(client, officer) -> None:
    client.login(officer)
    assert client.get("/agreements/999").status_code == 404
    assert client.get("/agreements/999/edit").status_code == 404
