from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime
from tracker.orm import db


class WeeklyReport(db.Model):
    """The weekly status report as it was generated, kept so it can be read again unchanged."""

    __tablename__ = "weekly_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ISO week, e.g. "2025-W49"
    iso_week: Mapped[str] = mapped_column(String(10), unique=True)
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
