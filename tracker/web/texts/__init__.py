"""The negotiating text of a track: provisions, brackets, positions, rounds compared."""

from tracker.web.texts import order, word  # noqa: F401  (routes on the same blueprint)
from tracker.web.texts.views import bp

__all__ = ["bp"]
