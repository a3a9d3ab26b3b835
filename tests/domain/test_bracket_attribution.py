"""Brackets attributed to a side however the officer writes its name (issue 17 #2, found
by a fresh check): by its short name or name in English, Russian or Kazakh, in any case;
"[US: ...]", naming a Party that is not on the track, is plain and warned about; the
attribution keeps the officer's spacing; an empty bracket is a blank to be filled."""

from __future__ import annotations

import pytest

from tracker.domain import brackets
from tracker.domain.provisions import ProvisionStatus, check_status
from tracker.domain.refusals import ServiceError
from tracker.domain.sides import Sides


def _sides() -> Sides:
    """A track between Kazakhstan (our side, "KZ") and the European Union ("EU")."""
    return Sides("KZ", ("EU",), aliases=(("European Union", "EU"),))


TEXT = (
    "[ЕС: a] [РК: b] [eu: c] [Kazakhstan: d] [US: e] [ EU : f] [ҚР: g] "
    "[Еуропалық Одақ: h] [USD: 100] [Note: i] []"
)


def test_a_side_is_recognised_by_its_names_in_three_languages_in_any_case() -> None:
    segments = [s for s in brackets.parse(TEXT, _sides().names) if s.bracketed]
    assert [(s.party, s.text) for s in segments] == [
        ("EU", "a"),
        ("KZ", "b"),
        ("EU", "c"),
        ("KZ", "d"),
        (None, "e"),
        ("EU", "f"),
        ("KZ", "g"),
        ("EU", "h"),
        (None, "USD: 100"),
        (None, "Note: i"),
        (None, ""),
    ]
    assert [_sides().of(s.party) for s in segments[:4]] == ["theirs", "ours", "theirs", "ours"]


def test_a_party_not_on_the_track_is_plain_and_named_as_a_stranger() -> None:
    [us] = [s for s in brackets.parse("Visas [US: free].", _sides().names) if s.bracketed]
    assert (us.party, us.stranger, us.text) == (None, "US", "free")
    assert brackets.strangers(TEXT, _sides().names) == ["US"]
    # a Party of the register, not on the track, is a stranger too; "USD" is no Party
    assert brackets.strangers("[Japan: x] [USD: 1]", _sides().names, others={"japan"}) == ["Japan"]
    assert brackets.by_party(TEXT, _sides().names) == {"EU": 4, "KZ": 3, None: 4}


def test_the_attribution_keeps_the_officers_spacing() -> None:
    [segment] = [s for s in brackets.parse("x [ EU : f] y", _sides().names) if s.bracketed]
    assert segment.attribution == " EU : "
    assert brackets.render(brackets.parse(TEXT, _sides().names)) == TEXT


def test_an_empty_bracket_is_a_blank_still_to_be_agreed() -> None:
    """ "within [] days": a placeholder for a figure not yet agreed. It is an open bracket
    like any other: counted, shown, and the provision cannot be agreed while it stands."""
    assert brackets.count("Visas within [] days.") == 1
    assert [s for s in brackets.parse("within [] days") if s.bracketed] == [
        brackets.Segment("", bracketed=True)
    ]
    with pytest.raises(ServiceError):
        check_status(ProvisionStatus.AGREED, {"en": "Visas within [] days."})


def test_an_unknown_short_name_or_a_misspelt_side_is_a_stranger() -> None:
    """ "[FR: ...]" (a short name in capitals) and "[Evropean Union: ...]" (a typo of the
    EU's name) name nobody on the track: plain, and warned about. "[USD: 100]" (a currency)
    and "[Note: ...]" stay plain without a warning."""
    text = "[FR: foo] [Evropean Union: bar] [USD: 100] [Note: i] [KZT: 5] [EU: ok]"
    segments = [s for s in brackets.parse(text, _sides().names) if s.bracketed]
    assert [(s.party, s.stranger) for s in segments] == [
        (None, "FR"),
        (None, "Evropean Union"),
        (None, None),
        (None, None),
        (None, None),
        ("EU", None),
    ]
    assert brackets.strangers(text, _sides().names) == ["FR", "Evropean Union"]
    # a typo of a counterpart's own name, not on KNOWN_NAMES, is caught too
    sides = Sides("KZ", ("ASEAN",), aliases=(("Association of Southeast Asian Nations", "ASEAN"),))
    assert brackets.strangers("[Asociation of Southeast Asian Nations: x]", sides.names) == [
        "Asociation of Southeast Asian Nations"
    ]
