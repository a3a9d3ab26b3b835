"""Agreements: list, detail, create, edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker import clock
from tracker.auth import role_required
from tracker.domain.messages import N_
from tracker.domain.party_actions import ActionKind
from tracker.domain.party_filter import PartyFilter, acts_shown, rows_shown
from tracker.i18n import full_name, named
from tracker.models import Agreement, AgreementArea, AgreementStatus, Role
from tracker.models.row_steps import deposited_kind
from tracker.services import agreements as agreement_service
from tracker.services import lists
from tracker.services.agreements import create_agreement, update_agreement
from tracker.services.pages import agreement_page, load_agreement
from tracker.web import choices
from tracker.web.agreements.action_forms import DeleteForm
from tracker.web.agreements.forms import AgreementForm, AreaByEmailForm, AreaForm, RatificationForm
from tracker.web.following import follow_state
from tracker.web.forms import (
    TrackerForm,
    options,
)
from tracker.web.kept import render_page
from tracker.web.listing import page_wanted, query_enum, query_text
from tracker.web.responses import csv_download
from tracker.web.saving import submit_form

#: the matrix's date columns and their headings (templates/agreements/detail.html)
MATRIX_COLUMNS = {
    "signed_on": N_("Signed"),
    "notified_on": N_("Procedures notified"),
    "deposited_on": N_("Instrument deposited"),
    "provisionally_applied_on": N_("Provisionally applied"),
}

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


#: beyond this many officers, an area row takes the owner's email instead of a select:
#: the EPCA's 29 rows with a select of 200 officers each made its page 4x slower
AREA_OWNER_SELECT_MAX = 50


def _area_form_class() -> tuple[type[AreaForm] | type[AreaByEmailForm], list[Any]]:
    """The select while the officers fit in one, else the email field."""
    officers = choices.officers(blank=False, limit=AREA_OWNER_SELECT_MAX + 1)
    if len(officers) > AREA_OWNER_SELECT_MAX:
        return AreaByEmailForm, []
    return AreaForm, options([choices.NONE, *officers])


def _row_forms(
    agreement: Agreement, failed: TrackerForm | None = None, failed_prefix: str = ""
) -> tuple[dict[int, AreaForm | AreaByEmailForm], dict[int, RatificationForm]]:
    """A small form per area and per party; the one that failed keeps its input and errors."""
    form_class, owner_options = _area_form_class()  # one query for all rows
    area_forms: dict[int, AreaForm | AreaByEmailForm] = {}
    for area in agreement.areas:
        prefix = f"area-{area.id}-"
        if failed is not None and prefix == failed_prefix:
            form = failed
        else:
            form = form_class(formdata=None, prefix=prefix, obj=area)
        form.prepare(area, owner_options)  # type: ignore[attr-defined]
        area_forms[area.id] = form  # type: ignore[assignment]
    ratification_forms: dict[int, RatificationForm] = {}
    for ratification in agreement.ratifications:
        prefix = f"ratification-{ratification.id}-"
        if failed is not None and prefix == failed_prefix:
            row_form = failed
        else:
            row_form = RatificationForm(
                formdata=None,
                prefix=prefix,
                obj=ratification,
                name_ru=ratification.party.name_ru,
                name_kk=ratification.party.name_kk,
                deposited_kind=deposited_kind(ratification).value,
            )
        row_form.show_derived_side(ratification.part if ratification.side is None else None)
        ratification_forms[ratification.id] = row_form  # type: ignore[assignment]
    return area_forms, ratification_forms


#: the agreement page's tables an officer may open for editing (?edit=...)
EDITABLE_TABLES = ("parties", "areas")

#: the orders an officer may sort the areas table by (?areas=...); empty values go last
AREA_SORTS: dict[str, Callable[[AgreementArea], Any]] = {
    "position": lambda a: a.position,
    "name": lambda a: a.name.casefold(),
    "owner": lambda a: (a.owner is None, a.owner.name.casefold() if a.owner else "", a.position),
    "note": lambda a: (not a.status_note, a.status_note.casefold(), a.position),
}


@bp.route("/")
def index() -> str:
    status = query_enum("status", AgreementStatus)
    text = query_text("q")
    archived = request.args.get("archived") == "1"
    return render_page(
        "agreements/index.html",
        lambda: _index_context(
            lists.agreement_list(status, text, page_wanted(), archived=archived),
            status,
            text,
            archived,
        ),
    )


@bp.route("/export.csv")
def export() -> Response:
    """The list as it is filtered, every page, for a spreadsheet."""
    body = lists.agreement_csv(
        query_enum("status", AgreementStatus),
        query_text("q"),
        archived=request.args.get("archived") == "1",
    )
    return csv_download(body, "agreements.csv")


def _index_context(
    page: Any, status: AgreementStatus | None, text: str, archived: bool = False
) -> dict[str, Any]:
    return {
        "page": page,
        "status": status,
        "text": text,
        "archived": archived,
        "statuses": list(AgreementStatus),
    }


def _load(agreement_id: int) -> Agreement:
    return load_agreement(current_user, agreement_id)


@bp.route("/<int:agreement_id>")
def detail(agreement_id: int) -> Any:
    """The agreement's page, kept for an officer or a viewer (tracker.web.kept): the
    gate's read goes in what is kept, as any change to the agreement drops it."""
    return render_page("agreements/detail.html", lambda: _detail_context(_load(agreement_id)))


def _render_detail(
    agreement: Agreement,
    failed: TrackerForm | None = None,
    failed_prefix: str = "",
) -> Any:
    """The agreement's page after a refused row form (`failed`, its `failed_prefix`)."""
    return render_template(
        "agreements/detail.html", **_detail_context(agreement, failed, failed_prefix)
    ), (422 if failed is not None else 200)


def _detail_context(
    agreement: Agreement,
    failed: TrackerForm | None = None,
    failed_prefix: str = "",
) -> dict[str, Any]:
    """What the agreement's page shows the reader (its query string: ?edit=, ?group=,
    ?party=, ?kind=, ?waiting=, ?areas=)."""
    today = clock.today()
    page = agreement_page(current_user, agreement, today)
    # The tables read as text; an officer opens one of them for editing (?edit=parties or
    # ?edit=areas), and a refused save keeps its table open (issue 15#5).
    editing = request.args.get("edit", "")
    if failed is not None:
        editing = "parties" if failed_prefix.startswith("ratification-") else "areas"
    area_forms, ratification_forms = ({}, {})
    if current_user.can_edit and editing in EDITABLE_TABLES:
        area_forms, ratification_forms = _row_forms(agreement, failed, failed_prefix)
        if editing != "areas":
            area_forms = {}
        if editing != "parties":
            ratification_forms = {}
    group_id = request.args.get("group", type=int)
    shown_group = next((g for g in page.panel.groups if g.id == group_id), None)
    wanted = PartyFilter(
        party=request.args.get("party", "")[:200],
        kind=request.args.get("kind", ""),
        waiting=request.args.get("waiting") == "1",
    )
    shown_rows = rows_shown(
        # found by any of its names: English, Russian, Kazakh
        [
            (r.id, "\n".join((r.party.name, r.party.name_ru, r.party.name_kk)), r.steps)
            for r in agreement.ratifications
        ],
        wanted,
        shown_group.row_ids if shown_group else None,
        # under a kind of act asked for, the Parties with such an act (h16d #3)
        {r.id: {str(a.kind) for a in r.actions} for r in agreement.ratifications},
    )
    shown_acts = acts_shown(
        {a.id: (r.id, str(a.kind)) for r in agreement.ratifications for a in r.actions},
        shown_rows,
        wanted,
    )
    area_sort = request.args.get("areas", "")
    area_sort = area_sort if area_sort in AREA_SORTS else "position"
    return dict(
        agreement=agreement,
        tracks=page.tracks,
        milestones=page.milestones,
        area_forms=area_forms,
        owner_by_email=any(isinstance(f, AreaByEmailForm) for f in area_forms.values()),
        team=page.team,
        ratification_forms=ratification_forms,
        area_milestones=page.area_milestones,
        areas=sorted(agreement.areas, key=AREA_SORTS[area_sort]),
        area_sort=area_sort,
        bodies=page.bodies,
        documents=page.documents,
        watch=follow_state(agreement),
        panel=page.panel,
        delete_form=DeleteForm(formdata=None),
        relations=page.relations,
        shown_group=shown_group,
        wanted=wanted,
        shown_rows=shown_rows,
        shown_acts=shown_acts,
        action_kinds=list(ActionKind),
        chronology=page.chronology,
        reservations=page.reservations,
        editing=editing if current_user.can_edit else "",
        today=today,
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new() -> Any:
    form = AgreementForm()
    result = submit_form(
        form,
        lambda: create_agreement(
            form.fields_for_service(),
            party_ids=form.party_ids.data or [],
            area_names=form.area_names(),
            actor=current_user,
        ),
    )
    if result.saved is not None:
        flash(_("Agreement “%(title)s” added.", title=named(result.saved)), "success")
        return redirect(url_for(".detail", agreement_id=result.saved.id))
    return render_template("agreements/form.html", form=form, agreement=None), result.status


def _form_for(agreement: Agreement) -> AgreementForm:
    # Only for GET: on POST the browser's values are the truth, missing fields included.
    form = AgreementForm(formdata=None, obj=agreement)
    form.party_ids.data = [p.id for p in agreement.parties]
    form.areas.data = "\n".join(a.name for a in agreement.areas)
    form.kind.data = agreement.kind.value
    form.status.data = agreement.status.value
    return form


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(agreement_id: int) -> Any:
    agreement = _load(agreement_id)
    form = AgreementForm() if request.method == "POST" else _form_for(agreement)
    result = submit_form(
        form,
        lambda: update_agreement(
            agreement,
            form.fields_for_service(),
            party_ids=form.party_ids.data or [],
            area_names=form.area_names(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: _load(agreement_id),
    )
    if result.done:
        flash(_("Agreement saved."), "success")
        return redirect(url_for(".detail", agreement_id=agreement.id))
    return render_template(
        "agreements/form.html",
        form=form,
        agreement=result.record or agreement,
        conflict=result.conflict,
    ), result.status


@bp.route("/<int:agreement_id>/areas/<int:area_id>", methods=["POST"])
@role_required(Role.OFFICER)
def update_area(agreement_id: int, area_id: int) -> Any:
    agreement = _load(agreement_id)
    area = next((a for a in agreement.areas if a.id == area_id), None) or abort(404)
    prefix = f"area-{area.id}-"
    form_class, owner_options = _area_form_class()
    form = form_class(prefix=prefix)
    form.prepare(area, owner_options)
    result = submit_form(
        form,
        lambda: agreement_service.update_area(
            area,
            owner_id=form.owner_id(),
            status_note=form.status_note.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: next(a for a in _load(agreement_id).areas if a.id == area_id),
    )
    if result.done:
        flash(_("Area “%(name)s” saved.", name=area.name), "success")
        return redirect(
            url_for(".detail", agreement_id=agreement.id, edit="areas", _anchor=f"area-{area.id}")
        )
    return _render_detail(_load(agreement_id), form, prefix)


@bp.route("/<int:agreement_id>/ratifications/<int:ratification_id>", methods=["POST"])
@role_required(Role.OFFICER)
def update_ratification(agreement_id: int, ratification_id: int) -> Any:
    agreement = _load(agreement_id)
    ratification = next(
        (r for r in agreement.ratifications if r.id == ratification_id), None
    ) or abort(404)
    prefix = f"ratification-{ratification.id}-"
    form = RatificationForm(prefix=prefix)
    dated = [c for c in MATRIX_COLUMNS if getattr(ratification, c) is not None]
    result = submit_form(
        form,
        lambda: agreement_service.update_ratification(
            ratification,
            signed_on=form.signed_on.data,
            notified_on=form.notified_on.data,
            deposited_on=form.deposited_on.data,
            provisionally_applied_on=form.provisionally_applied_on.data,
            expected_by=form.expected_by.data,
            # a form sent without the kind (an older page) keeps the act's kind
            deposited_kind=form.deposited_kind.data if form.deposited_kind.raw_data else None,
            # a form sent without the side (an older page) leaves it as it is
            side=(form.side.data or None) if form.side.raw_data else agreement_service.KEEP_SIDE,
            party_names=(
                {"name_ru": form.name_ru.data or "", "name_kk": form.name_kk.data or ""}
                if form.name_ru.raw_data or form.name_kk.raw_data
                else None
            ),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: next(
            r for r in _load(agreement_id).ratifications if r.id == ratification_id
        ),
    )
    if result.done:
        flash(_("Dates of %(name)s saved.", name=full_name(ratification.party)), "success")
        # an emptied cell keeps its act, its date not recorded (h16c #1): said, not hidden
        for column in dated:
            if getattr(form, column).data is None:
                flash(
                    _(
                        "%(column)s by %(name)s: date now not recorded (the act, its "
                        "references and note are kept; delete an act from the acts list).",
                        column=_(MATRIX_COLUMNS[column]),
                        name=full_name(ratification.party),
                    ),
                    "info",
                )
        return redirect(
            url_for(".detail", agreement_id=agreement.id, edit="parties", _anchor="parties")
        )
    return _render_detail(_load(agreement_id), form, prefix)
