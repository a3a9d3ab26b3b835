"""The list of action items, for the web and the API: one filter object, one page, one CSV
of the whole list (as tracker.services.lists does for the other records).

An item is listed to a reader who may see both its own track and its meeting's
(tracker.services.visibility.action_item_is_visible, the one rule); "overdue" is the
model's hybrid (open, past due, and live: not on a closed or paused track). An
administrator's page or export that shows items of restricted tracks not theirs is audited
(gate.audit_admin_list).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import joinedload

from tracker import clock
from tracker.domain.messages import N_
from tracker.models import ActionItem, ActionStatus, Milestone, NegotiationTrack
from tracker.orm import db
from tracker.services import gate
from tracker.services.paging import PageRequest, Rows, paginate, rows_page
from tracker.services.spreadsheets.fileformat import to_csv
from tracker.services.visibility import Reader, action_item_is_visible

#: the `status` filter's values: an ActionStatus, or "cancelled" (an item cancelled with a
#: reason, whatever its status: issue 15 #7); "open" means open and not cancelled
CANCELLED = "cancelled"
STATUS_CHOICES = (*(s.value for s in ActionStatus), CANCELLED)
#: what the web list says of a status it does not know, before showing every status
UNKNOWN_STATUS = N_("The status “%(value)s” is not one of the list's: every status is shown.")

#: the `due` filter's values: past due (and live), or due within `due_days` from today
DUE_CHOICES = ("overdue", "soon")
#: "due soon" means within this many days unless the filter says otherwise
DEFAULT_DUE_DAYS = 14
MAX_DUE_DAYS = 3660

#: the list's orders by name; each ends in the id so that it is total (pages never overlap),
#: every term with its direction spelled out (tracker.services.paging.reverse_order)
ACTION_ITEM_ORDERS: dict[str, tuple[Any, ...]] = {
    "due": (ActionItem.due_on.asc(), ActionItem.id.asc()),
    "-due": (ActionItem.due_on.desc(), ActionItem.id.desc()),
    "title": (ActionItem.title.asc(), ActionItem.id.asc()),
    "-title": (ActionItem.title.desc(), ActionItem.id.desc()),
}
DEFAULT_ORDER = "due"

CSV_COLUMNS = (
    "id",
    "title",
    "status",
    "due_on",
    "owner",
    "meeting",
    "meeting_on",
    "body",
    "track",
    "notes",
    "cancelled_on",
    "cancel_reason",
    "exported_at",
)


@dataclass(frozen=True)
class ActionItemFilter:
    """Which action items a list shows, and in which order.

    status: a value of STATUS_CHOICES (an ActionStatus's, or "cancelled") or None for all;
    owner_id, body_id (the meeting's body), meeting_id, track_id: None for any; due: ""
    (any), "overdue" or "soon" (open and due from today to today + due_days);
    due_from/due_to: due on or after / on or before (days, inclusive); sort: a key of
    ACTION_ITEM_ORDERS.
    """

    status: str | None = None
    owner_id: int | None = None
    body_id: int | None = None
    meeting_id: int | None = None
    track_id: int | None = None
    due: str = ""
    due_days: int = DEFAULT_DUE_DAYS
    due_from: date | None = None
    due_to: date | None = None
    sort: str = DEFAULT_ORDER

    @property
    def order(self) -> tuple[Any, ...]:
        return ACTION_ITEM_ORDERS.get(self.sort, ACTION_ITEM_ORDERS[DEFAULT_ORDER])


def _conditions(flt: ActionItemFilter, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.status == ActionStatus.OPEN:
        conditions.append(ActionItem.is_open)  # a cancelled item is not open (issue #15 #7)
    elif flt.status == CANCELLED:
        conditions.append(ActionItem.is_cancelled)
    elif flt.status:
        conditions.append(ActionItem.status == ActionStatus(flt.status))
    for value, column in (
        (flt.owner_id, ActionItem.owner_id),
        (flt.meeting_id, ActionItem.meeting_id),
        (flt.track_id, ActionItem.track_id),
    ):
        if value:
            conditions.append(column == value)
    if flt.body_id:
        conditions.append(
            ActionItem.meeting_id.in_(select(Milestone.id).where(Milestone.body_id == flt.body_id))
        )
    if flt.due == "overdue":
        conditions.append(ActionItem.is_overdue(today))
    elif flt.due == "soon":
        days = min(max(flt.due_days, 0), MAX_DUE_DAYS)
        conditions += [
            ActionItem.is_open,
            ActionItem.due_on >= today,
            ActionItem.due_on <= today + timedelta(days=days),
        ]
    if flt.due_from:
        conditions.append(ActionItem.due_on >= flt.due_from)
    if flt.due_to:
        conditions.append(ActionItem.due_on <= flt.due_to)
    return conditions


def action_item_list_query(
    flt: ActionItemFilter, today: date, reader: Reader
) -> Select[tuple[ActionItem]]:
    """The items `reader` may see that match `flt` on `today`, in the filter's order, with
    their meeting (and its body and track), owner and track loaded."""
    return (
        select(ActionItem)
        .options(
            joinedload(ActionItem.meeting).joinedload(Milestone.body),
            joinedload(ActionItem.meeting).joinedload(Milestone.track),
            joinedload(ActionItem.owner),
            joinedload(ActionItem.track),
        )
        .where(action_item_is_visible(reader), *_conditions(flt, today))
        .order_by(*flt.order)
    )


def _tracks_of(item: ActionItem) -> list[NegotiationTrack | None]:
    return [item.track, item.meeting.track if item.meeting else None]


def _audit(reader: Reader, items: list[ActionItem]) -> None:
    gate.audit_admin_list(reader, ActionItem, items, _tracks_of)


def action_item_list(
    reader: Reader, flt: ActionItemFilter, today: date, at: PageRequest
) -> Pagination:
    """A page of the action items the reader may see (web); audited for an administrator."""
    page = paginate(action_item_list_query(flt, today, reader), flt.order, at)
    _audit(reader, page.items)
    return page


def action_item_rows(reader: Reader, flt: ActionItemFilter, today: date, at: PageRequest) -> Rows:
    """A page of the action items the reader may see, as plain rows (API); audited."""
    rows = rows_page(action_item_list_query(flt, today, reader), at)
    _audit(reader, rows.items)
    return rows


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def action_item_csv(reader: Reader, flt: ActionItemFilter, today: date) -> str:
    """The action items list as it is filtered, every page, as CSV text (UTF-8 with a BOM,
    cells that a spreadsheet would run as formulas neutralised); audited."""
    query = action_item_list_query(flt, today, reader)
    items = list(db.session.scalars(query).unique())
    _audit(reader, items)
    exported_at = clock.now_utc().isoformat(timespec="seconds")
    return to_csv(
        CSV_COLUMNS,
        (
            (
                item.id,
                item.title,
                item.status.value,
                item.due_on.isoformat(),
                item.owner.email if item.owner else "",
                item.meeting.title,
                _day(item.meeting.planned_on),
                item.meeting.body.name if item.meeting.body else "",
                item.track.name if item.track else "",
                item.notes,
                _day(item.cancelled_on),
                item.cancel_reason,
                exported_at,
            )
            for item in items
        ),
    )
