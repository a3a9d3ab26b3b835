"""The models, one module per aggregate; imported here so Alembic and the app see them all."""

from tracker.models.action_item import ActionItem, ActionStatus
from tracker.models.agreement import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Party,
)
from tracker.models.agreement_area import AgreementArea
from tracker.models.api_token import ApiToken
from tracker.models.audit import AuditEvent
from tracker.models.body import Body
from tracker.models.clock_rule import ClockRule
from tracker.models.document import Document, DocumentKind
from tracker.models.draft import FormDraft
from tracker.models.feed import CalendarFeed, CalendarRevision, FeedScope
from tracker.models.follow import Follow, FollowEvent
from tracker.models.login import FailedLogin, LoginSession
from tracker.models.milestone import DatePrecision, Milestone, MilestoneKind
from tracker.models.outbox import OutboxMessage, OutboxStatus
from tracker.models.party_action import (
    PartyAction,
    PartyGroup,
    PartyKind,
    PartySide,
    party_group_members,
)
from tracker.models.provision import Position, Provision, ProvisionVersion
from tracker.models.ratification import Ratification
from tracker.models.relation import RelationKind, TreatyRelation
from tracker.models.report import WeeklyReport
from tracker.models.saved_filter import SavedFilter
from tracker.models.track import (
    Classification,
    NegotiationTrack,
    StageTarget,
    StatusChange,
    track_members,
    track_parties,
)
from tracker.models.user import DEFAULT_LEAD_DAYS, NotifyMode, Role, User

# Registers the flush hooks that keep tracks' last activity and launch date, milestones'
# liveness (tracker.models.liveness) and the folded keys of names (tracker.models.folding).
from tracker.models import activity, folding, liveness  # noqa: E402, F401  isort: skip

__all__ = [
    "Position",
    "Provision",
    "ProvisionVersion",
    "FormDraft",
    "FailedLogin",
    "LoginSession",
    "ApiToken",
    "NotifyMode",
    "StageTarget",
    "FollowEvent",
    "Follow",
    "FeedScope",
    "CalendarFeed",
    "CalendarRevision",
    "DocumentKind",
    "Document",
    "ActionStatus",
    "ActionItem",
    "DEFAULT_LEAD_DAYS",
    "Agreement",
    "AgreementArea",
    "AgreementKind",
    "AgreementStatus",
    "AuditEvent",
    "Body",
    "Classification",
    "DatePrecision",
    "Milestone",
    "MilestoneKind",
    "NegotiationTrack",
    "OutboxMessage",
    "OutboxStatus",
    "Party",
    "PartyKind",
    "PartySide",
    "PartyAction",
    "ClockRule",
    "RelationKind",
    "SavedFilter",
    "TreatyRelation",
    "PartyGroup",
    "party_group_members",
    "Ratification",
    "Role",
    "StatusChange",
    "User",
    "WeeklyReport",
    "track_members",
    "track_parties",
]
