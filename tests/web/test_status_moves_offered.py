"""The status form offers only the moves the workflow allows; an administrator sees the
others apart, to force one; a refused move's address leads back to the track (issue 15,
item 6)."""

from __future__ import annotations

import html
import re

from tracker.domain.workflow import TrackStatus, allowed_targets


def offered(page: str) -> dict[str | None, list[str]]:
    """The to_status select's options by optgroup label (None: outside any group)."""
    select = re.search(r'<select[^>]*name="to_status"[^>]*>(.*?)</select>', page, re.S).group(1)
    groups: dict[str | None, list[str]] = {}
    current = None
    for tag, value in re.findall(r'<(optgroup|option)[^>]*(?:label|value)="([^"]*)"', select):
        if tag == "optgroup":
            current = html.unescape(value)
        elif value:
            groups.setdefault(current, []).append(value)
    return groups


def test_an_officer_is_offered_the_allowed_moves_only(client, officer, make) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer)
    client.login(officer)
    groups = offered(client.get(f"/tracks/{track.id}").text)
    allowed = [s.value for s in allowed_targets(TrackStatus.NEGOTIATING, None)]
    assert groups == {None: allowed}
    assert TrackStatus.IN_FORCE.value not in allowed


def test_an_administrator_sees_the_others_apart_to_force_one(client, admin, make) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING)
    client.login(admin)
    groups = offered(client.get(f"/tracks/{track.id}").text)
    allowed = [s.value for s in allowed_targets(TrackStatus.NEGOTIATING, None)]
    assert groups["Allowed moves"] == allowed
    others = groups["Other statuses: force, with a comment"]
    assert set(others) == {s.value for s in TrackStatus} - set(allowed) - {"negotiating"}


def test_a_refused_move_can_be_reloaded_and_a_done_one_is_said_with_its_label(
    client, officer, make
) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer)
    client.login(officer)
    refused = client.submit(
        f"/tracks/{track.id}/status",
        {"to_status": "in_force", "effective_on": "2026-01-10", "expected_status": "negotiating"},
    )
    assert refused.status_code == 422
    reloaded = client.get(f"/tracks/{track.id}/status")
    assert reloaded.status_code == 302 and reloaded.location.endswith(f"/tracks/{track.id}")
    done = client.submit(
        f"/tracks/{track.id}/status",
        {"to_status": "initialled", "effective_on": "2026-01-10", "expected_status": "negotiating"},
        follow_redirects=True,
    )
    assert "New status: Initialled." in html.unescape(done.text)
