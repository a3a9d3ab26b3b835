"""Pure rules: the next meeting from a cadence; slippage and forecast against stage targets."""

from __future__ import annotations

from datetime import date

from tracker.domain.meetings import cadence_label, project_next_meeting
from tracker.domain.planning import first_reached, forecast_next_stage, stage_plans
from tracker.domain.workflow import TrackStatus as S


def test_the_23rd_cooperation_council_is_projected_a_year_after_the_22nd() -> None:
    projected = project_next_meeting(22, date(2025, 12, 3), 12)
    assert projected is not None
    assert (projected.number, projected.expected_on) == (23, date(2026, 12, 3))
    assert (projected.after_number, projected.after_on) == (22, date(2025, 12, 3))


def test_no_projection_without_a_cadence_or_a_numbered_meeting() -> None:
    assert project_next_meeting(22, date(2025, 12, 3), None) is None
    assert project_next_meeting(None, None, 12) is None


def test_month_ends_stay_in_their_month() -> None:
    projected = project_next_meeting(4, date(2026, 1, 31), 1)
    assert projected is not None and projected.expected_on == date(2026, 2, 28)


def test_cadence_labels() -> None:
    assert cadence_label(12) == "Yearly"
    assert cadence_label(None) == "As needed"
    assert cadence_label(18) == "Every 18 months"


TARGETS = {
    S.LAUNCHED: date(2025, 11, 1),
    S.NEGOTIATING: date(2026, 3, 1),
    S.INITIALLED: date(2026, 9, 1),
}


def test_slippage_is_days_late_against_the_target_reached_or_not() -> None:
    reached = {S.MANDATE: date(2025, 6, 1), S.LAUNCHED: date(2025, 12, 2)}
    plans = {p.status: p for p in stage_plans(TARGETS, reached, today=date(2026, 3, 11))}
    assert plans[S.MANDATE].slippage_days is None  # reached, but had no target
    assert plans[S.LAUNCHED].slippage_days == 31  # 2 Dec against 1 Nov
    assert plans[S.NEGOTIATING].slippage_days == 10  # not reached, target passed 10 days ago
    assert plans[S.INITIALLED].slippage_days is None  # target still ahead
    assert [p.status for p in plans.values()] == [
        S.MANDATE,
        S.LAUNCHED,
        S.NEGOTIATING,
        S.INITIALLED,
    ]


def test_early_is_negative_slippage() -> None:
    (plan,) = stage_plans(
        {S.LAUNCHED: date(2025, 12, 10)}, {S.LAUNCHED: date(2025, 12, 2)}, date(2026, 1, 1)
    )
    assert plan.slippage_days == -8 and not plan.is_late


def test_forecast_carries_the_delay_the_track_already_has() -> None:
    reached = {S.LAUNCHED: date(2025, 12, 2)}
    forecast = forecast_next_stage(
        S.LAUNCHED, date(2025, 12, 2), TARGETS, reached, date(2026, 1, 12)
    )
    assert forecast is not None
    assert forecast.status is S.NEGOTIATING
    assert forecast.expected_on == date(2026, 4, 1)  # 1 Mar target + 31 days late
    assert "31 days" in forecast.basis


def test_forecast_without_a_target_uses_the_tracks_own_pace() -> None:
    reached = {
        S.EXPLORATORY: date(2025, 1, 1),
        S.MANDATE: date(2025, 3, 2),
        S.LAUNCHED: date(2025, 5, 1),
    }
    forecast = forecast_next_stage(S.LAUNCHED, date(2025, 5, 1), {}, reached, date(2025, 5, 10))
    assert forecast is not None
    assert forecast.expected_on == date(2025, 6, 30)  # 60 days per stage so far


def test_a_forecast_is_never_in_the_past_and_closed_tracks_have_none() -> None:
    forecast = forecast_next_stage(S.LAUNCHED, date(2025, 12, 2), TARGETS, {}, date(2026, 6, 1))
    assert forecast is not None and forecast.expected_on == date(2026, 6, 1)
    assert forecast_next_stage(S.IN_FORCE, date(2026, 1, 1), TARGETS, {}, date(2026, 6, 1)) is None
    assert forecast_next_stage(S.SUSPENDED, date(2026, 1, 1), TARGETS, {}, date(2026, 6, 1)) is None


def test_first_reached_keeps_the_earliest_date() -> None:
    history = [
        (S.LAUNCHED, date(2025, 12, 2)),
        (S.SUSPENDED, date(2026, 1, 5)),
        (S.LAUNCHED, date(2026, 2, 1)),
    ]
    assert first_reached(history)[S.LAUNCHED] == date(2025, 12, 2)
