"""Page models: what a record's page shows, read through the gate's rules for one reader.

A view loads the record through the gate, asks for its page model here, and renders it;
the queries (and the visibility of what they list) live in the services, not the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.domain.chronology import ChronologyEntry, PartyStep, chronology
from tracker.domain.clock_rules import AgreementClocks
from tracker.domain.planning import Forecast, StagePlan, forecast_next_stage, stage_plans
from tracker.domain.reservations import ReservationAct, ReservationsInBrief, in_brief
from tracker.domain.timeline import MilestoneEvent, StatusEvent, Timeline, build_timeline
from tracker.domain.workflow import TrackStatus, allowed_targets
from tracker.domain_words import milestone_title
from tracker.i18n import named
from tracker.labels import provision_heading
from tracker.models import (
    Agreement,
    AgreementArea,
    AuditEvent,
    Body,
    Document,
    Milestone,
    NegotiationTrack,
    PartyGroup,
    Provision,
    Ratification,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.services import gate
from tracker.services.agreement_status import StatusPanel, status_panel
from tracker.services.anniversaries import agreement_event
from tracker.services.clock_rules import clocks_of
from tracker.services.documents import documents_of, documents_on_track
from tracker.services.overview import track_activity
from tracker.services.provisions import provisions_of, rounds_among
from tracker.services.relations import RelationView, relations_of
from tracker.services.text_pages import Bar, chart_bars
from tracker.services.text_rounds import progress_by_round
from tracker.services.tracks import stage_history, suspended_from
from tracker.services.visibility import Reader, milestone_is_visible, track_is_visible

# --- the records, with what their pages and forms show (through the gate: NotFound) -------


def load_agreement(reader: Reader, agreement_id: int) -> Agreement:
    """The agreement with its ratifications (and parties, and acts) and areas (and owners).

    Each act is handed its Party row, the ratification it was read with: `party_row` is a
    many-to-one on (agreement, party), not on a primary key, so SQLAlchemy would read the
    row again for each act named (issue 19)."""
    agreement = gate.get_agreement(
        reader,
        agreement_id,
        options=[
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
            selectinload(Agreement.areas).joinedload(AgreementArea.owner),
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.party_groups).selectinload(PartyGroup.members),
        ],
    )
    for row in agreement.ratifications:
        for action in row.actions:
            set_committed_value(action, "party_row", row)
    return agreement


def load_track(reader: Reader, track_id: int) -> NegotiationTrack:
    """The track with its counterparts, status history, officers, agreements and targets."""
    return gate.get_track(
        reader,
        track_id,
        options=[
            selectinload(NegotiationTrack.counterparts),
            selectinload(NegotiationTrack.status_changes).joinedload(StatusChange.officer),
            selectinload(NegotiationTrack.lead_officer),
            selectinload(NegotiationTrack.framework_agreement),
            selectinload(NegotiationTrack.resulting_agreement),
            selectinload(NegotiationTrack.members),
            selectinload(NegotiationTrack.stage_targets),
        ],
    )


def load_milestone(reader: Reader, milestone_id: int) -> Milestone:
    """The milestone with its agreement, body and owner (its track: the gate's own)."""
    return gate.get_milestone(
        reader,
        milestone_id,
        options=[
            selectinload(Milestone.agreement),
            selectinload(Milestone.body),
            selectinload(Milestone.owner),
        ],
    )


# --- page models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementPage:
    """An agreement's page for one reader."""

    agreement: Agreement
    #: the tracks it frames or results from, that the reader may see, by name
    tracks: list[NegotiationTrack]
    #: its own milestones the reader may see, latest planned first
    milestones: list[Milestone]
    #: area id -> how many of its milestones the reader may see
    area_milestones: dict[int, int]
    #: the bodies it set up (the Cooperation Council...), by name
    bodies: list[Body]
    documents: list[Document]
    #: the people already working on it (area owners, lead officers): suggested as owners
    team: list[User]
    #: its Parties as their acts give them: "X of N", groups, contradictions
    panel: StatusPanel
    #: its relations to other treaties, read from its side (amends, amended by...)
    relations: list[RelationView]
    #: its life in date order: final clauses' dates, Parties' dated acts, anniversaries
    chronology: list[ChronologyEntry]
    #: ratification (Party row) id -> its reservations, declarations and objections
    reservations: dict[int, ReservationsInBrief]


def agreement_reservations(agreement: Agreement) -> dict[int, ReservationsInBrief]:
    """Each Party row's reservations, declarations and objections in brief
    (tracker.domain.reservations), an objection naming the reserving Party by its English
    name (the key the page names Parties by); the rows' acts are already loaded."""
    reserving = {
        action.id: row.party.name for row in agreement.ratifications for action in row.actions
    }
    return {
        row.id: in_brief(
            ReservationAct(
                str(action.kind), action.on, reserving.get(action.objects_to_id or 0, "")
            )
            for action in row.actions
        )
        for row in agreement.ratifications
    }


def agreement_chronology(
    agreement: Agreement, today: date, clocks: AgreementClocks | None = None
) -> list[ChronologyEntry]:
    """The agreement's chronology on `today` (tracker.domain.chronology): its dates, its
    Parties' dated acts, the days their denunciations take effect (recorded, else from
    the denunciation clause: `clocks`, by default worked out here), past jubilees and the
    next anniversaries, none after the day the denunciations ended it."""
    clocks = clocks if clocks is not None else clocks_of(agreement, today)
    dates = {
        "signature": agreement.signed_on,
        "provisional_application": agreement.provisionally_applied_on,
        "entry_into_force": agreement.in_force_on,
    }
    remembered = {
        kind: agreement_event(
            kind,
            agreement.id,
            agreement.title,
            agreement.short_title,
            on,
            agreement.official_title_ru,
            agreement.official_title_kk,
        )
        for kind, on in dates.items()
        if on is not None and kind != "provisional_application"
    }
    # the reservations an objection may name, read off the rows already loaded
    reservations = {
        action.id: (row.party.named, action.on)
        for row in agreement.ratifications
        for action in row.actions
    }
    steps = [
        PartyStep(
            row.party.named,
            action.kind,
            action.on,
            *reservations.get(action.objects_to_id or 0, ("", None)),
        )
        for row in agreement.ratifications
        for action in row.actions
        if action.on is not None
    ]
    taking_effect = [
        PartyStep(d.party, d.kind, d.takes_effect_on)
        for d in clocks.departures
        if d.takes_effect_on is not None
    ]
    # the entries into force computed and not recorded: the agreement's own, and a Party's
    # own when it is not the agreement's (a Party that joined later)
    overall = clocks.entry_into_force
    own_day = agreement.in_force_on or (overall.on if overall else None)
    computed = []
    if overall is not None and overall.on is not None and agreement.in_force_on is None:
        computed.append(PartyStep("", "entry_into_force", overall.on))
    computed += [
        PartyStep(d.party or "", "entry_into_force", d.on)
        for d in clocks.per_party
        if d.on is not None and d.on != own_day and d.recorded_on is None
    ]
    return chronology(
        dates,
        steps,
        remembered,
        today,
        taking_effect=taking_effect,
        computed=computed,
        ended_on=clocks.ended.on if clocks.ended else None,
    )


def agreement_page(reader: Reader, agreement: Agreement, today: date) -> AgreementPage:
    """What the agreement's page shows to `reader` on `today` (counts included: nothing
    of a track the reader may not see is listed or counted)."""
    tracks = list(
        db.session.scalars(
            select(NegotiationTrack)
            .where(
                (NegotiationTrack.framework_agreement_id == agreement.id)
                | (NegotiationTrack.resulting_agreement_id == agreement.id),
                track_is_visible(reader),
            )
            .options(selectinload(NegotiationTrack.lead_officer))
            .order_by(NegotiationTrack.name)
        )
    )
    milestones = list(
        db.session.scalars(
            select(Milestone)
            .where(Milestone.agreement_id == agreement.id, milestone_is_visible(reader))
            .options(selectinload(Milestone.body), selectinload(Milestone.owner))
            .order_by(Milestone.planned_on.desc(), Milestone.id.desc())
        )
    )
    area_milestones: dict[int, int] = {
        area_id: count
        for area_id, count in db.session.execute(
            select(Milestone.area_id, func.count())
            .where(
                Milestone.agreement_id == agreement.id,
                Milestone.area_id.is_not(None),
                milestone_is_visible(reader),
            )
            .group_by(Milestone.area_id)
        )
    }
    bodies = list(
        db.session.scalars(
            select(Body).where(Body.agreement_id == agreement.id).order_by(Body.name)
        )
    )
    team = {a.owner for a in agreement.areas if a.owner} | {
        t.lead_officer for t in tracks if t.lead_officer
    }
    # an administrator's read of restricted tracks and their milestones, audited as a list
    gate.audit_admin_list(reader, NegotiationTrack, tracks, lambda track: [track])
    gate.audit_admin_list(reader, Milestone, milestones, lambda milestone: [milestone.track])
    panel = status_panel(agreement, today)
    return AgreementPage(
        agreement=agreement,
        tracks=tracks,
        milestones=milestones,
        area_milestones=area_milestones,
        bodies=bodies,
        documents=documents_of(reader, agreement_id=agreement.id),
        team=sorted(team, key=lambda u: (u.name, u.id)),
        panel=panel,
        relations=relations_of(agreement.id),
        chronology=agreement_chronology(agreement, today, panel.clocks),
        reservations=agreement_reservations(agreement),
    )


@dataclass(frozen=True)
class TrackPage:
    """A track's page for one reader (who may see the track: it came through the gate)."""

    track: NegotiationTrack
    #: its milestones, soonest planned first
    milestones: list[Milestone]
    timeline: Timeline
    #: the moves the workflow allows from its status
    allowed: list[TrackStatus]
    activity: list[AuditEvent]
    #: the names of the activity's own records (the track and its milestones)
    activity_names: dict[tuple[str, int], str]
    plans: list[StagePlan]
    forecast: Forecast | None
    documents: list[Document]
    #: the negotiating text's progress chart, a bar per round
    progress_bars: list[Bar]


def _own_names(
    track: NegotiationTrack, milestones: list[Milestone], provisions: list[Provision]
) -> dict[tuple[str, int], str]:
    """The names a track's activity may show, in the reader's language: its own, its
    milestones' and its provisions' ("Article 5"; nothing else, which its reader may not
    be allowed to see)."""
    names = {("NegotiationTrack", track.id): named(track)}
    names.update({("Milestone", m.id): milestone_title(m) for m in milestones})
    names.update({("Provision", p.id): provision_heading(p.kind, p.number) for p in provisions})
    return names


def track_page(reader: Reader, track: NegotiationTrack, today: date) -> TrackPage:
    """What the track's page shows to `reader` on `today` (a date).

    Each thing is read once and handed on (issue 19): the provisions to the activity's
    names and the progress chart, the milestones to the chart as its rounds, the status a
    suspended track left to `allowed` (the view's status form takes it from there); the
    documents are read for a track the gate has let the reader see.
    """
    targets, reached = stage_history(track)
    milestones = list(
        db.session.scalars(
            select(Milestone)
            .where(Milestone.track_id == track.id)
            .options(selectinload(Milestone.owner))
            .order_by(Milestone.planned_on, Milestone.id)
        )
    )
    timeline = build_timeline(
        [StatusEvent(c.to_status, c.effective_on) for c in track.status_changes],
        [
            MilestoneEvent(m.id, milestone_title(m), m.planned_on, m.done_on, m.is_cancelled)
            for m in milestones
        ],
        today=today,
        target_date=track.target_date,
        live=track.is_live,
    )
    activity = track_activity(track.id, [m.id for m in milestones])
    provisions = provisions_of(track)
    return TrackPage(
        track=track,
        milestones=milestones,
        timeline=timeline,
        allowed=allowed_targets(track.status, suspended_from(track)),
        activity=activity,
        activity_names=_own_names(track, milestones, provisions),
        plans=stage_plans(targets, reached, today),
        forecast=forecast_next_stage(track.status, track.status_since, targets, reached, today),
        documents=documents_on_track(reader, track),
        progress_bars=chart_bars(
            progress_by_round(track, provisions=provisions, rounds=rounds_among(milestones))
        ),
    )
