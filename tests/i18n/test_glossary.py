"""Treaty terms that must not be mistranslated: known wrong pairs, refused in the
catalogues. The authority is the glossary /work/shared/TERMS.md names (the Law of the
Republic of Kazakhstan "On International Treaties", Art. 1, and the Vienna Convention):
e.g. the date a status move takes effect is not a treaty's entry into force (вступление в
силу / күшіне ену), and abandoned negotiations are not a treaty's termination
(прекращение / тоқтату)."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tracker import ROOT

#: (msgid, language, words its translation must not contain, why)
WRONG_PAIRS = [
    ("Effective on", "ru", ("вступлен", "в силу"), "a status move is not an entry into force"),
    ("Effective on", "kk", ("күшіне",), "a status move is not an entry into force"),
    (
        "The effective date cannot be before the current status began (%(since)s).",
        "ru",
        ("в силу",),
        "a status move is not an entry into force",
    ),
    (
        "The effective date cannot be before the current status began (%(since)s).",
        "kk",
        ("күшіне",),
        "a status move is not an entry into force",
    ),
    ("Abandoned", "ru", ("Прекращ",), "прекращение is the termination of a treaty"),
    ("Abandoned", "kk", ("Тоқтат",), "тоқтату is the termination of a treaty"),
    ("Initialled", "kk", ("Парафт",), "initialling is дәйектеу in the Law's Kazakh text"),
    ("Suspended", "kk", ("Уақытша",), "suspension is тоқтата тұру in the Law's Kazakh text"),
]


def catalogue(language: str):
    path = ROOT / "tracker" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return read_po(po)


@pytest.mark.parametrize(("msgid", "language", "wrong", "why"), WRONG_PAIRS)
def test_no_known_wrong_treaty_term(msgid: str, language: str, wrong: tuple, why: str) -> None:
    message = catalogue(language).get(msgid)
    assert message is not None and message.string, f"{msgid!r} is not translated"
    assert not any(word.casefold() in message.string.casefold() for word in wrong), why


@pytest.mark.parametrize(("language", "wrong"), [("ru", "в силу"), ("kk", "күшіне")])
def test_no_status_move_is_called_an_entry_into_force(language: str, wrong: str) -> None:
    """A track's status move takes effect on a date; only a treaty enters into force
    (TERMS.md). Every message about a move or its effective date, not about force, must
    keep the two apart (the new-officer check found two more than the pairs above)."""
    found = [
        message.id
        for message in catalogue(language)
        if isinstance(message.id, str)
        and message.string
        and any(word in message.id.lower() for word in ("move", "effective"))
        and "force" not in message.id.lower()
        and wrong in message.string.casefold()
    ]
    assert found == []


@pytest.mark.parametrize(("language", "wrong"), [("ru", "в силу"), ("kk", "күшіне")])
def test_only_a_treaty_enters_into_force(language: str, wrong: str) -> None:
    """What takes effect (a denunciation, a withdrawal: VCLT Art. 56) does not enter into
    force: in Kazakh it «қолданысқа енеді», as the Law's own texts say of an act; «күшіне
    ену» is a treaty's entry into force (TERMS.md)."""
    found = [
        message.id
        for message in catalogue(language)
        if isinstance(message.id, str)
        and message.string
        and "effect" in message.id.lower()
        and "force" not in message.id.lower()
        and wrong in message.string.casefold()
    ]
    assert found == []


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_clauses_rule_and_the_clause_are_told_apart(language: str) -> None:
    """The final-clause form and table name the rule a clause follows (the mode) and the
    clause itself (its reference, e.g. Art. 281(2)) side by side: two words. A clause is
    «положение» / «ереже», as the Law calls a treaty's provisions (шарттың ережелері);
    the rule is «правило» / «қағида»."""
    words = catalogue(language)
    rule = {words.get(m).string for m in ("Rule", "Rule saved.", "Rule deleted.")}
    assert words.get("Rule").string.casefold() != words.get("Clause").string.casefold()
    assert not any("ереже" in w.casefold() for w in rule)
    assert "ереже" not in words.get("Choose a rule from the list.").string.casefold()
