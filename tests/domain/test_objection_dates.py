"""Which withdrawal withdraws which reservation, and an objection's dates against them
(tracker.domain.objection_dates, h16c #2)."""

from __future__ import annotations

from datetime import date

from tracker.domain.objection_dates import (
    BEFORE,
    WITHDRAWN,
    Reserved,
    objection_fault,
    withdrawn_on,
)

D = date


def test_a_withdrawal_withdraws_the_only_reservation_standing() -> None:
    assert withdrawn_on([(1, D(2023, 1, 31))], [D(2025, 1, 10)]) == {1: D(2025, 1, 10)}
    # two standing: which one is not known
    assert withdrawn_on([(1, D(2020, 1, 1)), (2, D(2021, 1, 1))], [D(2022, 1, 1)]) == {}
    # one withdrawn, then the other
    assert withdrawn_on(
        [(1, D(2020, 1, 1)), (2, D(2022, 6, 1))], [D(2021, 1, 1), D(2023, 1, 1)]
    ) == {1: D(2021, 1, 1), 2: D(2023, 1, 1)}
    # an undated reservation makes every withdrawal's reservation unknown
    assert withdrawn_on([(1, D(2020, 1, 1)), (2, None)], [D(2021, 1, 1)]) == {}
    assert withdrawn_on([(1, D(2020, 1, 1))], [None]) == {}


def test_an_objection_against_its_reservations_dates() -> None:
    reserved = Reserved("Atlantis", D(2023, 1, 31), D(2025, 1, 10))
    assert objection_fault(D(2022, 1, 1), reserved) == BEFORE
    assert objection_fault(D(2025, 5, 1), reserved) == WITHDRAWN
    for fine in (D(2023, 1, 31), D(2024, 6, 1), D(2025, 1, 10), None):
        assert objection_fault(fine, reserved) is None
    assert objection_fault(D(2022, 1, 1), Reserved("Atlantis", None)) is None
