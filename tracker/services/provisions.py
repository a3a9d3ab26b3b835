"""A track's negotiating text (issue 17): its provisions, added and edited with their
brackets checked (the text frozen per round: tracker.services.text_versions).

Read through the track (tracker.services.gate.get_track): who may see the track may see
its joint text; positions are the team's only (tracker.services.positions). Services
flush; the boundary commits. Raises ServiceError / ConflictError.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from tracker import clock
from tracker.domain import footnotes
from tracker.domain.messages import N_, Message
from tracker.domain.provisions import (
    ProvisionKind,
    ProvisionStatus,
    check_move,
    check_status,
    check_texts,
    status_notice,
)
from tracker.models import (
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Provision,
    User,
)
from tracker.orm import db
from tracker.schemas.provisions import ProvisionInput, TextOrder
from tracker.services import gate
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.follows import record_event
from tracker.services.records import check_version, detects_conflicts, plain, record_audit
from tracker.services.text_refs import tie_all, tie_references

#: the follow notice of a status before "Article 5 agreed ad referendum" (status_notice):
#: kept translated for the events stored with it
EARLIER_STATUS_NOTICE = N_("Negotiating text: %(kind)s %(number)s %(status)s")

#: the fields of a provision an edit may change
EDITABLE = ("kind", "number", "title", "texts", "status", "status_round_id")


def heading_kept(provision: Provision) -> dict[str, str]:
    """A provision's heading as it stands, kept in an audit event so that the event's row
    names the provision as it was named then, not by its number after a renumbering
    (issue 17, faults from the re-check, part 2): its kind's code, number and title, as
    data, for each reader to read in their language (tracker.audit_rows.event_record)."""
    return {
        "kind": provision.kind.value,
        "number": provision.number or "",
        "title": provision.title or "",
    }


def provisions_of(track: NegotiationTrack) -> list[Provision]:
    """The track's provisions in the order of the text (deleted ones included)."""
    return list(
        db.session.scalars(
            select(Provision)
            .where(Provision.track_id == track.id)
            .order_by(Provision.position, Provision.id)
        )
    )


def get_provision(reader: User | None, track_id: int, provision_id: int) -> Provision:
    """A provision of a track the reader may see. Raises gate.NotFound (the same for a
    hidden track, a missing provision and a provision of another track)."""
    track = gate.get_track(reader, track_id)
    provision = db.session.get(Provision, provision_id)
    if provision is None or provision.track_id != track.id:
        raise gate.NotFound("provision")
    return provision


def rounds_of(track: NegotiationTrack) -> list[Milestone]:
    """The track's rounds (milestones of kind round), in order: by number, then date."""
    return list(
        db.session.scalars(
            select(Milestone)
            .where(Milestone.track_id == track.id, Milestone.kind == MilestoneKind.ROUND)
            .order_by(Milestone.number.is_(None), Milestone.number, Milestone.planned_on)
        )
    )


def rounds_among(milestones: Iterable[Milestone]) -> list[Milestone]:
    """The rounds among a track's milestones (all of them, as the track page reads them),
    in rounds_of's order: by number (unnumbered last), then planned date. For a caller that
    has the milestones already: no statement."""
    rounds = [m for m in milestones if m.kind is MilestoneKind.ROUND]
    return sorted(rounds, key=lambda m: (m.number is None, m.number or 0, m.planned_on))


def _round_of(track: NegotiationTrack, round_id: int | None) -> Milestone | None:
    if round_id is None:
        return None
    found = db.session.get(Milestone, round_id)
    if found is None or found.track_id != track.id or found.kind is not MilestoneKind.ROUND:
        raise ServiceError("Choose a round of this track.", field="status_round_id")
    return found


#: the kinds numbered once in a text (a paragraph's number is its place in its article)
NUMBERED_ONCE = (ProvisionKind.ARTICLE, ProvisionKind.ANNEX)
NUMBERED_TWICE = N_(
    "Two provisions of the same kind would be numbered %(number)s: give each its own number."
)


def check_numbered_once(numbered: Iterable[tuple[ProvisionKind, str]], *, field: str) -> None:
    """Refuse a text in which two articles, or two annexes, would bear one number (as
    written, ignoring case and spaces): follow notices, cross-references and the Word
    import name a provision by its kind and number. `numbered`: every provision's (kind,
    number) as it would be. Raises ServiceError on `field`."""
    seen: set[tuple[ProvisionKind, str]] = set()
    for kind, number in numbered:
        if kind not in NUMBERED_ONCE or not number.strip():
            continue
        key = (kind, number.strip().casefold())
        if key in seen:
            raise ServiceError(NUMBERED_TWICE, field=field, number=number.strip())
        seen.add(key)


def _checked(track: NegotiationTrack, data: ProvisionInput) -> tuple[int, ProvisionInput]:
    """The bracket count of valid input; refuses unreadable brackets or footnotes, an
    accepted status with brackets, and a round of another track. Footnotes are put in
    their one form (tracker.domain.footnotes.normalise: numbered in order, notes last)."""
    count = check_texts(data.texts)
    texts = {language: footnotes.normalise(text) for language, text in data.texts.items()}
    check_status(data.status, data.texts)
    _round_of(track, data.status_round_id)
    return count, data.model_copy(update={"texts": texts})


def create_provision(
    track: NegotiationTrack, fields: Mapping[str, Any], *, actor: User
) -> Provision:
    """Add a provision at the end of the text, validated by ProvisionInput."""
    data = ProvisionInput.of(fields)
    count, data = _checked(track, data)
    check_numbered_once(
        [*((p.kind, p.number) for p in provisions_of(track)), (data.kind, data.number)],
        field="number",
    )
    check_move(None, data.status)
    unsettled = data.status is ProvisionStatus.OPEN
    if not unsettled:
        data = _stamped(data, track, None, None)
    last = db.session.scalar(
        select(func.max(Provision.position)).where(Provision.track_id == track.id)
    )
    provision = Provision(
        track_id=track.id,
        key=uuid.uuid4().hex,
        position=(last or 0) + 1,
        bracket_count=count,
        status_reached_on=None if unsettled else clock.today(),
        **data.model_dump(),
    )
    db.session.add(provision)
    db.session.flush()
    tie_references(provision, provisions_of(track))
    record_audit(
        actor,
        "provision.created",
        provision,
        f"Added {provision.heading} to the text of {track.name}",
        after={
            **{k: plain(getattr(provision, k)) for k in EDITABLE},
            "key": provision.key,
            "heading": heading_kept(provision),
        },
    )
    db.session.flush()
    return provision


@detects_conflicts("provision")
def update_provision(
    provision: Provision,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> Provision:
    """Change a provision (any of EDITABLE; the others keep their values). Lost-update
    protection: `expected_version` is the version the officer loaded. A change of status
    with no round given is stamped with the round given before, if any."""
    check_version(provision, expected_version, "provision")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ServiceError("This field is not accepted here.", field=sorted(unknown)[0])
    current = {name: getattr(provision, name) for name in EDITABLE}
    data = ProvisionInput.of({**current, **fields})
    count, data = _checked(provision.track, data)
    check_move(provision.status, data.status)
    data = _stamped(data, provision.track, provision.status, provision.status_round_id)
    if (data.number, data.kind) != (provision.number, provision.kind):
        others = [p for p in provisions_of(provision.track) if p.id != provision.id]
        check_numbered_once(
            [*((p.kind, p.number) for p in others), (data.kind, data.number)], field="number"
        )
        # References to this provision by its old number are tied to it before it changes.
        tie_all(provisions_of(provision.track))
    heading = heading_kept(provision)  # as it was named when changed
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in EDITABLE:
        value = getattr(data, name)
        if current[name] != value:
            before[name], after[name] = plain(current[name]), plain(value)
            setattr(provision, name, dict(value) if name == "texts" else value)
    if not after:
        return provision
    provision.bracket_count = count
    if "status" in after:
        before["status_reached_on"] = plain(provision.status_reached_on)
        provision.status_reached_on = clock.today()
        after["status_reached_on"] = plain(provision.status_reached_on)
    if "texts" in after:
        tie_references(provision, provisions_of(provision.track))
    if "status" in after:
        # Followers hear of it: "Negotiating text: Article 5 agreed ad referendum".
        change = status_notice(
            provision.kind, provision.number or provision.title, provision.status
        )
        record_event(
            "provision.status",
            Message(N_("Negotiating text: %(change)s"), change=change),
            actor=actor,
            track_id=provision.track_id,
            provision_id=provision.id,
        )
    record_audit(
        actor,
        "provision.updated",
        provision,
        f"Edited {provision.heading} of {provision.track.name}",
        before,
        {**after, "heading": heading},
    )
    db.session.flush()
    return provision


def text_fingerprint(track: NegotiationTrack) -> str:
    """A short digest of the text's provisions and their versions: it changes whenever a
    provision is added, changed, moved or renumbered (each moves its version on). The
    API's ETag of the text and the reorder form's lost-update check."""
    versions = ",".join(f"{p.id}:{p.version}" for p in provisions_of(track))
    return hashlib.sha256(versions.encode()).hexdigest()[:20]


#: the refusal of a reordering over a text changed meanwhile
TEXT_CHANGED = N_(
    "Someone changed the text while you were reordering it. Your order is kept below: "
    "check it against the text as it now stands and save again."
)


@detects_conflicts("provision")
def reorder_provisions(
    track: NegotiationTrack,
    fields: TextOrder | Mapping[str, Any],
    *,
    actor: User,
    expected_fingerprint: str | None = None,
) -> list[Provision]:
    """Put the track's provisions in the order given (TextOrder: every provision of the
    track exactly once) and renumber those given a number; keys never change, so
    comparisons, Word round trips and cross-references still know each provision. Each
    provision moved or renumbered is audited ("provision.updated", position and number
    before and after). Lost-update protection: the API's If-Match on the text, or
    `expected_fingerprint` (the text_fingerprint the officer loaded). Raises
    ConflictError when the text changed since, ServiceError (field "provisions") for a
    provision missing, repeated or of another track."""
    if expected_fingerprint is not None and expected_fingerprint != text_fingerprint(track):
        raise ConflictError(TEXT_CHANGED)
    data = TextOrder.of(fields)
    current = {p.id: p for p in provisions_of(track)}
    wanted = [place.provision_id for place in data.provisions]
    repeated = sorted({i for i in wanted if wanted.count(i) > 1})
    if repeated:
        raise ServiceError(
            N_("Provision %(id)s is listed more than once."), field="provisions", id=repeated[0]
        )
    unknown = [i for i in wanted if i not in current]
    if unknown:
        raise ServiceError(
            N_("Provision %(id)s is not in this text."), field="provisions", id=unknown[0]
        )
    missing = [p for i, p in current.items() if i not in set(wanted)]
    if missing:
        raise ServiceError(
            N_("List every provision of the text: %(heading)s is missing."),
            field="provisions",
            heading=missing[0].heading,
        )
    check_numbered_once(
        [
            (current[place.provision_id].kind, current[place.provision_id].number)
            if place.number is None
            else (current[place.provision_id].kind, place.number)
            for place in data.provisions
        ],
        field="provisions",
    )
    tie_all(list(current.values()))  # before the numbers change
    for position, place in enumerate(data.provisions, 1):
        provision = current[place.provision_id]
        heading = heading_kept(provision)  # as it was named before it moved
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if provision.position != position:
            before["position"], after["position"] = provision.position, position
            provision.position = position
        if place.number is not None and place.number != provision.number:
            before["number"], after["number"] = provision.number, place.number
            provision.number = place.number
        if after:
            record_audit(
                actor,
                "provision.updated",
                provision,
                f"Moved or renumbered {provision.heading} of {track.name}",
                before,
                {**after, "heading": heading},
            )
    db.session.flush()
    return provisions_of(track)


def round_for_new_status(track: NegotiationTrack) -> Milestone | None:
    """The round a status reached today is stamped with, when the officer chooses none:
    the round in progress or next planned (the first round after the last one held that
    is neither held nor cancelled). Once that round is held, its frozen version says the
    status was reached at it, which is where the text holding it was frozen.

    None between rounds with none planned: the status then carries only the day it was
    reached (Provision.status_reached_on), shown "reached after Round 2, on 12 Jan 2026",
    never "reached at Round 2", whose frozen text shows the status before (issue 17, found
    by a fresh check). The round-by-round progress counts the frozen versions and is not
    touched by the stamp."""
    rounds = rounds_of(track)
    held = [i for i, r in enumerate(rounds) if r.done_on is not None]
    after = rounds[held[-1] + 1 :] if held else rounds
    return next((r for r in after if r.is_open), None)


def _stamped(
    data: ProvisionInput,
    track: NegotiationTrack,
    before: ProvisionStatus | None,
    round_before: int | None,
) -> ProvisionInput:
    """`data` with its status stamped when the status changes: the round chosen if the
    officer chose another than the one stamped before, else round_for_new_status."""
    if data.status is before or data.status_round_id not in (None, round_before):
        return data
    stamp = round_for_new_status(track)
    return data.model_copy(update={"status_round_id": stamp.id if stamp else None})
