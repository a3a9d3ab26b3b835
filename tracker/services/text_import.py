"""A .docx draft imported into a track's text (issue 17 #6): a preview of what it would do,
then the import itself, through the same services as the forms (brackets checked, audit,
versions). Provisions are matched by the key kept in the file's bookmarks, else by kind
and number (tracker.services.text_word_match); new ones are placed where the file has
them; provisions not in the file are left as they are. Services flush; the boundary commits."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any

from tracker.domain import brackets, redline
from tracker.domain.messages import N_, Message
from tracker.domain.provisions import bracket_count, check_status, check_texts
from tracker.domain.redline import Piece
from tracker.domain.sides import Sides
from tracker.models import NegotiationTrack, Provision, User
from tracker.schemas.base import SchemaRefusal
from tracker.schemas.provisions import ProvisionInput
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.provisions import (
    check_numbered_once,
    create_provision,
    provisions_of,
    reorder_provisions,
    update_provision,
)
from tracker.services.sides import sides_of
from tracker.services.text_pages import LanguageText, read_language
from tracker.services.text_word import FoundProvision, read_draft
from tracker.services.text_word_match import (
    changed_by,
    changes_of,
    import_plan,
    texts_after,
    texts_given,
    title_differs,
    title_not_taken,
)

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
    #: long, brackets in a provision agreed, a change made since the file was exported):
    #: said on its row; the file is then refused
    problem: Message | None = None
    #: who changed the provision since the officer's preview (the confirmation is then
    #: refused, and the preview shown again with this on the row)
    conflict: Message | None = None
    #: the word-level redline of its text in the import's language, before -> after
    #: (tracker.domain.redline), when the import changes that text
    redline: list[Piece] = field(default_factory=list)
    #: the file's title for it, which the import does not take (a translation's)
    title_not_taken: Message | None = None
    #: a new provision's text as the file gives it, each language read (its brackets
    #: highlighted as on the text's page): what the officer would add
    texts_found: list[LanguageText] = field(default_factory=list)
    #: a provision matched by its number only whose title differs from the file's heading
    #: (title_differs): warned about, never refused
    title_differs: Message | None = None

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
    texts = texts_after(found, provision, language)
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


#: the refusal of a confirmation when a provision changed since the officer's preview
CHANGED_SINCE_PREVIEW = N_(
    "Someone changed provisions of the text since your preview: nothing was imported. "
    "Each one is marked below with who changed it; check them and confirm again."
)


def _exported_over(found: FoundProvision, provision: Provision, changes: dict) -> Message | None:
    """The problem of a provision of an exported file that the tracker's text has moved on
    from since the export (its version then is kept in the file): importing it would undo
    that change."""
    if not changes or found.key is None or found.exported_version is None:
        return None
    if found.exported_version == provision.version:
        return None
    return Message(
        N_(
            "Changed by %(name)s since this file was exported: importing it would undo "
            "that change. Export the text again and make your changes in the new file."
        ),
        name=changed_by(provision),
    )


def _since_preview(
    provision: Provision | None, changes: dict, seen: dict[int, int] | None
) -> Message | None:
    """Who changed `provision` since the preview whose provisions' versions are `seen`
    (None: no preview to compare with), when the import would change it."""
    if seen is None or provision is None or not changes:
        return None
    if seen.get(provision.id) == provision.version:
        return None
    return Message(N_("Changed by %(name)s since your preview."), name=changed_by(provision))


def preview(
    track: NegotiationTrack, data: bytes, language: str, seen: dict[int, int] | None = None
) -> list[PlannedProvision]:
    """What importing `data` into `track` in `language` would do, with each provision's
    problem if it cannot be imported, and, given `seen` (provision id -> the version the
    officer's preview showed), who changed each provision since; writes nothing. Raises
    ServiceError for a file that cannot be imported at all (not a .docx, tracked changes,
    no provision...)."""
    plan = import_plan(track, read_draft(data), provisions_of(track))
    sides = sides_of(track)
    planned = []
    for m in plan:
        changes = changes_of(m.found, m.provision, language) if m.provision else {}
        problem = m.problem or _problem(m.found, m.provision, language)
        if problem is None and m.provision is not None:
            problem = _exported_over(m.found, m.provision, changes)
        conflict = _since_preview(m.provision, changes, seen)
        shown = _shown(m.found, m.provision, changes, language)
        found = m.found
        if found.box is not None or found.texts is not None:  # count what is imported
            given = texts_given(found, m.provision, language).values()
            with suppress(brackets.BracketError):  # said on its row (problem)
                found = replace(found, bracket_count=bracket_count(dict(enumerate(given))))
        kept = title_not_taken(found, m.provision, language) if m.provision else None
        texts_found = [] if m.provision else _texts_found(found, language, sides)
        differs = title_differs(found, m.provision, language) if m.provision else None
        planned.append(
            PlannedProvision(
                found, m.provision, changes, problem, conflict, shown, kept, texts_found, differs
            )
        )
    return _numbered_twice(track, planned)


def _texts_found(found: FoundProvision, language: str, sides: Sides) -> list[LanguageText]:
    """The text a new provision would have, each language the file gives read (brackets,
    whose proposal each is, footnotes), in the text page's order."""
    given = texts_after(found, None, language)
    return [read_language(lang, text, sides=sides) for lang, text in sorted(given.items())]


def _numbered_twice(
    track: NegotiationTrack, planned: list[PlannedProvision]
) -> list[PlannedProvision]:
    """`planned` with the problem of each provision whose kind and number another would
    bear after the import (check_numbered_once over the text as it would be: the
    provisions the file does not hold, then the file's in order), on the row of the one
    that comes second. The services check it again when the import is confirmed."""
    matched = {p.provision.id for p in planned if p.provision is not None}
    after = [(p.kind, p.number) for p in provisions_of(track) if p.id not in matched]
    checked = []
    for item in planned:
        if item.problem is None:
            try:
                check_numbered_once([*after, (item.found.kind, item.found.number)], field="file")
            except ServiceError as error:
                item = replace(item, problem=error.message)
            else:
                after.append((item.found.kind, item.found.number))
        checked.append(item)
    return checked


def _shown(
    found: FoundProvision, provision: Provision | None, changes: dict, language: str
) -> list[Piece]:
    """The redline of the text the import changes, before -> after: in `language`, or
    (a side-by-side file) the first language it changes."""
    if provision is None or "texts" not in changes:
        return []
    after = changes["texts"]
    changed = [k for k in {**provision.texts, **after} if provision.texts.get(k) != after.get(k)]
    if not changed:
        return []
    shown = language if language in changed else changed[0]
    return [
        Piece(piece.change, brackets.shown(piece.text))
        for piece in redline.redline(provision.texts.get(shown, ""), after.get(shown, ""))
    ]


def versions_seen(planned: list[PlannedProvision]) -> dict[int, int]:
    """Each matched provision's version as a preview shows it (provision id -> version),
    carried to the confirmation (import_draft's `seen`)."""
    return {p.provision.id: p.provision.version for p in planned if p.provision is not None}


def has_problems(planned: list[PlannedProvision]) -> bool:
    """Whether any provision of a preview cannot be imported (the file is refused then)."""
    return any(p.problem for p in planned)


def import_draft(
    track: NegotiationTrack,
    data: bytes,
    language: str,
    *,
    actor: User,
    seen: dict[int, int] | None = None,
) -> tuple[int, int]:
    """Import the draft: (provisions added, provisions changed). A file with a provision
    that cannot be imported (preview: its problem) is refused whole, nothing written.
    `seen`: provision id -> the version the officer's preview showed (versions_seen);
    a provision the import would change that has another version now (or that the
    preview did not match) refuses the whole import. Raises ServiceError (field "file"),
    ConflictError if a provision changed since the preview or meanwhile."""
    planned = preview(track, data, language, seen)
    if has_problems(planned):
        raise ServiceError(REFUSED, field="file")
    if any(p.conflict for p in planned):
        raise ConflictError(CHANGED_SINCE_PREVIEW)
    added = changed = 0
    in_file: list[tuple[int, bool]] = []
    for item in planned:
        if item.provision is None:
            fields = {
                "kind": item.found.kind,
                "number": item.found.number,
                "title": item.found.title,
                "texts": texts_after(item.found, None, language),
            }
            in_file.append((create_provision(track, fields, actor=actor).id, True))
            added += 1
            continue
        if item.changes:
            update_provision(
                item.provision, item.changes, actor=actor, expected_version=item.provision.version
            )
            changed += 1
        in_file.append((item.provision.id, False))
    if added:
        _place_new(track, in_file, actor)
    return added, changed


def _place_new(track: NegotiationTrack, in_file: list[tuple[int, bool]], actor: User) -> None:
    """Put each provision the import added where the file has it: after the provision
    that precedes it in the file (or, first in the file, before the one that follows it;
    at the end when the file matched none). `in_file`: (provision id, added?) in the
    file's order. The other provisions keep their order; the move is audited as any
    reordering (reorder_provisions)."""
    text = [p.id for p in provisions_of(track)]
    added = {ident for ident, new in in_file if new}
    order = [ident for ident in text if ident not in added]
    before: int | None = None
    for at, (ident, new) in enumerate(in_file):
        if new:
            if before is not None:
                order.insert(order.index(before) + 1, ident)
            else:
                following = next((i for i, n in in_file[at + 1 :] if not n), None)
                order.insert(order.index(following) if following else len(order), ident)
        before = ident
    if order != text:
        reorder_provisions(track, {"provisions": [{"provision_id": i} for i in order]}, actor=actor)
