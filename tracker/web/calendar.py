"""Calendar feeds: the secret-token URLs calendar clients read, and the page to manage them."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import HiddenField

from tracker import clock
from tracker.extensions import limiter
from tracker.i18n import translate
from tracker.mail.links import external_url
from tracker.models import FeedScope
from tracker.services import calendar as calendar_service
from tracker.services import gate, transaction
from tracker.services.errors import ServiceError
from tracker.web.forms import TrackerForm
from tracker.web.responses import calendar_host, ics_response

bp = Blueprint("calendar", __name__)


@bp.route("/calendar/<token>.ics")
# Per address. Tokens cannot be guessed; this only stops a runaway client. Outlook.com and
# Google fetch every subscriber's feeds from a few shared addresses, hence the room.
@limiter.limit("600/hour")
def feed(token: str) -> Response:
    """A subscribed feed. No login (calendar clients cannot): the token is the key."""
    calendar_feed = calendar_service.active_feed(token)
    if calendar_feed is None:
        abort(404)
    body = calendar_service.feed_calendar(
        calendar_feed, host=calendar_host(), today=clock.today(), now=clock.now_utc()
    )
    return ics_response(body, "accord-tracker.ics", attachment=False)


class FeedForm(TrackerForm):
    """The CSRF token, and whether a second feed of the same record is really wanted:
    what to subscribe to is in the URL."""

    again = HiddenField()


def feed_url(token: str) -> str:
    return external_url("calendar.feed", token=token)


@bp.route("/me/calendars")
def manage() -> str:
    feeds = calendar_service.user_feeds(current_user)
    return render_template(
        "calendar/manage.html",
        feeds=[(f, calendar_service.feed_label(f)) for f in feeds],
        form=FeedForm(),
        new_feed_url=next(iter(get_flashed_messages(category_filter=["shown-once"])), None),
    )


def _created(scope: FeedScope, **target: Any) -> Any:
    form = FeedForm()
    if not form.validate_on_submit():
        abort(400)
    # A second feed of the same record is asked for first (issue 15#10): the button is
    # easily pressed again by someone who only wanted to see the address once more.
    existing = calendar_service.existing_feed(current_user, scope, **target)
    if existing is not None and not form.again.data:
        return render_template(
            "calendar/again.html",
            feed=existing,
            label=calendar_service.feed_label(existing),
            form=FeedForm(formdata=None),
            action=request.path,
        )
    try:
        _feed, token = calendar_service.create_feed(current_user, scope, **target)
    except ServiceError as error:
        transaction.roll_back()
        flash(translate(error.message), "error")
        return redirect(url_for(".manage"))
    # Shown this once, on the feeds page (base.html leaves this category to it): only the
    # token's hash is kept.
    flash(_("Feed created."), "success")
    flash(feed_url(token), "shown-once")
    return redirect(url_for(".manage"))


@bp.route("/me/calendars", methods=["POST"])
def create_mine() -> Any:
    return _created(FeedScope.USER)


@bp.route("/me/calendars/my-work", methods=["POST"])
def create_my_work() -> Any:
    """A feed of the milestones and action items the user owns (the "my work" page's)."""
    return _created(FeedScope.MY_WORK)


@bp.route("/tracks/<int:track_id>/calendar", methods=["POST"])
def create_for_track(track_id: int) -> Any:
    return _created(FeedScope.TRACK, track=gate.get_track(current_user, track_id))


@bp.route("/agreements/<int:agreement_id>/calendar", methods=["POST"])
def create_for_agreement(agreement_id: int) -> Any:
    agreement = gate.get_agreement(current_user, agreement_id)
    return _created(FeedScope.AGREEMENT, agreement=agreement)


@bp.route("/me/calendars/<int:feed_id>/revoke", methods=["POST"])
def revoke(feed_id: int) -> Any:
    form = FeedForm()
    calendar_feed = calendar_service.own_feed(current_user, feed_id)
    if not form.validate_on_submit():
        abort(400)
    calendar_service.revoke_feed(calendar_feed, actor=current_user)
    flash(_("Feed revoked: its address no longer works."), "success")
    return redirect(url_for(".manage"))
