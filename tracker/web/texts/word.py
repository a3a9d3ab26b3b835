"""The negotiating text in and out of Word (issue 17 #6): the joint text and the comparative
table as .docx, and a .docx draft imported after a preview."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired, Regexp

from tracker import clock
from tracker.auth import role_required
from tracker.domain.export_names import export_filename
from tracker.domain.provisions import LANGUAGES, ProvisionStatus, languages_held, text_in
from tracker.domain.sides import Sides
from tracker.domain_words import milestone_title
from tracker.i18n import format_day, named
from tracker.i18n import language as in_language
from tracker.labels import label, provision_heading
from tracker.models import Classification, Milestone, Role
from tracker.services import positions as position_service
from tracker.services import (
    text_import,
    text_rounds,
    text_word_export,
    transaction,
)
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.sides import sides_of
from tracker.services.text_rounds import ProvisionState
from tracker.web.forms import ChoiceField, TrackerForm, takes_uploads
from tracker.web.texts.views import LANGUAGE_CHOICES, _not_held, _round, _track, bp

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype=DOCX)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _filename(
    kind: str, track_id: int, round_: Milestone | None, day: date, languages: list[str]
) -> str:
    """The file's name: the track, the round or the day, the languages (export_filename)."""
    return export_filename(
        kind,
        track_id,
        round_number=round_.number if round_ else None,
        round_id=round_.id if round_ else None,
        day=day,
        languages=languages,
    )


def _heading(state: ProvisionState) -> str:
    """A provision's heading in an export ("Article 5 — Scope"); a title that starts with
    the heading's own words is the heading alone ("Preamble (demo example)", never
    "Preamble — Preamble (demo example)"; the import reads it back as that title)."""
    words = provision_heading(state.kind, state.number)
    if not state.title:
        return words
    if re.match(re.escape(words.casefold()) + r"(?!\w)", state.title.casefold()):
        return state.title
    return f"{words} — {state.title}"


def _heading_in(state: ProvisionState, language: str) -> str:
    """A provision's heading in an export, its words in `language` ("Статья 5 — ...")."""
    with in_language(language):
        return _heading(state)


def _own_name(language: str) -> str:
    """A language named in itself ("English", «Русский»), a side-by-side column's name."""
    with in_language(language):
        return _name_of(language)


#: the `lang` of an export that puts every language of the text side by side
SIDE_BY_SIDE = "side"


def _languages(states: list[ProvisionState]) -> list[str]:
    """The languages an export gives, from its `lang`: one of LANGUAGES (English when
    none or an unknown one is asked), or "side": each language the text holds, side by
    side (English when it holds none)."""
    wanted = request.args.get("lang", "en")
    if wanted == SIDE_BY_SIDE:
        return languages_held(s.texts for s in states) or ["en"]
    return [wanted if wanted in LANGUAGES else "en"]


def _name_of(language: str) -> str:
    return str(dict(LANGUAGE_CHOICES)[language])


def _missing(language: str, other: str | None) -> str:
    """What a provision without text in `language` says in an export instead."""
    if other is None:
        return _("[no %(language)s text]", language=_name_of(language))
    return _(
        "[no %(language)s text; %(other)s text follows]",
        language=_name_of(language),
        other=_name_of(other),
    )


def _missing_in(language: str, other: str | None) -> str:
    """_missing said in `language` itself, the language of the column or box it stands
    in («[нет текста на языке: Русский]» in a side-by-side file's Russian column, whatever
    the file's first language)."""
    with in_language(language):
        return _missing(language, other)


def _text_cell(state: ProvisionState, languages: list[str]) -> str:
    """The comparative table's provision cell: heading, status and the joint text in the
    languages chosen (one: a missing text says so and the text the provision has follows;
    several: each under its name)."""
    parts = [f"{_heading(state)}\n{label(state.status)}"]
    if len(languages) == 1:
        given, text = text_in(state.texts, languages[0])
        if given is not None and given != languages[0]:
            parts.append(f"{_missing(languages[0], given)}\n{text}")
        elif text:
            parts.append(text)
    else:
        for language in languages:
            text = state.texts.get(language, "").strip()
            parts.append(f"{_name_of(language)}:\n{text or _missing(language, None)}")
    return "\n\n".join(parts)


def _titles(track: Any, languages: list[str], title: Callable[[], str]) -> list[str]:
    """An export's title in each of its languages (`title()` said in each: the track's
    official name in that language when it has one)."""
    titles = []
    for language in languages:
        with in_language(language):
            titles.append(title())
    return titles


@bp.route("/joint.docx")
def joint_docx(track_id: int) -> Any:
    track = _track(track_id)
    try:
        round_ = text_rounds.held(_round(track))
    except text_rounds.RoundNotHeld as error:  # no text "after" it: said, not an empty file
        return _not_held(track, error)
    states = [
        s for s in text_rounds.text_at(track, round_) if s.status is not ProvisionStatus.DELETED
    ]
    languages = _languages(states)

    today = clock.today()

    def title() -> str:
        if round_ is None:  # a file outlives the day: it says which day's text it is
            return _(
                "%(track)s: joint text, as it stands on %(day)s",
                track=named(track),
                day=format_day(today),
            )
        stage = _("after %(round)s", round=milestone_title(round_))
        return _("%(track)s: joint text, %(stage)s", track=named(track), stage=stage)

    # the file's own words (marking, headings, notes) in its language, not the reader's
    with in_language(languages[0]):
        data = text_word_export.joint_text_docx(
            states,
            titles=_titles(track, languages, title),
            marking=label(track.classification).upper(),
            languages=languages,
            heading_of=_heading_in,
            name_of=_own_name,
            missing=_missing_in,
            versions=text_word_export.export_versions(track, states),
        )
    return _docx(data, _filename("joint-text", track.id, round_, today, languages))


@bp.route("/table.docx")
@role_required(Role.OFFICER)
def table_docx(track_id: int) -> Any:
    """The comparative table (team only) of the text after a held round (?round=<id>), or
    as it is now (no round, or ?round=now: what a delegation takes to the next round):
    the joint text's choice and default. Positions: those standing at the round asked,
    or for now the latest recorded, each marked with the round it comes from."""
    track = _track(track_id)
    position_service.require_team(current_user, track)
    try:
        round_ = text_rounds.held(_round(track))
    except text_rounds.RoundNotHeld as error:  # no text "after" it: said, not an empty file
        return _not_held(track, error)
    if round_ is None:
        found = position_service.positions_now(current_user, track)
    else:
        found = position_service.positions_at(current_user, track, round_)
    states = [
        s for s in text_rounds.text_at(track, round_) if s.status is not ProvisionStatus.DELETED
    ]
    languages = _languages(states)
    today = clock.today()

    def title() -> str:
        if round_ is None:  # a file outlives the day: it says which day's text it is
            return _(
                "%(track)s: comparative table, as it stands on %(day)s",
                track=named(track),
                day=format_day(today),
            )
        return _(
            "%(track)s: comparative table, after %(round)s",
            track=named(track),
            round=milestone_title(round_),
        )

    # the file's own words (marking, headings, columns) in its language, not the reader's
    with in_language(languages[0]):
        rows = []
        for state in states:
            position = found.get(state.provision_id)
            rows.append((_text_cell(state, languages), *_position_cells(position, round_)))
        data = text_word_export.comparative_table_docx(
            rows,
            titles=_titles(track, languages, title),
            marking=_(
                "%(classification)s: the track's team only",
                classification=label(Classification.RESTRICTED).upper(),
            ),
            columns=_table_columns(sides_of(track)),
        )
    return _docx(data, _filename("comparative-table", track.id, round_, today, languages))


def _position_cells(position: Any, round_: Milestone | None) -> tuple[str, str, str]:
    """The comparative table's our text, their text and comments for a provision's
    position at `round_` (None: none recorded); one carried forward from an earlier
    round, and every one in the text as it is now (`round_` None), says which round it
    is from under each text, "(from Round 2)", as the brief does."""
    if position is None:
        return "", "", ""
    since = ""
    if round_ is None or position.round_id != round_.id:
        since = f"\n({_('from %(round)s', round=milestone_title(position.round))})"
    return (
        position.ours + since if position.ours else "",
        position.theirs + since if position.theirs else "",
        position.notes,
    )


def _table_columns(sides: Sides) -> tuple[str, str, str, str]:
    """Provision | our text | their text | comments, our side and theirs named if known."""
    if not sides.ours:  # which party is theirs is not known: name none
        return (_("Provision"), _("Our text"), _("Counterpart's text"), _("Comments"))
    ours = _("Our text (%(side)s)", side=sides.ours)
    theirs = (
        _("Their text (%(side)s)", side=sides.their_label) if sides.their_label else _("Their text")
    )
    return (_("Provision"), ours, theirs, _("Comments"))


class UploadForm(TrackerForm):
    file = FileField(_l("Word file (.docx)"), validators=[FileRequired(_l("Choose a Word file."))])
    language = ChoiceField(_l("Language of the draft"), choices=LANGUAGE_CHOICES, default="en")


class ConfirmForm(TrackerForm):
    #: the file, base64, carried from the preview to the confirmation and read again
    content = HiddenField(validators=[DataRequired()])
    language = HiddenField(validators=[AnyOf(list(LANGUAGES))])
    #: each provision's version as the preview showed it: "id:version,id:version"
    versions = HiddenField(validators=[Regexp(r"^(\d{1,12}:\d{1,12}(,\d{1,12}:\d{1,12})*)?$")])


def _versions_text(seen: dict[int, int]) -> str:
    return ",".join(f"{ident}:{version}" for ident, version in sorted(seen.items()))


def _versions_read(text: str) -> dict[int, int]:
    pairs = (pair.split(":") for pair in text.split(",") if pair)
    return {int(ident): int(version) for ident, version in pairs}


def _import_page(
    track: Any,
    form: UploadForm,
    data: bytes | None,
    language: str,
    refusal: ServiceError | None = None,
    seen: dict[int, int] | None = None,
) -> Any:
    """The import page: the upload form and, for a file read, its preview with each
    provision's problem; the confirmation is offered only when every provision can be
    imported (again after a refused import, e.g. a provision changed meanwhile: the
    preview is then read afresh, each provision changed since `seen` marked). `refusal`:
    why the import was just refused. 409 when a provision changed since the preview, 422
    when anything else is refused (the file, a provision, the import)."""
    planned = confirm_form = None
    said: list[ServiceError] = []
    if data is not None:
        try:
            planned = text_import.preview(track, data, language, seen)
        except ServiceError as error:
            said.append(error)
        else:
            if text_import.has_problems(planned):
                said.append(ServiceError(text_import.REFUSED, field="file"))
            else:
                confirm_form = ConfirmForm(
                    formdata=None,
                    content=base64.b64encode(data).decode("ascii"),
                    language=language,
                    versions=_versions_text(text_import.versions_seen(planned)),
                )
    if refusal is not None and all(e.message != refusal.message for e in said):
        said.insert(0, refusal)
    for error in said:
        form.add_error(error)
    code = 422 if form.has_errors else 200
    if isinstance(refusal, ConflictError) and code == 422 and len(said) == 1:
        code = 409
    return render_template(
        "texts/import.html", track=track, form=form, planned=planned, confirm_form=confirm_form
    ), code


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.OFFICER)
@takes_uploads
def import_word(track_id: int) -> Any:
    track = _track(track_id)
    form = UploadForm()
    data = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            data = upload.read()
        finally:
            upload.close()  # an upload is spooled to a temporary file: let it go now
    return _import_page(track, form, data, form.language.data)


@bp.route("/import/confirm", methods=["POST"])
@role_required(Role.OFFICER)
def confirm_import(track_id: int) -> Any:
    track = _track(track_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        data = base64.b64decode(form.content.data, validate=True)
    except (binascii.Error, ValueError):
        abort(400)
    try:
        seen = _versions_read(form.versions.data or "")
        added, changed = text_import.import_draft(
            track, data, form.language.data, actor=current_user, seen=seen
        )
    except ServiceError as error:
        transaction.roll_back()
        # the preview again, with each provision's error and the refusal: nothing is lost
        upload = UploadForm(formdata=None, language=form.language.data)
        return _import_page(track, upload, data, form.language.data, error, seen)
    flash(
        _("Imported: %(added)s added, %(changed)s changed.", added=added, changed=changed),
        "success",
    )
    return redirect(url_for(".index", track_id=track.id))
