"""A filter of a list (tracks, agreements, milestones, action items) an officer saved under
a name, to apply it again in one click (issue 15, "Also expected by officers")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime
from tracker.orm import db


class SavedFilter(db.Model):
    """One user's named filter of one list; private to that user."""

    __tablename__ = "saved_filters"
    __table_args__ = (
        UniqueConstraint("user_id", "list_name", "name", name="uq_saved_filters_user_list_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: which list: "tracks", "agreements", "milestones", "action_items"
    list_name: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    #: the list's query string, only its filter's parameters (no page), URL-encoded
    query: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
