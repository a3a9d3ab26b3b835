"""Issue 15 (check of the built issue), item 4: the header search finds an untitled round
by the name it is shown by, in each language ("Round 2" / «Раунд 2» / «2-раунд»), kept by
the services as the round is numbered, titled or untitled, and by `search rebuild`."""

from __future__ import annotations

from tracker.models import Milestone, MilestoneKind
from tracker.orm import db
from tracker.services import search_index
from tracker.services.search import search


def _milestones(reader, query: str) -> list[int]:
    return [r.id for g in search(reader, query).groups if g.kind == "milestone" for r in g.records]


def test_an_untitled_round_is_found_by_its_shown_name_in_each_language(
    runner, officer, make
) -> None:
    track = make.track(name="Visa facilitation")
    round_ = make.milestone(track, title="", kind=MilestoneKind.ROUND, number=2)
    other = make.milestone(track, title="", kind=MilestoneKind.ROUND, number=3)
    for query in ("Round 2", "раунд 2", "2-раунд", "РАУНД 2"):
        assert _milestones(officer, query) == [round_.id], query

    # titled later: found by its title, no longer by its number's name
    db.session.get(Milestone, round_.id).title = "Opening session"
    db.session.commit()
    assert _milestones(officer, "раунд 2") == []
    assert _milestones(officer, "opening") == [round_.id]

    # renumbered (a service writing through the ORM): found by its new number
    db.session.get(Milestone, other.id).number = 7
    db.session.commit()
    assert _milestones(officer, "7-раунд") == [other.id]

    search_index.clear()
    db.session.commit()
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert _milestones(officer, "Раунд 7") == [other.id]
