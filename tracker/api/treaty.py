"""Treaty law written through the JSON API (issue 16 #8): an agreement's final clause as
a rule (added; read, changed and deleted under If-Match), a relation to another agreement
(added; read and removed under If-Match), a Party's act (recorded, changed under If-Match,
deleted) and a Party row's side of a mixed agreement (set under If-Match), each by an
officer through the agreement page's services. All are read with the agreement (GET
/agreements/{id}: final_clauses, computed_dates, relations, parties[].actions); each also
on its own, with its ETag."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Response, jsonify, url_for

from tracker.api import outputs
from tracker.api.act_bodies import act_body_errors
from tracker.api.blueprint import api, api_user, needs, service_problem
from tracker.api.description import ERRORS
from tracker.api.parameters import (
    AgreementPath,
    FinalClausePath,
    IfMatch,
    PartyActionPath,
    PartyRowPath,
    RelationPath,
)
from tracker.api.problems import BODIES, BODY_CHECKS, ApiProblem
from tracker.api.views import AGREEMENTS
from tracker.models import Agreement, ClockRule, PartyAction, Ratification, Role, TreatyRelation
from tracker.schemas.base import Refusal, SchemaRefusal
from tracker.schemas.clock_rules import ClockRuleChanges, ClockRuleInput
from tracker.schemas.party_actions import PartyActionChanges, PartyActionNew, PartyRowChanges
from tracker.schemas.relations import RelationInput
from tracker.services import agreements as agreement_service
from tracker.services import clock_rules as rule_service
from tracker.services import gate, transaction
from tracker.services import party_actions as action_service
from tracker.services import relations as relation_service
from tracker.services.errors import ServiceError
from tracker.services.party_action_checks import checked_act

BODIES.update(
    {
        model.__name__: model
        for model in (
            ClockRuleInput,
            ClockRuleChanges,
            RelationInput,
            PartyActionNew,
            PartyActionChanges,
            PartyRowChanges,
        )
    }
)
BODY_CHECKS.update(
    {
        PartyActionNew.__name__: lambda: act_body_errors(new=True),
        PartyActionChanges.__name__: lambda: act_body_errors(new=False),
    }
)


@api.post(
    "/agreements/<agreement_id>/final-clauses",
    tags=[AGREEMENTS],
    summary="Add a final clause as a rule (officers); one per purpose",
    responses={201: outputs.FinalClause, **ERRORS.create},
)
@needs(Role.OFFICER)
def create_final_clause(
    path: AgreementPath, body: ClockRuleInput
) -> tuple[Response, int, dict[str, str]]:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    try:
        rule = rule_service.add_rule(agreement, body.model_dump(), actor=api_user())
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    location = url_for(".agreement", agreement_id=agreement.id)
    return jsonify(outputs.FinalClause.of(rule)), 201, {"Location": location}


@api.post(
    "/agreements/<agreement_id>/relations",
    tags=[AGREEMENTS],
    summary="Record that this agreement amends, is a protocol to, supersedes, implements or "
    "is the framework for another (officers)",
    responses={201: outputs.Relation, **ERRORS.create},
)
@needs(Role.OFFICER)
def create_relation(
    path: AgreementPath, body: RelationInput
) -> tuple[Response, int, dict[str, str]]:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    try:
        relation = relation_service.add_relation(agreement, body.model_dump(), actor=api_user())
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    answer = outputs.Relation.read(
        relation.id, relation.kind, True, relation.to_agreement, relation.note
    )
    location = url_for(".agreement", agreement_id=agreement.id)
    return jsonify(answer.model_dump(mode="json")), 201, {"Location": location}


def _relation_etag(relation: TreatyRelation) -> str:
    """A relation has no version of its own: its ETag is a digest of what it says (its
    note may change through a CSV import)."""
    said = f"{relation.from_agreement_id}|{relation.kind.value}|{relation.to_agreement_id}"
    digest = hashlib.sha256(f"{said}|{relation.note}".encode()).hexdigest()[:16]
    return f'"relation-{relation.id}-{digest}"'


@api.get(
    "/agreements/<agreement_id>/relations/<relation_id>",
    tags=[AGREEMENTS],
    summary="One relation, read from this agreement's side, with its ETag",
    responses={200: outputs.Relation, **ERRORS.item},
)
def relation(path: RelationPath) -> Response:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    found = relation_service.get_relation(agreement, path.relation_id)
    forwards = found.from_agreement_id == agreement.id
    other = found.to_agreement if forwards else found.from_agreement
    answer = outputs.Relation.read(found.id, found.kind, forwards, other, found.note)
    response = jsonify(answer.model_dump(mode="json"))
    response.headers["ETag"] = _relation_etag(found)
    return response


@api.delete(
    "/agreements/<agreement_id>/relations/<relation_id>",
    tags=[AGREEMENTS],
    summary="Remove a relation, from either of its agreements (officers); If-Match: its ETag",
    responses={204: None, **ERRORS.write},
)
@needs(Role.OFFICER)
def delete_relation(path: RelationPath, header: IfMatch) -> tuple[str, int]:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    found = relation_service.get_relation(agreement, path.relation_id)
    _matches(header, _relation_etag(found))
    relation_service.delete_relation(found, actor=api_user())
    transaction.commit()
    return "", 204


# --- a final clause ----------------------------------------------------------------------


def _rule_etag(rule: ClockRule) -> str:
    return f'"final-clause-{rule.id}-v{rule.version}"'


def _rule_answer(rule: ClockRule) -> Response:
    response = jsonify(outputs.FinalClause.of(rule))
    response.headers["ETag"] = _rule_etag(rule)
    return response


@api.get(
    "/agreements/<agreement_id>/final-clauses/<rule_id>",
    tags=[AGREEMENTS],
    summary="One final clause as a rule, with its ETag",
    responses={200: outputs.FinalClause, **ERRORS.item},
)
def final_clause(path: FinalClausePath) -> Response:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    return _rule_answer(rule_service.get_rule(agreement, path.rule_id))


@api.patch(
    "/agreements/<agreement_id>/final-clauses/<rule_id>",
    tags=[AGREEMENTS],
    summary="Change a final clause (officers); If-Match: the ETag of the clause read",
    responses={200: outputs.FinalClause, **ERRORS.write},
)
@needs(Role.OFFICER)
def update_final_clause(path: FinalClausePath, header: IfMatch, body: ClockRuleChanges) -> Response:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    rule = rule_service.get_rule(agreement, path.rule_id)
    _matches(header, _rule_etag(rule))
    try:
        rule_service.update_rule(
            agreement, rule, body.given(), actor=api_user(), expected_version=rule.version
        )
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    return _rule_answer(rule_service.get_rule(agreement, path.rule_id))


@api.delete(
    "/agreements/<agreement_id>/final-clauses/<rule_id>",
    tags=[AGREEMENTS],
    summary="Delete a final clause (officers); If-Match: the ETag of the clause read",
    responses={204: None, **ERRORS.write},
)
@needs(Role.OFFICER)
def delete_final_clause(path: FinalClausePath, header: IfMatch) -> tuple[str, int]:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    rule = rule_service.get_rule(agreement, path.rule_id)
    _matches(header, _rule_etag(rule))
    try:
        rule_service.delete_rule(agreement, rule, actor=api_user(), expected_version=rule.version)
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    return "", 204


# --- a Party's acts ------------------------------------------------------------------------


def _etag(action: PartyAction) -> str:
    return f'"party-action-{action.id}-v{action.version}"'


def _action_answer(action: PartyAction) -> Response:
    response = jsonify(outputs.PartyActionRecord.of(action))
    response.headers["ETag"] = _etag(action)
    return response


def _action(path: PartyActionPath) -> PartyAction:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    return action_service.get_action(agreement, path.action_id)


def _matches(header: IfMatch, etag: str) -> None:
    """The If-Match sent names `etag`, the record's as it is: 428 without a usable one,
    412 when stale (a change made meanwhile is not overwritten)."""
    sent = header.if_match.strip()
    if not sent or sent == "*":
        raise ApiProblem(
            428,
            "Precondition Required",
            "Send If-Match with the ETag you read, so a change made meanwhile is not overwritten.",
        )
    if sent != etag:
        raise ApiProblem(
            412,
            "Precondition Failed",
            "The record changed since you read it: read it again, then retry.",
            code="stale_etag",
        )


def _version(action: PartyAction | Ratification, header: IfMatch, etag: str = "") -> int:
    """The version the client read (`etag`: the record's, by default the act's): 428
    without a usable If-Match, 412 when stale."""
    _matches(header, etag or _etag(action))  # type: ignore[arg-type]
    return action.version


@api.get(
    "/agreements/<agreement_id>/actions/<action_id>",
    tags=[AGREEMENTS],
    summary="One act of a Party under the agreement, with its ETag",
    responses={200: outputs.PartyActionRecord, **ERRORS.item},
)
def party_action(path: PartyActionPath) -> Response:
    return _action_answer(_action(path))


@api.post(
    "/agreements/<agreement_id>/actions",
    tags=[AGREEMENTS],
    summary="Record an act of one of the agreement's Parties (officers)",
    responses={201: outputs.PartyActionRecord, **ERRORS.create},
)
@needs(Role.OFFICER)
def create_party_action(
    path: AgreementPath, body: PartyActionNew
) -> tuple[Response, int, dict[str, str]]:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    fields = body.model_dump(exclude={"party"})
    try:
        row = _party_row(agreement, body.party, fields)
        action = action_service.record_action(row, fields, actor=api_user())
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    location = url_for(".party_action", agreement_id=agreement.id, action_id=action.id)
    return _action_answer(action), 201, {"Location": location}


def _party_row(agreement: Agreement, party: str, fields: dict[str, Any]) -> Ratification:
    """The row of the agreement's Party named `party`; for a name that is none, a refusal
    told with the act's other faults at once (h16b #2). Raises SchemaRefusal."""
    try:
        return action_service.party_row_named(agreement, party)
    except ServiceError as error:
        _, more = checked_act(None, fields)
        raise SchemaRefusal([Refusal(error.field, error.message), *more]) from None


@api.patch(
    "/agreements/<agreement_id>/actions/<action_id>",
    tags=[AGREEMENTS],
    summary="Change an act (officers); If-Match: the ETag of the act read",
    responses={200: outputs.PartyActionRecord, **ERRORS.write},
)
@needs(Role.OFFICER)
def update_party_action(
    path: PartyActionPath, header: IfMatch, body: PartyActionChanges
) -> Response:
    action = _action(path)
    version = _version(action, header)
    try:
        action_service.update_action(
            action, body.given(), actor=api_user(), expected_version=version
        )
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    return _action_answer(_action(path))


@api.delete(
    "/agreements/<agreement_id>/actions/<action_id>",
    tags=[AGREEMENTS],
    summary="Delete an act (officers); If-Match: the ETag of the act read",
    responses={204: None, **ERRORS.write},
)
@needs(Role.OFFICER)
def delete_party_action(path: PartyActionPath, header: IfMatch) -> tuple[str, int]:
    action = _action(path)
    version = _version(action, header)
    try:
        action_service.delete_action(action, actor=api_user(), expected_version=version)
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    return "", 204


# --- a Party row: its side of a mixed agreement --------------------------------------------


def _row_etag(row: Ratification) -> str:
    return f'"party-row-{row.id}-v{row.version}"'


def _row(path: PartyRowPath) -> Ratification:
    agreement = gate.get_agreement(api_user(), path.agreement_id)
    for row in agreement.ratifications:
        if row.id == path.ratification_id:
            return row
    raise gate.NotFound("party")


def _row_answer(row: Ratification) -> Response:
    response = jsonify(outputs.PartyRatification.of(row))
    response.headers["ETag"] = _row_etag(row)
    return response


@api.get(
    "/agreements/<agreement_id>/parties/<ratification_id>",
    tags=[AGREEMENTS],
    summary="One Party row of the agreement (its side, its steps, its acts), with its ETag",
    responses={200: outputs.PartyRatification, **ERRORS.item},
)
def party_row(path: PartyRowPath) -> Response:
    return _row_answer(_row(path))


@api.patch(
    "/agreements/<agreement_id>/parties/<ratification_id>",
    tags=[AGREEMENTS],
    summary="Set a Party row's side of a mixed agreement (officers); If-Match: its ETag",
    responses={200: outputs.PartyRatification, **ERRORS.write},
)
@needs(Role.OFFICER)
def update_party_row(path: PartyRowPath, header: IfMatch, body: PartyRowChanges) -> Response:
    row = _row(path)
    version = _version(row, header, _row_etag(row))
    try:
        if "side" in body.given():
            agreement_service.set_side(row, body.side, actor=api_user(), expected_version=version)
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    return _row_answer(_row(path))
