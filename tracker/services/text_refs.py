"""Cross-references between the provisions of a track's text (issue 17): tied to the
provisions' keys when a provision is saved, resolved for the pages (a link to the target,
and a warning when renumbering left the text naming another number). The rule is
tracker.domain.crossrefs; this module reads the track's provisions for it. Services flush;
the boundary commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from tracker.domain import crossrefs
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.models import Provision
from tracker.orm import db


@dataclass(frozen=True)
class ReferenceIndex:
    """One state of a text, for resolving references: label ("article 5") -> key of the
    provision bearing it; key -> (kind, number); key -> provision id (for links)."""

    key_of: dict[str, str]
    numbers: dict[str, tuple[ProvisionKind, str]]
    ids: dict[str, int]


def index_of(states: Iterable[object]) -> ReferenceIndex:
    """The index of a state of the text (ProvisionState or Provision rows); deleted
    provisions are not targets."""
    key_of: dict[str, str] = {}
    numbers: dict[str, tuple[ProvisionKind, str]] = {}
    ids: dict[str, int] = {}
    for state in states:
        key = state.key  # type: ignore[attr-defined]
        kind, number = state.kind, state.number  # type: ignore[attr-defined]
        ids[key] = getattr(state, "provision_id", None) or state.id  # type: ignore[attr-defined]
        if state.status is ProvisionStatus.DELETED:  # type: ignore[attr-defined]
            continue
        numbers[key] = (kind, number)
        if number:
            key_of.setdefault(crossrefs.label(kind, number), key)
    return ReferenceIndex(key_of, numbers, ids)


def tie_references(provision: Provision, siblings: Iterable[Provision]) -> None:
    """Tie the references of `provision`'s texts to provision keys (those tied before
    stay with their provision; new ones go to the provision bearing the number now)."""
    index = index_of(siblings)
    provision.cross_references = crossrefs.tie(
        provision.texts.values(), provision.cross_references or {}, index.key_of, provision.key
    )


def tie_all(siblings: list[Provision]) -> None:
    """Tie every provision's references not tied yet to the provisions bearing those
    numbers now: called before numbers change (renumbering, reordering), so a reference
    written before its target existed is still flagged when the target is renumbered."""
    index = index_of(siblings)
    for provision in siblings:
        tied = crossrefs.tie(
            provision.texts.values(),
            provision.cross_references or {},
            index.key_of,
            provision.key,
        )
        if tied != (provision.cross_references or {}):
            # Derived data: written without moving the provision's version on, so an
            # officer editing that provision meanwhile is not told of a change of theirs.
            db.session.execute(
                update(Provision)
                .where(Provision.id == provision.id)
                .values(cross_references=tied)
                .execution_options(synchronize_session=False)
            )
            set_committed_value(provision, "cross_references", tied)


@dataclass(frozen=True)
class Link:
    """A reference as a page shows it: the provision it goes to (None: none known), and
    the number it bears now when that is not the one in the text (`renumbered`), or
    `gone` when the provision is no longer in the text."""

    reference: crossrefs.Reference
    provision_id: int | None
    now: str | None = None
    gone: bool = False

    @property
    def stale(self) -> bool:
        return self.gone or self.now is not None


def links_in(text: str, tied: Mapping[str, str], index: ReferenceIndex) -> list[Link]:
    """The references of `text`, resolved against one state of the text."""
    links = []
    for target in crossrefs.resolve(text, tied, index.numbers, index.key_of):
        provision_id = index.ids.get(target.key) if target.key else None
        if target.key and target.number is None:
            links.append(Link(target.reference, provision_id, gone=True))
        elif target.stale:
            links.append(Link(target.reference, provision_id, now=target.number))
        else:
            links.append(Link(target.reference, provision_id))
    return links


def stale_links(
    texts: Mapping[str, str], tied: Mapping[str, str], index: ReferenceIndex
) -> list[Link]:
    """The references of a provision (every language) that renumbering made wrong, each
    reference once."""
    seen: set[str] = set()
    stale = []
    for text in texts.values():
        for link in links_in(text, tied, index):
            if link.stale and link.reference.label not in seen:
                seen.add(link.reference.label)
                stale.append(link)
    return stale
