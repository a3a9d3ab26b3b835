"""Issue 15 item 10: the small things that make a tool feel finished."""

from __future__ import annotations

import html
import io
import re

from sqlalchemy import func, select

from tests.factories import PDF
from tracker.models import AgreementArea, CalendarFeed, Document, Follow
from tracker.orm import db

#: the one panel a secret is shown in, once, with its copy button
SHOWN_ONCE = re.compile(
    r'<div class="shown-once"[^>]*>.*?<code[^>]*id="([\w-]+)"[^>]*>([^<]+)</code>.*?'
    r'<button type="button"[^>]*data-copy="([\w-]+)"',
    re.S,
)


def test_a_feed_address_and_a_token_are_shown_once_in_the_same_panel_with_a_copy_button(
    client, officer
) -> None:
    client.login(officer)
    page = client.submit("/me/calendars", follow_redirects=True).text
    match = SHOWN_ONCE.search(page)
    assert match and match.group(1) == match.group(3)
    assert re.fullmatch(r"http://[^ ]+/calendar/[\w-]+\.ics", match.group(2))
    assert not SHOWN_ONCE.search(client.get("/me/calendars").text)  # once only

    page = client.submit("/me/tokens", {"name": "Scripts"}).text
    match = SHOWN_ONCE.search(page)
    assert match and match.group(1) == match.group(3) and match.group(2).startswith("acc_")


def _feeds() -> int:
    return db.session.scalar(select(func.count()).select_from(CalendarFeed))


def test_a_second_feed_of_the_same_record_is_asked_for_first(client, officer, make) -> None:
    track = make.track(lead=officer)
    client.login(officer)
    client.submit(f"/tracks/{track.id}/calendar")
    assert _feeds() == 1
    asked = client.submit(f"/tracks/{track.id}/calendar")
    assert asked.status_code == 200 and _feeds() == 1
    assert "You already have a calendar feed (" in asked.text
    assert 'name="again"' in asked.text
    client.submit(f"/tracks/{track.id}/calendar", {"again": "1"})
    assert _feeds() == 2
    # "Calendar feed of my work" does not make a new feed on every click either
    client.submit("/me/calendars/my-work")
    client.submit("/me/calendars/my-work")
    assert _feeds() == 3


def _upload(client, track_id: int, kind: str, filename: str):
    return client.post(
        f"/documents/new?track={track_id}",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(PDF), filename),
            "kind": kind,
            "classification": "",
            "title": "",
        },
        content_type="multipart/form-data",
    )


def test_mandates_and_draft_texts_are_restricted_unless_said_otherwise(
    client, officer, make
) -> None:
    track = make.track(lead=officer)
    client.login(officer)
    form = client.get(f"/documents/new?track={track.id}").text
    assert re.search(r'<option(?=[^>]*\bselected\b)[^>]*value=""', form)  # "by its kind" is chosen
    for kind, filename in (("mandate", "m.pdf"), ("draft_text", "d.pdf"), ("minutes", "x.pdf")):
        assert _upload(client, track.id, kind, filename).status_code == 302
    stored = {d.filename: d.classification.value for d in db.session.scalars(select(Document))}
    assert stored == {"m.pdf": "restricted", "d.pdf": "restricted", "x.pdf": "public"}
    # the list says who uploaded each and its size
    page = client.get(f"/tracks/{track.id}").text
    documents = page[page.index('id="documents-title"') :]
    assert officer.name in documents
    assert re.search(r"\b\d+(\.\d)? (KB|bytes|B)\b", documents)


def test_the_areas_table_shows_its_sort(client, officer, make) -> None:
    agreement = make.agreement()
    agreement.areas = [AgreementArea(name="Energy"), AgreementArea(name="Customs")]
    db.session.commit()
    client.login(officer)
    page = client.get(f"/agreements/{agreement.id}?areas=name").text
    header = re.search(r'<th scope="col" aria-sort="ascending">.*?</th>', page, re.S).group(0)
    assert "Area" in header and "▲" in header


def test_a_favicon_and_followed_records_as_links(client, officer, make) -> None:
    track = make.track(name="Visa facilitation")
    db.session.add(Follow(user_id=officer.id, track_id=track.id))
    db.session.commit()
    client.login(officer)
    page = client.get("/me").text
    icon = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', page)
    assert icon
    served = client.get(icon.group(1))
    served.close()
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"
    following = page[page.index('id="following-title"') :]
    assert f'<a href="/tracks/{track.id}">Visa facilitation</a>' in following


def test_the_second_feed_question_reads_as_a_sentence_in_russian_and_kazakh(client, make) -> None:
    """Seen by hand (hcheck): «У вас уже есть календарная лента этого: трек: …» and
    «Сізде мұның күнтізбе арнасы бар: бағыт: …» ("a feed of this: track: …")."""
    officer = make.user(role="officer", language="ru")
    track = make.track(name="Readmission", lead=officer)
    client.login(officer)
    client.submit(f"/tracks/{track.id}/calendar")
    asked = html.unescape(client.submit(f"/tracks/{track.id}/calendar").text)
    assert "У вас уже есть календарная лента (трек: Readmission), созданная" in asked
    officer.language = "kk"
    db.session.commit()
    asked = html.unescape(client.submit(f"/tracks/{track.id}/calendar").text)
    assert "Сізде бұл күнтізбе арнасы бар (" in asked
