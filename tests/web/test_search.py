"""Search from anywhere (issue 15 #1): the header's box and the results page."""

from __future__ import annotations

import re

from sqlalchemy import select

from tracker.models import Agreement, NegotiationTrack, User
from tracker.orm import db
from tracker.services.demo import seed_demo_data


def test_epca_finds_the_agreement_and_both_of_its_tracks(client) -> None:
    seed_demo_data()
    officer = db.session.scalar(select(User).where(User.email == "officer@example.org"))
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    tracks = db.session.scalars(
        select(NegotiationTrack).where(NegotiationTrack.framework_agreement_id == epca.id)
    ).all()
    assert len(tracks) == 2
    client.login(officer, password="accord-officer-demo")

    page = client.get("/search?q=EPCA")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert f'href="/agreements/{epca.id}"' in body
    for track in tracks:
        assert f'href="/tracks/{track.id}"' in body, track.name
    # the header's box on every page leads there
    dashboard = client.get("/").get_data(as_text=True)
    assert re.search(r'<form[^>]*action="/search"[^>]*role="search"', dashboard)


def test_the_page_answers_every_query_politely(client, viewer, make) -> None:
    make.agreement(title="Қазақстан мен Одақ келісімі")
    client.login(viewer)
    empty = client.get("/search")
    assert empty.status_code == 200 and "Nothing found" not in empty.get_data(as_text=True)
    no_words = client.get("/search?q=%2A%2A%20--").get_data(as_text=True)
    assert "Type at least one letter or digit to search." in no_words
    nothing = client.get("/search?q=zzzz").get_data(as_text=True)
    assert "Nothing found for “zzzz”." in nothing
    hostile = client.get("/search?q=" + "<script>x</script>" * 40).get_data(as_text=True)
    assert "<script>x" not in hostile
    kazakh = client.get("/search?q=ҚАЗАҚ").get_data(as_text=True)
    assert "Қазақстан мен Одақ келісімі" in kazakh
    # the header's box keeps the query, labelled for a screen reader
    assert re.search(r'<label for="header-search-q"[^>]*>[^<]+</label>', kazakh)
    assert 'id="header-search-q" name="q"' in kazakh and 'value="ҚАЗАҚ"' in kazakh


def test_the_page_speaks_the_readers_language(client, make) -> None:
    reader = make.user(role="viewer", language="kk")
    make.body(name="Ынтымақтастық кеңесі")
    client.login(reader)
    body = client.get("/search?q=кеңес").get_data(as_text=True)
    assert "Ынтымақтастық кеңесі" in body
    assert "Органы" not in body and "Bodies" not in body
