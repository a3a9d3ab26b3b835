"""What a valid saved filter is: a list it belongs to, a name on one line, and the list's
query string reduced to that list's own filter parameters (the page number and anything
else are dropped: a saved filter says what to show, not where one was)."""

from __future__ import annotations

from typing import ClassVar, Literal
from urllib.parse import parse_qsl, urlencode

from pydantic import Field, ValidationInfo, field_validator

from tracker.models import SavedFilter
from tracker.schemas.base import Schema, line

#: each list's filter parameters, as its view reads them (tracker/web: tracks._filter,
#: agreements.views.index, milestones.views._filter, action_items._filter)
LIST_PARAMETERS: dict[str, tuple[str, ...]] = {
    "tracks": ("q", "status", "agreement", "officer"),
    "agreements": ("q", "status"),
    "milestones": ("q", "state", "track", "agreement", "owner", "area"),
    "action_items": (
        "status",
        "owner",
        "body",
        "meeting",
        "track",
        "due",
        "days",
        "from",
        "to",
        "sort",
    ),
}
ListName = Literal["tracks", "agreements", "milestones", "action_items"]
#: the longest query string kept (the column's length)
MAX_QUERY = 1000


class SavedFilterInput(Schema):
    """A filter to save: `query` is the list's query string as the browser sent it."""

    list_name: ListName
    name: line(SavedFilter.name, required=True)  # type: ignore[valid-type]
    query: str = Field("", max_length=MAX_QUERY)

    FIELDS: ClassVar[tuple[str, ...]] = ("list_name", "name", "query")

    @field_validator("query")
    @classmethod
    def _only_the_lists_parameters(cls, value: str, info: ValidationInfo) -> str:
        """The list's own parameters, in the order given, without empty values."""
        known = LIST_PARAMETERS.get(info.data.get("list_name") or "", ())
        kept = [(k, v) for k, v in parse_qsl(value, keep_blank_values=False) if k in known]
        return urlencode(kept)
