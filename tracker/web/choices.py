"""Choices for select fields, loaded fresh for each form: the current user's options from
tracker.services.choices (so a track they may not see is never offered), as the form's
(value, label) pairs, with a blank first where a field may be left empty."""

from __future__ import annotations

from collections.abc import Callable, Collection
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.domain_words import milestone_title
from tracker.i18n import current_language, format_day
from tracker.models import User
from tracker.services import choices as options_of

NONE = ("", _l("— none —"))
#: a list filter offers a select only up to this many options; beyond it (a ministry's
#: archive has thousands of tracks) the text search does the job and the select would
#: cost more to render than the page itself
FILTER_SELECT_MAX = 300

Choices = list[tuple[int | str, str]]


def for_filter(options: Callable[..., Choices]) -> Choices | None:
    """The options for a list filter's select, or None when there are too many to list."""
    items = options(blank=False, limit=FILTER_SELECT_MAX + 1)
    return None if len(items) > FILTER_SELECT_MAX else items


def _blank(items: list[tuple[int, str]], blank: bool) -> Choices:
    return [NONE, *items] if blank else list(items)


def parties() -> list[tuple[int, str]]:
    return options_of.parties(current_user)


def agreements(
    blank: bool = True, limit: int | None = None, keep: Collection[int | None] = ()
) -> Choices:
    """The agreements, archived ones left out unless in `keep` (the value already set)."""
    return _blank(options_of.agreements(current_user, limit, current_language(), keep), blank)


def tracks(
    blank: bool = True, limit: int | None = None, keep: Collection[int | None] = ()
) -> Choices:
    """The tracks the current user may see, archived ones left out unless in `keep`."""
    return _blank(options_of.tracks(current_user, limit, current_language(), keep), blank)


def areas(agreement_id: int | None) -> Choices:
    """The areas of one agreement, in the treaty's order."""
    if agreement_id is None:
        return [NONE]
    return _blank(options_of.areas(current_user, agreement_id), True)


def bodies() -> Choices:
    return _blank(options_of.bodies(current_user), True)


def meetings(blank: bool = True, limit: int | None = None) -> Choices:
    """The meetings whose action items the current user may see, the latest first, each
    "title · date" in the reader's language."""
    rows = options_of.meetings_with_action_items(current_user, limit)
    named = [
        (
            i,
            f"{milestone_title(SimpleNamespace(title=title, kind=kind, number=number))} · "
            f"{format_day(day)}",
        )
        for i, title, number, kind, day in rows
    ]
    return _blank(named, blank)


def officers(blank: bool = True, limit: int | None = None) -> Choices:
    """People who can own work: officers and admins who are active."""
    return _blank(options_of.officers(current_user, limit), blank)


def officer_by_email(email: str) -> User | None:
    """An active officer or administrator, by email address (any letter case)."""
    return options_of.officer_by_email(current_user, email)


def users() -> Choices:
    return _blank(options_of.users(current_user), True)
