"""Absolute links for mail, built from TRACKER_BASE_URL (jobs run outside any request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import MapAdapter


def _adapter() -> MapAdapter:
    base = urlsplit(current_app.config["BASE_URL"])
    return current_app.url_map.bind(
        base.netloc,
        script_name=base.path.rstrip("/") or "/",
        url_scheme=base.scheme or "http",
    )


def external_url(endpoint: str, **values: Any) -> str:
    return _adapter().build(endpoint, values, force_external=True)


def url_builder(endpoint: str, argument: str) -> Callable[[Any], str]:
    """external_url for one endpoint in a loop: the URL map is bound once, not per link."""
    adapter = _adapter()
    return lambda value: adapter.build(endpoint, {argument: value}, force_external=True)
