"""Property-based: random and hostile values posted to every form and query.

Never a 500; what is accepted is stored exactly as accepted; HTML always comes out escaped.
The tests marked `explore` also run un-derandomised for a bounded time in `make test`
(tests/explore.py); tests/web/test_hostile_extremes.py has the kinds added by issue 14.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.models import Agreement, Milestone, NegotiationTrack
from tracker.orm import db

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    "\x00",
    "\x07bell",
    "\u202eevil",
    "😀🇰🇿",
    "Қазақстан",
    "2026-02-30",
    "9999-99-99",
    "-1",
    "0",
    "99999999999999999999",
    "",
    " ",
    "NaN",
    "null",
    "[]",
    "{}",
    "%",
    "_",
    "\\",
    "x" * 10_000,
    "1; SELECT pg_sleep(10)",
    "2147483648",
    "9223372036854775808",
]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=400),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
)


def form(fields: list[str], valid: dict[str, str] | None = None) -> st.SearchStrategy[dict]:
    """A valid submission with some of its fields replaced by random or hostile values."""
    overrides = st.fixed_dictionaries({}, optional={name: values for name in fields})
    return overrides.map(lambda changed: {**(valid or {}), **changed})


def check_response(response: Any) -> None:
    assert response.status_code < 500, response.status_code
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x onerror" not in body


AGREEMENT = [
    "title",
    "short_title",
    "kind",
    "status",
    "party_ids",
    "signed_on",
    "signed_at",
    "provisionally_applied_on",
    "in_force_on",
    "areas",
    "summary",
    "reference_url",
]
TRACK = [
    "name",
    "description",
    "framework_agreement_id",
    "resulting_agreement_id",
    "counterpart_ids",
    "lead_officer_id",
    "next_step",
    "target_date",
    "classification",
    "status",
    "status_since",
]
MILESTONE = [
    "title",
    "kind",
    "track_id",
    "agreement_id",
    "body_id",
    "number",
    "planned_on",
    "date_precision",
    "location",
    "owner_id",
    "notes",
]


@pytest.fixture
def officer_client(client, officer):
    client.login(officer)
    return client


@pytest.fixture
def admin_client(client, admin):
    client.login(admin)  # once per test: examples reuse it (and the login rate limit holds)
    return client


@pytest.mark.explore
@given(data=form(AGREEMENT, {"title": "An agreement", "kind": "bilateral", "status": "draft"}))
def test_agreement_form(officer_client, data) -> None:
    before = db.session.scalar(select(db.func.max(Agreement.id))) or 0
    response = officer_client.submit("/agreements/new", data)
    check_response(response)
    if response.status_code == 302:
        agreement = db.session.scalar(select(Agreement).where(Agreement.id > before))
        assert agreement.title == data["title"].strip()
        assert agreement.summary == data.get("summary", "").strip()
        page = officer_client.get(response.headers["Location"])
        check_response(page)


@pytest.mark.explore
@given(
    data=form(
        TRACK,
        {
            "name": "A track",
            "status": "exploratory",
            "status_since": "2026-01-05",
            "classification": "public",
        },
    )
)
# found by CI's exploration (seed 134458208): a text that looks like an ISO date but is none
# made the track page's activity panel answer 500
@example(
    data={
        "name": "A track",
        "status": "exploratory",
        "status_since": "2026-01-05",
        "classification": "public",
        "next_step": "2026-13-45",
    }
)
def test_track_form(officer_client, data) -> None:
    before = db.session.scalar(select(db.func.max(NegotiationTrack.id))) or 0
    response = officer_client.submit("/tracks/new", data)
    check_response(response)
    if response.status_code == 302:
        track = db.session.scalar(select(NegotiationTrack).where(NegotiationTrack.id > before))
        assert track.name == data["name"].strip()
        assert track.next_step == data.get("next_step", "").strip()
        check_response(officer_client.get(response.headers["Location"]))


@pytest.mark.explore
@given(
    data=form(
        MILESTONE,
        {
            "title": "Round 1",
            "kind": "deadline",
            "planned_on": "2026-02-01",
            "date_precision": "day",
        },
    )
)
def test_milestone_form(officer_client, make, data) -> None:
    track = make.track()
    data = {**data, "track_id": data.get("track_id", str(track.id))}
    before = db.session.scalar(select(db.func.max(Milestone.id))) or 0
    response = officer_client.submit("/milestones/new", data)
    check_response(response)
    if response.status_code == 302:
        milestone = db.session.scalar(select(Milestone).where(Milestone.id > before))
        assert milestone.title == data["title"].strip()
        assert milestone.location == data.get("location", "").strip()
        check_response(officer_client.get(f"/milestones/{milestone.id}"))


@pytest.mark.explore
@given(
    data=form(
        ["to_status", "effective_on", "comment", "force", "expected_status"],
        {"to_status": "negotiating", "effective_on": "2026-01-10", "expected_status": "launched"},
    )
)
def test_status_form(officer_client, make, data) -> None:
    track = make.track()
    response = officer_client.submit(f"/tracks/{track.id}/status", data)
    check_response(response)
    db.session.expire_all()
    changes = track.status_changes
    assert len(changes) in (1, 2)
    if len(changes) == 2:  # accepted: the history says exactly what was submitted
        assert changes[-1].to_status.value == data["to_status"]
        assert changes[-1].comment == data.get("comment", "").strip()


@pytest.mark.explore
@given(data=form(["done_on", "outcome", "version"], {"done_on": "2026-01-10", "version": "1"}))
def test_complete_form(officer_client, make, data) -> None:
    milestone = make.milestone(make.track())
    response = officer_client.submit(f"/milestones/{milestone.id}/complete", data)
    check_response(response)
    if response.status_code == 302:
        db.session.expire_all()
        assert milestone.done_on.isoformat() == data["done_on"]
        assert milestone.outcome == data.get("outcome", "").strip()


@given(
    data=form(
        ["reminders_enabled", "reminder_lead_days", "weekly_report_enabled"],
        {"reminder_lead_days": "30, 7"},
    )
)
def test_preferences_form(officer_client, officer, data) -> None:
    response = officer_client.submit("/me", data)
    check_response(response)
    if response.status_code == 302:
        db.session.expire_all()
        submitted = [
            int(d) for d in data["reminder_lead_days"].replace(";", ",").split(",") if d.strip()
        ]
        assert officer.reminder_lead_days == ", ".join(
            str(d) for d in sorted(set(submitted), reverse=True)
        )


@given(
    data=form(
        ["name", "email", "role", "active", "password"],
        {
            "name": "New Officer",
            "email": "new@test.example",
            "role": "officer",
            "password": "a long enough password",
        },
    )
)
def test_user_form(admin_client, data) -> None:
    check_response(admin_client.submit("/admin/users/new", data))


@pytest.mark.explore
@given(
    path=st.sampled_from(["/tracks/", "/milestones/", "/agreements/", "/audit"]),
    query=st.dictionaries(
        st.sampled_from(
            [
                "status",
                "agreement",
                "officer",
                "owner",
                "track",
                "state",
                "q",
                "page",
                "actor",
                "type",
            ]
        ),
        values,
        max_size=5,
    ),
)
def test_list_filters(admin_client, path, query) -> None:
    check_response(admin_client.get(path, query_string=query))


@pytest.mark.explore
@given(segment=values)
def test_ids_and_weeks_in_urls(officer_client, segment) -> None:
    for template in (
        "/tracks/{}",
        "/agreements/{}",
        "/milestones/{}",
        "/reports/weekly/{}",
        "/reports/weekly/{}.csv",
    ):
        check_response(officer_client.get(template.format(segment.replace("/", "%2F"))))


def test_superscript_digits_in_ids_are_ignored_not_errors(admin_client) -> None:
    # "²".isdigit() is true, but int("²") fails: found by the property tests above.
    for path in ("/tracks/?agreement=²", "/milestones/?track=³", "/tracks/?officer=¹"):
        assert admin_client.get(path).status_code == 200
