"""Two officers recording acts of one Party at the same moment: the row's version moves on
with each act, so the second save meets a stale row. It answered 500 (StaleDataError) on
the web form and in an import of acts (found by the adversarial check); it is a conflict,
which the form answers with the typed act kept and the import by working the file out again."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from tracker.models import PartyAction
from tracker.orm import db
from tracker.services.errors import ConflictError
from tracker.services.party_actions import record_action


def test_an_act_recorded_on_a_row_another_save_moved_on_is_a_conflict(make, officer) -> None:
    agreement = make.agreement(title="Test agreement", parties=[make.party("Union")])
    row = agreement.ratifications[0]
    db.session.commit()
    assert row.version is not None  # loaded in this session
    with db.engine.connect() as other:  # another officer's save of the same row, meanwhile
        other.execute(
            text("UPDATE ratifications SET version = version + 1 WHERE id = :id"), {"id": row.id}
        )
        other.commit()
    fields = {"kind": "declaration", "on": date(2020, 1, 15)}
    with pytest.raises(ConflictError):
        record_action(row, fields, actor=officer)
    db.session.rollback()
    assert db.session.query(PartyAction).count() == 0
