"""Search from anywhere (issue 15 #1), on the suite's database (SQLite, or PostgreSQL with
TRACKER_TEST_DATABASE_URL): word prefixes in English, Russian and Kazakh, the index kept by
every write, the reader's visibility in what is shown and counted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select, update

from tracker.models import (
    ActionItem,
    Agreement,
    AuditEvent,
    Classification,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
)
from tracker.orm import db
from tracker.services import search_index
from tracker.services.demo import seed_demo_data
from tracker.services.search import COUNT_CAP, PER_KIND, search
from tracker.services.tracks import update_track


def found(reader, query: str) -> dict[str, list[str]]:
    """kind -> the labels of the records found."""
    return {
        group.kind: [str(getattr(r, "name", None) or r) for r in group.records]
        for group in search(reader, query).groups
    }


@pytest.fixture
def library(make):
    """Records in three languages."""
    epca = make.agreement(
        title="Enhanced Partnership and Cooperation Agreement", short_title="EPCA"
    )
    make.agreement(title="Соглашение о сотрудничестве в области образования")
    make.agreement(title="Қазақстан Республикасы мен Еуропалық Одақ арасындағы келісім")
    make.track(name="Visa facilitation", framework_agreement_id=epca.id)
    make.track(name="Переговоры о реадмиссии")
    make.body(name="Ынтымақтастық кеңесі", short_name="Кеңес")
    make.milestone(title="Раунд переговоров в Астане", agreement_id=epca.id)
    return epca


def test_english_words_and_prefixes_in_any_case(officer, library) -> None:
    assert found(officer, "epca") == {
        "agreement": ["EPCA"],
        "track": ["Visa facilitation"],  # through its framework agreement's short title
    }
    assert found(officer, "PARTNER coop")["agreement"] == ["EPCA"]
    assert found(officer, "visa FACIL") == {"track": ["Visa facilitation"]}
    assert found(officer, "artnership") == {}  # a prefix of a word, not any part of it
    assert found(officer, "partnership nothing") == {}  # every word must be found


def test_russian_words_and_prefixes(officer, library) -> None:
    assert found(officer, "СОТРУД обра") == {
        "agreement": ["Соглашение о сотрудничестве в области образования"]
    }
    assert found(officer, "перег") == {
        "track": ["Переговоры о реадмиссии"],
        "milestone": ["Раунд переговоров в Астане"],
    }
    assert found(officer, "раунд астан") == {"milestone": ["Раунд переговоров в Астане"]}


def test_kazakh_words_and_prefixes_with_their_own_letters(officer, library) -> None:
    kazakh = "Қазақстан Республикасы мен Еуропалық Одақ арасындағы келісім"
    assert found(officer, "ҚАЗАҚ") == {"agreement": [kazakh]}
    assert found(officer, "еуропалық одақ") == {"agreement": [kazakh]}
    assert found(officer, "ынтымақ") == {"body": ["Ынтымақтастық кеңесі"]}
    assert found(officer, "КЕҢ") == {"body": ["Ынтымақтастық кеңесі"]}
    # Қ is not К, Ә is not А, Ң is not Н: no accent is stripped
    assert found(officer, "Казак") == {}
    assert found(officer, "кен") == {}


def test_every_kazakh_letter_matches_itself_in_either_case(officer, make) -> None:
    for capital in "ӘҒҚҢӨҰҮҺІ":
        make.body(name=f"{capital}x{capital} body")
    for capital, small in zip("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі", strict=True):
        assert found(officer, f"{small}x") == {"body": [f"{capital}x{capital} body"]}, capital


def test_the_index_follows_every_write(officer, make) -> None:
    epca = make.agreement(title="Partnership agreement", short_title="EPCA")
    track = make.track(name="Visa talks", framework_agreement_id=epca.id)
    update_track(
        track,
        {"name": "Readmission talks"},
        counterpart_ids=[],
        actor=officer,
        expected_version=track.version,
    )
    db.session.commit()
    assert found(officer, "visa") == {}
    assert found(officer, "readm") == {"track": ["Readmission talks"]}
    # the agreement's new short title reaches the tracks it frames
    epca.short_title = "PCA-2"
    db.session.commit()
    assert found(officer, "epca") == {}
    assert found(officer, "pca 2") == {"agreement": ["PCA-2"], "track": ["Readmission talks"]}
    db.session.delete(track)
    db.session.commit()
    assert found(officer, "readmission") == {}


def test_changes_to_other_fields_leave_the_index_alone(officer, make) -> None:
    track = make.track(name="Visa talks")
    milestone = make.milestone(track, title="Visa round")
    milestone.notes = "Send the draft"
    db.session.commit()
    assert found(officer, "visa") == {"track": ["Visa talks"], "milestone": ["Visa round"]}
    assert found(officer, "draft") == {}  # notes are not indexed
    # the lists' fields are, since the lists' ?q= reads the index (issue 19 #3)
    track.next_step = "Send the draft"
    db.session.commit()
    assert found(officer, "draft") == {"track": ["Visa talks"]}


def test_a_bulk_write_is_indexed_by_reindex_records(officer, make) -> None:
    """What a writer that bypasses the ORM (the CSV import's bulk confirmation) calls."""
    agreement = make.agreement(title="Old title")
    db.session.execute(
        update(Agreement).where(Agreement.id == agreement.id).values(title="Жаңа атауы")
    )
    new_ids = list(
        db.session.scalars(
            insert(Milestone).returning(Milestone.id),
            [
                {
                    "title": f"Бірлескен отырыс {n}",
                    "kind": MilestoneKind.MEETING,
                    "planned_on": date(2026, 3, n),
                    "agreement_id": agreement.id,
                    "search_key": "",
                }
                for n in (1, 2)
            ],
        )
    )
    assert found(officer, "жаңа") == {} and found(officer, "отырыс") == {}
    search_index.reindex_records({"agreement": [agreement.id], "milestone": new_ids})
    db.session.commit()
    assert found(officer, "жаңа") == {"agreement": ["Жаңа атауы"]}
    assert found(officer, "бірлес отыр") == {
        "milestone": ["Бірлескен отырыс 2", "Бірлескен отырыс 1"]
    }
    assert found(officer, "old") == {}


def test_rebuild_indexes_everything_again(officer, library) -> None:
    before = {q: found(officer, q) for q in ("epca", "перег", "қазақ", "кеңес")}
    search_index.clear()
    assert found(officer, "epca") == {}
    counts = search_index.rebuild()
    db.session.commit()
    assert counts == {
        "agreement": 3,
        "track": 2,
        "milestone": 1,
        "body": 1,
        "action_item": 0,
        "document": 0,
        "provision": 0,
    }
    assert {q: found(officer, q) for q in before} == before


def test_a_common_word_shows_the_newest_and_counts_up_to_the_cap(officer, make) -> None:
    agreement = make.agreement(title="Umbrella")
    db.session.add_all(
        Milestone(
            title=f"Expert meeting {n}",
            kind=MilestoneKind.MEETING,
            planned_on=date(2026, 2, 1),
            agreement_id=agreement.id,
        )
        for n in range(COUNT_CAP + 5)
    )
    db.session.commit()
    (group,) = search(officer, "expert").groups
    assert group.total == COUNT_CAP + 1 and group.more_than_cap
    assert [m.title for m in group.records] == [
        f"Expert meeting {n}" for n in range(COUNT_CAP + 4, COUNT_CAP + 4 - PER_KIND, -1)
    ]


def test_a_query_without_words_searches_nothing(officer, library) -> None:
    results = search(officer, " -- ** ")
    assert results.words == [] and results.groups == []


def test_a_restricted_track_is_found_only_by_who_may_see_it(make) -> None:
    admin = make.user(role="admin")
    lead = make.user()
    outsider = make.user()
    viewer = make.user(role="viewer")
    hidden = make.track(name="Zircon talks", classification=Classification.RESTRICTED, lead=lead)
    meeting = make.milestone(track=hidden, title="Zircon round", kind=MilestoneKind.MEETING)
    db.session.add(ActionItem(meeting_id=meeting.id, title="Zircon brief", due_on=date(2026, 2, 1)))
    db.session.commit()
    make.document(lead, filename="zircon-mandate.pdf", track_id=hidden.id)
    make.document(lead, filename="zircon-annex.pdf", milestone_id=meeting.id)
    public = make.track(name="Zircon public talks")
    expected_all = {
        "track": ["Zircon public talks", "Zircon talks"],
        "milestone": ["Zircon round"],
        "action_item": ["Zircon brief"],
        "document": ["zircon-annex.pdf", "zircon-mandate.pdf"],
    }
    assert found(lead, "zircon") == expected_all
    for reader in (outsider, viewer):
        results = search(reader, "zircon")
        assert found(reader, "zircon") == {"track": ["Zircon public talks"]}
        assert [(g.kind, g.total) for g in results.groups] == [("track", 1)]  # nor counted
    assert public.id
    # an administrator sees all, and reading restricted records not theirs is audited
    assert found(admin, "zircon") == expected_all
    db.session.flush()
    listed = db.session.scalars(
        select(AuditEvent.object_type).where(AuditEvent.action == "restricted.listed")
    ).all()
    assert sorted(set(listed)) == ["ActionItem", "Document", "Milestone", "NegotiationTrack"]


def test_epca_finds_the_agreement_and_both_its_tracks_in_the_demo(officer) -> None:
    seed_demo_data()
    db.session.commit()
    results = found(officer, "EPCA")
    assert len(results["agreement"]) == 1
    tracks = db.session.scalars(
        select(NegotiationTrack.name).where(NegotiationTrack.framework_agreement_id.is_not(None))
    ).all()
    assert len(tracks) == 2
    assert sorted(results["track"]) == sorted(tracks)


#: names whose words a database's own parser could cut differently: dashes, quotes,
#: apostrophes, dots in numbers, e-mail and web addresses, mixed scripts and digits
TRICKY_NAMES = (
    "ЕС–Казахстан: «визовое» упрощение",
    "Protocol 2.1.3 on e-mail@host.kz and www.mfa.gov.kz/ru",
    "Қазақстан-2050 стратегиясы: O'zbekiston_tranzit",
    "Ұлттық ҮЙЛЕСТІРУ орталығы (ҰҮО) №7",
    "Straße ﬁnance İSTANBUL x²",
)


def test_each_word_of_a_name_finds_it_on_either_database(officer, make) -> None:
    from tracker.domain.search import words

    bodies = {name: make.body(name=name).id for name in TRICKY_NAMES}
    for name, body_id in bodies.items():
        for word in words(name):
            for query in {word, word[:1], word[:3], word.upper()}:
                kinds = {g.kind: [r.id for r in g.records] for g in search(officer, query).groups}
                assert body_id in kinds.get("body", []), (name, query)
    assert found(officer, "казахстан упрощ") == {"body": ["ЕС–Казахстан: «визовое» упрощение"]}
    assert found(officer, "mfa gov kz") == {
        "body": ["Protocol 2.1.3 on e-mail@host.kz and www.mfa.gov.kz/ru"]
    }
    assert found(officer, "STRASSE finance istanbul") == {"body": ["Straße ﬁnance İSTANBUL x²"]}
    assert found(officer, "ҮЙЛЕС ұүо") == {"body": ["Ұлттық ҮЙЛЕСТІРУ орталығы (ҰҮО) №7"]}


def test_a_restricted_document_is_found_by_officers_never_by_viewers(make) -> None:
    officer = make.user()
    viewer = make.user(role="viewer")
    agreement = make.agreement(title="Public agreement")
    make.document(
        officer,
        filename="negotiating-mandate.pdf",
        classification=Classification.RESTRICTED,
        agreement_id=agreement.id,
    )
    assert found(officer, "mandate") == {"document": ["negotiating-mandate.pdf"]}
    assert found(viewer, "mandate") == {}
    assert search(viewer, "mandate").found == 0


def test_a_confirmed_csv_import_is_searchable_at_once(officer, make) -> None:
    """The import's bulk confirmation bypasses the ORM's flush hook: it re-indexes what it
    wrote itself (tracker.services.spreadsheets.bulk)."""
    from tracker.services.spreadsheets import run_import

    track = make.track(name="Visa facilitation")
    renamed = make.milestone(track, title="Deadline", planned_on=date(2026, 3, 1))
    csv_text = "\r\n".join(
        [
            "id,title,kind,track,planned_on",
            f"{renamed.id},Тарату мерзімі,deadline,{track.name},2026-03-01",
            f",Сарапшылар кездесуі,meeting,{track.name},2026-04-01",
        ]
    )
    result = run_import("milestones", csv_text, officer, confirm=True)
    assert result.ok, result.file_errors
    db.session.commit()
    assert found(officer, "тарату") == {"milestone": ["Тарату мерзімі"]}
    assert found(officer, "сарапш") == {"milestone": ["Сарапшылар кездесуі"]}
    assert found(officer, "deadline") == {}
