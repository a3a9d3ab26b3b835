"""The follow button that agreement, track and body pages show (the follows blueprint
takes its posts)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from tracker.models import Agreement, Body, NegotiationTrack
from tracker.services import follows as follow_service
from tracker.web.forms import TrackerForm

#: URL word -> (model, the record page's endpoint and argument)
KINDS: dict[str, tuple[type[Any], str, str]] = {
    "agreement": (Agreement, "agreements.detail", "agreement_id"),
    "track": (NegotiationTrack, "tracks.detail", "track_id"),
    "body": (Body, "bodies.detail", "body_id"),
}


class FollowForm(TrackerForm):
    """Only the CSRF token."""


def follow_state(record: Any) -> dict[str, Any]:
    """What the record page's follow button needs."""
    kind = next(k for k, (model, _title, _url) in KINDS.items() if isinstance(record, model))
    return {
        "kind": kind,
        "id": record.id,
        "following": follow_service.is_following(current_user, record),
        "form": FollowForm(),
    }
