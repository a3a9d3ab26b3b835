"""The act a Party is awaited to perform next (tracker.domain.awaited, h19g2 #1): from what
it has done and what the agreement's other Parties recorded, not "ratification" always."""

from __future__ import annotations

import pytest

from tracker.domain.awaited import awaited_act
from tracker.domain.party_actions import ActionKind as K

SIGNED = "signature_subject_to_ratification"


@pytest.mark.parametrize(
    ("own", "others", "awaited"),
    [
        # nothing done: a signature where the others signed, an accession where one acceded
        ([], [[SIGNED]], K.SIGNATURE),
        ([], [["signature"]], K.SIGNATURE),
        ([], [[SIGNED, "ratification"], ["accession"]], K.ACCESSION),
        # nothing done, no signature recorded by anyone: the instrument the others deposited
        ([], [["ratification"]], K.RATIFICATION),
        ([], [["approval"]], K.APPROVAL),
        ([], [], K.RATIFICATION),
        # signed: the instrument the others deposited, the commonest; ratification on a tie
        ([SIGNED], [[SIGNED, "acceptance"], [SIGNED, "acceptance"], ["approval"]], K.ACCEPTANCE),
        ([SIGNED], [["approval"], ["ratification"]], K.RATIFICATION),
        ([SIGNED], [[SIGNED]], K.RATIFICATION),
        # signed, the others notified their completed procedures and deposited nothing
        ([SIGNED], [[SIGNED, "notification_of_completion"]], K.NOTIFICATION_OF_COMPLETION),
        # a reservation or a provisional application is not consent: still awaited
        ([SIGNED, "provisional_application"], [["approval"]], K.APPROVAL),
    ],
)
def test_the_awaited_act(own: list[str], others: list[list[str]], awaited: K) -> None:
    assert awaited_act(own, others) is awaited


@pytest.mark.parametrize("consent", ["ratification", "accession", "signature", "approval"])
def test_nothing_is_awaited_of_a_party_that_has_consented(consent: str) -> None:
    assert awaited_act([consent], [["accession"]]) is None


def test_a_signed_bilateral_agreement_awaits_no_signature() -> None:
    """Both Parties signed a bilateral agreement at once: its own date says so."""
    assert awaited_act([], [[SIGNED, "notification_of_completion"]]) is K.SIGNATURE
    awaited = awaited_act([], [[SIGNED, "notification_of_completion"]], signed_by_all=True)
    assert awaited is K.NOTIFICATION_OF_COMPLETION
