"""The track page's documents, read for a track that has passed the gate (issue 19).

The track page asks for its documents without testing the track against the reader's
hidden tracks again (the gate has just let the reader see it: tracker.services.documents.
documents_on_track). What a document adds to its track's visibility must still hold: a
restricted document is for officers and administrators only, and a document also attached
to a milestone of a track hidden from the reader stays hidden with that milestone.
"""

from __future__ import annotations

import html

import pytest

from tests.visibility.world import MARKER, add_restricted, build_public
from tracker.models import Classification, Document
from tracker.orm import db


@pytest.fixture
def world():
    world = build_public()
    add_restricted(world)
    return world


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def test_a_restricted_document_on_a_public_track_is_hidden_from_a_viewer(
    client, make, world
) -> None:
    lead = world.users["outsider"]
    make.document(
        lead,
        filename=f"{MARKER}-mandate.pdf",
        classification=Classification.RESTRICTED,
        track_id=world.public["track_id"],
    )
    page = f"/tracks/{world.public['track_id']}"
    client.login(world.users["viewer"])
    shown = text_of(client, page)
    assert "Visa facilitation" in shown and MARKER not in shown
    client.login(world.users["outsider"])
    assert f"{MARKER}-mandate.pdf" in text_of(client, page)


def test_a_document_also_on_a_hidden_milestone_stays_hidden_on_a_public_track(
    client, make, world
) -> None:
    lead = world.users["lead"]
    document = make.document(
        lead, filename=f"{MARKER}-annex.pdf", track_id=world.public["track_id"]
    )
    # attached to the restricted track's milestone as well (no form does it; the rule
    # must hold for any row the database accepts)
    db.session.get(Document, document.id).milestone_id = world.hidden["milestone_id"]
    db.session.commit()
    page = f"/tracks/{world.public['track_id']}"
    client.login(world.users["outsider"])
    shown = text_of(client, page)
    assert "Visa facilitation" in shown and MARKER not in shown
    client.login(world.users["member"])
    assert f"{MARKER}-annex.pdf" in text_of(client, page)
