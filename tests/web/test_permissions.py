"""Every route, every role: who gets in, who gets 403, who is sent to log in."""

from __future__ import annotations

import pytest
from flask import Flask

from tracker.models import Role

# endpoint -> (method, the role it needs or None for public). Written out by hand so that a
# new route fails test_every_route_is_listed until someone decides who may use it.
ROUTES: dict[str, tuple[str, Role | None]] = {
    "auth.login": ("GET", None),
    "auth.logout": ("POST", Role.VIEWER),
    "auth.logout_everywhere": ("POST", Role.VIEWER),
    "health.healthz": ("GET", None),
    "dashboard.index": ("GET", Role.VIEWER),
    "search.results": ("GET", Role.VIEWER),
    "agreements.index": ("GET", Role.VIEWER),
    "agreements.detail": ("GET", Role.VIEWER),
    "agreements.new": ("GET", Role.OFFICER),
    "agreements.edit": ("GET", Role.OFFICER),
    "agreements.update_area": ("POST", Role.OFFICER),
    "agreements.update_ratification": ("POST", Role.OFFICER),
    "agreements.new_action": ("GET", Role.OFFICER),
    "agreements.edit_action": ("GET", Role.OFFICER),
    "agreements.delete_action": ("POST", Role.OFFICER),
    "agreements.export_actions": ("GET", Role.VIEWER),
    "agreements.export_rules": ("GET", Role.VIEWER),
    "agreements.export_relations": ("GET", Role.VIEWER),
    "agreements.paste_parties": ("GET", Role.OFFICER),
    "agreements.add_relation": ("GET", Role.OFFICER),
    "agreements.delete_relation": ("POST", Role.OFFICER),
    "agreements.new_clock_rule": ("GET", Role.OFFICER),
    "agreements.edit_clock_rule": ("GET", Role.OFFICER),
    "agreements.delete_clock_rule": ("POST", Role.OFFICER),
    "tracks.index": ("GET", Role.VIEWER),
    "tracks.detail": ("GET", Role.VIEWER),
    "tracks.status_page": ("GET", Role.VIEWER),
    "tracks.new": ("GET", Role.OFFICER),
    "tracks.edit": ("GET", Role.OFFICER),
    "tracks.change_status": ("POST", Role.OFFICER),
    "milestones.index": ("GET", Role.VIEWER),
    "my_work.index": ("GET", Role.VIEWER),
    "action_items.index": ("GET", Role.VIEWER),
    "action_items.export": ("GET", Role.VIEWER),
    "milestones.detail": ("GET", Role.VIEWER),
    "milestones.new": ("GET", Role.OFFICER),
    "milestones.edit": ("GET", Role.OFFICER),
    "milestones.complete": ("POST", Role.OFFICER),
    "milestones.reopen": ("POST", Role.OFFICER),
    "milestones.cancel": ("POST", Role.OFFICER),
    "milestones.restore": ("POST", Role.ADMIN),
    "tidy.cancel_action_item": ("POST", Role.OFFICER),
    "tidy.restore_action_item": ("POST", Role.ADMIN),
    "tidy.archive_track": ("POST", Role.OFFICER),
    "tidy.unarchive_track": ("POST", Role.ADMIN),
    "tidy.archive_agreement": ("POST", Role.OFFICER),
    "tidy.unarchive_agreement": ("POST", Role.ADMIN),
    "admin.users": ("GET", Role.ADMIN),
    "admin.new_user": ("GET", Role.ADMIN),
    "admin.edit_user": ("GET", Role.ADMIN),
    "admin.hand_over": ("GET", Role.ADMIN),
    "admin.audit": ("GET", Role.ADMIN),
    "admin.outbox": ("GET", Role.ADMIN),
    "admin.contradictions": ("GET", Role.ADMIN),
    "admin.outbox_message": ("GET", Role.ADMIN),
    "admin.retry_outbox_message": ("POST", Role.ADMIN),
    "preferences.me": ("GET", Role.VIEWER),
    "preferences.change_password_view": ("GET", Role.VIEWER),
    "preferences.for_user": ("GET", Role.ADMIN),
    "reports.archive": ("GET", Role.VIEWER),
    "reports.weekly": ("GET", Role.VIEWER),
    "reports.weekly_csv": ("GET", Role.VIEWER),
    "static": ("GET", None),
    # #6: calendar feeds (the feed itself is opened by its secret token, without a login)
    "calendar.feed": ("GET", None),
    "calendar.manage": ("GET", Role.VIEWER),
    "calendar.create_mine": ("POST", Role.VIEWER),
    "calendar.create_my_work": ("POST", Role.VIEWER),
    "calendar.create_for_track": ("POST", Role.VIEWER),
    "calendar.create_for_agreement": ("POST", Role.VIEWER),
    "calendar.revoke": ("POST", Role.VIEWER),
    "milestones.ics": ("GET", Role.VIEWER),
    "follows.follow": ("POST", Role.VIEWER),
    "follows.unfollow": ("POST", Role.VIEWER),
    "saved_filters.save": ("POST", Role.VIEWER),
    "saved_filters.delete": ("POST", Role.VIEWER),
    "bodies.index": ("GET", Role.VIEWER),
    "bodies.detail": ("GET", Role.VIEWER),
    "bodies.new": ("GET", Role.OFFICER),
    "bodies.edit": ("GET", Role.OFFICER),
    "documents.new": ("GET", Role.OFFICER),
    "documents.download": ("GET", Role.VIEWER),
    "tracks.set_targets": ("POST", Role.OFFICER),
    "milestones.add_action_item": ("POST", Role.OFFICER),
    "milestones.update_action_item": ("POST", Role.OFFICER),
    "preferences.api_tokens": ("GET", Role.VIEWER),
    "agreements.export": ("GET", Role.VIEWER),
    "tracks.export": ("GET", Role.VIEWER),
    "milestones.export": ("GET", Role.VIEWER),
    "spreadsheets.upload": ("GET", Role.OFFICER),
    "spreadsheets.confirm": ("POST", Role.OFFICER),
    "preferences.revoke_api_token": ("POST", Role.VIEWER),
    # issue 17: the negotiating text (positions and the brief: the track's team only)
    "texts.index": ("GET", Role.VIEWER),
    "texts.progress_chart": ("GET", Role.VIEWER),
    "texts.compare": ("GET", Role.VIEWER),
    "texts.brief": ("GET", Role.OFFICER),
    "texts.new": ("GET", Role.OFFICER),
    "texts.edit": ("GET", Role.OFFICER),
    "texts.positions": ("GET", Role.OFFICER),
    "texts.joint_docx": ("GET", Role.VIEWER),
    "texts.table_docx": ("GET", Role.OFFICER),
    "texts.import_word": ("GET", Role.OFFICER),
    "texts.confirm_import": ("POST", Role.OFFICER),
    "texts.order": ("GET", Role.OFFICER),
}
# Mutating routes also get a POST check with the role below the one they need.
POST_ROUTES = [
    "agreements.new",
    "agreements.edit",
    "tracks.new",
    "tracks.edit",
    "tracks.change_status",
    "milestones.new",
    "milestones.edit",
    "milestones.complete",
    "milestones.reopen",
    "milestones.cancel",
    "milestones.restore",
    "tidy.cancel_action_item",
    "tidy.restore_action_item",
    "tidy.archive_track",
    "tidy.unarchive_track",
    "tidy.archive_agreement",
    "tidy.unarchive_agreement",
    "admin.new_user",
    "admin.edit_user",
    "agreements.update_area",
    "agreements.update_ratification",
    "agreements.new_action",
    "agreements.edit_action",
    "agreements.delete_action",
    "agreements.paste_parties",
    "agreements.add_relation",
    "agreements.delete_relation",
    "agreements.new_clock_rule",
    "agreements.edit_clock_rule",
    "agreements.delete_clock_rule",
    "admin.retry_outbox_message",
    "preferences.for_user",
    "bodies.new",
    "bodies.edit",
    "documents.new",
    "tracks.set_targets",
    "milestones.add_action_item",
    "milestones.update_action_item",
    "spreadsheets.upload",
    "spreadsheets.confirm",
    "texts.new",
    "texts.edit",
    "texts.positions",
    "texts.import_word",
    "texts.confirm_import",
    "texts.order",
]


def url_for_endpoint(app: Flask, endpoint: str, records: dict[str, int]) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})


def test_every_route_is_listed(app: Flask) -> None:
    # The JSON API authenticates by token, not session: tests/api/test_api.py covers its roles.
    web = {r.endpoint for r in app.url_map.iter_rules() if not r.endpoint.startswith("api.")}
    assert web == set(ROUTES)


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_anonymous_users_are_sent_to_log_in(app, client, records, endpoint) -> None:
    method, role = ROUTES[endpoint]
    url = url_for_endpoint(app, endpoint, records)
    response = client.open(url, method=method)
    response.close()  # static files are streamed from an open file
    if role is None:
        assert response.status_code == 200
    elif method == "POST":
        # CSRF is checked first for anonymous POSTs; either way nothing happens.
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER, Role.ADMIN])
@pytest.mark.parametrize("endpoint", sorted(e for e, (_, r) in ROUTES.items() if r))
def test_each_role_gets_in_or_gets_403(app, client, make, records, role, endpoint) -> None:
    method, needed = ROUTES[endpoint]
    user = make.user(role=role.value)
    client.login(user)
    url = url_for_endpoint(app, endpoint, records)
    response = client.submit(url, {}) if method == "POST" else client.get(url)
    response.close()  # documents are streamed from an open file
    if role.rank >= needed.rank:
        assert response.status_code != 403, url
        assert response.status_code < 500
    else:
        assert response.status_code == 403, url
        assert "Your role does not allow this" in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint", POST_ROUTES)
def test_posts_below_the_needed_role_are_refused_and_change_nothing(
    app, client, make, records, endpoint
) -> None:
    _, needed = ROUTES[endpoint]
    below = Role.VIEWER if needed is Role.OFFICER else Role.OFFICER
    client.login(make.user(role=below.value))
    url = url_for_endpoint(app, endpoint, records)
    from tracker.models import AuditEvent
    from tracker.orm import db

    audited = db.session.query(AuditEvent).count()  # the records' own setup
    response = client.submit(
        url, {"title": "x", "name": "x", "to_status": "negotiating", "done_on": "2026-01-10"}
    )
    assert response.status_code == 403
    assert db.session.query(AuditEvent).count() == audited
