"""Demo data: the EU–Kazakhstan EPCA and the negotiations of December 2025.

Facts come from ../shared/seed/ (the gov.kz report of the 22nd Cooperation Council,
3 December 2025) and DESIGN.md. A few planned milestones, dated relative to today and
titled "(demo example)", give the dashboard and the reminders upcoming work.
Every record is looked up by its natural key first, so running this twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from tracker import clock
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    Agreement,
    AgreementArea,
    AgreementKind,
    AgreementStatus,
    AuditEvent,
    Body,
    DatePrecision,
    Follow,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Party,
    PartyKind,
    Role,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.services.demo_text import seed_demo_text
from tracker.services.demo_treaty import MEMBER_STATES, PROVISIONALLY_APPLIED, seed_epca_parties
from tracker.services.sides import installation_side

DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("admin@example.org", "Demo Administrator", Role.ADMIN, "accord-admin-demo"),
    ("officer@example.org", "Demo Officer", Role.OFFICER, "accord-officer-demo"),
    ("viewer@example.org", "Demo Viewer", Role.VIEWER, "accord-viewer-demo"),
)

EPCA_TITLE = (
    "Enhanced Partnership and Cooperation Agreement between the European Union and its "
    "Member States, of the one part, and the Republic of Kazakhstan, of the other part"
)

#: a working list of the 29 areas for the demo; officers check it against the treaty text
EPCA_AREAS = (
    "Political dialogue and foreign and security policy",
    "Trade in goods",
    "Customs",
    "Technical barriers to trade",
    "Sanitary and phytosanitary matters",
    "Trade in services and establishment",
    "Capital movements and payments",
    "Public procurement",
    "Intellectual property rights",
    "Competition",
    "Trade and sustainable development",
    "Rule of law and legal cooperation",
    "Protection of personal data",
    "Migration, asylum and border management",
    "Fight against organised crime and corruption",
    "Money laundering and terrorism financing",
    "Illicit drugs",
    "Economic dialogue",
    "Public finance management and taxation",
    "Statistics",
    "Energy",
    "Transport",
    "Environment and climate change",
    "Industrial policy and SMEs",
    "Agriculture and rural development",
    "Employment and social affairs",
    "Education and training",
    "Research and innovation",
    "Culture",
)

#: the demo's Parties' Russian and Kazakh names, by (English name, short name); the
#: migration b16a7d3e9c21 gives them to a database the demo filled before they existed
DEMO_PARTY_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("European Union", "EU"): ("Европейский союз", "Еуропалық Одақ"),
    ("Kazakhstan", "KZ"): ("Республика Казахстан", "Қазақстан Республикасы"),
    (MEMBER_STATES, "EU MS"): ("государства — члены ЕС", "ЕО мүше мемлекеттері"),
}


def _names(name: str, short_name: str) -> dict[str, str]:
    """The keyword arguments naming a demo Party in Russian and Kazakh."""
    name_ru, name_kk = DEMO_PARTY_NAMES[(name, short_name)]
    return {"name_ru": name_ru, "name_kk": name_kk}


LAUNCH_DAY = date(2025, 12, 2)
SOURCE = "Source: gov.kz report of the 22nd Cooperation Council, 3 December 2025."


@dataclass
class SeedResult:
    created: int = 0
    existing: int = 0


def has_any_user() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is not None


class _Seeder:
    def __init__(self) -> None:
        self.result = SeedResult()

    def get_or_create(self, model: type[Any], key: dict[str, Any], **values: Any) -> Any:
        found = db.session.scalar(select(model).filter_by(**key))
        if found is not None:
            self.result.existing += 1
            return found
        obj = model(**key, **values)
        db.session.add(obj)
        db.session.flush()
        self.result.created += 1
        return obj


def seed_demo_data(today: date | None = None) -> SeedResult:
    today = today or clock.today()
    s = _Seeder()

    users = {}
    for email, name, role, password in DEMO_USERS:
        user = db.session.scalar(select(User).filter_by(email=email))
        if user is None:
            user = User(email=email, name=name, role=role)
            user.set_password(password)
            db.session.add(user)
            db.session.flush()
            s.result.created += 1
        else:
            s.result.existing += 1
        users[role] = user
    officer = users[Role.OFFICER]

    eu = s.get_or_create(
        Party,
        {"name": "European Union"},
        short_name="EU",
        kind=PartyKind.ORGANISATION,
        **_names("European Union", "EU"),
    )
    kz = s.get_or_create(
        Party,
        {"name": "Kazakhstan"},
        short_name="KZ",
        kind=PartyKind.STATE,
        **_names("Kazakhstan", "KZ"),
    )
    member_states = s.get_or_create(
        Party,
        {"name": MEMBER_STATES},
        short_name="EU MS",
        kind=PartyKind.GROUP,
        **_names(MEMBER_STATES, "EU MS"),
    )  # a group shown as one, not a Party: not counted in "X of N"

    epca = s.get_or_create(
        Agreement,
        {"short_title": "EPCA"},
        title=EPCA_TITLE,
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
        signed_on=date(2015, 12, 21),
        signed_at="Astana",
        provisionally_applied_on=PROVISIONALLY_APPLIED,
        in_force_on=date(2020, 3, 1),
        publication_ref="OJ L 29, 4.2.2016",
        summary=(
            "Framework for political dialogue and cooperation between the EU and its Member "
            "States and Kazakhstan, covering 29 areas. The list of areas here is a working "
            "list for the demo: check it against the treaty text (OJ L 29, 4.2.2016)."
        ),
        areas=[AgreementArea(name=name, position=i) for i, name in enumerate(EPCA_AREAS, 1)],
    )
    created, existing = seed_epca_parties(epca, eu, member_states, kz)
    s.result.created, s.result.existing = s.result.created + created, s.result.existing + existing
    council = s.get_or_create(
        Body,
        {"name": "EU–Kazakhstan Cooperation Council"},
        short_name="Cooperation Council",
        agreement_id=epca.id,
        # Meets yearly: the 23rd is projected from the 22nd until its date is set.
        cadence_months=12,
        owner_id=officer.id,
    )
    pcc = s.get_or_create(
        Body,
        {"name": "EU–Kazakhstan Parliamentary Cooperation Committee"},
        short_name="PCC",
        agreement_id=epca.id,
        cadence_months=12,
    )
    summit = s.get_or_create(Body, {"name": "Central Asia–EU summit"}, short_name="CA–EU summit")

    tracks = []
    for name, subject in (
        ("EU–Kazakhstan visa facilitation agreement", "visa facilitation for Kazakh citizens"),
        ("EU–Kazakhstan readmission agreement", "readmission"),
    ):
        track = db.session.scalar(select(NegotiationTrack).filter_by(name=name))
        if track is None:
            track = NegotiationTrack(
                name=name,
                description=f"Negotiations on an agreement on {subject}. {SOURCE}",
                framework_agreement_id=epca.id,
                lead_officer_id=officer.id,
                status=TrackStatus.LAUNCHED,
                status_since=LAUNCH_DAY,
                next_step="Hold the first negotiating round",
                counterparts=[eu, kz],
                # seen from Kazakhstan's side unless the installation sets its own
                # (TRACKER_OUR_SIDE), which the track then inherits (issue 17 #2)
                our_side="" if installation_side() else kz.short_name,
            )
            track.status_changes.append(
                StatusChange(
                    from_status=None,
                    to_status=TrackStatus.LAUNCHED,
                    effective_on=LAUNCH_DAY,
                    officer_id=officer.id,
                    comment="Negotiations launched in Brussels on 2 December 2025.",
                )
            )
            db.session.add(track)
            db.session.flush()
            s.result.created += 1
        else:
            s.result.existing += 1
        tracks.append(track)
    visa, readmission = tracks

    def milestone(title: str, **fields: Any) -> None:
        parent = {k: fields.pop(k) for k in ("track_id", "agreement_id", "body_id") if k in fields}
        s.get_or_create(Milestone, {"title": title, **parent}, **fields)

    milestone(
        "Signature of the EPCA",
        agreement_id=epca.id,
        kind=MilestoneKind.SIGNATURE,
        planned_on=date(2015, 12, 21),
        done_on=date(2015, 12, 21),
        location="Astana",
    )
    milestone(
        "Entry into force of the EPCA",
        agreement_id=epca.id,
        kind=MilestoneKind.ENTRY_INTO_FORCE,
        planned_on=date(2020, 3, 1),
        done_on=date(2020, 3, 1),
    )
    for track in tracks:
        milestone(
            "Launch of negotiations",
            track_id=track.id,
            kind=MilestoneKind.MEETING,
            planned_on=LAUNCH_DAY,
            done_on=LAUNCH_DAY,
            location="Brussels",
            owner_id=officer.id,
            outcome=SOURCE,
        )
    milestone(
        "22nd Cooperation Council",
        body_id=council.id,
        agreement_id=epca.id,
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
        location="Brussels",
        owner_id=officer.id,
        outcome="Reviewed a decade of partnership on the eve of the EPCA's 10th "
        f"anniversary; welcomed the launch of visa facilitation and readmission "
        f"negotiations. {SOURCE}",
    )
    milestone(
        "22nd Parliamentary Cooperation Committee",
        body_id=pcc.id,
        agreement_id=epca.id,
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 11, 1),
        done_on=date(2025, 11, 1),
        date_precision=DatePrecision.MONTH,
        location="Brussels",
        outcome=f"Held in Brussels in November 2025. {SOURCE}",
    )
    milestone(
        "1st Central Asia–EU summit",
        body_id=summit.id,
        kind=MilestoneKind.MEETING,
        number=1,
        planned_on=date(2025, 4, 1),
        done_on=date(2025, 4, 1),
        date_precision=DatePrecision.MONTH,
        location="Samarkand",
        outcome=f"The format was elevated to a strategic partnership. {SOURCE}",
    )

    # Planned work relative to today, so the dashboard and reminders have something ahead.
    milestone(
        "Deadline: comments on the draft text (demo example)",
        track_id=visa.id,
        kind=MilestoneKind.DEADLINE,
        planned_on=today + timedelta(days=5),
        owner_id=officer.id,
    )
    milestone(
        "Round 1 (demo example)",
        track_id=readmission.id,
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=today + timedelta(days=12),
        location="Astana",
        owner_id=officer.id,
    )
    milestone(
        "Implementation report on the EPCA areas (demo example)",
        agreement_id=epca.id,
        kind=MilestoneKind.REVIEW,
        planned_on=today - timedelta(days=4),
        owner_id=officer.id,
    )

    council_22 = db.session.scalar(
        select(Milestone).filter_by(body_id=council.id, kind=MilestoneKind.MEETING, number=22)
    )
    for title, due_in, track in (
        ("Send the Kazakh side a draft agenda for round 1 (demo example)", 9, visa),
        ("Brief the Member States on the readmission mandate (demo example)", -3, readmission),
    ):
        s.get_or_create(
            ActionItem,
            {"meeting_id": council_22.id, "title": title},
            owner_id=officer.id,
            due_on=today + timedelta(days=due_in),
            track_id=track.id,
        )
    created, existing = seed_demo_text(visa, officer, today)
    s.result.created, s.result.existing = s.result.created + created, s.result.existing + existing
    for track in tracks:
        s.get_or_create(Follow, {"user_id": officer.id, "track_id": track.id})
    if epca.owner_id is None:
        epca.owner_id = officer.id

    if s.result.created:
        db.session.add(
            AuditEvent(
                action="demo.seeded",
                object_type="Demo",
                object_id=None,
                summary=f"Demo data loaded: {s.result.created} records created",
            )
        )
    db.session.flush()
    return s.result
