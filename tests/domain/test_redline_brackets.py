"""Brackets marked inside a redline (issue 17): the parts of the pieces give the pieces
back, and each part is marked by the brackets of the text it belongs to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain import brackets, redline


def _parts(before: str, after: str) -> list[redline.MarkedPiece]:
    pieces = redline.redline(before, after)
    return redline.marked(pieces, brackets.spans(before), brackets.spans(after))


def test_spans_skip_escaped_brackets_and_footnote_markers() -> None:
    text = "See \\[1\\] and [EU: 10 days][^1] or [free].\n\n[^1]: Note."
    assert [(text[s.start : s.end], s.party) for s in brackets.spans(text)] == [
        ("[EU: 10 days]", "EU"),
        ("[free]", None),
    ]


def test_a_deleted_bracket_is_marked_by_the_earlier_text() -> None:
    parts = _parts("Visas [EU: 10] days.", "Visas 12 days.")
    deleted = [p for p in parts if p.change is redline.Change.DELETED]
    assert deleted and all(p.bracketed and p.party == "EU" for p in deleted)
    kept = [p for p in parts if p.change is not redline.Change.DELETED]
    assert not any(p.bracketed for p in kept)


WORDS = st.lists(st.sampled_from(["visas", "10", "[EU: 12]", "[free]", " ", ".", "days"]))


@given(WORDS, WORDS)
def test_the_parts_read_as_the_redline(before: list[str], after: list[str]) -> None:
    a, b = " ".join(before), " ".join(after)
    parts = _parts(a, b)
    kept = "".join(p.text for p in parts if p.change is not redline.Change.DELETED)
    earlier = "".join(p.text for p in parts if p.change is not redline.Change.INSERTED)
    assert (earlier, kept) == (a, b)
    later_marked = "".join(
        p.text for p in parts if p.change is not redline.Change.DELETED and p.bracketed
    )
    assert later_marked == "".join(b[s.start : s.end] for s in brackets.spans(b))
