"""The refusal types services raise (defined in the domain, so schemas share them)."""

from tracker.domain.refusals import ConflictError, InUse, ServiceError

__all__ = ["ConflictError", "InUse", "ServiceError"]
