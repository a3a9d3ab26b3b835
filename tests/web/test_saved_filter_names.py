"""Issue 15 (check of the built issue), item 6: saving a filter under a name already taken
asks before replacing it, and a refused name says which field it is about."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from tracker.models import SavedFilter
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.saved_filters import save_filter


def _kept() -> list[tuple[str, str]]:
    db.session.expire_all()
    return [tuple(row) for row in db.session.execute(select(SavedFilter.name, SavedFilter.query))]


def test_a_taken_name_is_refused_until_the_officer_says_replace_it(client, officer) -> None:
    save_filter(officer, {"list_name": "tracks", "name": "Visa", "query": "q=visa"})
    db.session.commit()
    with pytest.raises(ServiceError):
        save_filter(officer, {"list_name": "tracks", "name": "Visa", "query": "q=other"})
    db.session.rollback()

    client.login(officer)
    refused = client.submit(
        "/saved-filters", {"list_name": "tracks", "name": "Visa", "query": "q=other"}
    )
    assert _kept() == [("Visa", "q=visa")]  # nothing replaced
    page = html.unescape(client.get(refused.headers["Location"]).text)
    assert "You already have a filter “Visa” of this list" in page
    assert 'name="replace"' in page  # the choice to replace it, said explicitly
    assert 'value="Visa"' in page and 'name="q" value="other"' in page  # nothing lost

    client.submit(
        "/saved-filters",
        {"list_name": "tracks", "name": "Visa", "query": "q=other", "replace": "y"},
    )
    assert _kept() == [("Visa", "q=other")]


def test_an_empty_name_is_refused_naming_the_field(client, officer) -> None:
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    refused = client.submit("/saved-filters", {"list_name": "tracks", "name": "", "query": ""})
    page = html.unescape(client.get(refused.headers["Location"]).text)
    assert "Название фильтра: Это обязательное поле." in page
    assert _kept() == []
