"""A reason typed into a refused form comes back on the record's page (issue #15, item 7).

The forms that cancel, archive, restore or bring back a record (tracker.web.tidy, the
milestone's own) post, say the outcome in a flash and go back to the record's page. When
the change is refused (someone else changed the record meanwhile: "Your input is kept
below"; a reason too long), the reason the officer typed is kept on the server for that
page (tracker.services.drafts, under a key in the browser's session cookie, never in a
URL) and handed back once, in its form, opened, at the record's current version, so a
deliberate second save can win.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, g, redirect, request, session
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker import clock
from tracker.services import drafts
from tracker.web.forms import TrackerForm
from tracker.web.saving import submit_form

#: the session cookie's key holding the kept reason's key
KEPT_REASON_KEY = "kept_reason"
#: the draft's field naming the form the reason was typed into
_FORM = "form"


def keep_reason(page: str, form_id: str, reason: str) -> None:
    """Keep `reason` (as typed) for the form `form_id` on the page at path `page`, for the
    next visit of that page by this user. An empty reason is not kept."""
    if not reason.strip() or not current_user.is_authenticated:
        return
    key = drafts.keep_draft(
        page, [(_FORM, form_id), ("reason", reason)], user_id=current_user.id, now=clock.now_utc()
    )
    if key is not None:
        session[KEPT_REASON_KEY] = key


def restore_kept_reason() -> None:
    """Before a logged-in GET: the reason kept for this page, if any, in g.kept_reasons
    (form id -> reason), for kept_reason()."""
    key = session.get(KEPT_REASON_KEY)
    if not key or request.method != "GET" or request.endpoint in (None, "static"):
        return
    if not current_user.is_authenticated:
        return
    now = clock.now_utc()
    fields = drafts.take_draft(key, request.full_path.rstrip("?"), user_id=current_user.id, now=now)
    if fields is not None:
        kept = dict(fields)
        g.kept_reasons = {kept.get(_FORM, ""): kept.get("reason", "")}
        session.pop(KEPT_REASON_KEY, None)
    elif not drafts.draft_alive(key, now=now):
        session.pop(KEPT_REASON_KEY, None)


def kept_reason(form_id: str) -> str | None:
    """The reason kept for the form `form_id` on this page, or None (for templates)."""
    return (g.get("kept_reasons") or {}).get(form_id)


def reasoned_change(
    form: TrackerForm,
    save: Callable[[], Any],
    done: str,
    page: str,
    *,
    form_id: str | None = None,
    anchor: str = "",
) -> Response:
    """A reasoned state change's answer (cancel, archive, restore, bring back): `save`
    through submit_form, the outcome (`done`) or the refusal said in a flash, and back to
    the record's `page` (a path; `anchor`: where on it). A refused reason typed into the
    form `form_id` (its field `reason`) comes back there."""
    if submit_form(form, save).done:
        flash(done, "success")
    elif form_id is not None:
        keep_reason(page, form_id, form.reason.data or "")
    for message in [*form.form_errors, *(e for f in form for e in f.errors)]:
        flash(message, "error")
    return redirect(f"{page}#{anchor}" if anchor else page)
