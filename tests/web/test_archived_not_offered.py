"""Issue 15 (check of the built issue), item 7: the pickers of tracks and agreements (in
forms and list filters) leave archived records out for new records, but an edit form keeps
the archived record its record already points to selectable (and a filter keeps the one
it is set to)."""

from __future__ import annotations

import html
import re
from datetime import date

from tracker.domain.workflow import TrackStatus
from tracker.orm import db


def _options(page: str, select_name: str) -> list[str]:
    """The labels of a select's options."""
    found = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, select_name
    return [html.unescape(o).strip() for o in re.findall(r"<option[^>]*>([^<]*)<", found[1])]


def test_archived_tracks_and_agreements_are_not_offered_for_new_records(
    client, officer, make
) -> None:
    old_track = make.track(TrackStatus.ABANDONED, name="Old talks", archived_on=date(2026, 1, 2))
    make.track(name="Live talks")
    old = make.agreement(title="Old agreement", archived_on=date(2026, 1, 2))
    make.agreement(title="Live agreement")
    kept = make.milestone(old_track, agreement_id=old.id, title="Held round")
    db.session.commit()
    client.login(officer)

    new = client.get("/milestones/new").text
    assert "Old talks" not in _options(new, "track_id")
    assert "Live talks" in _options(new, "track_id")
    assert "Old agreement" not in _options(new, "agreement_id")
    assert "Live agreement" in _options(new, "agreement_id")
    for url, name in (("/tracks/new", "framework_agreement_id"), ("/bodies/new", "agreement_id")):
        assert "Old agreement" not in _options(client.get(url).text, name), url
    listed = client.get("/milestones/").text
    assert "Old talks" not in _options(listed, "track")
    assert "Old agreement" not in _options(listed, "agreement")

    # the record's own value stays selectable, and saving it unchanged works
    edit = client.get(f"/milestones/{kept.id}/edit").text
    assert "Old talks" in _options(edit, "track_id")
    assert "Old agreement" in _options(edit, "agreement_id")
    filtered = client.get(f"/milestones/?track={old_track.id}").text
    assert "Old talks" in _options(filtered, "track")
