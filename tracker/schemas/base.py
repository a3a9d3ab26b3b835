"""The shared parts of every input schema: text types with their limits, ids, and turning
pydantic's errors into refusals the reader can act on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import InstrumentedAttribute

from tracker.domain.messages import N_, Choices, Message
from tracker.domain.refusals import ServiceError

#: ids fit the database's integer columns (PostgreSQL's integer is 32-bit)
MAX_ID = 2**31 - 1
#: control characters no text accepts: C0 and DEL, and C1 (U+0080 to U+009F, which a file
#: decoded in the wrong code page is full of) but for NEL (U+0085, a line break); tab and
#: line breaks are fine in long text
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: what ends a line (LF, CR, the Unicode line and paragraph separators), and a tab: none
#: belongs in a one-line title, name or place
LINE_BREAKS = re.compile(r"[\t\r\n\x85\u2028\u2029]")
#: characters that reorder or hide text (bidirectional overrides and isolates), which
#: let a title read differently from what it is (CVE-2021-42574, "Trojan Source")
HIDDEN_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: characters that take no width: a title made only of them looks empty
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\s]")

S = TypeVar("S", bound="Schema")


class Schema(BaseModel):
    """An input schema: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @classmethod
    def of(cls: type[S], data: S | Mapping[str, Any]) -> S:
        """`data` validated by this schema (a schema instance is taken as it is).

        Raises SchemaRefusal with a message per field."""
        if isinstance(data, cls):
            return data
        return validate(cls, data)

    def rule_refusals(self) -> list[Refusal]:
        """Refusals of rules across fields (dates in order...); none by default. A domain
        rule's own Message is kept, so it is said in the reader's language."""
        return []

    def given(self) -> dict[str, Any]:
        """The fields the input gave, by name (for partial updates)."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def _no_control_characters(value: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        raise PydanticCustomError("control_characters", "contains control characters")
    return value


def _single_line(value: str) -> str:
    if LINE_BREAKS.search(value.replace("\t", "")):
        raise PydanticCustomError("line_break", "must be on one line")
    if "\t" in value:  # pasted from a spreadsheet's cells, most likely: not a line break
        raise PydanticCustomError("tab", "contains a tab")
    if HIDDEN_CONTROLS.search(value):
        raise PydanticCustomError("control_characters", "contains control characters")
    if value and not INVISIBLE.sub("", value):
        raise PydanticCustomError("string_too_short", "only invisible characters")
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _newlines(value: Any) -> Any:
    """Line breaks as LF: a browser sends a textarea's as CRLF (HTML, "textarea wrapping
    transformation"), Excel keeps LF in a cell; stored alike, an exported and re-imported
    note is unchanged."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")


def _length_of(column: InstrumentedAttribute[Any]) -> int | None:
    return getattr(column.property.columns[0].type, "length", None)


def line(column: InstrumentedAttribute[Any], *, required: bool = False) -> Any:
    """Single-line text as long as `column` allows; `required` refuses an empty one."""
    return Annotated[
        str,
        BeforeValidator(_strip),
        StringConstraints(min_length=1 if required else 0, max_length=_length_of(column)),
        AfterValidator(_no_control_characters),
        AfterValidator(_single_line),
    ]


def text(max_length: int) -> Any:
    """Multi-line text (notes, outcomes, descriptions) up to `max_length` characters."""
    return Annotated[
        str,
        BeforeValidator(_strip),
        BeforeValidator(_newlines),
        StringConstraints(max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


#: the id of a record
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]

#: the dates a record may carry: treaties of the 19th century onwards, plans up to 2199.
#: Beyond them a typo (0001-01-01, 9999-12-31) broke the pages that compute from dates
#: (timelines, anniversaries, calendar events a day long).
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DATE = date(2199, 12, 31)
TreatyDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]

_WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _web_address(value: str) -> str:
    # Only http(s): the value becomes a link, and javascript: or data: must never be one.
    _no_control_characters(value)
    if value and not _WEB_ADDRESS.match(value):
        raise PydanticCustomError("web_address", "not a web address")
    return value


def web_address(column: InstrumentedAttribute[Any]) -> Any:
    """An http(s) address as long as `column` allows, or empty."""
    return Annotated[
        str,
        BeforeValidator(_strip),
        StringConstraints(max_length=_length_of(column)),
        AfterValidator(_web_address),
    ]


def max_length(schema: type[BaseModel], name: str) -> int | None:
    """The longest text `schema` takes for field `name` (for a form's maxlength)."""
    for constraint in schema.model_fields[name].metadata:
        if (length := getattr(constraint, "max_length", None)) is not None:
            return int(length)
    return None


# --- refusals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """One field's refusal: `field` is the input's name for it (None: the whole input)."""

    field: str | None
    message: Message


class SchemaRefusal(ServiceError):
    """The input does not fit the schema; `refusals` has a message per field."""

    def __init__(self, refusals: list[Refusal]) -> None:
        first = refusals[0]
        super().__init__(first.message, field=first.field)
        self.refusals = refusals


#: pydantic's error types -> our sentences (English templates, translated where shown)
_MESSAGES: dict[str, str] = {
    "missing": N_("This is required."),
    "string_too_short": N_("This is required."),
    "too_short": N_("This is required."),
    "string_too_long": N_("At most %(max_length)s characters."),
    "too_long": N_("At most %(max_length)s characters."),
    "line_break": N_("Keep this on one line: no line breaks."),
    "tab": N_("Use spaces, not tabs, in this text."),
    "control_characters": N_("Remove the control characters from this text."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "int_from_float": N_("Enter a whole number."),
    "greater_than_equal": N_("Enter a number of at least %(ge)s."),
    "less_than_equal": N_("Enter a number of at most %(le)s."),
    "date_parsing": N_("Enter a date such as 2026-01-31."),
    "date_from_datetime_parsing": N_("Enter a date such as 2026-01-31."),
    "date_from_datetime_inexact": N_("Enter a date such as 2026-01-31."),
    "date_type": N_("Enter a date such as 2026-01-31."),
    "enum": N_("Choose one of: %(expected)s."),
    "literal_error": N_("Choose one of: %(expected)s."),
    "string_type": N_("Enter text."),
    "bool_type": N_("Enter true or false."),
    "bool_parsing": N_("Enter true or false."),
    "extra_forbidden": N_("This field is not accepted here."),
    "web_address": N_("Enter a web address starting with https://."),
    "list_type": N_("Enter a list."),
    "unknown_language": N_("There is no language %(language)s here: use %(accepted)s."),
    "email_address": N_("Enter an email address like name@example.org."),
    "password_too_short": N_("The password must have at least %(min_length)s characters."),
}
_NOT_VALID = N_("This value is not valid.")
_TOO_MANY = N_("At most %(max_length)s of them.")


_RANGE = N_("Enter a number from %(min)s to %(max)s.")
_DATE_RANGE = N_("Enter a date from %(min)s to %(max)s.")


def _bounds(schema: type[BaseModel], name: Any) -> tuple[Any, Any]:
    field = schema.model_fields.get(name) if isinstance(name, str) else None
    found: dict[str, Any] = {}
    for constraint in field.metadata if field else []:
        for bound in ("ge", "le"):
            if getattr(constraint, bound, None) is not None:
                found[bound] = getattr(constraint, bound)
    return found.get("ge"), found.get("le")


def _message(schema: type[BaseModel], error: Any) -> Message:
    if error["type"] in ("greater_than_equal", "less_than_equal") and error["loc"]:
        bound = (error.get("ctx") or {}).get("ge", (error.get("ctx") or {}).get("le"))
        if str(bound) in (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()):  # a date
            return Message(_DATE_RANGE, min=EARLIEST_DATE, max=LATEST_DATE)
        low, high = _bounds(schema, error["loc"][0])
        if low is not None and high is not None:
            return Message(_RANGE, min=low, max=high)
    if error["type"] == "too_long" and (error.get("ctx") or {}).get("field_type") == "List":
        return Message(_TOO_MANY, max_length=error["ctx"]["max_length"])
    template = _MESSAGES.get(error["type"], _NOT_VALID)
    context = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int)}
    if "expected" in context and isinstance(context["expected"], str):
        # pydantic's "'a', 'b' or 'c'": the choices, joined in the reader's language
        quoted = re.findall(r"'([^']*)'", context["expected"])
        context["expected"] = Choices(quoted) if quoted else context["expected"]
    return Message(template, **context)


def refusals_of(
    schema: type[BaseModel], error: ValidationError, *, field: str | None = None
) -> list[Refusal]:
    """pydantic's errors for `schema` as our refusals: a Message per field (dotted path;
    `field` for the errors of one value validated on its own, which have none)."""
    return [
        Refusal(".".join(str(p) for p in e["loc"]) or field, _message(schema, e))
        for e in error.errors(include_url=False)
    ]


def validate(schema: type[S], data: Mapping[str, Any]) -> S:
    """`data` as `schema`, or SchemaRefusal naming each field that does not fit: each field
    on its own, and the rules across fields, all at once (issue 16 #4: a form showed a
    rule's refusal only once its other fields were right)."""
    try:
        model = schema.model_validate(dict(data))
    except ValidationError as error:
        refusals = refusals_of(schema, error)
        raise SchemaRefusal(refusals + _rules_of_the_rest(schema, data, refusals)) from None
    if refusals := model.rule_refusals():
        raise SchemaRefusal(refusals)
    return model


def _rules_of_the_rest(
    schema: type[S], data: Mapping[str, Any], refused: list[Refusal]
) -> list[Refusal]:
    """The refusals of the rules across fields on the fields that fit, of the fields not
    refused already; none when what fits is not a whole input (a required field refused)."""
    tops = {(r.field or "").split(".", 1)[0] for r in refused}
    try:
        rest = schema.model_validate({k: v for k, v in data.items() if k not in tops})
    except ValidationError:
        return []
    return [r for r in rest.rule_refusals() if (r.field or "").split(".", 1)[0] not in tops]


def check_dates(**dates: date | None) -> None:
    """Refuse any of the named dates outside EARLIEST_DATE..LATEST_DATE (for the dates a
    service takes one by one, outside a schema). Raises SchemaRefusal naming each."""
    refusals = [
        Refusal(name, Message(_DATE_RANGE, min=EARLIEST_DATE, max=LATEST_DATE))
        for name, value in dates.items()
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE
    ]
    if refusals:
        raise SchemaRefusal(refusals)


def one_line(column: InstrumentedAttribute[Any], value: str, *, field: str) -> str:
    """`value` as single-line text for `column` (stripped), for a service that takes one
    text outside a schema. Raises SchemaRefusal at `field`."""
    try:
        return TypeAdapter(line(column)).validate_python(value)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise SchemaRefusal(
            [Refusal(field, _message(BaseModel, e)) for e in error.errors(include_url=False)]
        ) from None
