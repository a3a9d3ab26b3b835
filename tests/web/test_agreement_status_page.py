"""Issue 15 item 5: an agreement's page like a treaty office's status page: a chronology
(signature, provisional application, entry into force, each party's acts, anniversaries
past and next with jubilees marked) that the dashboard's anniversary lines link to; the
ratification table and the areas read as text, with an edit mode for officers."""

from __future__ import annotations

import re
from datetime import date

from tracker.models import AgreementArea, PartyAction
from tracker.orm import db


def _epca(make):
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    epca = make.agreement(
        parties=[eu, kz],
        title="Enhanced Partnership and Cooperation Agreement",
        short_title="EPCA",
        status="in_force",
        signed_on=date(2015, 12, 21),
        signed_at="Astana",
        provisionally_applied_on=date(2016, 5, 1),
        in_force_on=date(2020, 3, 1),
    )
    eu_row, kz_row = epca.ratifications
    kz_row.actions.append(PartyAction(kind="ratification", on=date(2017, 3, 1)))
    eu_row.actions.append(PartyAction(kind="notification_of_completion", on=date(2019, 12, 20)))
    eu_row.actions.append(PartyAction(kind="ratification", on=None))  # undated: not listed
    epca.areas = [AgreementArea(name="Energy"), AgreementArea(name="Customs")]
    db.session.commit()
    return epca


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</section>", start)]


def test_the_chronology_lists_the_treatys_life_in_order_with_jubilees(client, viewer, make) -> None:
    epca = _epca(make)
    client.login(viewer)
    chronology = _section(client.get(f"/agreements/{epca.id}").text, "chronology")
    expected = [
        "21 Dec 2015",
        "Signature",
        "1 May 2016",
        "Provisional application",
        "1 Mar 2017",
        "Kazakhstan",
        "20 Dec 2019",
        "European Union",
        "1 Mar 2020",
        "Entry into force",
        "21 Dec 2020",  # the 5th anniversary of the signature: a jubilee
        "21 Dec 2025",  # the 10th
        "1 Mar 2026",  # next: the 6th anniversary of entry into force
        "21 Dec 2026",  # next: the 11th anniversary of the signature
    ]
    positions = [chronology.index(text) for text in expected]
    assert positions == sorted(positions), chronology
    assert chronology.count("badge-jubilee") == 3  # 5th and 10th of signature, 5th of EIF
    assert "10th anniversary of the signature of the EPCA" in chronology
    assert "6th anniversary of the entry into force of the EPCA" in chronology
    assert "21 Dec 2016" not in chronology  # past anniversaries other than jubilees are not
    assert chronology.count("European Union") == 1  # its undated act is not in the chronology


def test_the_dashboards_anniversary_lines_link_to_the_chronology(client, viewer, make) -> None:
    epca = _epca(make)
    client.login(viewer)
    dashboard = client.get("/").text
    assert f'href="/agreements/{epca.id}#chronology"' in dashboard


def test_ratifications_and_areas_read_as_text_until_an_officer_edits_them(
    client, officer, make
) -> None:
    epca = _epca(make)
    client.login(officer)
    url = f"/agreements/{epca.id}"
    page = client.get(url).text
    parties, areas = _section(page, "parties"), _section(page, "areas")
    # the Parties' table holds no field (the filter above it is a search form)
    table = parties.split("<table", 1)[1]
    assert "<input" not in table and "<select" not in areas and "<input" not in areas
    assert "20 Dec 2019" in parties and "Energy" in areas
    assert re.search(rf'href="{url}\?edit=parties#parties"', parties)
    assert re.search(rf'href="{url}\?edit=areas#areas"', areas)

    editing = client.get(f"{url}?edit=parties").text
    assert 'type="date"' in _section(editing, "parties")
    assert "<select" not in _section(editing, "areas")
    assert f'href="{url}#parties"' in _section(editing, "parties")  # "Done editing"
    editing = client.get(f"{url}?edit=areas").text
    assert "<select" in _section(editing, "areas") or "<input" in _section(editing, "areas")
    assert 'type="date"' not in _section(editing, "parties")
