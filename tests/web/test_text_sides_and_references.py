"""Our side and cross-references in the negotiating text (issue 17, "Decisions").

Our side is the installation's setting (TRACKER_OUR_SIDE), overridable per track: it names
"our position" and "their position", the comparative table's columns, and which brackets
are our proposals. Cross-references ("as referred to in Article 5", «статьёй 5»,
«5-бабында») are links to the provision, tied to its key, and flagged on the provision and
in the comparison when renumbering leaves the text naming another number."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from tests.web.page_forms import edit_form
from tracker.domain.provisions import ProvisionKind
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services.milestones import complete_milestone
from tracker.services.tracks import update_track


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    eu = make.party(name="European Union", short_name="EU")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [eu]
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    five = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Visas within [KZ: 15] [EU: 10] days."}}, actor=lead
    )
    seven = provisions.create_provision(
        track,
        {
            "number": "7",
            "texts": {
                "en": "Fees as referred to in Article 5 apply.",
                "ru": "Сборы, предусмотренные статьёй 5, применяются.",
                "kk": "Осы Келісімнің 5-бабында көзделген алымдар қолданылады.",
            },
        },
        actor=lead,
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    db.session.commit()
    return {"lead": lead, "track": track, "five": five, "seven": seven, "round_1": round_1}


def test_references_are_found_in_three_languages() -> None:
    from tracker.domain import crossrefs

    found = [
        (r.kind, r.number)
        for text in (
            "as referred to in Article 5 and Annex II",
            "предусмотренных статьёй 5 и пунктом 2.1",
            "Келісімнің 5-бабында және 12-бапта",
        )
        for r in crossrefs.find(text)
    ]
    assert found == [
        (ProvisionKind.ARTICLE, "5"),
        (ProvisionKind.ANNEX, "II"),
        (ProvisionKind.ARTICLE, "5"),
        (ProvisionKind.PARAGRAPH, "2.1"),
        (ProvisionKind.ARTICLE, "5"),
        (ProvisionKind.ARTICLE, "12"),
    ]
    assert [r.number for r in crossrefs.find("в силу положений статей 5")] == ["5"]
    # A reference tied before stays with its provision; a new one goes to the number now.
    tied = crossrefs.tie(["Article 5, Article 6"], {"article 5": "a"}, {"article 6": "b"}, "own")
    assert tied == {"article 5": "a", "article 6": "b"}


def test_our_side_names_positions_brackets_and_the_table(
    app: Any, client: Any, make: Any, text: dict, monkeypatch: Any
) -> None:
    monkeypatch.setitem(app.config, "OUR_SIDE", "KZ")
    track, five = text["track"], text["five"]
    client.login(text["lead"])
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    ours = '<mark class="bracket bracket-ours" title="Bracketed text: proposed by our side (KZ)">'
    assert ours in page
    assert '<mark class="bracket bracket-theirs"' in page and "the other side (EU)" in page
    positions = client.get(f"/tracks/{track.id}/text/{five.id}/positions").get_data(as_text=True)
    assert "Our position (KZ)" in positions and "Their position (EU)" in positions
    form = client.get(f"/tracks/{track.id}/text/{five.id}/edit").get_data(as_text=True)
    assert "[KZ: ...] for our side&#39;s proposal" in form
    table = docx.Document(io.BytesIO(client.get(f"/tracks/{track.id}/text/table.docx").data))
    assert [c.text for c in table.tables[0].rows[0].cells] == [
        "Provision",
        "Our text (KZ)",
        "Their text (EU)",
        "Comments",
    ]
    # The track's own setting overrides the installation's (KZ a counterpart then: only
    # the track's parties attribute a bracket; our side is one of them, h17c).
    kz = make.party(name="Kazakhstan", short_name="KZ")
    update_track(
        track,
        {"our_side": "EU"},
        counterpart_ids=[kz.id, *(p.id for p in track.counterparts)],
        actor=text["lead"],
        expected_version=track.version,
    )
    db.session.commit()
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert "proposed by our side (EU)" in page and "the other side (KZ)" in page


def test_our_side_on_the_track_form_is_a_short_name(client: Any, text: dict) -> None:
    track = text["track"]
    client.login(text["lead"])
    page = client.get(f"/tracks/{track.id}/edit").get_data(as_text=True)
    assert 'name="our_side"' in page
    form = edit_form(page)
    response = client.submit(f"/tracks/{track.id}/edit", {**form, "our_side": "our side!"})
    assert response.status_code == 422
    assert "short name in capitals" in response.get_data(as_text=True)
    db.session.refresh(track)
    assert track.our_side == ""


def test_references_link_and_are_flagged_when_renumbered(client: Any, text: dict) -> None:
    track, five, seven, lead = text["track"], text["five"], text["seven"], text["lead"]
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    link = f'<a class="xref" href="/tracks/{track.id}/text#p{five.id}">'
    assert f"{link}Article 5</a>" in page
    assert f"{link}статьёй 5</a>" in page and f"{link}5-бабында</a>" in page
    assert "renumbering" not in page
    # A new Article 5 goes before; the old one becomes Article 6: the reference is flagged.
    provisions.update_provision(five, {"number": "6"}, actor=lead, expected_version=five.version)
    provisions.create_provision(track, {"number": "5", "texts": {"en": "New."}}, actor=lead)
    db.session.commit()
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert f"{link}Article 5</a>" in page  # still the provision it named
    assert "Cross-references to check after renumbering:" in page and "now 6" in page
    compare = client.get(f"/tracks/{track.id}/text/compare?from={text['round_1'].id}").get_data(
        as_text=True
    )
    assert "Cross-references to check after renumbering:" in compare
    # Saving the text with the new number clears the warning, and keeps the link.
    provisions.update_provision(
        seven,
        {"texts": {"en": "Fees as referred to in Article 6 apply."}},
        actor=lead,
        expected_version=seven.version,
    )
    db.session.commit()
    assert seven.cross_references == {"article 6": five.key}
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert f"{link}Article 6</a>" in page
    assert "Article 5: now 6" not in page


def test_a_reference_written_before_its_target_is_still_flagged(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    early = provisions.create_provision(
        track, {"number": "1", "texts": {"en": "As referred to in Article 2."}}, actor=lead
    )
    target = provisions.create_provision(
        track, {"number": "2", "texts": {"en": "Target."}}, actor=lead
    )
    db.session.commit()
    assert early.cross_references == {}  # nothing to tie to when it was written
    provisions.update_provision(target, {"number": "3"}, actor=lead, expected_version=1)
    db.session.commit()
    assert early.cross_references == {"article 2": target.key}
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert "Cross-references to check after renumbering:" in page and "now 3" in page


def test_each_article_of_a_list_links_and_another_treaty_does_not(client: Any, text: dict) -> None:
    track, five, seven, lead = text["track"], text["five"], text["seven"], text["lead"]
    provisions.create_provision(
        track,
        {
            "number": "8",
            "texts": {
                "en": "Articles 5 and 7 apply, Article 5 of the Vienna Convention aside.",
                "ru": "Статьи 5 и 7 применяются.",
            },
        },
        actor=lead,
    )
    db.session.commit()
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    to_five = f'<a class="xref" href="/tracks/{track.id}/text#p{five.id}">'
    to_seven = f'<a class="xref" href="/tracks/{track.id}/text#p{seven.id}">'
    assert f"{to_five}Articles 5</a> and {to_seven}7</a> apply" in page
    assert f"{to_five}Статьи 5</a> и {to_seven}7</a>" in page
    assert "Article 5</a> of the Vienna Convention" not in page


def test_a_past_round_resolves_references_as_they_were(client: Any, text: dict) -> None:
    """Round 1 froze Article 7 citing Article 5 (`five`). Since then `five` became Article
    6, a new Article 5 came, and Article 7 was rewritten to cite the new one: round 1's text
    still links to what Article 5 was then, unflagged; the text now links to the new one."""
    track, five, seven, lead = text["track"], text["five"], text["seven"], text["lead"]
    provisions.update_provision(five, {"number": "6"}, actor=lead, expected_version=five.version)
    new_five = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "New."}}, actor=lead
    )
    for words in ("Fees apply.", "Fees as referred to in Article 5 apply."):
        provisions.update_provision(
            seven, {"texts": {"en": words}}, actor=lead, expected_version=seven.version
        )
    db.session.commit()
    assert seven.cross_references == {"article 5": new_five.key}
    client.login(lead)
    then = client.get(f"/tracks/{track.id}/text?round={text['round_1'].id}").get_data(as_text=True)
    assert f'<a class="xref" href="/tracks/{track.id}/text#p{five.id}">Article 5</a>' in then
    assert f'<a class="xref" href="/tracks/{track.id}/text#p{five.id}">статьёй 5</a>' in then
    assert "Cross-references to check after renumbering:" not in then
    now = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert f'<a class="xref" href="/tracks/{track.id}/text#p{new_five.id}">Article 5</a>' in now


def test_a_bracket_is_attributed_only_to_a_party_of_the_track(
    app: Any, client: Any, text: dict, monkeypatch: Any
) -> None:
    monkeypatch.setitem(app.config, "OUR_SIDE", "KZ")
    track, lead = text["track"], text["lead"]
    provisions.create_provision(
        track, {"number": "9", "texts": {"en": "A fee of [USD: 100] or [EU: 35]."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert '<mark class="bracket" title="Bracketed text: open">[USD: 100]</mark>' in page
    assert "<strong>USD:</strong>" not in page and "proposed by USD" not in page
    assert "<strong>EU:</strong> 35" in page


def test_a_list_of_articles_follows_each_article_when_renumbered(client: Any, text: dict) -> None:
    """ "Articles 5 and 7": each is tied to its provision; renumbering Article 7 to 8
    flags that reference alone, and its link still goes to the same provision."""
    track, five, seven, lead = text["track"], text["five"], text["seven"], text["lead"]
    citing = provisions.create_provision(
        track, {"number": "9", "texts": {"en": "Articles 5 and 7 apply."}}, actor=lead
    )
    db.session.commit()
    assert citing.cross_references == {"article 5": five.key, "article 7": seven.key}
    provisions.update_provision(seven, {"number": "8"}, actor=lead, expected_version=seven.version)
    db.session.commit()
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert f'<a class="xref" href="/tracks/{track.id}/text#p{seven.id}">7</a>' in page
    assert "Cross-references to check after renumbering:" in page and "now 8" in page
    assert "Article 5: now" not in page
