"""Records every route needs in its URL, shared by the permission and security tests."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import ActionItem, FeedScope, MilestoneKind, User
from tracker.services.api_tokens import create_token
from tracker.services.calendar import create_feed
from tracker.services.provisions import create_provision


@pytest.fixture
def records(make, officer: User) -> dict[str, int]:
    from tracker.models import AgreementArea, ClockRule, PartyAction, TreatyRelation
    from tracker.orm import db

    agreement = make.agreement(parties=[make.party()])
    agreement.areas = [AgreementArea(name="Energy")]
    agreement.ratifications[0].actions.append(PartyAction(kind="signature", on=None))
    agreement.clock_rules.append(
        ClockRule(purpose="entry_into_force", mode="on", anchor="signature", offset=0)
    )
    db.session.add(
        TreatyRelation(from_agreement=agreement, to_agreement=make.agreement(), kind="amends")
    )
    db.session.commit()
    area = agreement.areas[0]
    from tracker.models import OutboxMessage, OutboxStatus

    message = OutboxMessage(
        idempotency_key="k",
        kind="test",
        to_address=officer.email,
        subject="s",
        body_text="t",
        body_html="h",
        status=OutboxStatus.FAILED,
    )
    db.session.add(message)
    db.session.commit()
    track = make.track(lead=officer, since=date(2025, 12, 2))
    milestone = make.milestone(track)
    body = make.body()
    meeting = make.milestone(body_id=body.id, kind=MilestoneKind.MEETING)
    item = ActionItem(meeting_id=meeting.id, title="Send the draft", due_on=date(2026, 2, 1))
    db.session.add(item)
    db.session.commit()
    document = make.document(officer, track_id=track.id)
    feed, token = create_feed(officer, FeedScope.USER)
    api_token, _ = create_token(officer, "sync")
    provision = create_provision(track, {"number": "1", "texts": {"en": "Text"}}, actor=officer)
    from tracker.services.saved_filters import save_filter

    saved = save_filter(officer, {"list_name": "tracks", "name": "Mine", "query": "q=a"})
    db.session.commit()
    return {
        "filter_id": saved.id,
        "provision_id": provision.id,
        "body_id": body.id,
        "item_id": item.id,
        "document_id": document.id,
        "feed_id": feed.id,
        "token_id": api_token.id,
        "token": token,
        "kind": "track",
        "what": "milestones",
        "record_id": track.id,
        "agreement_id": agreement.id,
        "track_id": track.id,
        "milestone_id": milestone.id,
        "user_id": officer.id,
        "area_id": area.id,
        "ratification_id": agreement.ratifications[0].id,
        "action_id": agreement.ratifications[0].actions[0].id,
        "rule_id": agreement.clock_rules[0].id,
        "relation_id": db.session.query(TreatyRelation).one().id,
        "filename": "css/app.css",
        "message_id": message.id,
        "iso_week": "2026-W02",
    }
