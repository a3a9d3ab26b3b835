"""Form drafts: what was typed into a form whose session ended, kept on the server for
the login round trip (issue 14 #8) and handed back once, on the form's page."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from tracker.models import FormDraft
from tracker.orm import db
from tracker.services.tokens import hash_token, new_token

#: how long a draft waits for its login
DRAFT_LIFETIME = timedelta(minutes=15)
#: the most text a draft keeps (names and values, in characters): a form's typed text is
#: far less; a larger post is not kept, so no one fills the database through this door
DRAFT_MAX_CHARACTERS = 100_000


def keep_draft(
    path: str, fields: list[tuple[str, str]], *, user_id: int, now: datetime
) -> str | None:
    """Keep `fields` (name, value pairs) typed by user `user_id` on the page at `path`
    (path and query); return the draft's key, to be kept in the browser's session cookie
    (never in a URL), or None when the fields are larger than DRAFT_MAX_CHARACTERS. A user
    has one draft at a time (a new one replaces the last); drafts older than
    DRAFT_LIFETIME are deleted on the way."""
    if sum(len(name) + len(value) for name, value in fields) > DRAFT_MAX_CHARACTERS:
        return None
    db.session.execute(
        delete(FormDraft).where(
            (FormDraft.created_at < now - DRAFT_LIFETIME) | (FormDraft.user_id == user_id)
        )
    )
    key = new_token()
    db.session.add(
        FormDraft(
            key_hash=hash_token(key),
            path=path[:2000],
            fields=json.dumps(fields, ensure_ascii=False),
            created_at=now,
            user_id=user_id,
        )
    )
    db.session.flush()
    return key


def take_draft(key: str, path: str, *, user_id: int, now: datetime) -> list[tuple[str, str]] | None:
    """The fields kept under `key` for the page at `path`, deleted as they are handed
    over to the user who typed them; None when there are none (another page's draft is
    left for its page; an expired one, or one typed by someone else than `user_id`, who
    logged in next in the same browser, is deleted unseen)."""
    draft = db.session.scalar(select(FormDraft).where(FormDraft.key_hash == hash_token(key)))
    if draft is None:
        return None
    if draft.created_at < now - DRAFT_LIFETIME or draft.user_id != user_id:
        db.session.delete(draft)
        db.session.flush()
        return None
    if draft.path != path:
        return None
    fields = [(str(name), str(value)) for name, value in json.loads(draft.fields)]
    db.session.delete(draft)
    db.session.flush()
    return fields


def draft_alive(key: str, *, now: datetime) -> bool:
    """Whether a draft is still waiting under `key`."""
    draft = db.session.scalar(select(FormDraft).where(FormDraft.key_hash == hash_token(key)))
    return draft is not None and draft.created_at >= now - DRAFT_LIFETIME
