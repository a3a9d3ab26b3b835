"""An administrator hands an officer's work to another from the users page: a confirmation
page with the counts, one step, both told by email over real SMTP; a deactivated target is
refused with words that say what to do."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from sqlalchemy import select

from tests.work_world import build_work_world
from tracker.jobs import run_due
from tracker.models import ActionItem, AuditEvent, NegotiationTrack
from tracker.orm import db


def test_an_administrator_hands_over_after_seeing_what_will_move(
    app, client, make, admin, mailbox
) -> None:
    world = build_work_world(make)
    me, ids = world.me, world.ids
    db.session.get(ActionItem, ids["secret_mine"]).owner_id = world.other.id
    successor = make.user(role="officer", name="Successor", email="successor@test.example")
    gone = make.user(role="officer", name="Gone Officer", active=False)
    client.login(admin)

    users = client.get("/admin/users").text
    assert f'href="/admin/users/{me.id}/hand-over"' in users

    chooser = client.get(f"/admin/users/{me.id}/hand-over").text
    assert f'<option value="{successor.id}"' in chooser
    assert f'<option value="{me.id}"' not in chooser  # not to themselves
    assert f'<option value="{gone.id}"' not in chooser  # only active officers are offered

    refused = client.get(f"/admin/users/{me.id}/hand-over?to={gone.id}")
    assert refused.status_code == 200
    assert "Gone Officer is deactivated and cannot take over work" in refused.text
    assert 'method="post"' not in refused.text.split("<main")[1]
    forced = client.submit(f"/admin/users/{me.id}/hand-over?to={gone.id}")
    assert forced.status_code == 422
    assert "reactivate the account first" in forced.text
    assert db.session.get(NegotiationTrack, ids["t_visa"]).lead_officer_id == me.id

    confirm = client.get(f"/admin/users/{me.id}/hand-over?to={successor.id}").text
    assert "What will move to Successor" in confirm
    assert "<td>Open action items owned</td><td>3</td>" in confirm
    assert "Hand over 10 records to Successor" in confirm

    done = client.submit(f"/admin/users/{me.id}/hand-over?to={successor.id}")
    assert done.status_code == 302
    assert "now with Successor: 10 records moved" in client.get("/admin/users").text
    db.session.expire_all()
    assert db.session.get(NegotiationTrack, ids["t_visa"]).lead_officer_id == successor.id
    assert (
        db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "user.work_handed_over"))
        is not None
    )

    audit = html.unescape(client.get("/audit").text)
    assert "<strong>Work handed over to another officer</strong>" in audit
    assert f'Account: <a href="/admin/users/{me.id}/edit">Me Myself</a>' in audit
    assert f'<ins><a href="/admin/users/{successor.id}/edit">Successor</a></ins>' in audit

    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    handover = {str(m["To"]): m for m in mailbox.messages if "handed over" in str(m["Subject"])}
    assert set(handover) == {"me@test.example", "successor@test.example"}
    text = handover["successor@test.example"].get_body(preferencelist=("plain",)).get_content()
    assert "The work of Me Myself has been handed over to you:" in text
    assert "http://tracker.test/my-work" in text


def test_only_administrators_hand_over_work(client, make, officer) -> None:
    other = make.user(role="officer")
    client.login(officer)
    assert client.get(f"/admin/users/{other.id}/hand-over").status_code == 403
    assert client.submit(f"/admin/users/{other.id}/hand-over?to={officer.id}").status_code == 403
