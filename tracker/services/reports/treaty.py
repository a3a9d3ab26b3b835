"""The weekly report's treaty sections (issue 16 #8): the agreements whose Parties have not
all consented to be bound, the Parties' acts recorded in the week, and the last days to
give notice (of non-renewal, or to denounce with effect at the end of the term) that fall
in the next three months. Agreements are not restricted
(tracker.services.visibility keeps its rule for tracks and what hangs on them), so these
sections are the same for every reader."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.domain.names import OfficialName
from tracker.domain.party_actions import LEAVING
from tracker.models import (
    Agreement,
    ClockRule,
    Party,
    PartyAction,
    PartyGroup,
    PartyKind,
    Ratification,
)
from tracker.orm import db
from tracker.services.clock_rules import clocks_of
from tracker.services.reports.snapshot import (
    ReportNoticeDeadline,
    ReportPartyAction,
    ReportRatification,
)

#: how far ahead the report looks for the last days to give notice
NOTICE_MONTHS = 3


def _moment(day: date) -> datetime:
    """The start of `day` in the configured time zone, in UTC (the stamps' zone)."""
    return datetime.combine(day, time.min, tzinfo=clock.zone()).astimezone(UTC)


def _waiting(row: Ratification, as_of: date) -> bool:
    """The Party has not expressed its consent to be bound by `as_of` (an instrument of
    ratification, acceptance, approval or accession, a definitive signature, a notification
    of completed procedures) and has not left the agreement (a Party whose denunciation
    has taken effect is not chased: VCLT Art. 70(1))."""
    return not row.is_ratified_by(as_of) and not row.steps.has_left_by(as_of)


def _ended_by(agreement: Agreement, as_of: date) -> bool:
    """Its Parties' denunciations or withdrawals have ended it by `as_of`
    (tracker.domain.termination), whatever status is recorded."""
    if not any(a.kind in LEAVING for row in agreement.ratifications for a in row.actions):
        return False
    ended = clocks_of(agreement, as_of).ended
    return ended is not None and ended.on <= as_of


def pending_consent(as_of: date, limit: int) -> tuple[list[ReportRatification], int]:
    """Live agreements (neither terminated, suspended nor archived, nor ended by their
    Parties' denunciations) with a Party that has not yet consented to be bound as of
    `as_of`, by title; at most `limit`, with the total. Each says how many of its Parties
    are bound ("X of N have consented to be bound": any form of consent, VCLT Arts.
    11-16, not ratification alone).

    Counted in SQL, one statement: for an agreement none of whose Parties has a
    denunciation or withdrawal recorded, the SQL twin of "bound" (tracker.models.bound_sql)
    is exact and no Party can have left nor the agreement ended, so its counts decide.
    Only the agreements with a leaving act (a few) are loaded and decided by the Python
    rules, as before (the SQL twin only preselects them). Loading every candidate's rows
    and acts took 1.5 s of the report's 2.2 s at bench scale 10 (issue 19 #4).
    """
    counted = Party.kind != PartyKind.GROUP  # a group shown as one is not a Party
    row = (
        select(
            Ratification.agreement_id,
            case((counted, 1), else_=0).label("counted"),
            case((Ratification.is_ratified_by(as_of), 1), else_=0).label("bound"),
        )
        .join(Party, Party.id == Ratification.party_id)
        .subquery()
    )
    per_agreement = (
        select(
            row.c.agreement_id,
            func.sum(row.c.counted).label("parties"),
            func.sum(case((and_(row.c.counted == 1, row.c.bound == 1), 1), else_=0)).label(
                "ratified"
            ),
            # the preselection: a row (a group's too) not bound in SQL
            func.sum(1 - row.c.bound).label("unbound"),
        )
        .group_by(row.c.agreement_id)
        .subquery()
    )
    leaving = (
        select(PartyAction.id)
        .where(
            PartyAction.agreement_id == Agreement.id,
            PartyAction.kind.in_(sorted(LEAVING)),
        )
        .exists()
    )
    rows = db.session.execute(
        select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
            per_agreement.c.parties,
            per_agreement.c.ratified,
            leaving.label("leaving"),
        )
        .join(per_agreement, per_agreement.c.agreement_id == Agreement.id)
        .where(Agreement.is_live, per_agreement.c.unbound > 0)
        .order_by(Agreement.title, Agreement.id)
    ).all()
    decided = _decided_in_python([r.id for r in rows if r.leaving], as_of)
    found = []
    for r in rows:
        counts = decided.get(r.id) if r.leaving else (r.ratified, r.parties)
        if counts is None or counts[0] >= counts[1]:
            continue  # ended, or no Party waiting
        found.append(
            ReportRatification(
                r.id,
                r.short_title or r.title,
                counts[0],
                counts[1],
                names=OfficialName.of_agreement(
                    r.title, r.short_title, r.official_title_ru, r.official_title_kk
                ).names,
            )
        )
    return found[:limit], len(found)


def _decided_in_python(agreement_ids: list[int], as_of: date) -> dict[int, tuple[int, int]]:
    """Agreement id -> (Parties bound, Parties) for those of `agreement_ids` with a Party
    waiting (_waiting) and not ended by their Parties (_ended_by); the others are left
    out. A waiting Party is one not bound, so "bound < Parties" says it for the SQL counts
    too. Loaded with their final clauses, rows, acts and own groups of Parties (a mixed
    agreement's sides), in one go."""
    if not agreement_ids:
        return {}
    agreements = db.session.scalars(
        select(Agreement)
        .where(Agreement.id.in_(agreement_ids))
        .options(
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
            # a mixed agreement's sides read its own groups (Ratification.part): h19g1 #2
            selectinload(Agreement.party_groups).selectinload(PartyGroup.members),
        )
    )
    decided = {}
    for agreement in agreements:
        rows = agreement.counted_ratifications
        if not any(_waiting(row, as_of) for row in rows) or _ended_by(agreement, as_of):
            continue
        decided[agreement.id] = (sum(1 for row in rows if row.is_ratified_by(as_of)), len(rows))
    return decided


def actions_recorded(
    starts_on: date, through: date, limit: int
) -> tuple[list[ReportPartyAction], int]:
    """The acts recorded (created) from `starts_on` to the end of `through`, in order."""
    query = (
        select(
            PartyAction,
            Party.name,
            Party.name_ru,
            Party.name_kk,
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
        )
        .join(Party, Party.id == PartyAction.party_id)
        .join(Agreement, Agreement.id == PartyAction.agreement_id)
        .where(
            PartyAction.created_at >= _moment(starts_on),
            PartyAction.created_at < _moment(through + timedelta(days=1)),
        )
        .order_by(PartyAction.created_at, PartyAction.id)
    )
    rows = db.session.execute(query).all()
    items = []
    for (
        act,
        party,
        party_ru,
        party_kk,
        agreement_id,
        title,
        short_title,
        title_ru,
        title_kk,
    ) in rows[:limit]:
        name = OfficialName.of_agreement(title, short_title, title_ru, title_kk)
        items.append(
            ReportPartyAction(
                agreement_id=agreement_id,
                title=name.name,
                party=party,
                kind=act.kind.value,
                on=act.on,
                names=name.names,
                party_names=OfficialName.of_track(party, party_ru, party_kk).names,
            )
        )
    return items, len(rows)


def notice_deadlines(after: date, limit: int) -> tuple[list[ReportNoticeDeadline], int]:
    """The last days to give notice from `after` to NOTICE_MONTHS later, soonest first."""
    horizon = after + relativedelta(months=NOTICE_MONTHS)
    agreements = db.session.scalars(
        select(Agreement)
        .where(Agreement.is_live, Agreement.id.in_(select(ClockRule.agreement_id)))
        .options(
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
            # a mixed agreement's sides read its own groups (Ratification.part): h19g1 #2
            selectinload(Agreement.party_groups).selectinload(PartyGroup.members),
        )
    )
    found = []
    for agreement in agreements:
        clocks = clocks_of(agreement, after)
        # both last days when the agreement has a notice-of-non-renewal clause and a
        # denunciation clause counting back from the end of the term (issue 16)
        for deadline in (clocks.notice_deadline, clocks.denunciation_deadline):
            if deadline is None or deadline.on is None or deadline.on > horizon:
                continue
            name = OfficialName.of_agreement(
                agreement.title,
                agreement.short_title,
                agreement.official_title_ru,
                agreement.official_title_kk,
            )
            found.append(
                ReportNoticeDeadline(
                    agreement_id=agreement.id,
                    title=name.name,
                    kind=deadline.kind,
                    falls_on=deadline.on,
                    names=name.names,
                )
            )
    found.sort(key=lambda d: (d.falls_on, d.title, d.agreement_id))
    return found[:limit], len(found)
