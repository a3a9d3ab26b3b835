"""The negotiating text's services (issue 17): provisions with their brackets, the text
frozen per round, positions for the team only (every read audited), comparisons."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tracker.domain.provisions import ProvisionStatus
from tracker.domain.redline import Change
from tracker.models import AuditEvent, MilestoneKind, ProvisionVersion
from tracker.orm import db
from tracker.services import gate, positions, provisions, text_rounds
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.milestones import complete_milestone, reopen_milestone


@pytest.fixture
def setting(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    member = make.user(name="Member")
    admin = make.user(role="admin", name="Admin")
    outsider = make.user(name="Outsider")
    viewer = make.user(role="viewer", name="Viewer")
    track = make.track(lead=lead, name="Visa facilitation")
    track.members = [member]
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    round_2 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=2, title="Round 2", planned_on=date(2026, 1, 9)
    )
    db.session.commit()
    return {
        "lead": lead,
        "member": member,
        "admin": admin,
        "outsider": outsider,
        "viewer": viewer,
        "track": track,
        "round_1": round_1,
        "round_2": round_2,
    }


def _article(track: Any, actor: Any, number: str, text: str, **more: Any) -> Any:
    fields = {"kind": "article", "number": number, "texts": {"en": text}, **more}
    return provisions.create_provision(track, fields, actor=actor)


def _complete(round_: Any, actor: Any, on: date) -> None:
    complete_milestone(round_, done_on=on, outcome="", actor=actor, expected_version=round_.version)
    db.session.commit()


def test_brackets_are_read_in_every_language_and_counted_once(setting: dict[str, Any]) -> None:
    article = _article(
        setting["track"],
        setting["lead"],
        "5",
        "Visas are issued [EU: within 10 days] [KZ: within 15 days].",
        texts={"en": "Visas [within 10 days].", "ru": "Визы [в течение 10 дней] \\[sic\\]."},
    )
    # one bracket in each language is one bracket of the text (h17c: the largest count)
    assert article.bracket_count == 1
    assert db.session.scalar(
        select(func.count()).where(
            AuditEvent.action == "provision.created", AuditEvent.object_id == article.id
        )
    )


def test_nested_brackets_are_refused_with_the_place(setting: dict[str, Any]) -> None:
    with pytest.raises(ServiceError) as refused:
        _article(setting["track"], setting["lead"], "1", "Visas [are [issued]].")
    assert refused.value.field == "text_en"
    assert "cannot be nested" in str(refused.value)
    assert "line 1, column 12" in str(refused.value)


@pytest.mark.parametrize("status", ["agreed", "agreed_ad_referendum", "confirmed"])
def test_a_provision_with_brackets_in_any_language_cannot_be_agreed(
    setting: dict[str, Any], status: str
) -> None:
    article = _article(setting["track"], setting["lead"], "5", "Visas are issued.")
    article.texts = {"en": "Visas are issued.", "ru": "Визы [выдаются]."}
    article.bracket_count = 1
    if status == "confirmed":  # confirmed comes only after agreed ad referendum
        article.status = ProvisionStatus.AGREED_AD_REFERENDUM
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        provisions.update_provision(
            article, {"status": status}, actor=setting["lead"], expected_version=article.version
        )
    assert refused.value.field == "status"
    db.session.rollback()
    done = provisions.update_provision(
        article,
        {"status": status, "texts": {"en": "Visas are issued.", "ru": "Визы выдаются."}},
        actor=setting["lead"],
        expected_version=article.version,
    )
    assert done.status is ProvisionStatus(status) and done.bracket_count == 0


def test_two_officers_editing_one_article_the_second_is_refused(setting: dict[str, Any]) -> None:
    article = _article(setting["track"], setting["lead"], "5", "Visas.")
    db.session.commit()
    seen = article.version
    provisions.update_provision(
        article, {"texts": {"en": "Visas [free]."}}, actor=setting["lead"], expected_version=seen
    )
    db.session.commit()
    with pytest.raises(ConflictError):
        provisions.update_provision(
            article, {"number": "6"}, actor=setting["member"], expected_version=seen
        )


def test_the_text_is_frozen_when_the_round_is_completed_and_never_rewritten(
    setting: dict[str, Any],
) -> None:
    track, lead, round_1 = setting["track"], setting["lead"], setting["round_1"]
    article = _article(track, lead, "5", "Visas within [10] days.")
    db.session.commit()
    _complete(round_1, lead, date(2026, 1, 5))
    provisions.update_provision(
        article, {"texts": {"en": "Visas within 15 days."}}, actor=lead, expected_version=1
    )
    reopen_milestone(round_1, actor=lead, expected_version=round_1.version)
    db.session.commit()
    _complete(round_1, lead, date(2026, 1, 6))  # re-dated: the version stays as it was
    [version] = db.session.scalars(select(ProvisionVersion)).all()
    assert version.texts == {"en": "Visas within [10] days."} and version.bracket_count == 1
    [state] = text_rounds.text_at(track, round_1)
    assert state.texts["en"] == "Visas within [10] days."
    [now] = text_rounds.text_at(track, None)
    assert now.texts["en"] == "Visas within 15 days."


def test_comparison_redlines_words_and_says_since_when_open(setting: dict[str, Any]) -> None:
    track, lead = setting["track"], setting["lead"]
    round_1, round_2 = setting["round_1"], setting["round_2"]
    open_one = _article(track, lead, "5", "Visas are issued within [10] days.")
    settled = _article(track, lead, "6", "Fees are EUR 35.")
    db.session.commit()
    _complete(round_1, lead, date(2026, 1, 5))
    provisions.update_provision(
        open_one,
        {"texts": {"en": "Visas are issued within [15] days."}},
        actor=lead,
        expected_version=open_one.version,
    )
    provisions.update_provision(
        settled, {"status": "agreed"}, actor=lead, expected_version=settled.version
    )
    db.session.commit()
    _complete(round_2, lead, date(2026, 1, 9))
    comparison = text_rounds.compare(track, round_1, round_2)
    first, second = comparison.provisions
    assert [(p.change, p.text) for p in first.redlines[0].pieces if p.change != Change.EQUAL] == [
        (Change.DELETED, "10"),
        (Change.INSERTED, "15"),
    ]
    assert first.text_changed and not first.status_changed
    assert second.status_changed and not second.text_changed
    assert [p.current.number for p in comparison.changed] == ["5", "6"]
    assert [p.current.number for p in comparison.still_open] == ["5"]
    assert first.open_since == round_1
    progress = text_rounds.progress_by_round(track)
    assert [(p.agreed, p.open, p.brackets) for _r, p in progress] == [
        (0, 2, 1),
        (1, 1, 1),
        (1, 1, 1),
    ]


def test_positions_are_the_teams_only_and_every_read_is_audited(setting: dict[str, Any]) -> None:
    track, round_1 = setting["track"], setting["round_1"]
    article = _article(track, setting["lead"], "5", "Visas.")
    positions.save_position(
        article,
        round_1,
        {"ours": "10 days", "red_line": "no more than 20", "fallback": "15 days"},
        actor=setting["member"],
        expected_version=0,
    )
    db.session.commit()
    for name in ("outsider", "viewer"):
        with pytest.raises(gate.NotFound):
            positions.positions_at(setting[name], track, round_1)
        with pytest.raises(gate.NotFound):
            positions.save_position(
                article, round_1, {"ours": "x"}, actor=setting[name], expected_version=1
            )
    before = db.session.scalar(select(func.count()).where(AuditEvent.action == "position.read"))
    for name in ("lead", "member", "admin"):
        found = positions.positions_at(setting[name], track, round_1)
        assert found[article.id].fallback == "15 days"
    db.session.commit()
    readers = db.session.scalars(
        select(AuditEvent.actor_id).where(AuditEvent.action == "position.read")
    ).all()
    assert len(readers) == before + 3
    assert {setting[n].id for n in ("lead", "member", "admin")} <= set(readers)


def test_a_second_officer_saving_positions_over_the_first_is_refused(
    setting: dict[str, Any],
) -> None:
    track, round_1 = setting["track"], setting["round_1"]
    article = _article(track, setting["lead"], "5", "Visas.")
    positions.save_position(
        article, round_1, {"ours": "a"}, actor=setting["lead"], expected_version=0
    )
    db.session.commit()
    with pytest.raises(ConflictError):
        positions.save_position(
            article, round_1, {"ours": "b"}, actor=setting["member"], expected_version=0
        )
