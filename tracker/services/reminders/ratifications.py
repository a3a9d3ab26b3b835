"""Ratifications past their expected date, to the agreement's owner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select

from tracker.domain.names import OfficialName
from tracker.domain.reminders import notice_due
from tracker.i18n import Plural
from tracker.mail.links import url_builder
from tracker.models import Agreement, Party, Ratification, User
from tracker.orm import db
from tracker.services.reminders.reminder import Reminder


def _still_overdue(row_id: int, today: date) -> bool:
    """Ratification.is_overdue in Python, for a row the SQL only preselected: a Party whose
    denunciation or withdrawal takes effect on a day its denunciation clause gives may
    still be bound (tracker.models.bound_sql)."""
    found = db.session.get(Ratification, row_id)
    return found is not None and found.is_overdue(today)


def ratification_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """A party past its expected ratification date, to the agreement's owner, weekly
    (Ratification.is_overdue: SQL preselects, the rows it is unsure of are checked again in
    Python)."""
    rows = db.session.execute(
        select(
            Ratification.id,
            Ratification.expected_by,
            Party.name.label("party"),
            Agreement.id.label("agreement_id"),
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
            Agreement.owner_id,
            Ratification.leaving_day_computed.label("recheck"),
        )
        .join(Party, Ratification.party_id == Party.id)
        .join(Agreement, Ratification.agreement_id == Agreement.id)
        .where(
            Ratification.is_overdue(today),
            Agreement.owner_id.is_not(None),
        )
        .order_by(Ratification.expected_by, Ratification.id)
    )
    agreement_url = url_builder("agreements.detail", "agreement_id")
    for row in rows:
        uid = row.owner_id
        if uid not in users:
            continue
        if row.recheck and not _still_overdue(row.id, today):
            continue
        # No lead reminders: only the weekly notice once the date has passed.
        notice = notice_due(row.expected_by, today, lead_days=())
        if notice is None:
            continue
        agreement_name = OfficialName.of_agreement(
            row.title, row.short_title, row.official_title_ru, row.official_title_kk
        )
        days_late = (today - row.expected_by).days
        yield Reminder(
            key=f"ratification:{row.id}:overdue-{notice.overdue_week}:{row.expected_by}:user:{uid}",
            kind="ratification_overdue",
            user_id=uid,
            subject=Plural(
                "Ratification overdue: %(party)s, %(agreement)s (%(num)s day)",
                "Ratification overdue: %(party)s, %(agreement)s (%(num)s days)",
                num=days_late,
                party=row.party,
                agreement=agreement_name,
            ),
            template="ratification_overdue",
            context={
                "party": row.party,
                "agreement": agreement_name,
                "expected_by": row.expected_by,
                "days_late": days_late,
                "url": f"{agreement_url(row.agreement_id)}#parties",
            },
        )
