"""Tidy records (issue #15, item 7): a cancel or an archive refused because someone else
changed the record meanwhile says "Your input is kept below", so the reason the officer
typed comes back in the form on the record's page, opened, at the record's current
version, and a deliberate second save wins. The same for a reason refused as too long.
Restoring and bringing back have nothing typed to keep: a refused one offers its button
again at the current version."""

from __future__ import annotations

import html
import re
from datetime import date

import time_machine

from tracker.domain.workflow import TrackStatus
from tracker.models import ActionItem, Agreement, Milestone, MilestoneKind, NegotiationTrack
from tracker.orm import db
from tracker.services.cancellations import REASON_MAX

REASON = "The partners settled it at the plenary;\nno further round is needed"


def _version(model: type, record_id: int) -> str:
    db.session.expire_all()
    return str(db.session.get(model, record_id).version)


def _someone_else_edits(model: type, record_id: int, **values: object) -> None:
    record = db.session.get(model, record_id)
    for name, value in values.items():
        setattr(record, name, value)
    db.session.commit()


def _reason_form(page: str, action: str) -> tuple[str, str, bool]:
    """(the reason typed in, the version, opened) of the form posting to `action`."""
    form = re.search(
        r"<details[^>]*?(?P<open> open)?>(?:(?!</details>).)*?"
        rf'<form[^>]*action="{re.escape(action)}"'
        r"(?P<body>(?:(?!</form>).)*)</form>",
        page,
        re.S,
    )
    assert form is not None, f"no reason form for {action}"
    reason = re.search(r"<textarea[^>]*>(.*?)</textarea>", form["body"], re.S)
    version = re.search(
        r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', form["body"]
    )
    assert reason is not None and version is not None
    # a text area's first line break is the markup's, not the text's (HTML: textarea)
    typed = re.sub(r"^\r?\n", "", html.unescape(reason[1]))
    return typed, version[1] or version[2], bool(form["open"])


def _meeting(make, officer):  # noqa: ANN001, ANN202
    body = make.body(name="Cooperation Council")
    meeting = make.milestone(
        body_id=body.id,
        kind=MilestoneKind.MEETING,
        title="22nd Council",
        planned_on=date(2026, 1, 5),
    )
    item = ActionItem(
        meeting_id=meeting.id,
        title="Send the draft annex",
        due_on=date(2026, 1, 15),
        owner_id=officer.id,
    )
    db.session.add(item)
    db.session.commit()
    return meeting, item


def _kinds(make, officer) -> list[tuple[type, int, str, str, dict]]:  # noqa: ANN001
    """(model, id, the address posted to, the page shown after, a change by someone else)."""
    track = make.track(name="Readmission", lead=officer)
    milestone = make.milestone(track, title="Round 3", planned_on=date(2026, 1, 10))
    meeting, item = _meeting(make, officer)
    closed = make.track(status=TrackStatus.ABANDONED, lead=officer, name="Old readmission")
    agreement = make.agreement(title="Air services agreement", owner_id=officer.id)
    return [
        (
            Milestone,
            milestone.id,
            f"/milestones/{milestone.id}/cancel",
            f"/milestones/{milestone.id}",
            {"location": "Astana"},
        ),
        (
            ActionItem,
            item.id,
            f"/action-items/{item.id}/cancel",
            f"/milestones/{meeting.id}",
            {"title": "Send the draft annex, revised"},
        ),
        (
            NegotiationTrack,
            closed.id,
            f"/tracks/{closed.id}/archive",
            f"/tracks/{closed.id}",
            {"description": "Closed in 2024"},
        ),
        (
            Agreement,
            agreement.id,
            f"/agreements/{agreement.id}/archive",
            f"/agreements/{agreement.id}",
            {"summary": "Superseded"},
        ),
    ]


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_lost_cancel_or_archive_brings_the_typed_reason_back(client, officer, make) -> None:
    kinds = _kinds(make, officer)
    client.login(officer)
    for model, record_id, url, page_url, change in kinds:
        stale = _version(model, record_id)
        _someone_else_edits(model, record_id, **change)
        refused = client.submit(url, {"reason": REASON, "version": stale})
        assert refused.status_code == 302, url
        typed, version, opened = _reason_form(refused_page := client.get(page_url).text, url)
        assert "Your input is kept below" in html.unescape(refused_page), url
        assert (typed, version, opened) == (REASON, _version(model, record_id), True), url
        db.session.expire_all()
        assert db.session.get(model, record_id).version == int(version)
        # kept once: the next visit shows the form as usual, closed and empty
        assert _reason_form(client.get(page_url).text, url) == ("", version, False), url
        # the deliberate second save wins
        again = client.submit(url, {"reason": typed, "version": version})
        assert again.status_code == 302, url
        db.session.expire_all()
        stored = db.session.get(model, record_id)
        assert (getattr(stored, "cancel_reason", None) or stored.archive_reason) == REASON, url


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_reason_refused_as_too_long_comes_back_to_be_shortened(client, officer, make) -> None:
    kinds = _kinds(make, officer)
    client.login(officer)
    long_reason = "Why " * (REASON_MAX // 4) + "indeed"
    for model, record_id, url, page_url, _change in kinds:
        client.submit(url, {"reason": long_reason, "version": _version(model, record_id)})
        page = client.get(page_url).text
        assert f"Keep the reason to {REASON_MAX:,} characters." in html.unescape(page), url
        assert _reason_form(page, url)[0] == long_reason, url
        db.session.expire_all()
        stored = db.session.get(model, record_id)
        assert stored.version == int(_version(model, record_id))
        assert getattr(stored, "cancelled_on", None) is None
        assert getattr(stored, "archived_on", None) is None


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_lost_restore_or_bring_back_offers_its_button_again(client, officer, admin, make) -> None:
    kinds = _kinds(make, officer)
    client.login(officer)
    for model, record_id, url, _page_url, _change in kinds:
        client.submit(url, {"reason": REASON, "version": _version(model, record_id)})
    client.login(admin)
    undo = {"cancel": "restore", "archive": "unarchive"}
    for model, record_id, url, page_url, change in kinds:
        verb = url.rsplit("/", 1)[1]
        undo_url = url.rsplit("/", 1)[0] + "/" + undo[verb]
        stale = _version(model, record_id)
        _someone_else_edits(model, record_id, **{k: f"{v}, again" for k, v in change.items()})
        assert client.submit(undo_url, {"version": stale}).status_code == 302, undo_url
        page = client.get(page_url).text
        assert "changed by someone else" in html.unescape(page), undo_url
        shown = re.search(
            rf'action="{re.escape(undo_url)}"(?:(?!</form>).)*?name="version"[^>]*value="(\d+)"'
            rf'|action="{re.escape(undo_url)}"(?:(?!</form>).)*?value="(\d+)"[^>]*name="version"',
            page,
            re.S,
        )
        assert shown is not None, undo_url
        current = _version(model, record_id)
        assert (shown[1] or shown[2]) == current, undo_url
        assert client.submit(undo_url, {"version": current}).status_code == 302, undo_url
        db.session.expire_all()
        stored = db.session.get(model, record_id)
        assert getattr(stored, "cancelled_on", None) is None, undo_url
        assert getattr(stored, "archived_on", None) is None, undo_url
