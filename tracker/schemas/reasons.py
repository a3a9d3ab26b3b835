"""Why a record is set aside (issue #15, item 7): a milestone or an action item cancelled,
a track or an agreement archived. The reason is required: an empty one is refused by the
service in its own words ("Say why the milestone is cancelled."), as on the forms."""

from __future__ import annotations

from pydantic import Field

from tracker.schemas.base import Schema, text

#: the longest reason kept (a paragraph, not a document)
REASON_MAX = 2000


class ReasonInput(Schema):
    """A cancellation's or an archiving's reason."""

    reason: text(REASON_MAX) = Field(  # type: ignore[valid-type]
        description=f"Why (required; at most {REASON_MAX} characters)"
    )
