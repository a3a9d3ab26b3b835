"""A .docx draft imported into a track's text (issue 17 #6): a preview of what it would do,
then the import itself, through the same services as the forms (brackets checked, audit,
versions). Provisions are matched by the key kept in the file's bookmarks, else by kind
and number (tracker.services.text_word_match); new ones are added at the end; provisions
not in the file are left as they are. Services flush; the boundary commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.domain.messages import N_, Message
from tracker.domain.provisions import check_status, check_texts
from tracker.models import NegotiationTrack, Provision, User
from tracker.schemas.base import SchemaRefusal
from tracker.schemas.provisions import ProvisionInput
from tracker.services.errors import ServiceError
from tracker.services.provisions import create_provision, provisions_of, update_provision
from tracker.services.text_word import FoundProvision, read_draft
from tracker.services.text_word_match import changes_of, import_plan

#: the refusal of a file with a provision that cannot be imported
REFUSED = N_(
    "Some provisions cannot be imported: each one's error is shown beside it. Correct them "
    "in the Word file and preview it again; nothing was imported."
)


@dataclass(frozen=True)
class PlannedProvision:
    found: FoundProvision
    #: the provision it updates (None: a new one)
    provision: Provision | None
    changes: dict[str, Any]
    #: why it cannot be imported (brackets or footnotes that cannot be read, a heading too
    #: long, brackets in a provision agreed): said on its row; the file is then refused
    problem: Message | None = None

    @property
    def unchanged(self) -> bool:
        return self.provision is not None and not self.changes


#: what a schema's field is called on a preview's row
_FIELD_NAMES = {"kind": N_("Kind"), "number": N_("Number"), "title": N_("Heading")}


def _problem(found: FoundProvision, provision: Provision | None, language: str) -> Message | None:
    """Why `found` cannot be imported, checked as the import's services will check it
    (ProvisionInput, the brackets and footnotes of the text, and no brackets in a provision
    agreed); None when it can."""
    if found.problem:
        return found.problem
    texts = {**(provision.texts if provision else {}), language: found.text}
    texts = {k: v for k, v in texts.items() if v}
    fields = {"kind": found.kind, "number": found.number, "title": found.title, "texts": texts}
    try:
        data = ProvisionInput.of(fields)
        check_texts(data.texts)
        if provision is not None:
            check_status(provision.status, data.texts)
    except SchemaRefusal as error:
        refusal = error.refusals[0]
        name = _FIELD_NAMES.get((refusal.field or "").split(".")[0], N_("Text"))
        return Message(N_("%(field)s: %(message)s"), field=Message(name), message=refusal.message)
    except ServiceError as error:
        return error.message
    return None


def preview(track: NegotiationTrack, data: bytes, language: str) -> list[PlannedProvision]:
    """What importing `data` into `track` in `language` would do, with each provision's
    problem if it cannot be imported; writes nothing. Raises ServiceError for a file that
    cannot be imported at all (not a .docx, tracked changes, no provision...)."""
    plan = import_plan(track, read_draft(data), provisions_of(track))
    return [
        PlannedProvision(
            m.found,
            m.provision,
            changes_of(m.found, m.provision, language) if m.provision else {},
            m.problem or _problem(m.found, m.provision, language),
        )
        for m in plan
    ]


def has_problems(planned: list[PlannedProvision]) -> bool:
    """Whether any provision of a preview cannot be imported (the file is refused then)."""
    return any(p.problem for p in planned)


def import_draft(
    track: NegotiationTrack, data: bytes, language: str, *, actor: User
) -> tuple[int, int]:
    """Import the draft: (provisions added, provisions changed). A file with a provision
    that cannot be imported (preview: its problem) is refused whole, nothing written.
    Raises ServiceError (field "file"), ConflictError if a provision changed meanwhile."""
    planned = preview(track, data, language)
    if has_problems(planned):
        raise ServiceError(REFUSED, field="file")
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
