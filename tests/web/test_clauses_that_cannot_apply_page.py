"""The agreement page says why a final clause gives no date (h16m #2): an entry into force
clause waiting for more instruments than the agreement has Parties is flagged in the
consistency panel (not refused: a convention's Parties are recorded as they join), and a
notice of non-renewal without an initial term says "no initial term recorded"."""

from __future__ import annotations

import html

import time_machine

from tracker.models import AgreementKind

FIFTH = {
    "purpose": "entry_into_force",
    "mode": "after",
    "anchor": "nth_instrument",
    "offset": "30",
    "unit": "days",
    "nth": "5",
    "note": "Art. 30",
}
NOTICE = {
    "purpose": "notice_of_non_renewal",
    "mode": "before",
    "anchor": "end_of_term",
    "offset": "6",
    "unit": "months",
    "note": "Art. 31",
}


def _section(page: str, name: str) -> str:
    return html.unescape(page).split(f'id="{name}"')[1].split("</section>")[0]


@time_machine.travel("2026-01-15 10:00", tick=False)
def test_the_page_says_why_a_clause_gives_no_date(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
    )
    client.login(officer)
    for rule in (FIFTH, NOTICE):
        saved = client.submit(f"/agreements/{agreement.id}/clocks/new", rule)
        assert saved.status_code == 302, saved.text  # saved: Parties may still be added
    page = client.get(f"/agreements/{agreement.id}").text
    clocks = _section(page, "clocks")
    assert "instruments still missing" not in clocks
    assert "only 2 Parties are recorded" in clocks
    assert "cannot be computed: no initial term recorded" in clocks
    consistency = _section(page, "consistency")
    assert "waits for the deposit of the fifth instrument, but only 2 Parties" in consistency
