"""The words of the domain in the reader's language: the titles of anniversaries ("10th
anniversary of the signature of the EPCA"), of numbered meetings ("23rd Cooperation
Council") and of milestones (a round left untitled: "Round 3" / «Раунд 3» / «3-раунд»).

Apart from tracker.i18n (the languages, the formats of dates and numbers, the saying of
Messages), which it builds on and which never imports it: no import cycle. Its own Jinja
filters are registered by init_app, after tracker.i18n's (h19g1 #3: tracker/i18n.py had
grown past ~400 lines).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from tracker.domain.messages import Message
from tracker.domain.names import official_name
from tracker.domain.rounds import shown_title
from tracker.i18n import current_language, localised_ordinal, official, translate


def init_app(app: Flask) -> None:
    """Register the titles' filters: anniversary_title, milestone_title, meeting_title (a
    meeting's title: its number and body, or its title when it has no number)."""
    app.jinja_env.filters.update(
        anniversary_title=anniversary_title,
        milestone_title=milestone_title,
        meeting_title=lambda p: (
            meeting_title(p.number, official(p.body_name, getattr(p, "names", None)))
            if p.number
            else p.title
        ),
    )


_ANNIVERSARY_TITLES = {
    ("signature", True): _l("%(ordinal)s anniversary of the signature of the %(name)s"),
    ("signature", False): _l("%(ordinal)s anniversary of the signature of %(name)s"),
    ("entry_into_force", True): _l(
        "%(ordinal)s anniversary of the entry into force of the %(name)s"
    ),
    ("entry_into_force", False): _l("%(ordinal)s anniversary of the entry into force of %(name)s"),
    ("launch", True): _l("%(ordinal)s anniversary of the launch of negotiations on the %(name)s"),
}


def anniversary_title(anniversary: Any) -> str:
    """An anniversary's title in the current language (the domain's is English): of an
    Anniversary, or of a weekly report's stored anniversary."""
    event = getattr(anniversary, "event", None)
    if event is not None:
        kind, with_article = event.kind, event.has_article
        name = official_name(event.name, event.name_ru, event.name_kk, current_language())
    else:
        kind = anniversary.kind
        name = official(anniversary.name, getattr(anniversary, "names", None))
        with_article = anniversary.with_article
    template = _ANNIVERSARY_TITLES.get((kind, with_article))
    if template is None or not name:
        return str(anniversary.title)
    return str(template) % {"ordinal": localised_ordinal(anniversary.years), "name": name}


def meeting_title(number: int, body_name: str) -> str:
    """23rd Cooperation Council / 23-е заседание: Cooperation Council."""
    return gettext("%(ordinal)s %(body)s", ordinal=localised_ordinal(number), body=body_name)


def milestone_title(milestone: Any) -> str:
    """A milestone's title in the current language: as stored, or for a round left untitled
    "Round 3" / «Раунд 3» / «3-раунд» (tracker.domain.rounds, issue #15 item 7). Takes a
    Milestone or anything with its title (and kind and number, or a display title)."""
    if isinstance(milestone, Mapping):  # a reminder's facts
        title = milestone.get("title", "")
    else:
        title = getattr(milestone, "display_title", None)
    if title is None:
        title = shown_title(
            getattr(milestone, "title", "") or "",
            is_round=getattr(milestone, "kind", None) == "round",
            number=getattr(milestone, "number", None),
        )
    return translate(title) if isinstance(title, Message) else title
