"""Two worlds for the differential visibility test.

`build_public()` makes what every officer may see: the EPCA, a public track, the
Cooperation Council with its 22nd meeting, action items, documents, feeds, tokens and
follows. `add_restricted()` then adds one restricted track with everything that hangs on
it: milestones (one in an area of the public agreement), a meeting attached to the public
Council, action items (one raised at that meeting without a track of its own, one raised at
the public meeting but linked to the restricted track), documents, status changes, stage
targets, a launch date whose anniversary falls in the window, and follow events. Every text
field carries MARKER, and the outsider is made owner of restricted items on purpose (an
owner does not make a restricted record visible).

Public records are created first in both worlds, so their ids are the same in each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text

from tests.factories import Factories as make
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    AgreementArea,
    Classification,
    ClockRule,
    FeedScope,
    Follow,
    Milestone,
    MilestoneKind,
    NotifyMode,
    PartyAction,
    Provision,
    StageTarget,
    TreatyRelation,
    User,
)
from tracker.orm import db
from tracker.services import action_items, tracks
from tracker.services.api_tokens import create_token
from tracker.services.calendar import create_feed
from tracker.services.milestones import complete_milestone, create_milestone
from tracker.services.positions import save_position
from tracker.services.provisions import create_provision

MARKER = "ZQXSECRET"

#: a Monday; the weekly report for 2026-W02 is due at 07:00
SETUP_AT = "2026-01-12 06:00:00+00:00"


@dataclass
class World:
    users: dict[str, User]
    #: ids of public records, by route argument name
    public: dict[str, int | str] = field(default_factory=dict)
    #: feed and API tokens of the readers, by reader name
    feed_tokens: dict[str, list[str]] = field(default_factory=dict)
    api_tokens: dict[str, str] = field(default_factory=dict)
    #: ids of restricted records, by route argument name (empty in the public world)
    hidden: dict[str, int] = field(default_factory=dict)


def restart_ids() -> None:
    """After the tables were emptied: ids start from 1 again (PostgreSQL keeps sequences;
    SQLite reuses max(id) + 1 for tables without AUTOINCREMENT)."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.autoincrement is not False:
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), 1, false)"),
                {"t": table.name},
            )
    db.session.commit()


def build_public() -> World:
    users = {
        "admin": make.user(role="admin", name="Ada Admin", email="admin@w.example"),
        "lead": make.user(role="officer", name="Lena Lead", email="lead@w.example"),
        "member": make.user(role="officer", name="Mo Member", email="member@w.example"),
        "outsider": make.user(role="officer", name="Oscar Outsider", email="out@w.example"),
        "viewer": make.user(role="viewer", name="Vera Viewer", email="viewer@w.example"),
    }
    outsider, viewer = users["outsider"], users["viewer"]
    viewer.notify_mode = NotifyMode.DAILY
    eu = make.party("European Union", short_name="EU")
    kz = make.party("Republic of Kazakhstan", short_name="KZ")
    epca = make.agreement(
        parties=[eu, kz],
        title="Enhanced Partnership and Cooperation Agreement",
        short_title="EPCA",
        signed_on=date(2015, 12, 21),
        in_force_on=date(2020, 3, 1),
        owner_id=outsider.id,
    )
    epca.areas = [
        AgreementArea(name="Energy", position=1),
        AgreementArea(name="Transport", position=2),
    ]
    # the EU's notification of completed procedures, its date not recorded (issue 16)
    epca.ratifications[0].actions.append(PartyAction(kind="notification_of_completion"))
    epca.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
        )
    )
    # a protocol to it (the API reads one relation with its ETag)
    protocol = make.agreement(parties=[eu, kz], title="Protocol to the EPCA", short_title="")
    db.session.add(TreatyRelation(from_agreement=protocol, to_agreement=epca, kind="protocol_to"))
    db.session.commit()
    energy = epca.areas[0]
    visa = make.track(
        name="Visa facilitation",
        lead=outsider,
        since=date(2025, 12, 2),
        framework_agreement_id=epca.id,
        next_step="Second round",
    )
    round_1 = make.milestone(
        visa,
        title="Round 1 on visas",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2026, 1, 19),
        owner_id=outsider.id,
        location="Astana",
    )
    make.milestone(visa, title="Draft exchange", planned_on=date(2026, 1, 5), owner_id=outsider.id)
    make.milestone(
        agreement_id=epca.id,
        area_id=energy.id,
        title="Energy dialogue",
        planned_on=date(2026, 2, 2),
        owner_id=outsider.id,
    )
    council = make.body(
        "EU–Kazakhstan Cooperation Council",
        short_name="Cooperation Council",
        cadence_months=12,
        owner_id=outsider.id,
        agreement_id=epca.id,
    )
    meeting_22 = make.milestone(
        body_id=council.id,
        agreement_id=epca.id,
        title="22nd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 1, 20),
        done_on=date(2025, 1, 20),
        location="Brussels",
    )
    item = ActionItem(
        meeting_id=meeting_22.id,
        title="Send the draft on visas",
        owner_id=outsider.id,
        due_on=date(2026, 1, 19),
        track_id=visa.id,
    )
    db.session.add(item)
    db.session.commit()
    document = make.document(outsider, track_id=visa.id)
    for reader in (outsider, viewer):
        db.session.add_all(
            [
                Follow(user_id=reader.id, agreement_id=epca.id),
                Follow(user_id=reader.id, body_id=council.id),
                Follow(user_id=reader.id, track_id=visa.id),
            ]
        )
    db.session.commit()
    # A public track on which neither reader is on the team: its joint text is public, its
    # positions (added with the restricted world) are the team's only (issue 17).
    readmission = make.track(
        name="Readmission", lead=users["lead"], since=date(2025, 12, 2), next_step="Round 1"
    )
    readmission_round = make.milestone(
        readmission,
        title="Round 1 on readmission",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2026, 2, 9),
        owner_id=users["lead"].id,
    )
    article = create_provision(
        readmission,
        {"number": "1", "texts": {"en": "Each Party shall readmit [EU: its nationals]."}},
        actor=users["lead"],
    )
    article.key = "0" * 32  # keys are random: the same in both worlds, so pages compare
    db.session.commit()
    world = World(users=users)
    for name in ("outsider", "viewer"):
        reader = users[name]
        world.feed_tokens[name] = [
            create_feed(reader, FeedScope.USER)[1],
            create_feed(reader, FeedScope.AGREEMENT, agreement=epca)[1],
            create_feed(reader, FeedScope.TRACK, track=visa)[1],
        ]
        world.api_tokens[name] = create_token(reader, "sync")[1]
    db.session.commit()  # the services only flush; the test is the boundary here
    world.public = {
        "agreement_id": epca.id,
        "area_id": energy.id,
        "ratification_id": epca.ratifications[0].id,
        "action_id": epca.ratifications[0].actions[0].id,
        "relation_id": db.session.query(TreatyRelation.id).scalar(),
        "rule_id": epca.clock_rules[0].id,
        "track_id": visa.id,
        "milestone_id": round_1.id,
        "meeting_id": meeting_22.id,
        "body_id": council.id,
        "item_id": item.id,
        "document_id": document.id,
        "text_track_id": readmission.id,
        "text_round_id": readmission_round.id,
        "provision_id": article.id,
    }
    return world


def add_restricted(world: World) -> None:
    users = world.users
    lead, member, outsider = users["lead"], users["member"], users["outsider"]
    epca_id = world.public["agreement_id"]
    council_id = world.public["body_id"]
    secret = make.track(
        name=f"{MARKER} sanctions talks",
        description=f"{MARKER} description",
        next_step=f"{MARKER} next step",
        lead=lead,
        classification=Classification.RESTRICTED,
        status=TrackStatus.EXPLORATORY,
        since=date(2021, 1, 18),
        framework_agreement_id=epca_id,
        target_date=date(2026, 1, 26),
    )
    secret.members = [member]
    secret.stage_targets = [StageTarget(status=TrackStatus.NEGOTIATING, target_on=date(2025, 6, 1))]
    db.session.commit()
    # Through the services, so the audit trail and follow events are written as in real use.
    tracks.change_status(
        secret,
        TrackStatus.MANDATE,
        effective_on=date(2021, 1, 18),
        actor=lead,
        comment=f"{MARKER} mandate",
    )
    tracks.change_status(
        secret,
        TrackStatus.LAUNCHED,
        effective_on=date(2021, 1, 19),
        actor=lead,
        comment=f"{MARKER} launch",
    )
    # Within the week the 2026-W02 report covers (5 to 11 January).
    tracks.change_status(
        secret,
        TrackStatus.NEGOTIATING,
        effective_on=date(2026, 1, 8),
        actor=lead,
        comment=f"{MARKER} opening",
    )
    milestone = create_milestone(
        {
            "track_id": secret.id,
            "title": f"{MARKER} round",
            "kind": MilestoneKind.ROUND,
            "planned_on": date(2026, 1, 19),
            "owner_id": lead.id,
            "location": f"{MARKER} place",
            "notes": f"{MARKER} notes",
        },
        actor=lead,
    )
    overdue = create_milestone(
        {
            "track_id": secret.id,
            "title": f"{MARKER} overdue deadline",
            "kind": MilestoneKind.DEADLINE,
            "planned_on": date(2026, 1, 5),
            "owner_id": lead.id,
        },
        actor=lead,
    )
    energy_clause = create_milestone(
        {
            "track_id": secret.id,
            "agreement_id": epca_id,
            "area_id": world.public["area_id"],
            "title": f"{MARKER} energy clause",
            "kind": MilestoneKind.DEADLINE,
            "planned_on": date(2026, 1, 26),
            "owner_id": lead.id,
        },
        actor=lead,
    )
    meeting = create_milestone(
        {
            "track_id": secret.id,
            "body_id": council_id,
            "agreement_id": epca_id,
            "title": f"{MARKER} restricted meeting",
            "kind": MilestoneKind.MEETING,
            "planned_on": date(2025, 12, 15),
            "location": f"{MARKER} venue",
        },
        actor=lead,
    )
    complete_milestone(
        meeting,
        done_on=date(2025, 12, 15),
        outcome=f"{MARKER} outcome",
        actor=lead,
        expected_version=meeting.version,
    )
    meeting_22 = db.session.get(type(meeting), world.public["meeting_id"])
    item = action_items.create_action_item(
        meeting,
        {
            "title": f"{MARKER} follow-up",
            "owner_id": lead.id,
            "due_on": date(2026, 1, 19),
            "notes": f"{MARKER} item notes",
        },
        actor=lead,
    )
    linked_item = action_items.create_action_item(
        meeting_22,
        {
            "title": f"{MARKER} linked item",
            "owner_id": lead.id,
            "due_on": date(2026, 1, 14),
            "track_id": secret.id,
        },
        actor=lead,
    )
    document = make.document(lead, filename=f"{MARKER}.pdf", track_id=secret.id)
    minutes = make.document(lead, filename=f"{MARKER}-minutes.pdf", milestone_id=meeting.id)
    # A trap: the outsider owns restricted records, as when they were given to them before
    # the track was restricted (the services refuse such an owner now). Owning a record
    # must not make it visible.
    for record in (milestone, overdue, energy_clause, item, linked_item):
        record.owner_id = outsider.id
    # Positions (issue 17): on the public track's article, and on the restricted track's.
    public_article = db.session.get(Provision, world.public["provision_id"])
    public_round = db.session.get(Milestone, world.public["text_round_id"])
    save_position(
        public_article,
        public_round,
        {
            "ours": f"{MARKER} our position",
            "red_line": f"{MARKER} red line",
            "fallback": f"{MARKER} fallback",
            "theirs": f"{MARKER} their position",
            "notes": f"{MARKER} position notes",
        },
        actor=lead,
        expected_version=0,
    )
    secret_article = create_provision(
        secret, {"number": "1", "texts": {"en": f"{MARKER} [KZ: article]"}}, actor=lead
    )
    save_position(
        secret_article,
        milestone,
        {"ours": f"{MARKER} ours", "fallback": f"{MARKER} fallback"},
        actor=lead,
        expected_version=0,
    )
    db.session.commit()  # the services only flush; the test is the boundary here
    world.hidden = {
        "provision_id": secret_article.id,
        "track_id": secret.id,
        "milestone_id": milestone.id,
        "meeting_id": meeting.id,
        "item_id": item.id,
        "linked_item_id": linked_item.id,
        "document_id": document.id,
        "minutes_id": minutes.id,
    }
