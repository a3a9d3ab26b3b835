"""Issue 16 (found by a fresh check, #4): the Kazakh relation labels read the wrong way
round (on LEAP's page «Хаттама: CTM», LEAP being a protocol TO CTM, read as if CTM were
the protocol; «Негіздемелік келісім: TBA» likewise), and the agreements' CSV had a double
colon in ru and kk («Вносит изменения в:: LEAP»). Each direction now has a label that
reads right, the colon is the page's and the CSV's (once), in the three languages."""

from __future__ import annotations

import html

import pytest

from tests.web.test_spreadsheets import rows_of
from tracker.models import TreatyRelation
from tracker.orm import db

#: language -> (LEAP's label for CTM, CTM's label for LEAP, TBA's label for LEAP,
#: LEAP's label for TBA)
LABELS = {
    "en": ("Protocol to", "Has the protocol", "Framework for", "Under the framework of"),
    "ru": (
        "Является протоколом к",
        "Протокол к данному договору",
        "Является рамочным для",
        "В рамках",
    ),
    "kk": (
        "Негізгі шарт",
        "Осы шартқа хаттама",
        "Осы келісім шеңберіндегі шарт",
        "Негіздемелік келісім",
    ),
}


def _relations(page: str) -> str:
    return html.unescape(page.split('id="relations"')[1].split("</ul>")[0])


@pytest.mark.parametrize("code", sorted(LABELS))
def test_each_side_reads_its_relation_right_on_the_page_and_in_the_csv(
    client, officer, make, code
) -> None:
    ctm = make.agreement(title="Common transit measures", short_title="CTM")
    leap = make.agreement(title="Local employment access protocol", short_title="LEAP")
    tba = make.agreement(title="Trade and business agreement", short_title="TBA")
    db.session.add_all(
        [
            TreatyRelation(from_agreement=leap, to_agreement=ctm, kind="protocol_to"),
            TreatyRelation(from_agreement=tba, to_agreement=leap, kind="framework_for"),
        ]
    )
    officer.language = code
    db.session.commit()
    client.login(officer)
    protocol_to, has_protocol, framework_for, under = LABELS[code]
    on_leap = _relations(client.get(f"/agreements/{leap.id}").get_data(as_text=True))
    assert f"{protocol_to}:" in on_leap and f"{under}:" in on_leap
    on_ctm = _relations(client.get(f"/agreements/{ctm.id}").get_data(as_text=True))
    assert f"{has_protocol}:" in on_ctm
    on_tba = _relations(client.get(f"/agreements/{tba.id}").get_data(as_text=True))
    assert f"{framework_for}:" in on_tba
    assert "::" not in on_leap + on_ctm + on_tba
    rows = {r["short_title"]: r for r in rows_of(client.get("/agreements/export.csv"))}
    assert rows["CTM"]["relations"] == f"{has_protocol}: LEAP"
    assert rows["TBA"]["relations"] == f"{framework_for}: LEAP"
    assert sorted(rows["LEAP"]["relations"].split("; ")) == sorted(
        [f"{protocol_to}: CTM", f"{under}: TBA"]
    )
