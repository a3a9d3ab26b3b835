"""The negotiating text frozen per round (issue 17): when a round's milestone is first
completed, each provision of its track gets a version (tracker.models.ProvisionVersion) as
it stood, its cross-references tied to the numbers then. A frozen round is never frozen
again. Services flush; the boundary commits.
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.domain import crossrefs
from tracker.models import Milestone, MilestoneKind, NegotiationTrack, Provision, ProvisionVersion
from tracker.orm import db
from tracker.services.text_refs import index_of


def frozen_round_ids(track: NegotiationTrack) -> set[int]:
    """The rounds of the track whose text version is frozen."""
    return set(
        db.session.scalars(
            select(ProvisionVersion.round_id)
            .join(Provision, Provision.id == ProvisionVersion.provision_id)
            .where(Provision.track_id == track.id)
            .distinct()
        )
    )


def freeze_round(round_: Milestone) -> int:
    """Freeze the text of the round's track as it stands, once: when the round is first
    completed, each provision gets a version for it. A round frozen already is never
    frozen again: reopening and completing it neither rewrites its version nor adds the
    provisions written since, which belong to the next version (issue 17's decision).
    Returns the number of versions written."""
    if round_.kind is not MilestoneKind.ROUND or round_.track_id is None:
        return 0
    done = set(
        db.session.scalars(
            select(ProvisionVersion.provision_id).where(ProvisionVersion.round_id == round_.id)
        )
    )
    if done:
        return 0
    written = 0
    text = list(db.session.scalars(select(Provision).where(Provision.track_id == round_.track_id)))
    index = index_of(text)
    for provision in text:
        # its references as they stand, those never tied tied to the numbers now
        tied = crossrefs.tie(
            provision.texts.values(), provision.cross_references or {}, index.key_of, provision.key
        )
        db.session.add(
            ProvisionVersion(
                provision_id=provision.id,
                round_id=round_.id,
                kind=provision.kind,
                number=provision.number,
                position=provision.position,
                title=provision.title,
                texts=dict(provision.texts),
                bracket_count=provision.bracket_count,
                status=provision.status,
                status_round_id=provision.status_round_id,
                status_reached_on=provision.status_reached_on,
                cross_references=tied,
            )
        )
        written += 1
    db.session.flush()
    return written


def has_frozen_version(round_: Milestone) -> bool:
    """Whether a text version is frozen for this round (then it may be cancelled, never
    deleted)."""
    return (
        db.session.scalar(
            select(ProvisionVersion.id).where(ProvisionVersion.round_id == round_.id).limit(1)
        )
        is not None
    )
