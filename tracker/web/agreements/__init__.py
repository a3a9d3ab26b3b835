"""Agreements: list, detail, create, edit."""

from tracker.web.agreements.views import bp

__all__ = ["bp"]
