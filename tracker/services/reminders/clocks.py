"""Reminders from the legal clocks (issue 16 #5), to the agreement's owner: before the
last day to give notice of non-renewal (or to denounce with effect at the end of the
term), before a computed entry into force (the agreement's own, and each later Party's
own: "Entry into force of CONV for Kazakhstan on 1 Mar 2027"), and once when a Party's
act completes the conditions for entry into force (the agreement's, or a later Party's
own). When each is due: tracker.domain.reminders.notice_due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.clock_rules import ClockDate
from tracker.domain.names import OfficialName
from tracker.domain.reminders import CLOCK_LEAD_DAYS, notice_due
from tracker.i18n import Text, When
from tracker.mail.links import url_builder
from tracker.models import Agreement, ClockRule, Ratification, User
from tracker.orm import db
from tracker.services.clock_rules import clocks_of
from tracker.services.reminders.reminder import Reminder


def _subject(kind: str, **values: object) -> Text:
    """The subject of a lead reminder before a date of `kind` (ClockDate.kind)."""
    # Literal msgids, so that the catalogues extract them.
    if kind == "notice_deadline":
        return Text(
            "Last day to give notice of non-renewal of %(agreement)s: %(date)s (%(when)s)",
            **values,
        )
    if kind == "denunciation_deadline":
        return Text(
            "Last day to denounce %(agreement)s with effect at the end of the term: "
            "%(date)s (%(when)s)",
            **values,
        )
    if kind == "entry_into_force_for":
        return Text(
            "Entry into force of %(agreement)s for %(party)s on %(date)s (%(when)s)", **values
        )
    return Text("Entry into force of %(agreement)s: %(date)s (%(when)s)", **values)


def _completed_on(eif: ClockDate) -> object:
    """The day the conditions for entry into force were completed (the event the clause
    counts from), else the computed date itself."""
    return eif.event_on or eif.on


def _agreements() -> Iterator[Agreement]:
    """The live agreements with an owner and at least one final clause as a rule."""
    return iter(
        db.session.scalars(
            select(Agreement)
            .where(
                Agreement.owner_id.is_not(None),
                Agreement.is_live,
                Agreement.id.in_(select(ClockRule.agreement_id)),
            )
            .options(
                selectinload(Agreement.clock_rules),
                selectinload(Agreement.ratifications).joinedload(Ratification.party),
                selectinload(Agreement.ratifications).selectinload(Ratification.actions),
            )
            .order_by(Agreement.id)
        )
    )


def clock_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """The reminders the agreements' clocks make due on `today`, each once."""
    agreement_url = url_builder("agreements.detail", "agreement_id")
    for agreement in _agreements():
        uid = agreement.owner_id
        if uid not in users:
            continue
        clocks = clocks_of(agreement, today)
        name = OfficialName.of_agreement(
            agreement.title,
            agreement.short_title,
            agreement.official_title_ru,
            agreement.official_title_kk,
        )
        url = f"{agreement_url(agreement.id)}#clocks"
        key = f"clock:{agreement.id}"
        # both last days when the agreement has both clauses (issue 16 #1)
        dated = [d for d in (clocks.notice_deadline, clocks.denunciation_deadline) if d]
        eif = clocks.entry_into_force
        pending = (
            eif is not None
            and eif.on is not None
            and eif.on >= today
            and (agreement.in_force_on is None or agreement.in_force_on >= today)
        )
        if pending and eif is not None and eif.on is not None:
            dated.append(eif)
            yield Reminder(
                # once per completion of the conditions: keyed on the day of the act
                # that completed them (the clause's event), not on the date it gives, so
                # a corrected clause sends nothing new (the page and the lead reminders,
                # per date, carry the new date); a completion on another day is news
                key=f"{key}:conditions-met:{_completed_on(eif)}:user:{uid}",
                kind="clock_conditions_met",
                user_id=uid,
                subject=Text(
                    "Conditions for entry into force met: %(agreement)s enters into force "
                    "on %(date)s",
                    agreement=name,
                    date=eif.on,
                ),
                template="clock_date",
                context={"agreement": name, "clock": eif, "met": True, "url": url, "when": None},
            )
        # a Party that joins later: its own date, with the same lead days, once per Party
        # and date (keyed on the Party's id: its name may be long)
        party_ids = {row.party.name: row.party_id for row in agreement.ratifications}
        later = [d for d in clocks.joining_later if d.on is not None and d.on >= today]
        dated.extend(later)
        for joining in later:
            # its own conditions met (issue 16 #2): once per Party and completing act
            party_key = party_ids.get(joining.party, joining.party)  # type: ignore[arg-type]
            yield Reminder(
                key=(f"{key}:conditions-met:party-{party_key}:{_completed_on(joining)}:user:{uid}"),
                kind="clock_conditions_met",
                user_id=uid,
                subject=Text(
                    "Conditions for entry into force met for %(party)s: %(agreement)s enters "
                    "into force for it on %(date)s",
                    agreement=name,
                    party=joining.party,
                    date=joining.on,
                ),
                template="clock_date",
                context={
                    "agreement": name,
                    "clock": joining,
                    "met": True,
                    "url": url,
                    "when": None,
                },
            )
        for clock_date in dated:
            if clock_date.on is None:
                continue
            notice = notice_due(clock_date.on, today, CLOCK_LEAD_DAYS)
            if notice is None or notice.lead_days is None:
                continue  # lead reminders only: a day that has passed is not chased
            when = When(clock_date.on, today)
            what = clock_date.kind
            if clock_date.party is not None:
                what = f"{what}:party-{party_ids.get(clock_date.party, clock_date.party)}"
            yield Reminder(
                key=f"{key}:{what}:{clock_date.on}:lead-{notice.lead_days}:user:{uid}",
                kind=f"clock_{clock_date.kind}",
                user_id=uid,
                subject=_subject(
                    clock_date.kind,
                    agreement=name,
                    party=clock_date.party,
                    date=clock_date.on,
                    when=when,
                ),
                template="clock_date",
                context={
                    "agreement": name,
                    "clock": clock_date,
                    "met": False,
                    "url": url,
                    "when": when,
                },
            )
