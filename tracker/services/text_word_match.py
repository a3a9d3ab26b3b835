"""Which provision of a track each provision read from a Word draft updates (issue 17 #6:
"each provision's key survives a round trip ... so renumbering does not break matching"),
and what it changes there.

A provision read with the tracker's bookmark (a file exported from here) is matched by its
key, whatever its number. One without (the other side's revised draft, a re-typed file, a
translation) is matched by its kind and number ("Article 2", «Статья 2», «2-бап» are one),
or, unnumbered (the preamble, a heading with no number), by its kind and title; a heading
that matches nothing is a new provision. Each provision of the track is matched once at
most, a key first. Two headings of one file without a bookmark with the same kind and
number are an error on the second's row: which of them is the track's provision cannot
be told, and nothing is merged or duplicated silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from tracker.domain import headings
from tracker.domain.messages import N_, Message
from tracker.domain.provisions import ProvisionKind, languages_held
from tracker.models import AuditEvent, NegotiationTrack, Provision
from tracker.orm import db
from tracker.services.text_word import FoundProvision


@dataclass(frozen=True)
class Match:
    """A provision read from the file, the track's provision it updates (None: a new one)
    and why it cannot be imported, if it cannot (a heading repeated in the file)."""

    found: FoundProvision
    provision: Provision | None
    problem: Message | None = None


def _number_of(number: str) -> str:
    """A number as compared: "5 bis", "5bis" and "5BIS" are one."""
    return "".join(number.split()).casefold()


def _heading_of(kind: ProvisionKind, number: str, title: str) -> tuple[str, str, str]:
    if number:
        return (kind.value, "number", _number_of(number))
    return (kind.value, "title", " ".join(title.split()).casefold())


def _title_as_read(provision: Provision) -> str | None:
    """The title a heading of `provision` reads back as when its title repeats its kind's
    word and the export said that word once ("Preamble (demo example)" for a preamble
    titled so reads as the title "(demo example)"); None for any other title."""
    read = headings.read(provision.title) if provision.title else None
    if read is None or read.kind != provision.kind or read.number != (provision.number or ""):
        return None
    return read.title


def _same_heading(item: FoundProvision, provision: Provision) -> FoundProvision:
    """`item` with `provision`'s own title when the file's heading is that title said
    once (_title_as_read): a round trip leaves the title as it was."""
    as_read = _title_as_read(provision)
    if as_read is not None and item.title != provision.title and _same(item.title, as_read):
        return replace(item, title=provision.title)
    return item


def import_plan(
    track: NegotiationTrack, found: list[FoundProvision], existing: list[Provision]
) -> list[Match]:
    """Each provision found, in the file's order, with the provision of `track` it updates
    (by key, else by kind and number, else by kind and title; see the module's docstring),
    or None for a new one; a heading whose kind and number came earlier in the file is a
    problem on its row."""
    own = [p for p in existing if p.track_id == track.id]
    by_key = {p.key: p for p in own}
    taken = {f.key for f in found if f.key and f.key in by_key}
    by_heading: dict[tuple[str, str, str], Provision] = {}
    for provision in own:
        if provision.key not in taken:
            by_heading.setdefault(
                _heading_of(provision.kind, provision.number, provision.title), provision
            )
            as_read = _title_as_read(provision)
            if as_read is not None:
                by_heading.setdefault(
                    _heading_of(provision.kind, provision.number, as_read), provision
                )
    seen: set[tuple[str, str, str]] = set()
    plan = []
    for item in found:
        heading = _heading_of(item.kind, item.number, item.title)
        problem = None
        provision = by_key.get(item.key or "")
        if provision is None and item.number and not item.auto_numbered:
            if heading in seen:
                problem = Message(
                    N_(
                        "%(kind)s %(number)s appears twice in the file: give each provision "
                        "its own number, or import the file exported from here."
                    ),
                    kind=item.kind,
                    number=item.number,
                )
            seen.add(heading)
        if provision is None and item.matched_by_heading and problem is None:
            provision = by_heading.pop(heading, None)
        if provision is not None:
            item = _same_heading(item, provision)
        plan.append(Match(item, provision, problem))
    return plan


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()) == " ".join(other.split())


def texts_given(
    found: FoundProvision, provision: Provision | None, language: str
) -> dict[str, str]:
    """The language versions the import gives the provision (language -> text; "": that
    version removed): each column's of a side-by-side export; else the file's text in
    `language`. A provision of an export in a language it had no text in has its text in
    a box (tracker.services.text_word_body): the box is the text in `language` when a
    translator filled it, that is when its note was taken out or it no longer holds the
    provision's text in another language; left as exported, it gives nothing."""
    if found.texts is not None:
        return dict(found.texts)
    if found.box is None or found.text.strip():
        return {language: found.text}
    others = provision.texts.items() if provision is not None else ()
    kept = found.box_noted and (
        provision is None or any(_same(t, found.box) for k, t in others if k != language)
    )
    return {language: "" if kept else found.box}


def texts_after(
    found: FoundProvision, provision: Provision | None, language: str
) -> dict[str, str]:
    """The provision's language versions after the import (texts_given over its own)."""
    texts = dict(provision.texts) if provision is not None else {}
    for given, text in texts_given(found, provision, language).items():
        if text:
            texts[given] = text
        else:
            texts.pop(given, None)
    return texts


#: each language's name, said when a title is not taken (msgids of the language choices)
_LANGUAGE_NAMES = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}


def title_language(provision: Provision) -> str | None:
    """The language a provision's title is taken to be written in: its first language
    holding text (LANGUAGES order: English, Russian, Kazakh); None when it holds none."""
    held = languages_held([provision.texts])
    return held[0] if held else None


def _title_kept(found: FoundProvision, provision: Provision, language: str) -> bool:
    """Whether the import keeps the provision's title whatever the file's heading says: a
    file without the tracker's bookmarks in another language than the title's (a
    translation, whose headings translate the title)."""
    return found.key is None and title_language(provision) not in (None, language)


def title_not_taken(found: FoundProvision, provision: Provision, language: str) -> Message | None:
    """What the preview says of a title in the file that the import does not take
    (_title_kept); None when it takes it or it is the same."""
    if found.title == provision.title or not _title_kept(found, provision, language):
        return None
    return Message(
        N_(
            "The title “%(title)s” is not taken: a provision's title is written in its "
            "first language (%(language)s); import a file in that language to change it."
        ),
        title=found.title,
        language=Message(_LANGUAGE_NAMES[title_language(provision) or "en"]),
    )


def title_differs(found: FoundProvision, provision: Provision, language: str) -> Message | None:
    """The warning of a provision matched by its kind and number only (the file has no
    bookmark of it) whose title differs from the file's heading, in the title's language
    (a translation's headings translate it: title_not_taken): after renumbering, "Article
    1 · Scope" of an old draft would overwrite "Article 1 · Fees". Said on the preview's
    row, never refused (the officer may be renaming it); None when nothing is to say."""
    if found.key == provision.key or not found.number or _title_kept(found, provision, language):
        return None
    if not found.title or not provision.title or _same_title(found.title, provision.title):
        return None
    return Message(
        N_(
            "Matched by its number only: in the text it is “%(title)s”, not “%(found)s”. "
            "Check that it is the same provision before importing; a file exported from "
            "here keeps each provision's identity."
        ),
        title=provision.title,
        found=found.title,
    )


def _same_title(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def changes_of(found: FoundProvision, provision: Provision, language: str) -> dict[str, object]:
    """The fields an imported provision changes on the one it matched (empty: unchanged).
    A file without the tracker's bookmarks (matched by number) takes the provision's new
    title when it is in the title's language (title_language: the other side's revised
    English draft of an English and Russian text renames "Duration"); in another language
    (a translation, the other side's Russian draft of an English text) it fills or
    changes that language's version and keeps the heading's title (title_not_taken)."""
    wanted: dict[str, object] = {
        "kind": found.kind,
        "number": found.number,
        "title": found.title,
        "texts": texts_after(found, provision, language),
    }
    if _title_kept(found, provision, language):
        del wanted["title"]
    return {k: v for k, v in wanted.items() if getattr(provision, k) != v}


def changed_by(provision: Provision) -> str | Message:
    """The name of whoever last changed `provision` (its last audit event's actor);
    "someone else" when none is recorded."""
    event = db.session.scalar(
        select(AuditEvent)
        .where(AuditEvent.object_type == "Provision", AuditEvent.object_id == provision.id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if event is None or event.actor is None:
        return Message(N_("someone else"))
    return event.actor.name
