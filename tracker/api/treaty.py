"""Treaty law written through the JSON API (issue 16 #8): an agreement's final clause as
a rule, and a relation to another agreement, each added by an officer. Both are read with
the agreement (GET /agreements/{id}: final_clauses, computed_dates, relations)."""

from __future__ import annotations

from flask import Response, jsonify, url_for

from tracker.api import outputs
from tracker.api.blueprint import api, api_user, needs, service_problem
from tracker.api.description import ERRORS
from tracker.api.parameters import AgreementPath
from tracker.api.problems import BODIES
from tracker.api.views import AGREEMENTS
from tracker.models import Role
from tracker.schemas.clock_rules import ClockRuleInput
from tracker.schemas.relations import RelationInput
from tracker.services import clock_rules as rule_service
from tracker.services import gate, transaction
from tracker.services import relations as relation_service
from tracker.services.errors import ServiceError

BODIES.update({model.__name__: model for model in (ClockRuleInput, RelationInput)})


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
    answer = outputs.Relation(
        id=relation.id,
        kind=relation.kind,
        direction="from",
        agreement_id=relation.to_agreement.id,
        agreement_title=relation.to_agreement.title,
        note=relation.note,
    )
    location = url_for(".agreement", agreement_id=agreement.id)
    return jsonify(answer.model_dump(mode="json")), 201, {"Location": location}
