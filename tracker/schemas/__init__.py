"""Input schemas: what a valid record is, written once per aggregate.

Each create or update of an aggregate is validated by one pydantic model here, whichever
door it came in by (a web form, a JSON API body, a CSV row, a job): the services validate
what they are given through it, the API's OpenAPI description is generated from it, and
the web forms show its refusals in the reader's language.

Limits are read from the models' columns (a title's length is the column's length), so a
change of column changes every door at once. Single-line text (titles, names, places)
refuses line breaks and control characters: they break mail headers and CSV cells, and
none belongs in a treaty record.

pydantic v2 rather than marshmallow: its models are typed (the services get attributes,
not dict keys), it emits JSON Schema 2020-12, which OpenAPI 3.1 takes as it is, and its
error types are stable identifiers that map onto our translated messages.
"""

from tracker.schemas.base import (
    Refusal,
    Schema,
    SchemaRefusal,
    check_dates,
    max_length,
    one_line,
    refusals_of,
    validate,
)

__all__ = [
    "Refusal",
    "Schema",
    "SchemaRefusal",
    "check_dates",
    "max_length",
    "one_line",
    "refusals_of",
    "validate",
]
