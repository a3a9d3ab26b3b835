"""The negotiating text reordered and renumbered on the web (issue 17 #1: "numbered,
ordered, renumberable without losing identity"): keys kept, every move audited, a save
over a text changed meanwhile refused with the officer's order kept, bad places refused."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.web.page_forms import _Forms
from tracker.models import AuditEvent, Provision
from tracker.orm import db
from tracker.services import provisions


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    made = [
        provisions.create_provision(track, {"number": n, "texts": {"en": f"Text {n}."}}, actor=lead)
        for n in ("1", "2", "3")
    ]
    db.session.commit()
    return {"lead": lead, "track": track, "provisions": made}


def order_form(page: str) -> dict[str, Any]:
    """The reorder form as the browser would send it (the test client adds the token)."""
    parser = _Forms()
    parser.feed(page)
    form = next(f for f in parser.forms if "fingerprint" in f)
    form.pop("csrf_token", None)
    return form


def _order() -> list[tuple[str, str, str]]:
    return [
        (p.key, p.number, p.texts["en"])
        for p in db.session.scalars(select(Provision).order_by(Provision.position))
    ]


def test_an_officer_reorders_and_renumbers(client: Any, text: dict) -> None:
    track = text["track"]
    one, two, three = text["provisions"]
    client.login(text["lead"])
    assert "Reorder and renumber" in client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    form = order_form(client.get(f"/tracks/{track.id}/text/order").get_data(as_text=True))
    assert form["places-0-provision_id"] == str(one.id) and form["places-2-number"] == "3"
    form.update({"places-0-place": "3", "places-2-place": "1", "places-2-number": "1"})
    form.update({"places-0-number": "3"})
    assert client.submit(f"/tracks/{track.id}/text/order", form).status_code == 302
    db.session.expire_all()
    assert _order() == [
        (three.key, "1", "Text 3."),
        (two.key, "2", "Text 2."),
        (one.key, "3", "Text 1."),
    ]
    audited = db.session.scalars(
        select(AuditEvent.object_id).where(AuditEvent.action == "provision.updated")
    ).all()
    assert sorted(audited) == sorted([one.id, three.id])


def test_a_text_changed_meanwhile_is_told_and_the_order_kept(client: Any, text: dict) -> None:
    track, lead = text["track"], text["lead"]
    one = text["provisions"][0]
    client.login(lead)
    form = order_form(client.get(f"/tracks/{track.id}/text/order").get_data(as_text=True))
    provisions.update_provision(one, {"title": "Purpose"}, actor=lead, expected_version=1)
    db.session.commit()
    before = _order()
    form.update({"places-0-place": "9"})
    refused = client.submit(f"/tracks/{track.id}/text/order", form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Someone changed the text while you were reordering it" in page
    assert 'name="places-0-place" size="4" type="text" value="9"' in page or 'value="9"' in page
    db.session.expire_all()
    assert _order() == before
    again = client.submit(f"/tracks/{track.id}/text/order", order_form(page))
    assert again.status_code == 302
    db.session.expire_all()
    assert [key for key, _n, _t in _order()][-1] == one.key


def test_a_place_is_required_and_every_provision_listed(client: Any, text: dict) -> None:
    track = text["track"]
    client.login(text["lead"])
    form = order_form(client.get(f"/tracks/{track.id}/text/order").get_data(as_text=True))
    empty = client.submit(f"/tracks/{track.id}/text/order", {**form, "places-1-place": ""})
    assert empty.status_code == 422
    assert "Give each provision its place" in empty.get_data(as_text=True)
    short = {k: v for k, v in form.items() if not k.startswith("places-2-")}
    missing = client.submit(f"/tracks/{track.id}/text/order", short)
    assert missing.status_code == 422
    assert "Article 3 is missing" in missing.get_data(as_text=True)


def test_a_viewer_cannot_reorder(client: Any, make: Any, text: dict) -> None:
    client.login(make.user(role="viewer"))
    assert client.get(f"/tracks/{text['track'].id}/text/order").status_code == 403
