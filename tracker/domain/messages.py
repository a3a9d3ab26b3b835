"""Sentences told to users, kept translatable without the domain knowing of languages."""

from __future__ import annotations

from datetime import date
from typing import Any


def N_(text: str) -> str:  # noqa: N802 (the name gettext tools know)
    """Marks a sentence kept in a table for translation; it is translated where shown."""
    return text


class MonthDate(date):
    """A date known only to its month ("the 22nd Council, November 2025")."""

    @classmethod
    def of(cls, value: date) -> MonthDate:
        return cls(value.year, value.month, value.day)


def english(value: Any) -> Any:
    """A value as an English sentence shows it: an enum by its label in lower case, a date
    in ISO form (a month as "November 2025")."""
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label.lower()
    if isinstance(value, MonthDate):
        return value.strftime("%B %Y")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Message(str):
    """An English sentence that remembers its template (a msgid with %(name)s placeholders)
    and its values, so the interface can say it in the reader's language.

    It is a str, so logs, the CLI and the API use it as the English sentence it is.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = template % {k: english(v) for k, v in params.items()} if params else template
        message = super().__new__(cls, text)
        message.template = template
        message.params = params
        return message

    def __reduce__(self) -> Any:
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def as_message(text: str, params: dict[str, Any]) -> Message:
    """`text` as a Message: as it is if it is one already, else built from its values."""
    if isinstance(text, Message) and not params:
        return text
    return Message(text, **params)
