"""A Party's acts on the agreement page: record, edit, delete one; paste a list of
Parties. Thin: load through the gate, call one service, render or redirect."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from tracker.auth import role_required
from tracker.domain.party_actions import ActionKind
from tracker.i18n import translate
from tracker.models import Agreement, PartyAction, Ratification, Role
from tracker.services import party_actions as service
from tracker.services import party_paste
from tracker.services import relations as relation_service
from tracker.services.pages import load_agreement
from tracker.services.spreadsheets import treaty_rows as treaty_files
from tracker.web.agreements.action_forms import (
    DeleteForm,
    PartyActionForm,
    PastePartiesForm,
    RelationForm,
)
from tracker.web.agreements.views import bp
from tracker.web.responses import csv_download
from tracker.web.saving import submit_form


def _row(agreement: Agreement, row_id: int | None) -> Ratification | None:
    return next((r for r in agreement.ratifications if r.id == row_id), None)


def _action(agreement: Agreement, action_id: int) -> PartyAction:
    for row in agreement.ratifications:
        for action in row.actions:
            if action.id == action_id:
                return action
    abort(404)


def _back(agreement: Agreement) -> Any:
    return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="actions"))


@bp.route("/<int:agreement_id>/actions/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new_action(agreement_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    if not agreement.ratifications:
        flash(_("Add the agreement's parties first."), "error")
        return _back(agreement)
    form = PartyActionForm()
    form.prepare(agreement.ratifications)
    if request.method == "GET":
        # a link may choose the Party, the act and its date (the consistency panel's
        # "record the Parties' signatures"); anything else is left for the officer
        form.party_row_id.data = request.args.get("party", type=int)
        if request.args.get("kind") in {k.value for k in ActionKind}:
            form.kind.data = request.args["kind"]
        form.on.data = request.args.get("on", type=date.fromisoformat)
    result = submit_form(
        form,
        lambda: service.record_action(
            _row(agreement, form.party_row_id.data) or abort(404),
            form.fields_for_service(),
            actor=current_user,
        ),
    )
    if result.saved is not None:
        flash(_("Action recorded."), "success")
        return _back(agreement)
    return render_template(
        "agreements/action_form.html", form=form, agreement=agreement, action=None
    ), result.status


@bp.route("/<int:agreement_id>/actions/<int:action_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit_action(agreement_id: int, action_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    action = _action(agreement, action_id)
    if request.method == "POST":
        form = PartyActionForm()
    else:
        form = PartyActionForm(formdata=None, obj=action)
        form.kind.data = action.kind.value
    form.prepare([action.party_row], action)
    form.party_row_id.data = action.party_row.id
    result = submit_form(
        form,
        lambda: service.update_action(
            action,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: _action(load_agreement(current_user, agreement_id), action_id),
    )
    if result.done:
        flash(_("Action saved."), "success")
        return _back(agreement)
    return render_template(
        "agreements/action_form.html",
        form=form,
        agreement=agreement,
        action=result.record or action,
        conflict=result.conflict,
    ), result.status


@bp.route("/<int:agreement_id>/actions/<int:action_id>/delete", methods=["POST"])
@role_required(Role.OFFICER)
def delete_action(agreement_id: int, action_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    action = _action(agreement, action_id)
    form = DeleteForm()
    result = submit_form(
        form,
        lambda: service.delete_action(
            action, actor=current_user, expected_version=form.version.data
        ),
    )
    if result.done:
        flash(_("Action deleted."), "success")
    else:
        for message in [*form.form_errors, *form.version.errors, *form.csrf_token.errors]:
            flash(str(message), "error")
    return _back(agreement)


@bp.route("/<int:agreement_id>/actions.csv")
def export_actions(agreement_id: int) -> Response:
    """The agreement's acts, for a spreadsheet."""
    agreement = load_agreement(current_user, agreement_id)
    return csv_download(service.actions_csv(agreement), f"agreement-{agreement.id}-actions.csv")


@bp.route("/<int:agreement_id>/final-clauses.csv")
def export_rules(agreement_id: int) -> Response:
    """The agreement's final clauses, for a spreadsheet (the import of final clauses reads
    it back)."""
    agreement = load_agreement(current_user, agreement_id)
    return csv_download(
        treaty_files.rules_csv(agreement), f"agreement-{agreement.id}-final-clauses.csv"
    )


@bp.route("/<int:agreement_id>/relations.csv")
def export_relations(agreement_id: int) -> Response:
    """The relations the agreement is on either side of, for a spreadsheet."""
    agreement = load_agreement(current_user, agreement_id)
    return csv_download(
        treaty_files.relations_csv(agreement), f"agreement-{agreement.id}-relations.csv"
    )


@bp.route("/<int:agreement_id>/parties/paste", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def paste_parties(agreement_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    form = PastePartiesForm()
    if request.method == "GET":
        form.version.data = agreement.version
    already = party_paste.already_parties_said(agreement, form.names.data or "")
    result = submit_form(
        form,
        lambda: party_paste.add_pasted_parties(
            agreement,
            form.names.data or "",
            group_name=form.group_name.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: load_agreement(current_user, agreement_id),
    )
    if result.saved is not None:
        added = len(result.saved.added)
        flash(ngettext("%(num)s party added.", "%(num)s parties added.", added), "success")
        # the service's sentences, each said in the reader's language (h19g1 #1)
        for sentence in result.saved.sentences:
            flash(translate(sentence), "info")
        for line in party_paste.split_lines(form.names.data or ""):
            flash(_("“%(line)s” was split at its semicolons.", line=line), "info")
        for said in (already, party_paste.repeats_said(form.names.data or "")):
            if said is not None:
                flash(translate(said), "info")
        return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="parties"))
    return render_template(
        "agreements/paste_parties.html",
        form=form,
        agreement=result.record or agreement,
        conflict=result.conflict,
    ), result.status


@bp.route("/<int:agreement_id>/relations", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def add_relation(agreement_id: int) -> Any:
    """Its own page: the other agreement is chosen among all of them (10,000 options at
    bench scale 10 took the agreement page from 20 to 250 ms when the form sat there)."""
    agreement = load_agreement(current_user, agreement_id)
    form = RelationForm()
    form.prepare(agreement.id)
    result = submit_form(
        form,
        lambda: relation_service.add_relation(
            agreement, form.fields_for_service(), actor=current_user
        ),
    )
    if result.saved is not None:
        flash(_("Relation recorded."), "success")
        return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="relations"))
    return render_template(
        "agreements/relation_form.html", form=form, agreement=agreement
    ), result.status


@bp.route("/<int:agreement_id>/relations/<int:relation_id>/delete", methods=["POST"])
@role_required(Role.OFFICER)
def delete_relation(agreement_id: int, relation_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    relation = relation_service.get_relation(agreement, relation_id)
    form = DeleteForm()
    result = submit_form(
        form, lambda: relation_service.delete_relation(relation, actor=current_user)
    )
    if result.done:
        flash(_("Relation removed."), "success")
    return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="relations"))
