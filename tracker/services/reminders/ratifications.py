"""Parties past the date their next act was expected by, to the agreement's owner: the
mail names the act awaited (a signature, a ratification, an acceptance, an approval, an
accession or a notification of completed procedures: tracker.domain.awaited, h19g2 #1),
not "ratification" for every Party."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import select

from tracker.domain.awaited import awaited_act
from tracker.domain.names import OfficialName
from tracker.domain.party_actions import ActionKind
from tracker.domain.reminders import notice_due
from tracker.i18n import Plural, Text
from tracker.mail.links import url_builder
from tracker.models import Agreement, AgreementKind, Party, PartyAction, Ratification, User
from tracker.orm import db
from tracker.services.reminders.reminder import Reminder


def _still_overdue(row_id: int, today: date) -> bool:
    """Ratification.is_overdue in Python, for a row the SQL only preselected: a Party whose
    denunciation or withdrawal takes effect on a day its denunciation clause gives may
    still be bound (tracker.models.bound_sql)."""
    found = db.session.get(Ratification, row_id)
    return found is not None and found.is_overdue(today)


def overdue_subject(act: ActionKind, **params: Any) -> Text:
    """The chasing mail's subject for the act awaited (`params`: party, agreement, num, the
    days late): one sentence per act, so that each language words it whole."""
    if act is ActionKind.SIGNATURE:
        return Plural(
            "Signature overdue: %(party)s, %(agreement)s (%(num)s day)",
            "Signature overdue: %(party)s, %(agreement)s (%(num)s days)",
            **params,
        )
    if act is ActionKind.ACCEPTANCE:
        return Plural(
            "Acceptance overdue: %(party)s, %(agreement)s (%(num)s day)",
            "Acceptance overdue: %(party)s, %(agreement)s (%(num)s days)",
            **params,
        )
    if act is ActionKind.APPROVAL:
        return Plural(
            "Approval overdue: %(party)s, %(agreement)s (%(num)s day)",
            "Approval overdue: %(party)s, %(agreement)s (%(num)s days)",
            **params,
        )
    if act is ActionKind.ACCESSION:
        return Plural(
            "Accession overdue: %(party)s, %(agreement)s (%(num)s day)",
            "Accession overdue: %(party)s, %(agreement)s (%(num)s days)",
            **params,
        )
    if act is ActionKind.NOTIFICATION_OF_COMPLETION:
        return Plural(
            "Notification of completed procedures overdue: %(party)s, %(agreement)s (%(num)s day)",
            "Notification of completed procedures overdue: %(party)s, %(agreement)s (%(num)s days)",
            **params,
        )
    return Plural(
        "Ratification overdue: %(party)s, %(agreement)s (%(num)s day)",
        "Ratification overdue: %(party)s, %(agreement)s (%(num)s days)",
        **params,
    )


def _kinds_by_party(agreement_ids: Iterable[int]) -> dict[int, dict[int, set[str]]]:
    """The kinds of the acts recorded under each agreement, by agreement and Party (one
    query for the overdue rows' agreements)."""
    found: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    ids = sorted(set(agreement_ids))
    if not ids:
        return found
    for agreement_id, party_id, kind in db.session.execute(
        select(PartyAction.agreement_id, PartyAction.party_id, PartyAction.kind).where(
            PartyAction.agreement_id.in_(ids)
        )
    ):
        found[agreement_id][party_id].add(str(kind))
    return found


def awaited_of(
    kinds: dict[int, set[str]], party_id: int, *, signed_by_all: bool = False
) -> ActionKind:
    """The act awaited of the Party `party_id`, its agreement's acts being `kinds` (by
    Party; `signed_by_all`: a bilateral agreement signed): tracker.domain.awaited.awaited_act;
    a ratification where none is awaited (a Party that consented and left is chased as
    before)."""
    own = kinds.get(party_id, set())
    others = [k for p, k in kinds.items() if p != party_id]
    return awaited_act(own, others, signed_by_all=signed_by_all) or ActionKind.RATIFICATION


def ratification_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """A party past the date its next act was expected by, to the agreement's owner, weekly
    (Ratification.is_overdue: SQL preselects, the rows it is unsure of are checked again in
    Python); the mail names the act awaited (awaited_of)."""
    found = db.session.execute(
        select(
            Ratification.id,
            Ratification.party_id,
            Ratification.expected_by,
            Party.name.label("party"),
            Agreement.id.label("agreement_id"),
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
            Agreement.owner_id,
            Agreement.kind.label("agreement_kind"),
            Agreement.signed_on.label("agreement_signed_on"),
            Ratification.leaving_day_computed.label("recheck"),
        )
        .join(Party, Ratification.party_id == Party.id)
        .join(Agreement, Ratification.agreement_id == Agreement.id)
        .where(
            Ratification.is_overdue(today),
            Agreement.owner_id.is_not(None),
        )
        .order_by(Ratification.expected_by, Ratification.id)
    ).all()
    rows = [r for r in found if r.owner_id in users]
    kinds = _kinds_by_party(r.agreement_id for r in rows)
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
        signed = row.agreement_kind == AgreementKind.BILATERAL and bool(row.agreement_signed_on)
        act = awaited_of(kinds.get(row.agreement_id, {}), row.party_id, signed_by_all=signed)
        yield Reminder(
            key=f"ratification:{row.id}:overdue-{notice.overdue_week}:{row.expected_by}:user:{uid}",
            kind="ratification_overdue",
            user_id=uid,
            subject=overdue_subject(act, num=days_late, party=row.party, agreement=agreement_name),
            template="ratification_overdue",
            context={
                "party": row.party,
                "act": act.value,
                "agreement": agreement_name,
                "expected_by": row.expected_by,
                "days_late": days_late,
                "url": f"{agreement_url(row.agreement_id)}#parties",
            },
        )
