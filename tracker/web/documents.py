"""Attach documents to agreements, tracks and meetings; fetch them (audited)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import Length

from tracker.auth import role_required
from tracker.domain.text import one_line_text
from tracker.labels import LABELS
from tracker.models import Classification, DocumentKind, Role
from tracker.services import documents as document_service
from tracker.services import gate, transaction
from tracker.services.errors import ServiceError
from tracker.web.forms import ChoiceField, TrackerForm, strip, takes_uploads
from tracker.web.listing import query_int

bp = Blueprint("documents", __name__, url_prefix="/documents")


def upload_folder() -> Path:
    return Path(
        current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    )


class DocumentForm(TrackerForm):
    file = FileField(_l("File"), validators=[FileRequired("Choose a file to attach.")])
    title = StringField(_l("Title"), validators=[Length(max=300)], filters=[strip])
    kind = ChoiceField(
        _l("Kind"),
        choices=[(k.value, LABELS[k]) for k in DocumentKind],
        choose=_l("Choose a kind from the list."),
    )
    classification = ChoiceField(
        _l("Classification"),
        choices=[
            ("", _l("By its kind: restricted for a mandate or a draft text, else public")),
            (Classification.PUBLIC.value, _l("Public")),
            (Classification.RESTRICTED.value, _l("Restricted: officers only")),
        ],
        default="",
        choose=_l("Choose public or restricted."),
    )


def _parent() -> tuple[document_service.Attachment, Any, str]:
    """The record named in the query string, if the user may see it, and its page."""
    if (agreement_id := query_int("agreement")) is not None:
        agreement = gate.get_agreement(current_user, agreement_id)
        return (
            document_service.Attachment(agreement_id=agreement.id),
            agreement,
            url_for("agreements.detail", agreement_id=agreement.id),
        )
    if (track_id := query_int("track")) is not None:
        track = gate.get_track(current_user, track_id)
        return (
            document_service.Attachment(track_id=track.id),
            track,
            url_for("tracks.detail", track_id=track.id),
        )
    if (milestone_id := query_int("milestone")) is not None:
        milestone = gate.get_milestone(current_user, milestone_id)
        return (
            document_service.Attachment(milestone_id=milestone.id),
            milestone,
            url_for("milestones.detail", milestone_id=milestone.id),
        )
    abort(404)


@bp.route("/new", methods=["GET", "POST"])
@takes_uploads
@role_required(Role.OFFICER)
def new() -> Any:
    attachment, parent, back = _parent()
    max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    form = DocumentForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            document_service.store_document(
                upload.stream.read(max_bytes + 1),
                upload.filename or "",
                folder=upload_folder(),
                max_bytes=max_bytes,
                kind=DocumentKind(form.kind.data),
                classification=(
                    Classification(form.classification.data) if form.classification.data else None
                ),
                title=form.title.data or "",
                attachment=attachment,
                actor=current_user,
            )
        except ServiceError as error:
            transaction.roll_back()
            form.add_error(error)
        else:
            flash(_("Document attached."), "success")
            return redirect(back)
    code = 422 if form.has_errors else 200
    return render_template(
        "documents/form.html",
        form=form,
        parent=parent,
        back=back,
        max_mb=max_bytes // (1024 * 1024),
        allowed=", ".join(sorted(document_service.ALLOWED_TYPES)),
    ), code


@bp.route("/<int:document_id>")
def download(document_id: int) -> Any:
    # 404, not 403: a restricted document's existence is not for everyone either.
    document = gate.get_document(current_user, document_id)
    try:
        path = document_service.open_for_download(
            document, folder=upload_folder(), actor=current_user
        )
    except FileNotFoundError:
        current_app.logger.error("document %s: stored file missing", document.id)
        abort(410)
    response = send_file(
        path,
        mimetype=document.content_type,
        as_attachment=True,
        # One line whatever an older version stored: it becomes a Content-Disposition header.
        download_name=one_line_text(document.filename) or "document",
        max_age=0,
        etag=False,  # never stored (below), so never revalidated: no validators
    )
    response.headers["Cache-Control"] = "private, no-store"
    # the stored file's time is when this server wrote it, not a fact of the document
    response.headers.pop("Last-Modified", None)
    return response
