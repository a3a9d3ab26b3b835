"""The JSON API under /api/v1: token-authenticated, described by OpenAPI 3.1 (spec.py)."""

from tracker.api.views import bp

__all__ = ["bp"]
