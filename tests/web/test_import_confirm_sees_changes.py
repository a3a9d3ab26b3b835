"""A confirmation writes only what its preview showed (fc19, session 15).

Found from outside: a record of the file changed after the preview (another officer's
save, or a newer file confirmed meanwhile) was overwritten by the confirmation, unseen,
with "Imported: … 1 changed" and no warning. Now such a confirmation writes nothing and
shows the rows again as they stand, ready to confirm; the same confirmation posted twice
still goes through, changing nothing.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date

from tracker.models import Agreement, Milestone
from tracker.orm import db
from tracker.services.milestones import update_milestone

NOTICE = "were changed in the tracker after your preview"


def preview(client, what: str, data: bytes):
    return client.post(
        f"/import/{what}",
        data={"csrf_token": client.csrf_token, "file": (io.BytesIO(data), "file.csv")},
        content_type="multipart/form-data",
    )


def confirm_fields(response) -> dict[str, str]:
    """The hidden fields of the page's confirmation form, as the browser posts them."""
    page = response.get_data(as_text=True)
    assert "/confirm" in page, "the page offers to confirm"
    found = re.findall(r'name="(content|plan|shown|agreement)" type="hidden" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in found}


def test_a_save_between_preview_and_confirmation_is_not_overwritten(client, make, officer) -> None:
    make.agreement(title="EU–Kazakhstan EPCA", short_title="EPCA", summary="Old summary")
    client.login(officer)
    exported = client.get("/agreements/export.csv").data.decode("utf-8")
    edited = exported.replace("Old summary", "New summary").encode("utf-8")
    shown = preview(client, "agreements", edited)
    assert "0 to add, 1 to change" in shown.get_data(as_text=True)
    fields = confirm_fields(shown)

    # another officer, meanwhile, records the place of signature
    agreement = db.session.scalar(db.select(Agreement))
    agreement.signed_at = "Brussels"
    db.session.commit()

    refused = client.submit("/import/agreements/confirm", fields)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert NOTICE in page
    assert "after this file was exported" in page  # the row's own flag, seen now
    db.session.expire_all()
    agreement = db.session.scalar(db.select(Agreement))
    assert (agreement.signed_at, agreement.summary) == ("Brussels", "Old summary")

    # confirmed again from the page as it stands now: written, knowingly
    done = client.submit("/import/agreements/confirm", confirm_fields(refused))
    assert done.status_code == 302
    db.session.expire_all()
    agreement = db.session.scalar(db.select(Agreement))
    assert agreement.summary == "New summary"


def test_confirming_an_older_preview_does_not_undo_a_newer_import(client, make, officer) -> None:
    track = make.track(name="Visa facilitation")
    make.milestone(track, title="Round 1", planned_on=date(2026, 2, 10), notes="first")
    client.login(officer)
    exported = client.get("/milestones/export.csv").data.decode("utf-8")
    assert ",first," in exported or "first" in exported
    older = preview(client, "milestones", exported.replace("first", "older").encode("utf-8"))
    newer = preview(client, "milestones", exported.replace("first", "newer").encode("utf-8"))
    assert client.submit("/import/milestones/confirm", confirm_fields(newer)).status_code == 302

    refused = client.submit("/import/milestones/confirm", confirm_fields(older))
    assert refused.status_code == 409
    assert NOTICE in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(db.select(Milestone.notes)) == "newer"


def test_the_same_confirmation_posted_twice_changes_nothing_the_second_time(
    client, make, officer
) -> None:
    track = make.track(name="Readmission")
    milestone = make.milestone(track, title="Round 1", planned_on=date(2026, 3, 2))
    client.login(officer)
    exported = client.get("/milestones/export.csv").data.decode("utf-8")
    fields = confirm_fields(
        preview(client, "milestones", exported.replace("Round 1", "Round 1 (Astana)").encode())
    )
    assert client.submit("/import/milestones/confirm", fields).status_code == 302
    again = client.submit("/import/milestones/confirm", fields)  # the back button, re-posted
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).title == "Round 1 (Astana)"


def test_a_preview_of_the_same_file_after_a_save_is_confirmed_as_shown(
    client, make, officer
) -> None:
    """The check compares outcomes, not times: a change the preview already showed
    (the other save came before it) is confirmed without a second look."""
    track = make.track(name="Visa facilitation")
    milestone = make.milestone(track, title="Round 1", planned_on=date(2026, 2, 10))
    client.login(officer)
    exported = client.get("/milestones/export.csv").data.decode("utf-8")
    update_milestone(
        db.session.get(Milestone, milestone.id),
        {"location": "Astana"},
        actor=officer,
        expected_version=milestone.version,
    )
    db.session.commit()
    shown = preview(client, "milestones", exported.replace("Round 1", "Round 1 (t)").encode())
    assert "after this file was exported" in shown.get_data(as_text=True)
    assert client.submit("/import/milestones/confirm", confirm_fields(shown)).status_code == 302
