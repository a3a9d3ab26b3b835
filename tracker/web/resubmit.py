"""What officers type is never lost (issue 14 #8).

- A form posted with an expired or missing CSRF token (8 hours later, or after a browser
  restart took the session cookie while remember-me kept the login) is shown again, as
  typed, with a fresh token and a message asking to submit it again; nothing is written.
- A form posted after the session ended (logout elsewhere, a password change) is kept on
  the server for a few minutes (tracker.services.drafts) under a key in the browser's
  session cookie, and comes back filled in on its page after the login.

Both only for a same-origin POST (Origin, else Referer, names this site), so neither helps
a forged cross-site request; anything else gets the plain refusal. Passwords are never
kept, and files cannot be refilled: the messages say so.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, flash, g, make_response, redirect, request, session
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import login_url
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from tracker import clock
from tracker.auth import parse_identity
from tracker.extensions import login_manager
from tracker.services import drafts, transaction

#: the session cookie's key holding the draft's key
DRAFT_KEY = "form_draft"
#: fields never kept on the server
_SECRET_FIELD = re.compile(r"password|^confirm$|csrf_token", re.IGNORECASE)

EXPIRED_MESSAGE = _l(
    "The form had expired, so nothing was saved. What you typed is still here: check it "
    "and submit it again. Files cannot be kept: choose them again."
)
RESTORED_MESSAGE = _l(
    "Your session had ended, so nothing was saved. Here is what you typed: check it and "
    "submit it again. Files cannot be kept: choose them again."
)
KEPT_MESSAGE = _l(
    "Your session had ended, so nothing was saved. Log in and the form comes back with "
    "what you typed (files must be chosen again)."
)


def same_origin() -> bool:
    """Whether the request says it comes from a page of this site: its Origin header,
    or without one its Referer, has this request's scheme and host."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return False
    parts = urlsplit(claimed)
    return parts.scheme == request.scheme and parts.netloc == request.host


def _page_of_the_form() -> str:
    """The page the form was typed on (path and query): the Referer's, when it is of
    this site, else the address posted to."""
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        if parts.scheme == request.scheme and parts.netloc == request.host and parts.path:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.full_path.rstrip("?")


def _whose_session_ended() -> int | None:
    """The id of the user whose login this browser's session cookie still names (the
    session ended on the server, or timed out), or None: a post from a browser that was
    never logged in keeps no draft, so no one can store text without an account, and a
    draft goes back only to the user who typed it (tracker.services.drafts.take_draft)."""
    identity = parse_identity(str(session.get("_user_id") or ""))
    return identity[0] if identity is not None else None


def login_again() -> Response:
    """Flask-Login's answer to a request without a live login: to the login page, and
    a same-origin form's fields kept for after it."""
    next_url = request.full_path.rstrip("?")
    kept = False
    typist = _whose_session_ended()
    if request.method == "POST" and same_origin() and typist is not None:
        next_url = _page_of_the_form()
        fields = [
            (name, value)
            for name, value in request.form.items(multi=True)
            if not _SECRET_FIELD.search(name)
        ]
        key = (
            drafts.keep_draft(next_url, fields, user_id=typist, now=clock.now_utc())
            if fields
            else None
        )
        if key is not None:
            session[DRAFT_KEY] = key
            flash(str(KEPT_MESSAGE), "info")
            kept = True
    if not kept:
        flash(gettext(login_manager.login_message), login_manager.login_message_category)
    return redirect(login_url("auth.login", next_url=next_url))


def restore_draft() -> None:
    """Before a logged-in GET: the fields kept for this page, if any, for its forms
    (TrackerForm reads g.form_draft)."""
    key = session.get(DRAFT_KEY)
    if not key or request.method != "GET" or request.endpoint in (None, "static"):
        return
    from flask_login import current_user

    if not current_user.is_authenticated:
        return
    now = clock.now_utc()
    fields = drafts.take_draft(key, request.full_path.rstrip("?"), user_id=current_user.id, now=now)
    if fields is not None:
        g.form_draft = MultiDict(fields)
        session.pop(DRAFT_KEY, None)
        flash(str(RESTORED_MESSAGE), "info")
    elif not drafts.draft_alive(key, now=now):
        session.pop(DRAFT_KEY, None)


def expired_form(plain: Any) -> Any:
    """The answer to a failed CSRF check: for a same-origin POST to a page's own form,
    that page again with what was typed (TrackerForm refuses to validate while
    g.resubmit is set, so nothing is saved) and a fresh token; otherwise `plain()`."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or view is None or not same_origin():
        return plain()
    g.resubmit = True
    flashes = list(session.get("_flashes", []))
    try:
        response = make_response(view(**(request.view_args or {})))
    except Exception:  # noqa: BLE001  (a view refusing outright: the plain refusal)
        response = None
    transaction.roll_back()  # nothing the view did is kept
    session["_flashes"] = flashes  # nor anything it said
    if not flashes:
        session.pop("_flashes")
    if response is None or response.status_code not in (200, 400, 422):
        return plain()
    response.status_code = 400
    return response
