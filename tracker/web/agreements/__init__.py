"""Agreements: list, detail, create, edit."""

from tracker.web.agreements.views import bp

# the routes of the Parties' acts, on the same blueprint
from tracker.web.agreements import party_actions  # noqa: E402, F401  isort: skip
from tracker.web.agreements import clock_rules  # noqa: E402, F401  isort: skip

__all__ = ["bp"]
