"""Languages: English, Russian and Kazakh, with Flask-Babel.

The language of a page is the user's choice on /me, else the browser's preference; the
language of an email is its recipient's choice (English when they have none). Records
keep their English words (audit entries, stored summaries, enum values); what is shown
is translated here, at the edge, so a reminder built once is told to each recipient in
their own language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval
from flask import Flask, has_request_context, request
from flask_babel import (
    Babel,
    force_locale,
    format_date,
    format_datetime,
    format_decimal,
    get_locale,
    gettext,
    ngettext,
)
from flask_login import current_user

from tracker import clock
from tracker.domain.anniversaries import ordinal
from tracker.domain.meetings import CADENCES
from tracker.domain.messages import Choices, Message, MonthDate, Names, Nth
from tracker.domain.names import OfficialName, PartyName, official_name
from tracker.domain.ordinals import ordinal_word
from tracker.domain.weeks import parse_iso_week
from tracker.labels import label, provision_heading
from tracker.typography import capfirst, changed_excerpts

#: language code -> its name in that language (a language is offered in its own words)
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақ тілі"}
DEFAULT_LANGUAGE = "en"

babel = Babel()


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    # Dates are calendar dates; times are shown in the tracker's zone (TRACKER_TIMEZONE).
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", app.config.get("TIMEZONE", "UTC"))
    babel.init_app(app, locale_selector=select_language)
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks ignore line breaks
    app.jinja_env.filters.update(
        day=format_day,
        since_day=format_since,  # "since %(date)s": «2020 ж. 1 сәуірден бастап» (h16d #4)
        milestone_date=format_milestone_date,
        month=format_month,
        week=lambda report: format_week(report.starts_on, report.ends_on),
        week_of=lambda iso_week: format_week(*parse_iso_week(iso_week)),
        short_month=format_short_month,
        moment=format_moment,
        number=format_number,
        label=label,
        provision_heading=provision_heading,
        when=when,
        ordinal=localised_ordinal,
        translate=translate,
        full_name=full_name,
        official=official,
        file_size=file_size,
        named=named,
        capfirst=capfirst,
    )
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, current_language=current_language, changed_excerpts=changed_excerpts
    )
    # the titles of anniversaries, meetings and milestones: tracker.domain_words.init_app


def select_language() -> str:
    """The signed-in user's language, else the best of the browser's, else English."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = getattr(current_user, "language", None) if current_user else None
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


@contextmanager
def language(code: str | None) -> Iterator[None]:
    """Render in this language (an email in its recipient's), English when none is set."""
    with force_locale(code if code in LANGUAGES else DEFAULT_LANGUAGE):
        yield


# -- dates and numbers -------------------------------------------------------------------


def full_name(record: Any) -> str:
    """An agreement's title, a track's or body's name, in the reader's language: its
    official name in Russian or Kazakh when known (issue 15#11), else the English one.
    `record` is a model, or an OfficialName (a name copied out of the records, as mail
    and reports carry them); a plain string is shown as it is.

    The one place a name's language is chosen, for pages, mail (rendered in the
    recipient's language), reports and feeds; the rule is tracker.domain.names."""
    language = current_language()
    if isinstance(record, OfficialName):
        return record.in_language(language)
    if isinstance(record, str):
        return record
    if hasattr(record, "title_in"):
        return record.title_in(language)
    return record.name_in(language)


def official(name: str, names: dict[str, str] | None) -> str:
    """`name` in the reader's language, given its official names as stored with a copy of
    it (a report's snapshot keeps {"ru": ..., "kk": ...}; an empty or missing one: `name`)."""
    names = names or {}
    return official_name(name, names.get("ru", ""), names.get("kk", ""), current_language())


def named(record: Any) -> str:
    """How a list or a link names a record: its short title or short name if any (the
    same in every language), else its full name in the reader's language."""
    language = current_language()
    for shown in ("display_title_in", "display_name_in", "name_in"):
        if hasattr(record, shown):
            return getattr(record, shown)(language)
    return str(record)


DAY_PATTERN = "d MMM y"


def format_day(value: date | None) -> str:
    """21 Dec 2015 / 21 дек. 2015 / 21 жел. 2015. A date (not a datetime: flask_babel
    moves those to the reader's zone) is remembered per language: a track page shows a
    few hundred, about 20 µs each through Babel (issue 19's profile)."""
    if not value:
        return "—"
    locale = get_locale()
    if isinstance(value, datetime) or locale is None:
        return format_date(value, DAY_PATTERN)
    return _day_in(value, locale)


@lru_cache(maxsize=4096)
def _day_in(value: date, locale: Locale) -> str:
    """What flask_babel's format_date(value, DAY_PATTERN) gives for a date in `locale`."""
    return babel_format_date(value, DAY_PATTERN, locale=locale)


#: the Kazakh month names in the ablative case (-дан/-ден after a vowel or a voiced
#: consonant, -нан/-нен after a nasal, -тан/-тен after a voiceless one)
KAZAKH_MONTHS_FROM = (
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
)


def format_since(value: date | None) -> str:
    """`value` as "since %(date)s" takes it in the reader's language (h16d #4, issue 16's
    fresh check): in Kazakh the postposition «бастап» takes the ablative and a date is said
    year first, «2020 ж. 1 сәуірден» (the catalogue's "since %(date)s" is «%(date)s
    бастап»), not «1 сәу. 2020»; other languages take format_day's ("since 1 Apr 2020",
    «с 1 апр. 2020»); "—" when there is none."""
    locale = get_locale()
    if value is None or locale is None or locale.language != "kk":
        return format_day(value)
    return f"{value.year} ж. {value.day} {KAZAKH_MONTHS_FROM[value.month - 1]}"


def format_week(starts_on: date, ends_on: date) -> str:
    """A week by its dates, as people name it: 1–7 Dec 2025 / 1—7 дек. 2025 г. /
    2025 ж. 1–7 жел. (CLDR's interval patterns through Babel; English in the British order
    that format_day uses)."""
    locale = get_locale()
    if locale is None or locale.language == "en":
        locale = Locale.parse("en_GB")
    return format_interval(starts_on, ends_on, "yMMMd", locale=locale)


def format_month(value: date | None) -> str:
    """December 2025, for a date known only to the month."""
    return format_date(value, "LLLL y") if value else "—"


def format_milestone_date(value: date | None, precision: Any = "day") -> str:
    if value is None:
        return "—"
    return format_month(value) if str(precision) == "month" else format_day(value)


def format_moment(value: datetime | None) -> str:
    """A timestamp in the tracker's zone: 21 Dec 2015, 14:05."""
    if value is None:
        return "—"
    return f"{format_day(_local(value))}, {format_datetime(value, 'HH:mm')}"


def _local(value: datetime) -> date:
    return value.astimezone(clock.zone()).date()


def format_short_month(value: date | None) -> str:
    """Dec 2025, for the ticks of a timeline."""
    return format_date(value, "LLL y") if value else ""


def file_size(size: int | None) -> str:
    """A file's size for people: 812 bytes, 14 KB, 2.3 MB (1 KB = 1024 bytes)."""
    if size is None:
        return "—"
    if size < 1024:
        return ngettext("%(num)s byte", "%(num)s bytes", size)
    if size < 1024 * 1024:
        return gettext("%(size)s KB", size=format_decimal(round(size / 1024)))
    return gettext("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def format_number(value: int | float | None) -> str:
    return "—" if value is None else format_decimal(value)


def when(on: date, today: date) -> str:
    """Today / tomorrow / in 7 days / 3 days ago."""
    days = (on - today).days
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    if days > 0:
        return ngettext("in %(num)s day", "in %(num)s days", days)
    return ngettext("%(num)s day ago", "%(num)s days ago", -days)


def cadence(months: int | None) -> str:
    """How often a body meets, in words."""
    if months is None:
        return gettext("As needed")
    named = dict(CADENCES).get(months)
    if named is not None:
        return gettext(named)
    return ngettext("Every %(num)s month", "Every %(num)s months", months)


def localised_ordinal(n: int) -> str:
    """23rd in English; Russian and Kazakh messages add their own ending to the bare number."""
    return ordinal(n) if current_language() == "en" else str(n)


def translate(message: Any) -> str:
    """A sentence from the domain or a service (a Message, or a plain msgid) in the current
    language; an unknown sentence is shown as it is."""
    template = getattr(message, "template", None)
    if template is None:
        return gettext(str(message)) if message else ""
    params = getattr(message, "params", {})
    plural = getattr(message, "plural", None)
    if plural is not None:  # ngettext fills in the count
        values = {k: localise(v) for k, v in params.items() if k != "num"}
        return ngettext(template, plural, params["num"], **values)
    return gettext(template, **{k: localise(v) for k, v in params.items()})


class Text:
    """A message translated when it is turned into a string, with its values formatted for
    the language: a subject built once is told in each recipient's language.

    With `plural`, `num` chooses the form (ngettext), as in the templates.
    """

    __slots__ = ("msgid", "params", "plural")

    def __init__(self, msgid: str, /, plural: str | None = None, **params: Any) -> None:
        self.msgid = msgid
        self.plural = plural
        self.params = params

    def __str__(self) -> str:
        values = {k: localise(v) for k, v in self.params.items()}
        if self.plural is not None:
            values.pop("num")  # ngettext fills it in from the count
            return ngettext(self.msgid, self.plural, self.params["num"], **values)
        return gettext(self.msgid, **values)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, **{self.params!r})"


def Plural(singular: str, plural: str, /, **params: Any) -> Text:  # noqa: N802
    """A Text whose form follows `num` (extracted as a plural message, like ngettext)."""
    return Text(singular, plural=plural, **params)


class When:
    """ "in 7 days", said when the message is rendered, in its reader's language."""

    __slots__ = ("on", "today")

    def __init__(self, on: date, today: date) -> None:
        self.on = on
        self.today = today

    def __str__(self) -> str:
        return when(self.on, self.today)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))


class Ordinal(int):
    """A number said as an ordinal: 23rd in English, the bare number for the translations."""


def localise(value: Any) -> Any:
    """A value made ready for a translated sentence (a callable is asked for it then)."""
    if isinstance(value, Nth):
        return ordinal_word(value, current_language())
    if isinstance(value, Ordinal):
        return localised_ordinal(value)
    if callable(value) and not isinstance(value, type):
        return value()
    if isinstance(value, OfficialName):
        return full_name(value)
    if isinstance(named := getattr(value, "named", value), PartyName):  # or a Party (h16c #3)
        return named.in_language(current_language())
    if isinstance(value, Choices | Names):  # each item in the reader's language
        return value.in_language(current_language(), localise)
    if isinstance(value, Text | When):
        return str(value)
    if isinstance(value, Message):
        return translate(value)
    if isinstance(value, StrEnum):
        return label(value).lower()
    if isinstance(value, MonthDate):
        return format_month(value)
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return format_decimal(value)  # 1.5 in English, 1,5 in Russian and Kazakh
    return value
