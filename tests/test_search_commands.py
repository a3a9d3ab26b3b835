"""`flask --app tracker search rebuild`, and restore rebuilding the index (issue 15 #1)."""

from __future__ import annotations

from sqlalchemy import select

from tracker.models.search import KINDS
from tracker.orm import db
from tracker.services import search_index
from tracker.services.search import search


def test_every_kind_has_its_model_and_watched_texts() -> None:
    assert list(search_index.MODELS) == list(KINDS) == list(search_index.WATCHED)


def test_search_rebuild_indexes_what_the_index_lost(runner, officer, make) -> None:
    from tracker.models import User

    officer_id = officer.id
    make.agreement(title="Жол картасы", short_title="ЖК")
    search_index.clear()
    db.session.commit()
    assert search(officer, "жол").groups == []
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "agreement 1" in result.output
    db.session.remove()
    officer = db.session.get(User, officer_id)
    assert [g.kind for g in search(officer, "жол").groups] == ["agreement"]


def test_search_rebuild_covers_the_lists_fields(runner, officer, make) -> None:
    """Issue 19 #3: the summary, next step, description and outcome are rebuilt too."""
    from tracker.models import Agreement, Milestone, NegotiationTrack
    from tracker.services.search import words_begin

    agreement = make.agreement(title="Sturgeon agreement", summary="Квоты вылова")
    track = make.track(name="Caspian talks", next_step="Ұсыныс", description="Ихтиологи")
    make.milestone(track, title="Round", outcome="Хаттама келісілді")
    cases = (
        (Agreement, "agreement", "квот", agreement.id),
        (NegotiationTrack, "track", "ұсыныс", track.id),
        (NegotiationTrack, "track", "ихтиолог", track.id),
        (Milestone, "milestone", "хаттама", None),
    )
    search_index.clear()
    db.session.commit()
    for model, kind, word, _ in cases:
        assert db.session.scalars(select(model.id).where(words_begin(kind, word))).all() == []
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    for model, kind, word, record_id in cases:
        ids = db.session.scalars(select(model.id).where(words_begin(kind, word))).all()
        assert len(ids) == 1 and record_id in (None, ids[0]), word
