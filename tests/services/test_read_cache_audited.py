"""What an audited read works out is not kept (tracker.services.read_cache): the audit row
is written at each read, so a kept value would skip it on every read after the first. The
audit table is among the writes that change no page (a read writing its row drops no one
else's entries), so this is told apart from them."""

from __future__ import annotations

from flask import Flask

from tracker.orm import db
from tracker.services import read_cache
from tracker.services.records import record_audit


def test_a_value_worked_out_with_an_audit_row_is_worked_out_again(app: Flask, officer) -> None:
    app.extensions["read_cache"].seconds = 30  # kept, whatever the test settings
    worked: list[int] = []

    def audited() -> int:
        record_audit(officer, "restricted.read", officer, "read for the test")
        db.session.flush()  # the row is written in the open transaction, not yet committed
        worked.append(1)
        return len(worked)

    def plain() -> int:
        worked.append(1)
        return len(worked)

    assert read_cache.remember(("audited",), audited) == 1
    assert read_cache.remember(("audited",), audited) == 2  # not kept: audited again
    db.session.commit()
    worked.clear()
    assert read_cache.remember(("plain",), plain) == 1
    assert read_cache.remember(("plain",), plain) == 1  # kept
