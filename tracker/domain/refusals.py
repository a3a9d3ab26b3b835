"""The one refusal type: what a rule, a schema or a service says when it will not do
something, with the field it is about. Pure: the web says it in the reader's language, the
API as a problem document, the CLI and the logs in English."""

from __future__ import annotations

from typing import Any

from tracker.domain.messages import as_message


class ServiceError(Exception):
    """A refusal the user can act on; `field` names the form field it belongs to, if any.

    `message` is an English Message (a str): the web says it in the reader's language.
    """

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        self.message = as_message(message, params)
        super().__init__(self.message)
        self.field = field


class ConflictError(ServiceError):
    """Someone else saved the record since this user loaded it."""


class InUse(ServiceError):
    """The record cannot go (or change so): other records rest on it, which the message
    names (e.g. a reservation objections name: h16h #3). The API answers 409."""
