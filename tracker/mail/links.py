"""Absolute links (mail, calendar feeds): from TRACKER_BASE_URL when it is configured (in
production: the public address, whatever Host a request names); else from the request
being served; else (a job, the CLI, in development) from the address `flask serve` listens
on, and failing that tracker.config.DEVELOPMENT_BASE_URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for
from werkzeug.routing import MapAdapter

from tracker.config import DEVELOPMENT_BASE_URL

#: app.config key where `flask serve` notes the address it listens on
SERVED_AT = "SERVED_AT"


def base_url() -> str:
    """The site's address, as links are built from it (see the module's docstring)."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return str(configured)
    if has_request_context():
        return request.url_root
    return str(current_app.config.get(SERVED_AT) or DEVELOPMENT_BASE_URL)


def _adapter() -> MapAdapter:
    base = urlsplit(base_url())
    return current_app.url_map.bind(
        base.netloc,
        script_name=base.path.rstrip("/") or "/",
        url_scheme=base.scheme or "http",
    )


def external_url(endpoint: str, **values: Any) -> str:
    return _adapter().build(endpoint, values, force_external=True)


def record_url(endpoint: str, *, external: bool, **values: Any) -> str:
    """A record's address for a page shared by the web and mail (the weekly report):
    absolute from TRACKER_BASE_URL for mail and outside a request (a job, the CLI),
    relative on a page."""
    if external or not has_request_context():
        return external_url(endpoint, **values)
    return url_for(endpoint, **values)


#: an id no record has, built into a URL once and then replaced by each real id
_PLACEHOLDER_ID = 2**31 - 1


def url_builder(endpoint: str, argument: str) -> Callable[[int], str]:
    """external_url for one endpoint and integer id in a loop (a scan builds tens of
    thousands): the URL is built once around a placeholder id, then filled in."""
    adapter = _adapter()
    template = adapter.build(endpoint, {argument: _PLACEHOLDER_ID}, force_external=True)
    head, found, tail = template.partition(str(_PLACEHOLDER_ID))
    if not found or str(_PLACEHOLDER_ID) in tail:
        return lambda value: adapter.build(endpoint, {argument: value}, force_external=True)
    return lambda value: f"{head}{int(value)}{tail}"
