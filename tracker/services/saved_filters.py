"""Saved filters of the lists: each user's own, named, at most MAX_PER_LIST per list.

Private: every function takes the user and reaches only their filters (another user's
filter is NotFound). Saving and deleting are audited on the user's account, as changes of
their notification settings are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from tracker.domain.messages import N_
from tracker.models import SavedFilter, User
from tracker.orm import db
from tracker.schemas.saved_filters import SavedFilterInput
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.records import record_audit

#: a list's saved filters are a short menu, not an archive
MAX_PER_LIST = 20


#: what saving under a name already taken says (issue 15 check, item 6)
NAME_TAKEN = N_(
    "You already have a filter “%(name)s” of this list: tick “Replace it” to save this "
    "one in its place, or choose another name."
)


def save_filter(
    user: User, data: SavedFilterInput | Mapping[str, Any], *, replace: bool = False
) -> SavedFilter:
    """Save the filter under its name. A filter of the same list and name is replaced only
    when `replace` says so. Raises SchemaRefusal for bad input, ServiceError for a name
    taken (field "replace") and beyond MAX_PER_LIST. Flushes."""
    given = SavedFilterInput.of(data)
    found = db.session.scalar(
        select(SavedFilter).where(
            SavedFilter.user_id == user.id,
            SavedFilter.list_name == given.list_name,
            SavedFilter.name == given.name,
        )
    )
    if found is not None and not replace:
        raise ServiceError(NAME_TAKEN, field="replace", name=given.name)
    if found is None:
        kept = db.session.scalar(
            select(func.count())
            .select_from(SavedFilter)
            .where(SavedFilter.user_id == user.id, SavedFilter.list_name == given.list_name)
        )
        if (kept or 0) >= MAX_PER_LIST:
            raise ServiceError(
                "You can keep at most %(num)s saved filters of a list: delete one first.",
                field="name",
                num=MAX_PER_LIST,
            )
        found = SavedFilter(user_id=user.id, list_name=given.list_name, name=given.name)
        db.session.add(found)
    found.query = given.query
    record_audit(
        user,
        "user.filter_saved",
        user,
        f"Saved the filter “{given.name}” of the {given.list_name} list",
    )
    db.session.flush()
    return found


def own_filter(user: User, filter_id: int) -> SavedFilter:
    """One of the user's own saved filters. Raises NotFound for another's or none."""
    found = db.session.get(SavedFilter, filter_id)
    if found is None or found.user_id != user.id:
        raise NotFound("saved filter")
    return found


def delete_filter(user: User, saved: SavedFilter) -> None:
    """Delete one of the user's own filters (own_filter finds it). Flushes."""
    record_audit(
        user,
        "user.filter_deleted",
        user,
        f"Deleted the filter “{saved.name}” of the {saved.list_name} list",
    )
    db.session.delete(saved)
    db.session.flush()


def filters_of(user: User, list_name: str | None = None) -> list[SavedFilter]:
    """The user's saved filters (of one list, or all), by list and name."""
    query = select(SavedFilter).where(SavedFilter.user_id == user.id)
    if list_name is not None:
        query = query.where(SavedFilter.list_name == list_name)
    return list(db.session.scalars(query.order_by(SavedFilter.list_name, SavedFilter.name)))
