"""What a valid agreement, area row and ratification row are."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from tracker.domain.agreements import bilateral_refusal, date_order_errors
from tracker.domain.messages import Message
from tracker.domain.names import fold
from tracker.models import Agreement, AgreementArea, AgreementKind, AgreementStatus, Body
from tracker.schemas.base import RecordId, Refusal, Schema, TreatyDate, line, text, web_address

LONG_TEXT = 5000
#: an agreement's areas of cooperation (the EPCA has 29)
MAX_AREAS = 100

AreaName = line(AgreementArea.name, required=True)


class AgreementInput(Schema):
    """An agreement with its parties and areas. Dates follow the final clauses' order:
    provisional application and entry into force come after signature."""

    title: line(Agreement.title, required=True)  # type: ignore[valid-type]
    short_title: line(Agreement.short_title) = ""  # type: ignore[valid-type]
    official_title_ru: line(Agreement.official_title_ru) = Field(  # type: ignore[valid-type]
        "", description="The official title in Russian, shown to Russian readers"
    )
    official_title_kk: line(Agreement.official_title_kk) = Field(  # type: ignore[valid-type]
        "", description="The official title in Kazakh, shown to Kazakh readers"
    )
    kind: AgreementKind = AgreementKind.BILATERAL
    status: AgreementStatus
    signed_on: TreatyDate | None = None
    signed_at: line(Agreement.signed_at) = ""  # type: ignore[valid-type]
    provisionally_applied_on: TreatyDate | None = None
    in_force_on: TreatyDate | None = None
    summary: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    reference_url: web_address(Agreement.reference_url) = ""  # type: ignore[valid-type]
    depositary: line(Agreement.depositary) = ""  # type: ignore[valid-type]
    authentic_languages: line(Agreement.authentic_languages) = ""  # type: ignore[valid-type]
    place_of_deposit: line(Agreement.place_of_deposit) = ""  # type: ignore[valid-type]
    publication_ref: line(Agreement.publication_ref) = Field(  # type: ignore[valid-type]
        "", description="Official publication, e.g. OJ L 29, 4.2.2016"
    )
    owner_id: RecordId | None = None
    party_ids: list[RecordId] = Field(default_factory=list)
    areas: list[AreaName] = Field(default_factory=list, max_length=MAX_AREAS)  # type: ignore[valid-type]

    #: the agreement's own columns (parties and areas are collections)
    FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "short_title",
        "official_title_ru",
        "official_title_kk",
        "kind",
        "status",
        "signed_on",
        "signed_at",
        "provisionally_applied_on",
        "in_force_on",
        "summary",
        "reference_url",
        "depositary",
        "authentic_languages",
        "place_of_deposit",
        "publication_ref",
        "owner_id",
    )

    def rule_refusals(self) -> list[Refusal]:
        errors = date_order_errors(self.signed_on, self.provisionally_applied_on, self.in_force_on)
        refusals = [Refusal(name, message) for name, message in errors.items()]
        seen: set[str] = set()
        for area in self.areas:
            if fold(area) in seen:  # one area per name in any case or script
                refusals.append(
                    Refusal(
                        "areas",
                        Message("The area “%(name)s” is listed twice.", name=area[:80]),
                    )
                )
                break
            seen.add(fold(area))
        too_many = bilateral_refusal(self.kind.value, len(set(self.party_ids)))
        if too_many is not None:
            refusals.append(Refusal("party_ids", too_many))
        return refusals  # type: ignore[return-value]


class AreaRow(Schema):
    """One area's row on the agreement page."""

    owner_id: RecordId | None = None
    status_note: text(1000) = ""  # type: ignore[valid-type]


class BodyInput(Schema):
    """A body (a council, a committee) and its meeting series: `cadence_months` is the
    months between meetings, from which the next one is projected."""

    name: line(Body.name, required=True)  # type: ignore[valid-type]
    short_name: line(Body.short_name) = ""  # type: ignore[valid-type]
    official_name_ru: line(Body.official_name_ru) = Field(  # type: ignore[valid-type]
        "", description="The official name in Russian, shown to Russian readers"
    )
    official_name_kk: line(Body.official_name_kk) = Field(  # type: ignore[valid-type]
        "", description="The official name in Kazakh, shown to Kazakh readers"
    )
    agreement_id: RecordId | None = None
    cadence_months: int | None = Field(None, ge=1, le=120)
    owner_id: RecordId | None = None
    description: text(LONG_TEXT) = ""  # type: ignore[valid-type]

    FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "short_name",
        "official_name_ru",
        "official_name_kk",
        "agreement_id",
        "cadence_months",
        "owner_id",
        "description",
    )
