"""The audit log in the reader's language.

Events store facts: an action code ("track.status_changed"), the kind and id of the
record, and each changed field's value before and after, as plain JSON values (enum
values, ISO dates). This module says them in the current language: the action and the
record's kind as labels, each field by its label, each value formatted (a status by its
label, a date as a day, true as "yes"). An event's stored English summary is not shown:
it is kept for the logs, and for actions recorded before their label existed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from tracker.domain import brackets
from tracker.domain.party_actions import ActionKind
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.domain.relations import RELATION_WORDS, RelationKind
from tracker.domain.workflow import TrackStatus
from tracker.i18n import LANGUAGES, format_day, format_moment
from tracker.labels import label
from tracker.models import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    Classification,
    DocumentKind,
    MilestoneKind,
    NotifyMode,
    Role,
)

ACTIONS: Mapping[str, Any] = {
    "agreement.created": _l("Agreement added"),
    "agreement.updated": _l("Agreement edited"),
    "agreement.status_changed": _l("Agreement status changed"),
    "agreement.area_updated": _l("Area of cooperation edited"),
    "agreement.ratification_updated": _l("Ratification record edited"),
    "party.renamed": _l("Party names in Russian and Kazakh edited"),
    "agreement.parties_added": _l("Parties added"),
    "agreement.party_action_recorded": _l("A party's act recorded"),
    "agreement.party_action_updated": _l("A party's act edited"),
    "agreement.party_action_deleted": _l("A party's act deleted"),
    "agreement.relation_added": _l("Relation between treaties added"),
    "agreement.relation_updated": _l("Relation between treaties edited"),
    "agreement.relation_deleted": _l("Relation between treaties removed"),
    "agreement.clock_rule_added": _l("Final clause added"),
    "agreement.clock_rule_updated": _l("Final clause edited"),
    "agreement.clock_rule_deleted": _l("Final clause removed"),
    "agreement.archived": _l("Agreement archived"),
    "agreement.unarchived": _l("Agreement brought back from the archive"),
    "track.created": _l("Track added"),
    "track.updated": _l("Track edited"),
    "track.status_changed": _l("Status changed"),
    "track.targets_updated": _l("Stage targets changed"),
    "track.archived": _l("Track archived"),
    "track.unarchived": _l("Track brought back from the archive"),
    "milestone.created": _l("Milestone added"),
    "milestone.updated": _l("Milestone edited"),
    "milestone.completed": _l("Milestone marked done"),
    "milestone.reopened": _l("Milestone reopened"),
    "milestone.cancelled": _l("Milestone cancelled"),
    "milestone.restored": _l("Milestone restored"),
    "action_item.created": _l("Action item added"),
    "action_item.updated": _l("Action item edited"),
    "action_item.cancelled": _l("Action item cancelled"),
    "action_item.restored": _l("Action item restored"),
    "body.created": _l("Body added"),
    "body.updated": _l("Body edited"),
    "document.uploaded": _l("Document uploaded"),
    "document.downloaded": _l("Document downloaded"),
    "api_token.created": _l("API token created"),
    "api_token.revoked": _l("API token revoked"),
    "feed.created": _l("Calendar feed created"),
    "feed.revoked": _l("Calendar feed revoked"),
    "user.created": _l("Account created"),
    "user.updated": _l("Account edited"),
    "user.password_changed": _l("Password changed"),
    "user.preferences_updated": _l("Notification settings changed"),
    "user.filter_saved": _l("Saved filter of a list kept"),
    "user.filter_deleted": _l("Saved filter of a list deleted"),
    "user.work_handed_over": _l("Work handed over to another officer"),
    "outbox.retried": _l("Message queued again"),
    "demo.seeded": _l("Demo data loaded"),
    "restricted.read": _l("Restricted record read"),
    "restricted.listed": _l("Restricted records listed"),
    "provision.created": _l("Provision added to the negotiating text"),
    "provision.updated": _l("Provision of the negotiating text edited"),
    "position.saved": _l("Positions on a provision saved"),
    "position.read": _l("Positions on the negotiating text read"),
}

RECORD_KINDS: Mapping[str, Any] = {
    "Agreement": _l("Agreement"),
    "NegotiationTrack": _l("Track"),
    "Milestone": _l("Milestone"),
    "ActionItem": _l("Action item"),
    "Body": _l("Body"),
    "Document": _l("Document"),
    "User": _l("Account"),
    "OutboxMessage": _l("Message"),
    "ApiToken": _l("API token"),
    "CalendarFeed": _l("Calendar feed"),
    "AgreementArea": _l("Area of cooperation"),
    "Ratification": _l("Ratification record"),
    "Demo": _l("Demo data"),
    # events recorded before record_audit unwrapped the current user's proxy
    "LocalProxy": _l("Account"),
    "PartyAction": _l("A party's act"),
    "TreatyRelation": _l("Relation between treaties"),
    "Provision": _l("Provision"),
    "Position": _l("Positions"),
}

FIELDS: Mapping[str, Any] = {
    "action_items": _l("Action items"),
    "active": _l("Active"),
    "agreements": _l("Agreements"),
    "areas": _l("Areas"),
    "bodies": _l("Bodies"),
    "follows": _l("Followed records"),
    "memberships": _l("Tracks assigned"),
    "milestones": _l("Milestones"),
    "tracks_led": _l("Tracks led"),
    "user_id": _l("Officer"),
    "authentic_languages": _l("Authentic languages"),
    "depositary": _l("Depositary"),
    "document_url": _l("Document link"),
    "group": _l("Group"),
    "instrument_ref": _l("Instrument reference"),
    "note": _l("Note"),
    "notification_ref": _l("Notification reference"),
    "on": _l("Date"),
    "party_action_id": _l("Act"),
    "party_ids": _l("Parties"),
    "place_of_deposit": _l("Place of deposit"),
    "publication_ref": _l("Official publication"),
    "relation_id": _l("Relation"),
    "to_agreement_id": _l("Related agreement"),
    "agreement_id": _l("Agreement"),
    "area_id": _l("Area"),
    "body_id": _l("Body"),
    "cadence_months": _l("Meets every (months)"),
    "classification": _l("Classification"),
    "comment": _l("Comment"),
    "date_precision": _l("Date known to the"),
    "deposited_on": _l("Instrument deposited on"),
    "deposited_kind": _l("Kind of instrument"),
    "description": _l("Description"),
    "done_on": _l("Done on"),
    "cancelled_on": _l("Cancelled on"),
    "cancel_reason": _l("Why cancelled"),
    "archived_on": _l("Archived on"),
    "archive_reason": _l("Why archived"),
    "archived_by_id": _l("Archived by"),
    "due_on": _l("Due on"),
    "effective_on": _l("Date of the move"),
    "email": _l("Email"),
    "expected_by": _l("Expected by"),
    "filename": _l("File"),
    "forced": _l("Forced by an administrator"),
    "framework_agreement_id": _l("Framework agreement"),
    "in_force_on": _l("In force on"),
    "kind": _l("Kind"),
    "language": _l("Language"),
    "launched_on": _l("Launched on"),
    "lead_officer_id": _l("Lead officer"),
    "location": _l("Location"),
    "meeting_id": _l("Meeting"),
    "milestone_id": _l("Milestone"),
    "name": _l("Name"),
    "next_step": _l("Next step"),
    "notes": _l("Notes"),
    "notified_on": _l("Notified on"),
    "notify_mode": _l("Notifications"),
    "number": _l("Number"),
    "our_side": _l("Our side"),
    "counterpart_ids": _l("Counterparts"),
    "position": _l("Place in the text"),
    "outcome": _l("Outcome"),
    "official_name_kk": _l("Official name in Kazakh"),
    "official_name_ru": _l("Official name in Russian"),
    "official_title_kk": _l("Official title in Kazakh"),
    "official_title_ru": _l("Official title in Russian"),
    "owner_id": _l("Owner"),
    "party_id": _l("Party"),
    "password": _l("Password"),
    "planned_on": _l("Planned on"),
    "provisionally_applied_on": _l("Provisionally applied on"),
    "reference_url": _l("Reference"),
    "reminder_lead_days": _l("Reminder days"),
    "reminders_enabled": _l("Reminders"),
    "resulting_agreement_id": _l("Resulting agreement"),
    "role": _l("Role"),
    "sha256": _l("Checksum (SHA-256)"),
    "short_name": _l("Short name"),
    "short_title": _l("Short title"),
    "signed_on": _l("Signed on"),
    "size": _l("Size (bytes)"),
    "status": _l("Status"),
    "status_note": _l("Status note"),
    "summary": _l("Summary"),
    "target_date": _l("Target date"),
    "title": _l("Title"),
    "track_id": _l("Track"),
    "weekly_report_enabled": _l("Weekly report"),
    # the negotiating text (issue 17): a position's save names the fields, not the words
    "changed": _l("Fields changed"),
    "fallback": _l("Fallback"),
    "ids": _l("Records"),
    "key": _l("Key"),
    "member_ids": _l("Officers assigned"),
    "ours": _l("Our position"),
    "provision_id": _l("Provision"),
    "red_line": _l("Red line"),
    "round_id": _l("Round"),
    "status_round_id": _l("Round"),
    "status_reached_on": _l("Status reached on"),
    "texts": _l("Text"),
    "theirs": _l("Counterpart's position"),
}

#: the enum a field's stored value belongs to, by field (and, for a status, by record)
_ENUMS: Mapping[str, type[StrEnum]] = {
    "classification": Classification,
    "notify_mode": NotifyMode,
    "deposited_kind": ActionKind,  # the matrix's Deposited cell (h19g2 #3)
    "role": Role,
}
_STATUSES: Mapping[str, type[StrEnum]] = {
    "NegotiationTrack": TrackStatus,
    "Agreement": AgreementStatus,
    "ActionItem": ActionStatus,
    "Provision": ProvisionStatus,
}
_KINDS: Mapping[str, type[StrEnum]] = {
    "Milestone": MilestoneKind,
    "Document": DocumentKind,
    "Agreement": AgreementKind,
    "Provision": ProvisionKind,
}


def _enum_label(member: StrEnum) -> str:
    if isinstance(member, RelationKind):
        return gettext(RELATION_WORDS[member][0])
    return label(member)


#: values stored as codes that are not enums of their own
_CODES: Mapping[str, Mapping[str, Any]] = {
    "date_precision": {"day": _l("Day"), "month": _l("Month only")},
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

#: the page each kind of record and each id field leads to
RECORD_ENDPOINTS: Mapping[str, tuple[str, str]] = {
    "Agreement": ("agreements.detail", "agreement_id"),
    "NegotiationTrack": ("tracks.detail", "track_id"),
    "Milestone": ("milestones.detail", "milestone_id"),
    "Body": ("bodies.detail", "body_id"),
    "User": ("admin.edit_user", "user_id"),
    "LocalProxy": ("admin.edit_user", "user_id"),
}
ID_FIELDS: Mapping[str, str] = {
    "agreement_id": "Agreement",
    "framework_agreement_id": "Agreement",
    "resulting_agreement_id": "Agreement",
    "track_id": "NegotiationTrack",
    "milestone_id": "Milestone",
    "meeting_id": "Milestone",
    "body_id": "Body",
    "to_agreement_id": "Agreement",
    "user_id": "User",
    "owner_id": "User",
    "lead_officer_id": "User",
    "archived_by_id": "User",
    "uploaded_by_id": "User",
    # the negotiating text (issue 17): a round by its name, a provision by its heading
    "round_id": "Milestone",
    "status_round_id": "Milestone",
    "provision_id": "Provision",
}


def action_label(action: str) -> str:
    """An action code in the current language (an unknown code as it is)."""
    found = ACTIONS.get(action)
    return str(found) if found is not None else action


def record_kind(object_type: str) -> str:
    found = RECORD_KINDS.get(object_type)
    return str(found) if found is not None else object_type


def field_label(name: str) -> str:
    found = FIELDS.get(name)
    return str(found) if found is not None else name.replace("_", " ")


def _part_label(key: str) -> str:
    """A part of a stored dict by its label: a language by its name, a field by its."""
    return str(LANGUAGES[key]) if key in LANGUAGES else field_label(str(key))


def field_value(name: str, value: Any, object_type: str = "") -> str:
    """A stored value of field `name` as the reader reads it: an enum's label, a date as a
    day, a moment in the tracker's zone, yes/no, a list joined, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if name == "changed" and isinstance(value, list):  # the names of the fields changed
        return ", ".join(field_label(str(v)) for v in value) or "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(field_value(name, v, object_type) for v in value) or "—"
    if isinstance(value, Mapping):  # never a raw dict: each part by its label
        parts = (f"{_part_label(k)}: {field_value(name, v, object_type)}" for k, v in value.items())
        return "; ".join(parts) or "—"
    if name == "texts" and isinstance(value, str):  # as the pages show a text
        return brackets.shown(value)
    if name in ("language", "authentic_languages") and value in LANGUAGES:
        return str(LANGUAGES[value])
    if name in _CODES and value in _CODES[name]:
        return str(_CODES[name][value])
    if name == "status":
        candidates: tuple[type[StrEnum], ...] = tuple(
            e for e in (_STATUSES.get(object_type),) if e is not None
        )
    elif name == "kind":  # a milestone's, a document's, a party's act's, a relation's
        candidates = tuple(e for e in (_KINDS.get(object_type),) if e is not None) + (
            ActionKind,
            RelationKind,
        )
    else:
        candidates = tuple(e for e in (_ENUMS.get(name),) if e is not None)
    for enum in candidates:
        try:
            return _enum_label(enum(value))
        except ValueError:
            continue
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return format_day(date.fromisoformat(value))
        except ValueError:  # typed text that only looks like a date ("2026-13-45")
            return value
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            return format_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    if name in ID_FIELDS:
        return f"#{value}"
    return str(value)
