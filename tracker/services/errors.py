from __future__ import annotations


class ServiceError(Exception):
    """A refusal the user can act on; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ServiceError):
    """Someone else saved the record since this user loaded it."""
