"""What a valid provision of a negotiating text and a valid position on it are (issue 17).
One schema each for the web form, the API body and the Word import."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from tracker.domain.provisions import LANGUAGES, ProvisionKind, ProvisionStatus
from tracker.models import Provision
from tracker.schemas.base import RecordId, Schema, line, text

#: the longest text of one provision in one language (characters)
MAX_PROVISION_TEXT = 20_000
#: the longest position, red line, fallback or note (characters)
MAX_POSITION_TEXT = 5_000

ProvisionText = text(MAX_PROVISION_TEXT)


def check_languages(value: dict[str, Any]) -> None:
    """Refuse a text in a language not of LANGUAGES, naming the ones accepted ("There is
    no language de here: use en, ru, kk.")."""
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise PydanticCustomError(
            "unknown_language",
            "unknown language {language}",
            {"language": unknown[0], "accepted": ", ".join(LANGUAGES)},
        )


class ProvisionInput(Schema):
    """A provision: its kind, number, title, text per language (ISO 639-1 code: text, as
    typed, brackets included), status and the round the status was reached in."""

    kind: ProvisionKind = ProvisionKind.ARTICLE
    number: line(Provision.number) = ""  # type: ignore[valid-type]
    title: line(Provision.title) = ""  # type: ignore[valid-type]
    texts: Annotated[dict[str, ProvisionText], Field(max_length=len(LANGUAGES))] = {}  # type: ignore[valid-type]
    status: ProvisionStatus = ProvisionStatus.OPEN
    status_round_id: RecordId | None = None

    @field_validator("texts")
    @classmethod
    def _known_languages(cls, value: dict[str, str]) -> dict[str, str]:
        check_languages(value)
        # An empty language version is no version.
        return {k: v for k, v in value.items() if v.strip()}


class PositionInput(Schema):
    """The positions on a provision at a round: ours, our red line and fallback (from the
    mandate), the counterpart's, and notes."""

    ours: text(MAX_POSITION_TEXT) = ""  # type: ignore[valid-type]
    red_line: text(MAX_POSITION_TEXT) = ""  # type: ignore[valid-type]
    fallback: text(MAX_POSITION_TEXT) = ""  # type: ignore[valid-type]
    theirs: text(MAX_POSITION_TEXT) = ""  # type: ignore[valid-type]
    notes: text(MAX_POSITION_TEXT) = ""  # type: ignore[valid-type]


def _changes_schema(schema: dict[str, Any]) -> None:
    schema["minProperties"] = 1
    for value in schema.get("properties", {}).values():
        value.pop("default", None)


class ProvisionChanges(Schema):
    """Changes to a provision (the API's PATCH): only the fields given change. `texts` is
    merged (RFC 7396 JSON Merge Patch): a language given replaces that language's text,
    a language given as null removes it, the languages not given are kept; an empty
    `texts` changes nothing; a change leaving no text in any language is refused."""

    model_config = ConfigDict(json_schema_extra=_changes_schema)

    kind: ProvisionKind = None  # type: ignore[assignment]
    number: line(Provision.number) = None  # type: ignore[valid-type]
    title: line(Provision.title) = None  # type: ignore[valid-type]
    texts: Annotated[  # type: ignore[valid-type]
        dict[str, ProvisionText | None],  # type: ignore[valid-type]
        Field(
            max_length=len(LANGUAGES),
            description=(
                "Merged into the provision's texts (RFC 7396 JSON Merge Patch): a language "
                "given (en, ru, kk) replaces its text, a language given as null removes it, "
                "languages not given are kept."
            ),
        ),
    ] = None
    status: ProvisionStatus = None  # type: ignore[assignment]
    status_round_id: RecordId | None = None

    @field_validator("texts")
    @classmethod
    def _known_languages(cls, value: dict[str, str | None] | None) -> dict[str, str | None] | None:
        if value is not None:
            check_languages(value)
        return value


#: the most provisions one reordering may list (a long treaty has a few hundred)
MAX_PROVISIONS = 2_000


class ProvisionPlace(Schema):
    """A provision in a new order of the text, with its new number if it changes."""

    provision_id: RecordId
    number: line(Provision.number) | None = None  # type: ignore[valid-type]


class TextOrder(Schema):
    """The whole text's new order: every provision of the track once, first to last; a
    number given renumbers that provision (its key, and so its identity, stays)."""

    provisions: Annotated[list[ProvisionPlace], Field(min_length=1, max_length=MAX_PROVISIONS)]
