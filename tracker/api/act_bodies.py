"""Every fault of a Party act's body in one 422 (h16b #2). flask-openapi3 validates the body
against its model (PartyActionNew, PartyActionChanges) before the view runs, and hands only
pydantic's field errors to the validation callback (tracker.api.problems): the rules across
fields and the act's own checks (a date in the future, the same act already recorded, the
reservation an objection names) would be told only once those were put right. So the
callback asks here for the refusals of the whole act (checked_act, the service's own list,
as the form shows them) on the fields that did parse: the same agreement, Party and act the
view would read, through the same gate (the request is already authenticated and its role
checked: tracker.api.blueprint.authenticate)."""

from __future__ import annotations

from typing import Any

from flask import request

from tracker.api.blueprint import api_user
from tracker.models import PartyAction, Ratification
from tracker.services import gate
from tracker.services import party_actions as action_service
from tracker.services.errors import ServiceError
from tracker.services.party_action_checks import FIELDS, checked_act
from tracker.services.records import snapshot


def _errors(refusals: Any) -> list[dict[str, str]]:
    return [{"name": r.field or "(body)", "message": str(r.message)} for r in refusals]


def _whole_number(value: Any) -> int | None:
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**63 else None


def act_body_errors(*, new: bool) -> list[dict[str, str]]:
    """The refusals of the act the request's body gives (`new`: POST .../actions, naming its
    Party; else PATCH .../actions/{id}, the act's stored fields under the changes), as
    {name, message}; none when the agreement or the act is not one the user may see (the
    view answers that)."""
    body = request.get_json(silent=True)
    args = request.view_args or {}
    agreement_id = _whole_number(args.get("agreement_id", ""))
    if not isinstance(body, dict) or agreement_id is None:
        return []
    given = {k: v for k, v in body.items() if k in FIELDS}
    found: list[dict[str, str]] = []
    row: Ratification | None = None
    action: PartyAction | None = None
    try:
        agreement = gate.get_agreement(api_user(), agreement_id)
        if new:
            try:
                row = action_service.party_row_named(agreement, str(body.get("party", "")))
            except ServiceError as error:
                found = _errors([error])
        else:
            action_id = _whole_number(args.get("action_id", ""))
            if action_id is None:
                return []
            action = action_service.get_action(agreement, action_id)
            row = action.party_row
            given = {**snapshot(action, FIELDS), **given}
    except gate.NotFound:
        return []
    _, refusals = checked_act(row, given, action=action)
    return found + _errors(refusals)
