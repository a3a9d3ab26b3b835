"""What a valid relation between two treaties is (issue 16 #3)."""

from __future__ import annotations

from tracker.domain.relations import RelationKind
from tracker.models import TreatyRelation
from tracker.schemas.base import RecordId, Schema, line


class RelationInput(Schema):
    """This agreement <kind> the agreement `to_agreement_id` (e.g. amends it)."""

    kind: RelationKind
    to_agreement_id: RecordId
    note: line(TreatyRelation.note) = ""  # type: ignore[valid-type]
