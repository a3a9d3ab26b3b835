"""Who may see what: the one rule, as SQL conditions and their Python twins.

A restricted negotiation track is seen by administrators, its lead officer and its
assigned officers; everything derived from it is restricted with it:
- a milestone of the track (a meeting of it too, even one attached to a public body: it
  then takes no number in the body's public series, see `public_meeting`);
- an action item linked to the track, or raised at a meeting of the track (an item is seen
  only by who may see both its own track and its meeting's);
- a document attached to the track or to one of its milestones.
Agreements, bodies and parties are public. Counts, numbers, dates and projections derived
from restricted records are computed over what the reader may see.

Each rule is a SQL condition (for lists and counts) and a Python predicate (for a record in
hand); tests/visibility checks that the two agree on generated data. The reader is a User;
None is "the public" (what a shared report may show): public records only.

The SQL is shaped for the common reader, an officer on no restricted track (bench/run.py
times every page as one): the restricted tracks hidden from the reader are one uncorrelated
subquery, read from the classification index minus the reader's own few tracks, so the
database evaluates it once per statement rather than once per row; conditions test a row's
track id against it (an index holds the id, so counts need not read the table).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    exists,
    false,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import aliased

from tracker.domain.messages import N_
from tracker.models import (
    ActionItem,
    Classification,
    Document,
    Milestone,
    NegotiationTrack,
    Provision,
    Role,
    User,
    track_members,
)
from tracker.orm import db

Reader = User | None


# --- tracks ----------------------------------------------------------------------------


def may_see_track(reader: Reader, track: NegotiationTrack) -> bool:
    if track.classification is not Classification.RESTRICTED:
        return True
    if reader is None:
        return False
    if reader.is_admin:
        return True
    return track.lead_officer_id == reader.id or any(m.id == reader.id for m in track.members)


def track_is_visible(reader: Reader) -> ColumnElement[bool]:
    """A condition on NegotiationTrack: public, or not hidden from the reader.

    Public first: the classification is in an index beside the status and the launch date
    (and has one of its own), so counts by status, launch-date windows and plain totals are
    read from an index; only a restricted row is looked up among the hidden ids.
    """
    public = NegotiationTrack.classification == Classification.PUBLIC
    if reader is None:
        return public
    if reader.is_admin:
        return true()
    return or_(public, NegotiationTrack.id.not_in(hidden_track_ids(reader)))


def own_track_ids(reader: User) -> CompoundSelect:
    """Ids of the tracks the reader leads or is assigned to: a few, from two indexes."""
    return union(
        select(NegotiationTrack.id)
        .where(NegotiationTrack.lead_officer_id == reader.id)
        .correlate(None),
        select(track_members.c.track_id)
        .where(track_members.c.user_id == reader.id)
        .correlate(None),
    )


def hidden_track_ids(reader: Reader) -> Select[tuple[int]]:
    """Ids of the restricted tracks the reader may not see (for None: every restricted one).

    Derived records are filtered with "not on a hidden track" rather than "on a visible
    track": the hidden ones are few, and an IN over every visible track led SQLite to read
    milestones track by track instead of by date (1.3 s instead of ms on a large archive).
    Restricted minus the reader's own tracks, rather than a test of each restricted track's
    lead and members: 0.3 ms instead of 4 ms for 2,500 restricted tracks, and it is
    evaluated once in every statement that filters by it. Never correlated with the
    statement it sits in, whatever that one reads.
    """
    restricted = (
        select(NegotiationTrack.id)
        .where(NegotiationTrack.classification == Classification.RESTRICTED)
        .correlate(None)
    )
    if reader is None:
        return restricted
    if reader.is_admin:
        return restricted.where(false())
    return restricted.where(NegotiationTrack.id.not_in(own_track_ids(reader)))


def restricted_track_readers() -> dict[int, set[int]]:
    """Restricted track id -> ids of the users who may see it (administrators, its lead
    officer, its assigned officers): the rule for jobs, which read as the system and then
    tell each recipient only what they may see. Three queries, whatever the count."""
    admins = set(db.session.scalars(select(User.id).where(User.role == Role.ADMIN)))
    readers = {
        track_id: admins | ({lead} if lead else set())
        for track_id, lead in db.session.execute(
            select(NegotiationTrack.id, NegotiationTrack.lead_officer_id).where(
                NegotiationTrack.classification == Classification.RESTRICTED
            )
        )
    }
    if readers:
        # the restricted tracks as a subquery, not their ids as 2,500 bound parameters
        # (bench scale 10: 64 ms of the reminder scan, issue 19 #4); a track restricted
        # between the two statements is left to the next run
        restricted = select(NegotiationTrack.id).where(
            NegotiationTrack.classification == Classification.RESTRICTED
        )
        for track_id, user_id in db.session.execute(
            select(track_members.c.track_id, track_members.c.user_id).where(
                track_members.c.track_id.in_(restricted)
            )
        ):
            if track_id in readers:
                readers[track_id].add(user_id)
    return readers


def _not_hidden(column: ColumnElement[int | None], reader: Reader) -> ColumnElement[bool]:
    if reader is not None and reader.is_admin:
        return true()
    return or_(column.is_(None), column.not_in(hidden_track_ids(reader)))


def _milestone_not_hidden(
    column: ColumnElement[int | None], hidden: Select[tuple[int]], outer: type
) -> ColumnElement[bool]:
    """`column` (a milestone id on `outer`) is not a milestone of a hidden track.

    Correlated: the milestone is looked up by its id for each row of `outer`, which is
    filtered first (an owner's items, a parent's documents), rather than listing every
    milestone of every hidden track (25,000 at 2,500 restricted tracks, 8 ms) each time.
    """
    milestone = _ROW_MILESTONE
    on_hidden_track = (
        exists().where(milestone.id == column, milestone.track_id.in_(hidden)).correlate(outer)
    )
    return ~on_hidden_track


#: the milestone _milestone_not_hidden looks up, made once: a new alias each time worked
#: out its columns again (about 1 ms of building the condition, each page; issue 19). Each
#: use is its own EXISTS, so one alias serves any number of them in a statement.
_ROW_MILESTONE = aliased(Milestone, name="row_milestone")


def _may_see_optional_track(reader: Reader, track: NegotiationTrack | None) -> bool:
    return track is None or may_see_track(reader, track)


# --- milestones (meetings included) ------------------------------------------------------


def may_see_milestone(reader: Reader, milestone: Milestone) -> bool:
    return _may_see_optional_track(reader, milestone.track)


def milestone_is_visible(reader: Reader) -> ColumnElement[bool]:
    """A condition on Milestone: of an agreement or a body only, or of a visible track."""
    return _not_hidden(Milestone.track_id, reader)


def public_meeting() -> ColumnElement[bool]:
    """A condition on Milestone: a meeting that takes a place in its body's public series.

    A restricted track's meeting may be attached to a public body, but it is not numbered
    in the body's series, and the series' numbering, projection and "number taken" check
    count public meetings only: otherwise the next number would tell that it exists.
    """
    restricted = select(NegotiationTrack.id).where(
        NegotiationTrack.classification == Classification.RESTRICTED
    )
    return or_(Milestone.track_id.is_(None), Milestone.track_id.not_in(restricted))


# --- action items ------------------------------------------------------------------------


def may_see_action_item(reader: Reader, item: ActionItem) -> bool:
    return _may_see_optional_track(reader, item.track) and may_see_milestone(reader, item.meeting)


def action_item_is_visible(reader: Reader) -> ColumnElement[bool]:
    """A condition on ActionItem: its own track and its meeting's track are both visible."""
    if reader is not None and reader.is_admin:
        return true()
    hidden = hidden_track_ids(reader)
    return and_(
        or_(ActionItem.track_id.is_(None), ActionItem.track_id.not_in(hidden)),
        _milestone_not_hidden(ActionItem.meeting_id, hidden, ActionItem),
    )


# --- documents ---------------------------------------------------------------------------


def may_see_document(reader: Reader, document: Document) -> bool:
    """A document follows the track it is attached to, directly or through a milestone;
    a restricted document is for officers and administrators, never viewers."""
    if not _may_see_optional_track(reader, document.track):
        return False
    if document.milestone is not None and not may_see_milestone(reader, document.milestone):
        return False
    if document.classification is Classification.RESTRICTED:
        return reader is not None and reader.can_edit
    return True


def document_is_visible(reader: Reader) -> ColumnElement[bool]:
    """A condition on Document, the twin of may_see_document."""
    if reader is not None and reader.is_admin:
        return _document_classification(reader)
    hidden = hidden_track_ids(reader)
    return and_(
        or_(Document.track_id.is_(None), Document.track_id.not_in(hidden)),
        _document_milestone_not_hidden(hidden),
        _document_classification(reader),
    )


def document_on_track_is_visible(reader: Reader, track: NegotiationTrack) -> ColumnElement[bool]:
    """document_is_visible for the documents attached to `track` (Document.track_id ==
    track.id), a track the gate has let the reader see.

    The same rule, one test left out: may_see_track(reader, track) holds exactly when
    track.id is not among hidden_track_ids(reader) (both: public, or restricted and the
    reader an administrator, its lead officer or an assigned officer; for None, public
    only), so "the document's track is not hidden" is already known and is not asked of
    the database again (the hidden ids' NOT IN cost 5-7 ms a page at scale 10 on
    PostgreSQL, issue 19). The rest stays: a document also attached to a milestone of a
    hidden track stays hidden, a restricted one is for officers and administrators. A
    track the reader may not see gives nothing.
    """
    if not may_see_track(reader, track):
        return false()
    if reader is not None and reader.is_admin:
        return _document_classification(reader)
    return and_(
        _document_milestone_not_hidden(hidden_track_ids(reader)),
        _document_classification(reader),
    )


def _document_milestone_not_hidden(hidden: Select[tuple[int]]) -> ColumnElement[bool]:
    return or_(
        Document.milestone_id.is_(None),
        _milestone_not_hidden(Document.milestone_id, hidden, Document),
    )


def _document_classification(reader: Reader) -> ColumnElement[bool]:
    """A restricted document is for officers and administrators, never viewers."""
    if reader is not None and reader.can_edit:
        return true()
    return Document.classification == Classification.PUBLIC


# --- positions (issue 17) ---------------------------------------------------------------


def provision_is_visible(reader: Reader) -> ColumnElement[bool]:
    """A condition on Provision: a provision of the negotiating text is seen by who may
    see its track (may_see_track is its Python twin: the gate reads the track first)."""
    return _not_hidden(Provision.track_id, reader)


def may_see_positions(reader: Reader, track: NegotiationTrack) -> bool:
    """Positions, red lines and fallbacks on a track's text are the team's only: its lead
    officer, its assigned officers and the administrators, whatever the track's
    classification (a public track's viewers and other officers never see them; a viewer
    never does, even one assigned)."""
    if reader is None or not reader.can_edit or not may_see_track(reader, track):
        return False
    if reader.is_admin:
        return True
    return track.lead_officer_id == reader.id or any(m.id == reader.id for m in track.members)


# --- owners ------------------------------------------------------------------------------


def owner_refusal(owner_id: int | None, *tracks: NegotiationTrack | None) -> str | None:
    """Why `owner_id` cannot own a record of `tracks` (None if it can): an owner is an
    active officer or administrator (reminded, and answerable), who may see the record.
    Returns the English message (its template is in the catalogues)."""
    if owner_id is None:
        return None
    owner = db.session.get(User, owner_id)
    if owner is None or not owner.active or not owner.can_edit:
        return N_("Choose an officer from the list.")
    if not all(track is None or may_see_track(owner, track) for track in tracks):
        return OWNER_MAY_NOT_SEE
    return None


#: an owner is reminded of what they own: they must be able to open it
OWNER_MAY_NOT_SEE = N_(
    "The owner must be able to see this restricted track: choose its lead officer or an "
    "officer assigned to it."
)
