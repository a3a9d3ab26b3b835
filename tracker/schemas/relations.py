"""What a valid relation between two treaties is (issue 16 #3)."""

from __future__ import annotations

from pydantic import AliasChoices, Field

from tracker.domain.relations import RelationKind
from tracker.models import TreatyRelation
from tracker.schemas.base import RecordId, Schema, line


class RelationInput(Schema):
    """This agreement <kind> the agreement `other_agreement_id` (e.g. amends it), as a
    CSV row reads "agreement <kind> other_agreement"."""

    kind: RelationKind
    other_agreement_id: RecordId = Field(
        validation_alias=AliasChoices("other_agreement_id", "to_agreement_id"),
        description="The other agreement's id: this agreement <kind> it, as the CSV "
        "column other_agreement. Its old name, to_agreement_id, is still accepted.",
    )
    note: line(TreatyRelation.note) = ""  # type: ignore[valid-type]
