from __future__ import annotations

from datetime import date

from tracker.domain.agreements import date_order_errors


def test_dates_in_order_are_accepted() -> None:
    assert date_order_errors(date(2015, 12, 21), date(2016, 5, 1), date(2020, 3, 1)) == {}
    assert date_order_errors(None, None, None) == {}
    assert date_order_errors(date(2015, 12, 21), None, date(2015, 12, 21)) == {}


def test_entry_into_force_before_signature_is_refused() -> None:
    errors = date_order_errors(date(2015, 12, 21), None, date(2015, 12, 20))
    assert list(errors) == ["in_force_on"]
    assert "cannot be before signature" in errors["in_force_on"]


def test_provisional_application_before_signature_is_refused() -> None:
    errors = date_order_errors(date(2015, 12, 21), date(2015, 1, 1), None)
    assert list(errors) == ["provisionally_applied_on"]


def test_dates_after_signature_need_a_signature() -> None:
    errors = date_order_errors(None, date(2016, 1, 1), date(2020, 3, 1))
    assert set(errors) == {"in_force_on", "provisionally_applied_on"}
