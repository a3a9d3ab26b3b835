"""The refusal types services raise (defined in the domain, so schemas share them)."""

from tracker.domain.refusals import ConflictError, ServiceError

__all__ = ["ConflictError", "ServiceError"]
