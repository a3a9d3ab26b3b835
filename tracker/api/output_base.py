"""The base of what the API answers (tracker.api.outputs, tracker.api.treaty_outputs):
records read into pydantic models (from_attributes), moments as ISO 8601 text, and the
ETag header a record's answer carries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

#: a moment as Python writes it (2026-01-12T09:00:00+00:00), as the API always has
Moment = Annotated[
    datetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, record: Any, **details: Any) -> dict[str, Any]:
        """The record as JSON, with the fields only a single record's answer has."""
        out = cls.model_validate(record)
        for name, value in details.items():
            setattr(out, name, value)
        return out.model_dump(mode="json", exclude_unset=True)


def etag_header(noun: str) -> dict[str, Any]:
    """The ETag header a record's answer carries, as the description states it."""
    return {
        "ETag": {
            "description": f"The {noun}'s version, for If-Match",
            "required": True,
            "schema": {"type": "string"},
        }
    }


def party_name(party: Any) -> Any:
    """A Party's name, read from the Party (or the name itself)."""
    return getattr(party, "name", party)


def party_name_in(language: str) -> Callable[[Any], str]:
    """A reader of a Party's official name in `language` ("ru", "kk"): "" when none is
    recorded, or when given a bare name rather than the Party."""

    def read(party: Any) -> str:
        return getattr(party, f"name_{language}", "") or ""

    return read
