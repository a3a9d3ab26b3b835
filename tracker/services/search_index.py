"""Keeping the full-text index (tracker.models.search) in step with the records.

Every ORM flush that creates, deletes or changes an indexed text of a record re-indexes
that record (the hook at the end): the services, the demo seed and the tests write through
the ORM, so they need nothing more. A writer that bypasses the ORM (a bulk Core insert or
update, as the CSV import's confirmation may do) calls `reindex_records()` itself, once,
with the ids it wrote; `rebuild()` (the `flask --app tracker search rebuild` command, the
benchmark generator, `restore`) re-reads everything.

What is indexed, per kind (only these; notes, negotiating positions and red lines are never
indexed):
- agreement: title, short title, official titles in Russian and Kazakh;
- track: name, official names in Russian and Kazakh, and the short titles of its
  framework and resulting agreements (so that "EPCA" finds the EPCA's tracks);
- milestone (meetings included): title, location; an untitled round, the name it is shown
  by in each language ("Round 2", «Раунд 2», «2-раунд»: tracker.domain.rounds), read from
  the compiled catalogues;
- body: name, short name, official names in Russian and Kazakh;
- action item: title;
- document: title, file name;
- provision of a negotiating text (issue 17): its heading as each language writes it
  ("Article 5", «Статья 5», «5-бап»: the catalogues' words, as for a round), its title,
  and its text in every language it holds; never its positions;
and, since the lists' `?q=` reads the index too (LIST_TEXTS, issue 19 #3), what those
lists searched besides: an agreement's summary, a track's next step and description, a
milestone's outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel.support import Translations
from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    delete,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Session, aliased

from tracker.domain.provisions import ProvisionKind
from tracker.domain.rounds import ROUND_TITLE
from tracker.domain.search import document
from tracker.id_lists import among, run_with_arrays
from tracker.models import (
    ActionItem,
    Agreement,
    Body,
    Document,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Provision,
)
from tracker.models.search import KINDS, index_table
from tracker.orm import db

#: ids re-indexed per statement
CHUNK = 500

#: where the compiled catalogues are, and the languages besides English whose words for an
#: untitled round are indexed (issue 15: found by the name it is shown by)
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
INDEXED_LANGUAGES = ("ru", "kk")

#: kind -> model
MODELS: dict[str, type] = {
    "agreement": Agreement,
    "track": NegotiationTrack,
    "milestone": Milestone,
    "body": Body,
    "action_item": ActionItem,
    "document": Document,
    "provision": Provision,
}

#: kind -> the attributes whose change re-indexes a record at flush
WATCHED: dict[str, tuple[str, ...]] = {
    "agreement": ("title", "short_title", "official_title_ru", "official_title_kk"),
    "track": (
        "name",
        "official_name_ru",
        "official_name_kk",
        "framework_agreement_id",
        "resulting_agreement_id",
        "framework_agreement",
        "resulting_agreement",
    ),
    "milestone": ("title", "location", "kind", "number"),
    "body": ("name", "short_name", "official_name_ru", "official_name_kk"),
    "action_item": ("title",),
    "document": ("title", "filename"),
    "provision": ("kind", "number", "title", "texts"),
}

#: a provision's heading, as the catalogues write it in each language (the msgids of
#: tracker.labels.PROVISION_HEADINGS, and of the kind alone for one without a number)
PROVISION_HEADINGS = {
    ProvisionKind.ARTICLE: "Article %(number)s",
    ProvisionKind.PARAGRAPH: "Paragraph %(number)s",
    ProvisionKind.ANNEX: "Annex %(number)s",
}

#: kind -> more attributes indexed (issue 19 #3): what the lists' `?q=` searched before it
#: read the index (the folded `search_key` columns), so that it finds the same records.
#: Read after _texts()' own columns (list_texts()) and watched like WATCHED.
LIST_TEXTS: dict[str, tuple[str, ...]] = {
    "agreement": ("summary",),
    "track": ("next_step", "description"),
    "milestone": ("outcome",),
}

_KIND_OF = {model: kind for kind, model in MODELS.items()}


def _texts(kind: str) -> Select[Any]:
    """The record's id and the texts its index words are made of."""
    if kind == "agreement":
        return select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
        )
    if kind == "track":
        framework = aliased(Agreement)
        resulting = aliased(Agreement)
        return (
            select(
                NegotiationTrack.id,
                NegotiationTrack.name,
                NegotiationTrack.official_name_ru,
                NegotiationTrack.official_name_kk,
                framework.short_title,
                resulting.short_title,
            )
            .outerjoin(framework, framework.id == NegotiationTrack.framework_agreement_id)
            .outerjoin(resulting, resulting.id == NegotiationTrack.resulting_agreement_id)
        )
    if kind == "milestone":
        return select(
            Milestone.id, Milestone.title, Milestone.location, Milestone.kind, Milestone.number
        )
    if kind == "body":
        return select(
            Body.id, Body.name, Body.short_name, Body.official_name_ru, Body.official_name_kk
        )
    if kind == "action_item":
        return select(ActionItem.id, ActionItem.title)
    if kind == "provision":
        return select(
            Provision.id, Provision.kind, Provision.number, Provision.title, Provision.texts
        )
    return select(Document.id, Document.title, Document.filename)


def _index_select(kind: str) -> Select[Any]:
    """_texts() and then the LIST_TEXTS columns of `kind`: what the index is made of."""
    model = MODELS[kind]
    return _texts(kind).add_columns(*(getattr(model, name) for name in LIST_TEXTS.get(kind, ())))


@cache
def _catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (no Flask needed: the index is kept at flush,
    by the CLI and by migrations too); English when it is not compiled."""
    return Translations.load(str(TRANSLATIONS), [language])


def round_names(number: int) -> list[str]:
    """An untitled round's shown name in English, Russian and Kazakh ("Round 2", «Раунд 2»,
    «2-раунд»; tracker.domain.rounds.ROUND_TITLE)."""
    return [
        _catalogue(language).gettext(ROUND_TITLE) % {"number": number}
        for language in ("en", *INDEXED_LANGUAGES)
    ]


def provision_headings(kind: ProvisionKind | str, number: str) -> list[str]:
    """A provision's heading in English, Russian and Kazakh ("Article 5", «Статья 5»,
    «5-бап»), or its kind's name in each when it has no number (a preamble)."""
    kind = ProvisionKind(kind)
    languages = ("en", *INDEXED_LANGUAGES)
    if number and kind in PROVISION_HEADINGS:
        return [
            _catalogue(language).gettext(PROVISION_HEADINGS[kind]) % {"number": number}
            for language in languages
        ]
    return [f"{_catalogue(language).gettext(kind.label)} {number}" for language in languages]


def _indexed_texts(kind: str, row: Any) -> list[Any]:
    """The texts of a row of _index_select(kind) that its index words are made of (a
    milestone's kind and number only name an untitled round; a provision's kind and
    number make its heading in each language)."""
    if kind == "provision":
        _id, provision_kind, number, title, texts = row
        return [*provision_headings(provision_kind, number or ""), title, *(texts or {}).values()]
    if kind != "milestone":
        return list(row[1:])
    _id, title, location, milestone_kind, number, *list_texts = row
    texts = [title, location, *list_texts]
    if not title and number is not None and milestone_kind == MilestoneKind.ROUND:
        texts.extend(round_names(number))
    return texts


def readable(connection: Connection) -> bool:
    """Whether the database has every column the index is made of (a migration older than
    the newest may run before the columns it reads exist: it then leaves the rebuild to
    the migration that adds them)."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if not all(index_table(kind, connection.dialect.name).name in tables for kind in KINDS):
        return False  # an index table a later migration makes (search_provision)
    present: dict[str, set[str]] = {}
    for kind in KINDS:
        for column in _index_select(kind).selected_columns:
            table = getattr(column.table, "original", column.table).name
            if table not in tables:
                return False
            if table not in present:
                present[table] = {c["name"] for c in inspector.get_columns(table)}
            if column.name not in present[table]:
                return False
    return True


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _write(connection: Connection, kind: str, rows: Iterable[Any]) -> int:
    """Insert the index words of `rows` (id, *texts); returns how many were written."""
    table = index_table(kind, connection.dialect.name)
    values = [{"id": row[0], "text": document(*_indexed_texts(kind, row))} for row in rows]
    values = [v for v in values if v["text"]]
    if not values:
        return 0
    if connection.dialect.name == "postgresql":
        # one statement of two arrays, not one row each (an import's 5,000 records)
        run_with_arrays(
            connection,
            f"INSERT INTO {table.name} (record_id, words) "  # noqa: S608 (the table's own name)
            "SELECT u.id, to_tsvector('simple'::regconfig, u.text) "
            "FROM unnest(%(ids)b::integer[], %(texts)b::text[]) AS u(id, text)",
            {"ids": [v["id"] for v in values], "texts": [v["text"] for v in values]},
        )
        return len(values)
    else:
        statement = table.insert().values(record_id=bindparam("id"), words=bindparam("text"))
    connection.execute(statement, values)
    return len(values)


def reindex(kind: str, ids: Iterable[int], connection: Connection | None = None) -> None:
    """Re-index the records of `kind` ("agreement", "track", "milestone", "body",
    "action_item", "document", "provision") with these ids, as they are in the database
    now: a record that no longer exists leaves the index. Re-indexing an agreement
    re-indexes the tracks it frames or results from too (they carry its short title).
    Flushes nothing; runs on the session's connection (its transaction) unless given
    another."""
    connection = connection or db.session.connection()
    wanted = sorted({int(i) for i in ids if i is not None})
    if not wanted:
        return
    table = index_table(kind, connection.dialect.name)
    model = MODELS[kind]
    for chunk in _chunks(wanted):
        # one array parameter on PostgreSQL (id_lists: psycopg's cost of long IN lists)
        connection.execute(delete(table).where(among(table.c.record_id, chunk, connection)))
        chosen = _index_select(kind).where(among(model.id, chunk, connection))
        _write(connection, kind, connection.execute(chosen))
    if kind == "agreement":
        tracks = connection.scalars(
            select(NegotiationTrack.id).where(
                among(NegotiationTrack.framework_agreement_id, wanted, connection)
                | among(NegotiationTrack.resulting_agreement_id, wanted, connection)
            )
        )
        reindex("track", list(tracks), connection)


def reindex_records(
    records: Mapping[str, Iterable[int]], connection: Connection | None = None
) -> None:
    """Re-index many records at once: {kind: ids} (see reindex()). What a writer that
    bypasses the ORM calls after its bulk statements, in the same transaction, e.g.
    reindex_records({"agreement": agreement_ids, "milestone": milestone_ids})."""
    for kind, ids in records.items():
        reindex(kind, ids, connection)


def rebuild(connection: Connection | None = None) -> dict[str, int]:
    """Empty the index and index every record again. Returns {kind: records indexed}."""
    connection = connection or db.session.connection()
    counts: dict[str, int] = {}
    for kind in KINDS:
        connection.execute(delete(index_table(kind, connection.dialect.name)))
        counts[kind] = 0
        last = 0
        while True:
            model = MODELS[kind]
            rows = connection.execute(
                _index_select(kind).where(model.id > last).order_by(model.id).limit(CHUNK * 10)
            ).all()
            if not rows:
                break
            counts[kind] += _write(connection, kind, rows)
            last = rows[-1][0]
    return counts


def _text_changed(obj: Any, kind: str) -> bool:
    state = inspect(obj)
    watched = (*WATCHED[kind], *LIST_TEXTS.get(kind, ()))
    return any(state.attrs[name].history.has_changes() for name in watched)


@event.listens_for(Session, "after_flush")
def _keep_the_index(session: Session, flush_context: Any) -> None:
    # After the flush, session.new, .dirty and .deleted still list what was just written,
    # with the new records' ids and the attributes' history.
    changed: dict[str, set[int]] = {}
    for obj in (*session.new, *session.deleted, *session.dirty):
        kind = _KIND_OF.get(type(obj))
        if kind is None or obj.id is None:
            continue
        if obj in session.dirty and obj not in session.deleted and not _text_changed(obj, kind):
            continue
        changed.setdefault(kind, set()).add(obj.id)
    if changed:
        reindex_records(changed, session.connection())


def clear(connection: Connection | None = None) -> None:
    """Empty the index (after the records' tables were emptied with Core deletes, which
    pass no flush: tests, a restore before its rebuild). A kind whose table a database at
    an older revision does not have yet (search_provision) is passed over."""
    connection = connection or db.session.connection()
    tables = set(inspect(connection).get_table_names())
    for kind in KINDS:
        table = index_table(kind, connection.dialect.name)
        if table.name in tables:
            connection.execute(delete(table))


def index_exists(connection: Connection | None = None) -> bool:
    """Whether the database has the index's tables (a backup from before its migration
    does not: `init-db` then makes and fills them)."""
    connection = connection or db.session.connection()
    names = set(inspect(connection).get_table_names())
    return all(index_table(kind, connection.dialect.name).name in names for kind in KINDS)
