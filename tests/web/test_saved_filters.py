"""Saved filters of the lists (issue 15, "Also expected by officers"): an officer saves the
current filter of the tracks, agreements, milestones and action-items lists under a name,
sees them on the list and on /me, applies and deletes them; each user's own, behind CSRF,
checked by the schema, limited in number."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import func, select

from tracker.models import AuditEvent, SavedFilter
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.services.saved_filters import MAX_PER_LIST, save_filter

LISTS = {
    "tracks": ("/tracks/", "status=negotiating&q=visa"),
    "agreements": ("/agreements/", "status=in_force&q=EPCA"),
    "milestones": ("/milestones/", "state=overdue&q=round"),
    "action_items": ("/action-items/", "status=open&due=overdue"),
}


def _saved_links(page: str) -> dict[str, str]:
    """name -> address of each saved filter shown on a page."""
    section = page[page.index("data-saved-filters") :] if "data-saved-filters" in page else page
    return {
        html.unescape(name): html.unescape(href)
        for href, name in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', section)
    }


@pytest.mark.parametrize("list_name", LISTS)
def test_an_officer_saves_applies_and_deletes_a_filter_of_each_list(
    client, officer, list_name
) -> None:
    url, query = LISTS[list_name]
    client.login(officer)
    page = client.get(f"{url}?{query}&page=2")
    assert page.status_code == 200
    kept = re.search(r'name="query" value="([^"]*)"', page.text).group(1)
    saved = client.submit(
        "/saved-filters",
        {"list_name": list_name, "name": "Mine, overdue", "query": html.unescape(kept)},
    )
    assert saved.status_code == 302
    applied = urlsplit(saved.headers["Location"])
    assert applied.path == url
    # the filter, without the page it was on
    assert dict(parse_qsl(applied.query)) == dict(parse_qsl(query))

    listed = _saved_links(client.get(url).text)
    assert listed == {"Mine, overdue": f"{url}?{applied.query}"}
    me = client.get("/me").text
    assert "Mine, overdue" in me
    assert client.get(listed["Mine, overdue"]).status_code == 200

    (row,) = db.session.scalars(select(SavedFilter))
    deleted = client.submit(f"/saved-filters/{row.id}/delete", {"back": "me"})
    assert deleted.status_code == 302 and deleted.headers["Location"].endswith("/me#saved-filters")
    assert db.session.scalar(select(func.count()).select_from(SavedFilter)) == 0
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["user.filter_saved", "user.filter_deleted"]


def test_saved_filters_are_private(client, officer, make) -> None:
    other = make.user(role="officer", email="other@test.example")
    theirs = save_filter(other, {"list_name": "tracks", "name": "Theirs", "query": "q=secret"})
    db.session.commit()
    client.login(officer)
    assert "Theirs" not in client.get("/tracks/").text
    assert "Theirs" not in client.get("/me").text
    assert client.submit(f"/saved-filters/{theirs.id}/delete").status_code == 404
    assert db.session.get(SavedFilter, theirs.id) is not None


def test_saving_needs_the_csrf_token(client, officer) -> None:
    client.login(officer)
    response = client.post(
        "/saved-filters", data={"list_name": "tracks", "name": "x", "query": "q=a"}
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(SavedFilter)) == 0


def test_the_schema_keeps_only_the_lists_own_parameters_and_refuses_bad_names(officer) -> None:
    saved = save_filter(
        officer,
        {"list_name": "milestones", "name": "Round", "query": "q=round&page=3&evil=1&state="},
    )
    assert saved.query == "q=round"
    with pytest.raises(SchemaRefusal) as refused:
        save_filter(officer, {"list_name": "milestones", "name": "two\nlines", "query": ""})
    assert refused.value.field == "name"
    with pytest.raises(SchemaRefusal):
        save_filter(officer, {"list_name": "users", "name": "x", "query": ""})
    with pytest.raises(SchemaRefusal):
        save_filter(officer, {"list_name": "tracks", "name": "", "query": ""})


def test_a_bad_name_is_refused_clearly_and_the_typed_name_is_kept(client, officer) -> None:
    client.login(officer)
    refused = client.submit(
        "/saved-filters", {"list_name": "tracks", "name": "x" * 81, "query": "q=visa"}
    )
    assert refused.status_code == 302
    page = client.get(refused.headers["Location"])
    assert "At most 80 characters." in page.text
    assert 'value="' + "x" * 81 + '"' in page.text  # nothing typed is lost
    assert 'name="q" value="visa"' in page.text  # and the list is still filtered


def test_a_user_keeps_a_limited_number_per_list_and_a_same_name_replaces(client, officer) -> None:
    for n in range(MAX_PER_LIST):
        save_filter(officer, {"list_name": "tracks", "name": f"F{n}", "query": f"q={n}"})
    save_filter(officer, {"list_name": "tracks", "name": "F0", "query": "q=again"}, replace=True)
    db.session.commit()
    client.login(officer)
    refused = client.submit(
        "/saved-filters", {"list_name": "tracks", "name": "One too many", "query": ""}
    )
    page = client.get(refused.headers["Location"]).text
    assert f"You can keep at most {MAX_PER_LIST} saved filters of a list" in page
    assert db.session.scalar(select(func.count()).select_from(SavedFilter)) == MAX_PER_LIST
    assert db.session.scalar(select(SavedFilter.query).where(SavedFilter.name == "F0")) == "q=again"
