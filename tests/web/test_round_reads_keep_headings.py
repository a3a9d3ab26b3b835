"""h19g1 #4 (issue 17 leftover): a read of one provision's positions keeps the provision's
heading of its time in its audit row (h17e #1), but the reads of a whole round
(positions_at: the brief, the comparative table after a round) and of the text as it
stands (positions_now) kept only the positions' ids: after a renumbering, nothing said
which provisions ("Article 2", now Article 3) were read. They keep each provision's
heading of the time too, beside its position's id, and the audit log shows no internal
key for them."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from tests.web.test_h17e_position_rows import _renumber, text  # noqa: F401  (the fixture)
from tracker.models import AuditEvent
from tracker.orm import db
from tracker.services import positions

ARTICLE_1 = {"kind": "article", "number": "1", "title": "Scope"}
ARTICLE_2 = {"kind": "article", "number": "2", "title": ""}


def _save(text: dict, provision: str, round_: str) -> None:  # noqa: F811
    positions.save_position(
        text[provision],
        text[round_],
        {"ours": f"Ours on {provision}"},
        actor=text["lead"],
        expected_version=0,
    )


def _last_read() -> AuditEvent:
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "position.read")
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).one()


def test_a_rounds_read_keeps_the_headings_of_its_time(client: Any, admin: Any, text: dict) -> None:  # noqa: F811
    _save(text, "first", "round_1")
    _save(text, "second", "round_2")
    db.session.commit()
    lead = text["lead"]
    at = positions.positions_at(lead, text["track"], text["round_2"])
    read = _last_read()
    by_provision = {p.provision_id: p.id for p in at.values()}
    assert read.after["ids"] == sorted(by_provision.values())
    # each position read with its provision's heading then, in the order of the ids
    assert read.after["headings"] == [
        ARTICLE_1 if by_provision[text["first"].id] == i else ARTICLE_2 for i in read.after["ids"]
    ]
    positions.positions_now(lead, text["track"])
    assert _last_read().after["headings"] == read.after["headings"]
    db.session.commit()
    _renumber(text)
    positions.positions_now(lead, text["track"])
    renumbered = _last_read().after["headings"]
    assert {h["number"] for h in renumbered} == {"1", "3"}  # read after: as it is now
    db.session.commit()
    client.login(admin)
    log = client.get("/audit").get_data(as_text=True)
    assert "headings" not in re.sub(r"<[^>]+>", " ", log)
