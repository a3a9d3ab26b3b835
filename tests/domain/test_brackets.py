"""Bracketed text (tracker.domain.brackets) and the word-level redline (tracker.domain.redline)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.brackets import BracketError, Segment, by_party, count, parse, render
from tracker.domain.redline import Change, Piece, redline


def test_attributed_plain_and_escaped_brackets() -> None:
    text = "Visas are issued [EU: within 10 days] [KZ:within 15 days] of [a complete] \\[sic\\]."
    assert parse(text) == [
        Segment("Visas are issued "),
        Segment("within 10 days", bracketed=True, party="EU"),
        Segment(" "),
        Segment("within 15 days", bracketed=True, party="KZ"),
        Segment(" of "),
        Segment("a complete", bracketed=True),
        Segment(" [sic]."),
    ]
    assert count(text) == 3
    assert by_party(text) == {"EU": 1, "KZ": 1, None: 1}


def test_cyrillic_short_names_attribute_and_a_note_does_not() -> None:
    assert parse("[ЕС: в течение 10 дней]") == [
        Segment("в течение 10 дней", bracketed=True, party="ЕС")
    ]
    assert parse("[ҚР: 15 күн]")[0].party == "ҚР"
    assert parse("[Note: to be checked]") == [Segment("Note: to be checked", bracketed=True)]


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("Article [EU: visas [within] 10 days]", 19, "cannot be nested"),
        ("Article 5] applies", 9, "never opened"),
        ("Article [5 applies\nto all", 8, "never closed"),
    ],
)
def test_unreadable_brackets_are_refused_with_their_place(
    text: str, offset: int, words: str
) -> None:
    with pytest.raises(BracketError, match=words) as refused:
        parse(text)
    assert refused.value.offset == offset
    assert refused.value.message.params["line"] == 1


def test_the_place_of_a_refusal_counts_lines() -> None:
    with pytest.raises(BracketError) as refused:
        parse("Article 1\n\nParagraph [a [b]]")
    assert refused.value.message.params == {"line": 3, "column": 14}


PLAIN = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
SEGMENTS = st.lists(
    st.one_of(
        st.builds(Segment, PLAIN),
        st.builds(Segment, PLAIN, st.just(True), st.sampled_from(["EU", "KZ", "ЕС"])),
        st.builds(Segment, PLAIN.filter(lambda t: ":" not in t), st.just(True)),
    ),
    max_size=6,
)


def normalised(segments: list[Segment]) -> list[Segment]:
    """Adjacent agreed runs are one run; attributed text starts with no space."""
    out: list[Segment] = []
    for s in segments:
        if s.party:
            s = Segment(s.text.lstrip(), True, s.party)
        if out and not s.bracketed and not out[-1].bracketed:
            out[-1] = Segment(out[-1].text + s.text)
        else:
            out.append(s)
    return out


@given(SEGMENTS)
def test_render_and_parse_round_trip(segments: list[Segment]) -> None:
    assert parse(render(segments)) == normalised(segments)


def test_the_redline_marks_only_the_changed_words() -> None:
    before = "Visas are issued within 10 days of a complete application."
    after = "Visas are issued within 15 calendar days of a complete application."
    pieces = redline(before, after)
    assert [p for p in pieces if p.change is not Change.EQUAL] == [
        Piece(Change.DELETED, "10"),
        Piece(Change.INSERTED, "15 calendar"),
    ]


@given(st.text(max_size=80), st.text(max_size=80))
def test_the_redline_rebuilds_both_texts(before: str, after: str) -> None:
    pieces = redline(before, after)
    assert "".join(p.text for p in pieces if p.change is not Change.INSERTED) == before
    assert "".join(p.text for p in pieces if p.change is not Change.DELETED) == after


def test_a_backslash_before_a_bracket_round_trips() -> None:
    segments = [Segment("a folder C:\\"), Segment("x", bracketed=True, party="EU")]
    assert parse(render(segments)) == segments
    assert parse("C:\\path [EU: x]")[0] == Segment("C:\\path ")


def test_only_the_tracks_parties_attribute_a_bracket() -> None:
    """Given the track's parties' short names, only they attribute, in any case
    ("[eu: ...]" is the EU's: tests/domain/test_bracket_attribution.py): "[USD: 100]" is a
    plain bracket whose text is "USD: 100"."""
    parties = {"KZ", "EU", "EU MS", "Kaz"}
    text = "Fee [USD: 100] [EU: 35] [eu: 40] [EU MS: 50] [Kaz: 60] [KZ:70]"
    assert [(s.text, s.party) for s in parse(text, parties) if s.bracketed] == [
        ("USD: 100", None),
        ("35", "EU"),
        ("40", "EU"),
        ("50", "EU MS"),
        ("60", "Kaz"),
        ("70", "KZ"),
    ]
    assert by_party(text, parties) == {None: 1, "EU": 2, "EU MS": 1, "Kaz": 1, "KZ": 1}
    assert count(text) == 6
    assert parse(render(parse(text, parties)), parties) == parse(text, parties)
    assert parse("[USD: 100]", set()) == [Segment("USD: 100", bracketed=True)]
