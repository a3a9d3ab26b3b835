"""The track page's Activity panel says each change as the pages say things (issue 17,
found by a fresh check): a text change per language, shown as the pages show texts
(escaped brackets without backslashes), never a Python dict; the provision's order as its
place in the text, not "position"; field names and values (sides, statuses) in the
reader's language; no row for a field whose value did not change; no raw list or dict
for any record kind; never a position."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.milestones import complete_milestone
from tracker.services.tracks import update_track

SECRET = "OUR-POSITION-QZX"


def _activity(page: str) -> str:
    start = page.index('id="activity-title"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def track(make: Any) -> dict[str, Any]:
    eu = make.party("European Union", short_name="EU", name_kk="Еуропалық Одақ")
    kz = make.party("Republic of Kazakhstan", short_name="KZ", name_kk="Қазақстан Республикасы")
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation", our_side="EU")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    first = provisions.create_provision(
        track, {"number": "1", "texts": {"en": "Scope."}}, actor=lead
    )
    article = provisions.create_provision(
        track,
        {
            "number": "3",
            "texts": {"en": "Visas within ten days. Literal \\[sic\\].", "ru": "Визы выдаются."},
        },
        actor=lead,
    )
    db.session.commit()
    positions.save_position(
        article,
        round_1,
        {"ours": SECRET, "theirs": "", "notes": ""},
        actor=lead,
        expected_version=0,
    )
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    db.session.commit()
    provisions.update_provision(
        article,
        {"texts": {"en": "Visas within fifteen days. Literal \\[sic\\].", "ru": "Визы выдаются."}},
        actor=lead,
        expected_version=article.version,
    )
    provisions.reorder_provisions(
        track,
        {"provisions": [{"provision_id": article.id}, {"provision_id": first.id}]},
        actor=lead,
    )
    provisions.update_provision(
        article,
        {"status": "agreed_ad_referendum"},
        actor=lead,
        expected_version=article.version,
    )
    provisions.update_provision(
        article, {"status": "confirmed"}, actor=lead, expected_version=article.version
    )
    update_track(
        track,
        {"our_side": "KZ"},
        counterpart_ids=[eu.id, kz.id],  # our side is one of them (h17c)
        actor=lead,
        expected_version=track.version,
    )
    db.session.commit()
    return {"lead": lead, "track": track, "kz": kz}


def test_a_text_change_is_said_per_language_as_pages_show_texts(client: Any, track: dict) -> None:
    client.login(track["lead"])
    panel = _activity(client.get(f"/tracks/{track['track'].id}").get_data(as_text=True))
    assert "{&#39;" not in panel and "{'" not in panel
    assert "\\" not in panel
    assert "English text" in panel
    assert "fifteen" in panel and "Literal [sic]" in panel
    # the Russian text did not change: its only row is the provision's creation
    assert panel.count("Russian text") == 1


def test_the_order_is_the_place_in_the_text_and_no_change_gives_no_row(
    client: Any, track: dict
) -> None:
    client.login(track["lead"])
    panel = _activity(client.get(f"/tracks/{track['track'].id}").get_data(as_text=True))
    assert "Place in the text" in panel
    assert ">position<" not in panel.lower() and "Position" not in panel
    same = re.findall(r"<del>(.*?)</del> → <ins>(.*?)</ins>", panel, re.S)
    assert same and all(before != after for before, after in same), same
    assert SECRET not in panel


def test_fields_and_values_are_in_the_readers_language(make: Any, client: Any, track: dict) -> None:
    reader = make.user(role="viewer", language="kk")
    client.login(reader)
    panel = _activity(client.get(f"/tracks/{track['track'].id}").get_data(as_text=True))
    assert "our side" not in panel.lower()
    assert "Қазақстан Республикасы" in panel and "Еуропалық Одақ" in panel
    assert "Agreed" not in panel and "Open" not in panel
    # no raw list or dict of any record kind (the track's creation, its counterparts)
    assert not re.search(r"[\[{]&#39;|[\[{]'|\[\d", panel), panel
    assert SECRET not in panel


def test_a_long_text_change_is_an_excerpt_around_it_in_the_audit_log_too(
    make: Any, client: Any, track: dict
) -> None:
    article = provisions.provisions_of(track["track"])[0]
    filler = " ".join(f"word{n}" for n in range(200))
    for middle in ("KEPT", "CHANGED"):
        provisions.update_provision(
            article,
            {"texts": {**article.texts, "en": f"{filler} \\[sic\\] {middle} {filler}"}},
            actor=track["lead"],
            expected_version=article.version,
        )
        db.session.commit()
    client.login(make.user(role="admin"))
    log = client.get("/audit").get_data(as_text=True)
    assert "{&#39;" not in log and "{'" not in log and "\\[" not in log
    # an excerpt around the change, "…" where the unchanged text is left out
    assert re.search(r"<del>…word198 word199 \[sic\] KEPT word0 word1 [^<]*…</del>", log)
    assert re.search(r"<ins>…word198 word199 \[sic\] CHANGED word0 word1 [^<]*…</ins>", log)
    assert "word100" not in log
