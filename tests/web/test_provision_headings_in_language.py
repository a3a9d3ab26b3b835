"""A provision's heading in each language's own order (found when merging issue 17's
work): the Kazakh interface said «Бап 5», where treaty texts say «5-бап» (number first),
on the text's pages and in the joint text exported; Russian «Статья 5»."""

from __future__ import annotations

import html
import io

import docx
import pytest

from tracker.orm import db
from tracker.services import provisions

HEADINGS = {"en": "Article 5", "ru": "Статья 5", "kk": "5-бап"}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_an_article_is_headed_in_the_readers_language(client, make, language) -> None:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    provisions.create_provision(
        track, {"number": "5", "title": "Scope", "texts": {"en": "Visas."}}, actor=lead
    )
    lead.language = language
    db.session.commit()
    client.login(lead)
    page = html.unescape(client.get(f"/tracks/{track.id}/text").get_data(as_text=True))
    assert f"{HEADINGS[language]} · Scope" in page
    # the export's headings are in the document's language (fresh check #3), here the reader's
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang={language}")
    assert exported.status_code == 200
    headings = [
        p.text
        for p in docx.Document(io.BytesIO(exported.data)).paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert f"{HEADINGS[language]} — Scope" in headings, headings
