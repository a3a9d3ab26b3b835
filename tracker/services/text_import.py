"""A .docx draft imported into a track's text (issue 17 #6): a preview of what it would do,
then the import itself, through the same services as the forms (brackets checked, audit,
versions). Provisions are matched by the key kept in the file's bookmarks; new ones are
added at the end; provisions not in the file are left as they are. Services flush; the
boundary commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.domain.messages import N_
from tracker.models import NegotiationTrack, Provision, User
from tracker.services.errors import ServiceError
from tracker.services.provisions import create_provision, provisions_of, update_provision
from tracker.services.text_word import FoundProvision, changes_of, import_plan, read_draft


@dataclass(frozen=True)
class PlannedProvision:
    found: FoundProvision
    #: the provision it updates (None: a new one)
    provision: Provision | None
    changes: dict[str, Any]

    @property
    def unchanged(self) -> bool:
        return self.provision is not None and not self.changes


def preview(track: NegotiationTrack, data: bytes, language: str) -> list[PlannedProvision]:
    """What importing `data` into `track` in `language` would do; writes nothing.
    Raises ServiceError for a file that cannot be imported."""
    plan = import_plan(track, read_draft(data), provisions_of(track))
    return [
        PlannedProvision(
            found, provision, changes_of(found, provision, language) if provision else {}
        )
        for found, provision in plan
    ]


def import_draft(
    track: NegotiationTrack, data: bytes, language: str, *, actor: User
) -> tuple[int, int]:
    """Import the draft: (provisions added, provisions changed). A file with a provision
    whose brackets cannot be read is refused whole."""
    planned = preview(track, data, language)
    if any(p.found.problem for p in planned):
        raise ServiceError(
            N_("Some provisions have brackets that cannot be read; nothing was imported."),
            field="file",
        )
    added = changed = 0
    for item in planned:
        if item.provision is None:
            fields = {
                "kind": item.found.kind,
                "number": item.found.number,
                "title": item.found.title,
                "texts": {language: item.found.text} if item.found.text else {},
            }
            create_provision(track, fields, actor=actor)
            added += 1
        elif item.changes:
            update_provision(
                item.provision, item.changes, actor=actor, expected_version=item.provision.version
            )
            changed += 1
    return added, changed
