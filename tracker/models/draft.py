"""What was typed into a form when the session ended, kept for the login round trip."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime
from tracker.orm import db


class FormDraft(db.Model):
    """A form's fields as posted after its session had ended (issue 14 #8), for a few
    minutes (tracker.services.drafts). Its key is in that browser's session cookie only
    (only its SHA-256 is kept here), never in a URL; passwords and files are not kept."""

    __tablename__ = "form_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the page the form is on: path and query string
    path: Mapped[str] = mapped_column(String(2000))
    #: the posted fields as a JSON list of [name, value] pairs
    fields: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    #: whose session ended: the draft is handed back to this user only
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
