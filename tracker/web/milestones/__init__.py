"""Milestones: list, detail, add (usually from a track page), edit, complete, reopen."""

from tracker.web.milestones.views import bp

__all__ = ["bp"]
