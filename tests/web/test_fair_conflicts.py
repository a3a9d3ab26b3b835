"""Fair conflicts (issue #15, item 8): when two officers edit the same record, the refusal
says who saved and when, lists only what the other officer changed, carries their changes
to the fields this officer did not touch into the form, and a field both changed needs an
explicit choice. Saving again never undoes the other officer's work."""

from __future__ import annotations

import html
from datetime import date

from tracker.models import Agreement, Milestone, MilestoneKind, NegotiationTrack
from tracker.orm import db

from .page_forms import carried_version, edit_form


def _two_officers(app, client, officer, make):
    bob_user = make.user(role="officer", name="Bob Berikov")
    bob = app.test_client()
    client.login(officer)
    bob.login(bob_user)
    return client, bob


def test_a_change_the_other_officer_made_is_carried_over_not_undone(
    app, client, officer, make
) -> None:
    track = make.track()
    milestone = make.milestone(
        track, title="Round 1", kind=MilestoneKind.ROUND, number=1, location="Astana"
    )
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/milestones/{milestone.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)

    assert alice.submit(url, alices | {"location": "Brussels"}).status_code == 302
    refused = bob.submit(url, bobs | {"notes": "Bring the mandate"})

    assert refused.status_code == 422
    page = html.unescape(refused.text)
    assert f"{officer.name} saved this record at" in page  # who, and when
    changes = page[
        page.index("data-conflict-changes") : page.index(
            "</table>", page.index("data-conflict-changes")
        )
    ]
    assert "Location" in changes and "Brussels" in changes
    assert "Notes" not in changes and "Title" not in changes  # only what really differs
    again = edit_form(refused.text)
    assert again["location"] == "Brussels"  # Alice's change, carried into Bob's form
    assert again["notes"] == "Bring the mandate"  # Bob's input, kept
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).notes == ""  # nothing saved yet

    assert bob.submit(url, again).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Milestone, milestone.id)
    assert (saved.location, saved.notes) == ("Brussels", "Bring the mandate")


def test_a_field_both_changed_needs_an_explicit_choice(app, client, officer, make) -> None:
    milestone = make.milestone(
        make.track(),
        title="Round 1",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2026, 2, 1),
    )
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/milestones/{milestone.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)
    assert alice.submit(url, alices | {"planned_on": "2026-03-01"}).status_code == 302

    refused = bob.submit(url, bobs | {"planned_on": "2026-04-01"})
    assert refused.status_code == 422
    page = html.unescape(refused.text)
    assert 'data-clash="planned_on"' in page
    assert "Yours: 1 Apr 2026" in page and "Theirs: 1 Mar 2026" in page
    again = edit_form(refused.text)
    assert again["planned_on"] == "2026-04-01"  # Bob's input stays until he chooses

    unchosen = bob.submit(url, again)  # saving again without choosing
    assert unchosen.status_code == 422
    assert "choose which value to keep" in html.unescape(unchosen.text)
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).planned_on == date(2026, 3, 1)

    chosen = bob.submit(url, edit_form(unchosen.text) | {"planned_on-keep": "theirs"})
    assert chosen.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).planned_on == date(2026, 3, 1)


def test_keeping_ones_own_value_is_a_choice_too(app, client, officer, make) -> None:
    milestone = make.milestone(make.track(), title="Round 1", planned_on=date(2026, 2, 1))
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/milestones/{milestone.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)
    assert alice.submit(url, alices | {"title": "Round 1 (Astana)"}).status_code == 302
    refused = bob.submit(url, bobs | {"title": "Round 1 (Brussels)"})
    chosen = bob.submit(url, edit_form(refused.text) | {"title-keep": "mine"})
    assert chosen.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).title == "Round 1 (Brussels)"


def test_a_tracks_members_merge_item_by_item(app, client, officer, make) -> None:
    first, second, third = (make.user(role="officer", name=f"Member {n}") for n in range(3))
    track = make.track(name="Readmission")
    track.members = [first, second]
    db.session.commit()
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/tracks/{track.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)
    assert (
        alice.submit(
            url, alices | {"member_ids": [str(first.id), str(second.id), str(third.id)]}
        ).status_code
        == 302
    )

    refused = bob.submit(url, bobs | {"member_ids": [str(second.id)]})  # Bob removes the first
    assert refused.status_code == 422
    again = edit_form(refused.text)
    assert sorted(again["member_ids"]) == sorted([str(second.id), str(third.id)])
    assert bob.submit(url, again).status_code == 302
    db.session.expire_all()
    members = {u.id for u in db.session.get(NegotiationTrack, track.id).members}
    assert members == {second.id, third.id}  # Alice's addition kept, Bob's removal kept


def test_an_agreements_areas_merge_line_by_line(app, client, officer, make) -> None:
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    agreement = make.agreement(parties=[eu, kz], short_title="EPCA")
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/agreements/{agreement.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)
    assert alice.submit(url, alices | {"areas": "Energy"}).status_code == 302
    refused = bob.submit(url, bobs | {"areas": "Transport", "summary": "Bob's summary"})
    assert refused.status_code == 422
    again = edit_form(refused.text)
    assert again["areas"].splitlines() == ["Energy", "Transport"]
    assert bob.submit(url, again).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Agreement, agreement.id)
    assert sorted(a.name for a in saved.areas) == ["Energy", "Transport"]
    assert saved.summary == "Bob's summary"


def test_an_old_form_without_its_start_is_refused_field_by_field(
    app, client, officer, make
) -> None:
    """A post that does not carry the values it started from (a bare version number):
    every field that differs from the record is a clash to choose, never silently lost."""
    milestone = make.milestone(make.track(), title="Round 1", location="Astana")
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/milestones/{milestone.id}/edit"
    alices = edit_form(alice.get(url).text)
    bobs = alices | {"version": "1"}
    assert alice.submit(url, alices | {"location": "Brussels"}).status_code == 302
    refused = bob.submit(url, bobs)
    assert refused.status_code == 422
    assert 'data-clash="location"' in refused.text
    assert carried_version(edit_form(refused.text)) == 2


def test_the_panel_says_a_list_both_changed_was_merged_not_untouched(
    app, client, officer, make
) -> None:
    first, second, third = (make.user(role="officer", name=f"Member {n}") for n in range(3))
    track = make.track(name="Readmission")
    track.members = [first, second]
    db.session.commit()
    alice, bob = _two_officers(app, client, officer, make)
    url = f"/tracks/{track.id}/edit"
    alices, bobs = edit_form(alice.get(url).text), edit_form(bob.get(url).text)
    added = alices | {"member_ids": [str(first.id), str(second.id), str(third.id)]}
    assert alice.submit(url, added).status_code == 302

    refused = bob.submit(url, bobs | {"member_ids": [str(second.id)]})  # Bob did change it
    assert refused.status_code == 422
    panel = refused.text[refused.text.index("data-conflict-changes") :].split("</table>")[0]
    row = next(r for r in panel.split("<tr ")[1:] if "data-outcome" in r and "member" in r.lower())
    assert "you had not changed it" not in html.unescape(row)
    assert 'data-outcome="merged"' in row
