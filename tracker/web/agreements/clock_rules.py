"""An agreement's final clauses as rules on its page (issue 16 #4): add, edit, delete one.
Thin: load through the gate, call one service, render or redirect."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import IntegerField, StringField
from wtforms.validators import Optional

from tracker.auth import role_required
from tracker.domain.clock_words import ANCHOR_LABELS, MODE_LABELS, PURPOSE_LABELS, UNIT_LABELS
from tracker.models import Agreement, Role
from tracker.schemas import max_length
from tracker.schemas.clock_rules import ClockRuleInput
from tracker.services import clock_rules as service
from tracker.services.pages import load_agreement
from tracker.web.agreements.action_forms import DeleteForm
from tracker.web.agreements.views import bp
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, strip
from tracker.web.saving import submit_form


class ClockRuleForm(TrackerForm):
    """One final clause; the limits and the rules across fields are ClockRuleInput's."""

    schema = ClockRuleInput

    purpose = ChoiceField(
        _l("What the clause fixes"),
        choices=[(p.value, _l(words)) for p, words in PURPOSE_LABELS.items()],
        choose=_l("Choose a purpose from the list."),
    )
    mode = ChoiceField(
        _l("Rule"),
        choices=[(m.value, _l(words)) for m, words in MODE_LABELS.items()],
        choose=_l("Choose a rule from the list."),
    )
    offset = IntegerField(
        _l("N (days, months or years)"),
        default=0,
        validators=[Optional()],  # its range is ClockRuleInput's: one rule, one message
        description=_l("For “the first day of the Nth month following”: N."),
    )
    unit = ChoiceField(
        _l("Unit"),
        choices=[(u.value, _l(words)) for u, words in UNIT_LABELS.items()],
        default="months",
    )
    anchor = ChoiceField(
        _l("Counted from"),
        choices=[(a.value, _l(words)) for a, words in ANCHOR_LABELS.items()],
        choose=_l("Choose an event from the list."),
    )
    nth = IntegerField(
        _l("Number of the instrument or the Party (N)"),
        validators=[Optional()],
        description=_l(
            "Only for “after the deposit of the Nth instrument” and “after the Nth Party has "
            "consented to be bound”."
        ),
    )
    note = StringField(
        _l("Clause"),
        filters=[strip],
        description=_l("e.g. Art. 281(2)"),
        render_kw={"maxlength": max_length(ClockRuleInput, "note")},
    )
    version = VersionField()

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose.data,
            "mode": self.mode.data,
            "anchor": self.anchor.data,
            "offset": self.offset.data or 0,
            "unit": self.unit.data,
            "nth": self.nth.data,
            "note": self.note.data or "",
        }


def _back(agreement: Agreement) -> Any:
    return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="clocks"))


def _render(form: ClockRuleForm, agreement: Agreement, rule: Any, status: int, **kw: Any) -> Any:
    return render_template(
        "agreements/clock_rule_form.html", form=form, agreement=agreement, rule=rule, **kw
    ), status


@bp.route("/<int:agreement_id>/clocks/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new_clock_rule(agreement_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    form = ClockRuleForm()
    result = submit_form(
        form,
        lambda: service.add_rule(agreement, form.fields_for_service(), actor=current_user),
    )
    if result.saved is not None:
        flash(_("Rule saved."), "success")
        return _back(agreement)
    return _render(form, agreement, None, result.status)


@bp.route("/<int:agreement_id>/clocks/<int:rule_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit_clock_rule(agreement_id: int, rule_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    rule = service.get_rule(agreement, rule_id)
    if request.method == "POST":
        form = ClockRuleForm()
    else:
        form = ClockRuleForm(formdata=None, obj=rule)
        for name in ("purpose", "mode", "anchor", "unit"):
            getattr(form, name).data = getattr(rule, name).value
    result = submit_form(
        form,
        lambda: service.update_rule(
            agreement,
            rule,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: service.get_rule(load_agreement(current_user, agreement_id), rule_id),
    )
    if result.done:
        flash(_("Rule saved."), "success")
        return _back(agreement)
    return _render(form, agreement, result.record or rule, result.status, conflict=result.conflict)


@bp.route("/<int:agreement_id>/clocks/<int:rule_id>/delete", methods=["POST"])
@role_required(Role.OFFICER)
def delete_clock_rule(agreement_id: int, rule_id: int) -> Any:
    agreement = load_agreement(current_user, agreement_id)
    rule = service.get_rule(agreement, rule_id)
    form = DeleteForm()
    result = submit_form(
        form,
        lambda: service.delete_rule(
            agreement, rule, actor=current_user, expected_version=form.version.data
        ),
    )
    if result.done:
        flash(_("Rule deleted."), "success")
    else:
        for message in [*form.form_errors, *form.version.errors, *form.csrf_token.errors]:
            flash(str(message), "error")
    return _back(agreement)
