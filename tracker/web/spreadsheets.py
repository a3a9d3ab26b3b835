"""CSV downloads of the lists, and CSV imports with a preview before anything is written."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from tracker.auth import role_required
from tracker.models import Role
from tracker.services import transaction
from tracker.services.errors import ServiceError
from tracker.services.spreadsheets import IMPORTERS, READ_ONLY, decode, run_import
from tracker.web.forms import TrackerForm

bp = Blueprint("spreadsheets", __name__, url_prefix="/import")

#: the page's title and heading per kind of import, whole so each can be translated
TITLES = {
    "agreements": (_l("Import agreements"), _l("Import agreements from CSV")),
    "milestones": (_l("Import milestones"), _l("Import milestones from CSV")),
    "actions": (_l("Import party actions"), _l("Import party actions from CSV")),
    "final-clauses": (_l("Import final clauses"), _l("Import final clauses from CSV")),
    "relations": (
        _l("Import relations between treaties"),
        _l("Import relations between treaties from CSV"),
    ),
}
#: the section of the agreement's page an import started there goes back to
AGREEMENT_SECTIONS = {"actions": "actions", "final-clauses": "clocks", "relations": "relations"}
LISTS = {
    "agreements": "agreements.index",
    "milestones": "milestones.index",
    "actions": "agreements.index",
    "final-clauses": "agreements.index",
    "relations": "agreements.index",
}


class UploadForm(TrackerForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class ConfirmForm(TrackerForm):
    #: the file's text, carried from the preview to the confirmation and checked again
    content = HiddenField(validators=[DataRequired()])
    #: the preview's kept plan (tracker.services.spreadsheets.carried): the confirmation
    #: writes it when nothing it rests on changed, else checks every row again
    plan = HiddenField()
    #: what the preview showed of every row (ImportResult.shown): a confirmation whose rows
    #: now work out otherwise (a record changed since) writes nothing and shows them again
    shown = HiddenField()
    #: the agreement whose page the import was started from (its id), to go back to
    agreement = HiddenField()


def _started_from(kind: str, value: str | None) -> int | None:
    """The id of the agreement whose page started the import (?agreement=<id> on the
    page's link, then a hidden field), for the imports that page offers; else None. Only
    a number: the way back is always that agreement's page, never another address."""
    if kind not in AGREEMENT_SECTIONS or not value or not value.isdigit():
        return None
    return int(value)


def _done(kind: str, agreement_id: int | None) -> Any:
    if agreement_id is not None:
        anchor = AGREEMENT_SECTIONS[kind]
        return redirect(url_for("agreements.detail", agreement_id=agreement_id, _anchor=anchor))
    return redirect(url_for(LISTS[kind]))


def _kind(kind: str) -> str:
    if kind not in IMPORTERS:
        abort(404)
    return kind


@bp.route("/<what>", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def upload(what: str) -> Any:
    kind = _kind(what)
    form = UploadForm()
    result = None
    confirm_form = None
    agreement_id = _started_from(kind, request.args.get("agreement"))
    if form.validate_on_submit():
        upload = form.file.data
        try:
            text = decode(upload.stream.read())
        except ServiceError as error:
            form.add_error(error)
        else:
            # A dry run: every row worked out from what is stored; nothing is written.
            result = run_import(kind, text, current_user, confirm=False)
            confirm_form = ConfirmForm(
                formdata=None,
                content=text,
                plan=result.plan_token,
                shown=result.shown(),
                agreement=agreement_id,
            )
        finally:
            upload.close()  # a large file is spooled to a temporary file: let it go now
    else:
        # a confirmation posted after the session ended comes back after the login
        # (tracker.web.resubmit keeps its fields): its preview again, ready to confirm
        kept = (g.get("form_draft") or {}).get("content") if request.method == "GET" else None
        if kept:
            result = run_import(kind, kept, current_user, confirm=False)
            kept_id = _started_from(kind, (g.get("form_draft") or {}).get("agreement"))
            confirm_form = ConfirmForm(
                formdata=None,
                content=kept,
                plan=result.plan_token,
                shown=result.shown(),
                agreement=kept_id,
            )
    columns = IMPORTERS[kind][0]
    code = 422 if form.has_errors or (result is not None and not result.ok) else 200
    return render_template(
        "spreadsheets/import.html",
        kind=kind,
        title=TITLES[kind],
        columns=columns,
        read_only=READ_ONLY.get(kind, ()),
        form=form,
        result=result,
        confirm_form=confirm_form,
        agreement_id=agreement_id,
    ), code


@bp.route("/<what>/confirm", methods=["POST"])
@role_required(Role.OFFICER)
def confirm(what: str) -> Any:
    kind = _kind(what)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    result = run_import(
        kind,
        form.content.data,
        current_user,
        confirm=True,
        carried=form.plan.data or "",
        shown=form.shown.data or "",
    )
    if not result.ok or result.changed_since_preview:
        # The data changed since the preview: a row it breaks, or rows that would now be
        # written otherwise than the officer saw. Nothing was written; show them again,
        # ready to confirm as they stand now when nothing breaks.
        transaction.roll_back()
        again = None
        if result.ok:
            again = ConfirmForm(
                formdata=None,
                content=form.content.data,
                shown=result.shown(),
                agreement=form.agreement.data,
            )
        return render_template(
            "spreadsheets/import.html",
            kind=kind,
            title=TITLES[kind],
            columns=IMPORTERS[kind][0],
            read_only=READ_ONLY.get(kind, ()),
            form=UploadForm(formdata=None),
            result=result,
            confirm_form=again,
            agreement_id=_started_from(kind, form.agreement.data),
        ), 409
    flash(
        _(
            "Imported: %(added)s added, %(changed)s changed, %(unchanged)s unchanged.",
            added=result.count("create"),
            changed=result.count("update"),
            unchanged=result.count("unchanged"),
        ),
        "success",
    )
    return _done(kind, _started_from(kind, form.agreement.data))
