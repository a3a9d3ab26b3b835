"""Search from anywhere: the header's box and its results page (issue 15 #1)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker import clock
from tracker.services.my_work import paused_reason
from tracker.services.search import COUNT_CAP, PER_KIND, search

bp = Blueprint("search", __name__, url_prefix="/search")

#: the heading of each kind's group of results
KIND_HEADINGS = {
    "agreement": _l("Agreements"),
    "track": _l("Tracks"),
    "milestone": _l("Milestones and meetings"),
    "body": _l("Bodies"),
    "action_item": _l("Action items"),
    "document": _l("Documents"),
    "provision": _l("Negotiating texts"),
}

#: a query longer than this is cut (the box's own maxlength says the same)
MAX_QUERY_LENGTH = 200


@bp.route("")
def results() -> str:
    query = " ".join(request.args.get("q", "").split())[:MAX_QUERY_LENGTH]
    return render_template(
        "search/results.html",
        results=search(current_user, query) if query else None,
        query=query,
        headings=KIND_HEADINGS,
        per_kind=PER_KIND,
        count_cap=COUNT_CAP,
        today=clock.today(),  # the marks of overdue records, as the lists show them
        paused_reason=paused_reason,
    )
