"""Sentences told to users, kept translatable without the domain knowing of languages."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.lists import format_list

from tracker.domain.ordinals import ordinal_word


def N_(text: str) -> str:  # noqa: N802 (the name gettext tools know)
    """Marks a sentence kept in a table for translation; it is translated where shown."""
    return text


class MonthDate(date):
    """A date known only to its month ("the 22nd Council, November 2025")."""

    @classmethod
    def of(cls, value: date) -> MonthDate:
        return cls(value.year, value.month, value.day)


class Nth(int):
    """A number said as an ordinal word before its noun ("the second month"): English words
    here; the interface says it in the reader's language (tracker.domain.ordinals)."""


def english(value: Any) -> Any:
    """A value as an English sentence shows it: an enum by its label in lower case, a date
    in ISO form (a month as "November 2025"), an Nth as a word ("second")."""
    if isinstance(value, Nth):
        return ordinal_word(value, "en")
    if isinstance(value, Choices | Names):
        return value.in_language("en")
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label.lower()
    if isinstance(value, MonthDate):
        return value.strftime("%B %Y")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Choices(tuple):
    """Choices a sentence lists ("a, b or c"), joined in the reader's language by the
    interface (tracker.i18n.localise: Babel's list patterns, style "or"); in English as
    pydantic says them, without a serial comma. Items that are labels (an enum) are told
    as labels."""

    def in_language(self, language: str, say: Any = english) -> str:
        """The items, each as `say` gives it, joined with "or" in `language`."""
        items = [str(say(item)) for item in self]
        if len(items) < 2:
            return "".join(items)
        if language == "en":
            return f"{', '.join(items[:-1])} or {items[-1]}"
        return format_list(items, style="or", locale=language)


class Names(tuple):
    """Names a sentence lists ("waiting for: Austria, Kazakhstan"), each said in the
    reader's language by the interface (tracker.i18n.localise: a Party's PartyName in
    Russian or Kazakh), joined with commas; in English as they are."""

    def in_language(self, language: str, say: Any = english) -> str:
        """The items, each as `say` gives it, joined with commas (`language` unused: a
        list of names reads the same in the three languages)."""
        return ", ".join(str(say(item)) for item in self)


class Message(str):
    """An English sentence that remembers its template (a msgid with %(name)s placeholders)
    and its values, so the interface can say it in the reader's language.

    It is a str, so logs, the CLI and the API use it as the English sentence it is.
    """

    template: str
    params: dict[str, Any]
    #: for a sentence with a count (counted_message): the plural form; the count is `num`
    plural: str | None = None

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = template % {k: english(v) for k, v in params.items()} if params else template
        message = super().__new__(cls, text)
        message.template = template
        message.params = params
        return message

    def __reduce__(self) -> Any:
        return (_rebuild, (self.template, self.params, self.plural))


def _rebuild(template: str, params: dict[str, Any], plural: str | None = None) -> Message:
    if plural is not None:
        return counted_message(template, plural, **params)
    return Message(template, **params)


def counted_message(singular: str, plural: str, /, **params: Any) -> Message:
    """A Message whose form follows its count `num` (a required param), as ngettext
    chooses: in English `singular` for 1 ("one year"), else `plural` ("%(num)s years");
    the interface asks the reader's language for its own forms (1 год, 2 года, 5 лет)."""
    num = params["num"]
    message = Message(singular if num == 1 else plural, **params)
    message.template = singular
    message.plural = plural
    return message


def as_message(text: str, params: dict[str, Any]) -> Message:
    """`text` as a Message: as it is if it is one already, else built from its values."""
    if isinstance(text, Message) and not params:
        return text
    return Message(text, **params)
