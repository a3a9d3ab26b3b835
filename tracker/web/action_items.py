"""The list of action items: everyone's, filtered and sorted, with a CSV of the whole list.

Action items are added and edited on their meeting's page (tracker.web.milestones); this
list only reads, through tracker.services.action_item_lists.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker import clock
from tracker.labels import LABELS
from tracker.models import ActionStatus
from tracker.services.action_item_lists import (
    ACTION_ITEM_ORDERS,
    CANCELLED,
    DEFAULT_DUE_DAYS,
    DEFAULT_ORDER,
    MAX_DUE_DAYS,
    STATUS_CHOICES,
    UNKNOWN_STATUS,
    ActionItemFilter,
    action_item_csv,
    action_item_list,
)
from tracker.services.my_work import paused_reason
from tracker.web import choices
from tracker.web.listing import page_wanted, query_date, query_int
from tracker.web.responses import csv_download

bp = Blueprint("action_items", __name__, url_prefix="/action-items")

DUE = [
    ("", _l("Any time")),
    ("overdue", _l("Overdue")),
    ("soon", _l("Due within the next days")),
]
STATUSES = [
    ("", _l("All")),
    *((s.value, LABELS[s]) for s in ActionStatus),
    (CANCELLED, _l("Cancelled")),
]


def _unknown_status() -> str:
    """The status the query string asks for when it is none of the list's ("" if none)."""
    value = request.args.get("status", "")
    return value if value and value not in STATUS_CHOICES else ""


def _filter() -> ActionItemFilter:
    due = request.args.get("due", "")
    status = request.args.get("status", "")
    sort = request.args.get("sort", "")
    days = query_int("days")
    return ActionItemFilter(
        status=status if status in STATUS_CHOICES else None,
        owner_id=query_int("owner"),
        body_id=query_int("body"),
        meeting_id=query_int("meeting"),
        track_id=query_int("track"),
        due=due if due in dict(DUE) else "",
        due_days=min(days, MAX_DUE_DAYS) if days else DEFAULT_DUE_DAYS,
        due_from=query_date("from"),
        due_to=query_date("to"),
        sort=sort if sort in ACTION_ITEM_ORDERS else DEFAULT_ORDER,
    )


@bp.route("/export.csv")
def export() -> Response:
    unknown = _unknown_status()
    if unknown:  # a file cannot say that it ignored the filter: refused, said in words
        return Response(gettext(UNKNOWN_STATUS, value=unknown), 400, mimetype="text/plain")
    body = action_item_csv(current_user, _filter(), clock.today())
    return csv_download(body, "action-items.csv")


@bp.route("/")
def index() -> str:
    flt = _filter()
    today = clock.today()
    return render_template(
        "action_items/index.html",
        page=action_item_list(current_user, flt, today, page_wanted()),
        flt=flt,
        statuses=STATUSES,
        due_choices=DUE,
        officers=choices.for_filter(choices.officers),
        bodies=choices.bodies()[1:],
        meetings=choices.for_filter(choices.meetings),
        today=today,
        unknown_status=_unknown_status(),
        paused_reason=paused_reason,
    )
