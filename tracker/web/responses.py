"""Responses that several blueprints send: CSV downloads and calendar files."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response

from tracker import clock
from tracker.mail.links import base_url, external_url
from tracker.models import Milestone
from tracker.services import calendar as calendar_service

ICAL_MIMETYPE = "text/calendar"


def csv_download(text: str, filename: str) -> Response:
    response = Response(text.encode("utf-8"), mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def calendar_host() -> str:
    """The host part of every event UID: stable as long as the site's address is."""
    return urlsplit(base_url()).hostname or "accord-tracker"


def ics_response(body: bytes, filename: str, *, attachment: bool) -> Response:
    response = Response(body, mimetype=ICAL_MIMETYPE)
    response.charset = "utf-8"
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


def milestone_ics(milestone: Milestone) -> Response:
    """One milestone as a calendar file, with the same UID as in the feeds."""
    body = calendar_service.build_calendar(
        milestone.display_title,
        [milestone],
        host=calendar_host(),
        now=clock.now_utc(),
        urls={milestone.id: external_url("milestones.detail", milestone_id=milestone.id)},
    )
    return ics_response(body, f"milestone-{milestone.id}.ics", attachment=True)
