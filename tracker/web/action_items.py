"""The list of action items: everyone's, filtered and sorted, with a CSV of the whole list.

Action items are added and edited on their meeting's page (tracker.web.milestones); this
list only reads, through tracker.services.action_item_lists.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker import clock
from tracker.labels import LABELS
from tracker.models import ActionStatus
from tracker.services.action_item_lists import (
    ACTION_ITEM_ORDERS,
    DEFAULT_DUE_DAYS,
    DEFAULT_ORDER,
    MAX_DUE_DAYS,
    ActionItemFilter,
    action_item_csv,
    action_item_list,
)
from tracker.web import choices
from tracker.web.listing import page_wanted, query_date, query_enum, query_int
from tracker.web.responses import csv_download

bp = Blueprint("action_items", __name__, url_prefix="/action-items")

DUE = [
    ("", _l("Any time")),
    ("overdue", _l("Overdue")),
    ("soon", _l("Due within the next days")),
]
STATUSES = [("", _l("All")), *((s.value, LABELS[s]) for s in ActionStatus)]


def _filter() -> ActionItemFilter:
    due = request.args.get("due", "")
    sort = request.args.get("sort", "")
    days = query_int("days")
    return ActionItemFilter(
        status=query_enum("status", ActionStatus),
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
        today=today,
    )
