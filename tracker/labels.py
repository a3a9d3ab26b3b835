"""The words of the domain: the label of every status, kind and role in the reader's
language (`LABELS`, `label`), the one place a new enum member gets its words (tracker.i18n
turns them into sentences; tests/i18n checks each has its translations)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.domain.party_actions import ACTION_LABELS
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    Classification,
    DocumentKind,
    MilestoneKind,
    NotifyMode,
    PartyKind,
    PartySide,
    Role,
)
from tracker.models.outbox import OutboxStatus

LABELS: Mapping[StrEnum, Any] = {
    TrackStatus.EXPLORATORY: _l("Exploratory"),
    TrackStatus.MANDATE: _l("Mandate"),
    TrackStatus.LAUNCHED: _l("Launched"),
    TrackStatus.NEGOTIATING: _l("Negotiating"),
    TrackStatus.INITIALLED: _l("Initialled"),
    TrackStatus.SIGNED: _l("Signed"),
    TrackStatus.RATIFICATION: _l("Ratification"),
    TrackStatus.IN_FORCE: _l("In force"),
    TrackStatus.SUSPENDED: _l("Suspended"),
    TrackStatus.ABANDONED: _l("Abandoned"),
    AgreementStatus.DRAFT: _l("Draft"),
    AgreementStatus.SIGNED: _l("Signed"),
    AgreementStatus.PROVISIONALLY_APPLIED: _l("Provisionally applied"),
    AgreementStatus.IN_FORCE: _l("In force"),
    AgreementStatus.SUSPENDED: _l("Suspended"),
    AgreementStatus.TERMINATED: _l("Terminated"),
    AgreementKind.BILATERAL: _l("Bilateral"),
    AgreementKind.MIXED: _l("Mixed"),
    AgreementKind.MULTILATERAL: _l("Multilateral"),
    MilestoneKind.ROUND: _l("Round"),
    MilestoneKind.MEETING: _l("Meeting"),
    MilestoneKind.DEADLINE: _l("Deadline"),
    MilestoneKind.SIGNATURE: _l("Signature"),
    MilestoneKind.RATIFICATION: _l("Ratification"),
    MilestoneKind.ENTRY_INTO_FORCE: _l("Entry into force"),
    MilestoneKind.REVIEW: _l("Review"),
    MilestoneKind.OTHER: _l("Other"),
    ActionStatus.OPEN: _l("Open"),
    ActionStatus.DONE: _l("Done"),
    ActionStatus.DROPPED: _l("Dropped"),
    DocumentKind.MANDATE: _l("Mandate"),
    DocumentKind.DRAFT_TEXT: _l("Draft text"),
    DocumentKind.MINUTES: _l("Minutes"),
    DocumentKind.PRESS_RELEASE: _l("Press release"),
    DocumentKind.OTHER: _l("Other"),
    Classification.PUBLIC: _l("Public"),
    Classification.RESTRICTED: _l("Restricted"),
    NotifyMode.IMMEDIATE: _l("At once, one email per change"),
    NotifyMode.DAILY: _l("In a daily digest"),
    PartyKind.STATE: _l("State"),
    PartyKind.ORGANISATION: _l("Organisation"),
    PartyKind.GROUP: _l("Group of Parties shown as one"),
    PartySide.ONE_PART: _l("Of the one part"),
    PartySide.OTHER_PART: _l("Of the other part"),
    Role.VIEWER: _l("Viewer"),
    Role.OFFICER: _l("Officer"),
    Role.ADMIN: _l("Administrator"),
    OutboxStatus.PENDING: _l("Pending"),
    OutboxStatus.SENDING: _l("Sending"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Failed"),
    ProvisionKind.PREAMBLE: _l("Preamble"),
    ProvisionKind.ARTICLE: _l("Article"),
    ProvisionKind.PARAGRAPH: _l("Paragraph"),
    ProvisionKind.ANNEX: _l("Annex"),
    ProvisionStatus.OPEN: _l("Open"),
    ProvisionStatus.AGREED_AD_REFERENDUM: _l("Agreed ad referendum"),
    ProvisionStatus.CONFIRMED: _l("Confirmed"),
    ProvisionStatus.AGREED: _l("Agreed"),
    ProvisionStatus.DELETED: _l("Deleted"),
    ProvisionStatus.PARKED: _l("Parked"),
    # a Party's acts (tracker.domain.party_actions marks their English words)
    **{kind: _l(words) for kind, words in ACTION_LABELS.items()},
}


def label(value: Any) -> str:
    """An enum member in the current language; anything else as it is."""
    try:
        found = LABELS.get(value)
    except TypeError:  # unhashable
        found = None
    if found is not None:
        return str(found)
    return "" if value is None else str(getattr(value, "label", value))


#: a numbered provision's heading, each language in its own order: "Article 5",
#: «Статья 5», «5-бап» (Kazakh puts the number first, as treaty texts do)
PROVISION_HEADINGS: Mapping[ProvisionKind, Any] = {
    ProvisionKind.ARTICLE: _l("Article %(number)s"),
    ProvisionKind.PARAGRAPH: _l("Paragraph %(number)s"),
    ProvisionKind.ANNEX: _l("Annex %(number)s"),
}


def provision_heading(kind: ProvisionKind | str, number: str | None) -> str:
    """A provision's kind and number as a heading in the current language ("Article 5",
    «Статья 5», «5-бап»); the kind alone when it has no number (a preamble)."""
    kind = ProvisionKind(kind)
    if number and kind in PROVISION_HEADINGS:
        return str(PROVISION_HEADINGS[kind]) % {"number": number}
    return label(kind) if not number else f"{label(kind)} {number}"
