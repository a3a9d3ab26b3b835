"""The ratification matrix, areas with their own milestones, and planned against actual."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.models import AgreementArea, Milestone, StageTarget
from tracker.orm import db
from tracker.services.reminders import due_reminders
from tracker.services.reports import build_weekly_report


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def row(prefix: str, **values: str) -> dict[str, str]:
    """A row's form; without a version given, the one stored now (as a fresh page has it)."""
    if "version" not in values and prefix.startswith("ratification-"):
        from tracker.models import Ratification

        db.session.expire_all()
        stored = db.session.get(Ratification, int(prefix.split("-")[1]))
        values["version"] = str(stored.version)
    return {f"{prefix}{k}": v for k, v in values.items()}


def test_the_matrix_records_each_step_and_counts_x_of_n(client, make, officer) -> None:
    eu, kz, ua = make.party("European Union"), make.party("Kazakhstan"), make.party("Ukraine")
    agreement = make.agreement(parties=[eu, kz, ua], short_title="Pact", signed_on=date(2025, 6, 1))
    first = agreement.ratifications[0]
    client.login(officer)
    response = client.submit(
        f"/agreements/{agreement.id}/ratifications/{first.id}",
        row(
            f"ratification-{first.id}-",
            signed_on="2025-06-01",
            notified_on="2025-11-20",
            deposited_on="",
            provisionally_applied_on="2025-07-01",
            expected_by="2025-12-31",
        ),
    )
    assert response.status_code == 302
    db.session.refresh(first)
    assert (first.signed_on, first.notified_on, first.provisionally_applied_on) == (
        date(2025, 6, 1),
        date(2025, 11, 20),
        date(2025, 7, 1),
    )
    text = page(client, f"/agreements/{agreement.id}")
    assert "1 of 3 have consented to be bound" in text
    assert 'Provisionally applied <span class="count">1 of 3</span>' in text
    assert 'Instrument deposited <span class="count">0 of 3</span>' in text

    future = client.submit(
        f"/agreements/{agreement.id}/ratifications/{first.id}",
        row(f"ratification-{first.id}-", signed_on="2025-06-01", deposited_on="2026-05-01"),
    )
    assert future.status_code == 422
    assert "Deposit cannot be in the future" in future.get_data(as_text=True)


def test_an_overdue_party_is_chased_with_the_agreements_owner(make, officer) -> None:
    kz, eu = make.party("Kazakhstan"), make.party("European Union")
    agreement = make.agreement(parties=[eu, kz], short_title="EPCA", owner_id=officer.id)
    pending = next(r for r in agreement.ratifications if r.party_id == kz.id)
    pending.expected_by = date(2026, 1, 1)
    done = next(r for r in agreement.ratifications if r.party_id == eu.id)
    done.expected_by, done.deposited_on = date(2026, 1, 1), date(2025, 12, 20)
    db.session.commit()

    due = [
        r for r in due_reminders(datetime(2026, 1, 12, 8, tzinfo=UTC)) if r.kind.startswith("rat")
    ]
    assert [(r.user_id, str(r.subject)) for r in due] == [
        (officer.id, "Ratification overdue: Kazakhstan, EPCA (11 days)")
    ]
    before = due_reminders(datetime(2025, 12, 31, 8, tzinfo=UTC))
    assert [r for r in before if r.kind == "ratification_overdue"] == []  # not due yet


def test_an_area_has_its_own_milestones_and_the_table_sorts(client, make, officer) -> None:
    agreement = make.agreement(short_title="EPCA")
    agreement.areas = [
        AgreementArea(name="Trade", position=1),
        AgreementArea(name="Energy", position=2, owner_id=officer.id),
    ]
    other = make.agreement(short_title="Other")
    other.areas = [AgreementArea(name="Fisheries", position=1)]
    db.session.commit()
    energy = agreement.areas[1]
    client.login(officer)
    form = page(client, f"/milestones/new?area={energy.id}")
    assert f'<option selected value="{energy.id}">Energy</option>' in form

    fields = {
        "title": "Energy dialogue",
        "kind": "meeting",
        "agreement_id": str(agreement.id),
        "planned_on": "2026-03-01",
        "date_precision": "day",
    }
    assert (
        client.submit("/milestones/new", {**fields, "area_id": str(energy.id)}).status_code == 302
    )
    wrong = client.submit("/milestones/new", {**fields, "area_id": str(other.areas[0].id)})
    assert wrong.status_code == 422
    milestone = db.session.scalar(select(Milestone))
    assert milestone.area_id == energy.id

    text = page(client, f"/agreements/{agreement.id}")
    assert f'href="/milestones/?area={energy.id}">1</a>' in text
    by_owner = page(client, f"/agreements/{agreement.id}?areas=owner")
    assert by_owner.index("area-" + str(energy.id)) < by_owner.index(
        "area-" + str(agreement.areas[0].id)
    )
    by_position = page(client, f"/agreements/{agreement.id}")
    assert by_position.index("area-" + str(agreement.areas[0].id)) < by_position.index(
        "area-" + str(energy.id)
    )
    listed = page(client, f"/milestones/?area={energy.id}")
    assert "Energy dialogue" in listed


def test_stage_targets_show_slippage_and_a_forecast(client, make, officer) -> None:
    track = make.track(
        TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Visa facilitation", lead=officer
    )
    client.login(officer)
    response = client.submit(
        f"/tracks/{track.id}/targets",
        {"target_launched": "2025-11-01", "target_negotiating": "2026-03-01", "version": "1"},
    )
    assert response.status_code == 302
    assert {t.status for t in db.session.scalars(select(StageTarget))} == {
        TrackStatus.LAUNCHED,
        TrackStatus.NEGOTIATING,
    }
    text = page(client, f"/tracks/{track.id}")
    assert "31 days late" in text  # launched 2 Dec against 1 Nov
    assert "negotiating around 1 Apr 2026" in text  # 1 Mar, plus the 31 days carried

    report = build_weekly_report("2026-W02")
    assert [(s.track_name, s.stage, s.days_late, s.forecast_on) for s in report.slippage] == [
        ("Visa facilitation", "Launched", 31, date(2026, 4, 1))
    ]

    # A form read before that save is refused, not applied over it.
    stale = client.submit(
        f"/tracks/{track.id}/targets", {"target_negotiating": "2026-05-01", "version": "1"}
    )
    assert stale.status_code == 422
    assert "changed by someone else" in stale.get_data(as_text=True)

    # Clearing a field clears that target.
    client.submit(
        f"/tracks/{track.id}/targets", {"target_negotiating": "2026-03-01", "version": "2"}
    )
    assert {t.status for t in db.session.scalars(select(StageTarget))} == {TrackStatus.NEGOTIATING}
