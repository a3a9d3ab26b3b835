"""`flask --app tracker search rebuild`, and restore rebuilding the index (issue 15 #1)."""

from __future__ import annotations

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
