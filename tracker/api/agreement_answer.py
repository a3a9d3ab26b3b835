"""An agreement's answer in the JSON API and its ETag (issue 16, h16c #5).

The answer (GET /api/v1/agreements/{id}, and the archive and bring-back that answer the
agreement) carries its Parties, their acts' counts, relations, final clauses and computed
dates, which change without the agreement's own row changing. Its ETag therefore stands
for the answer: "agreement-<id>-v<version>-<digest>", the digest the first 16 hex digits
of SHA-256 over the answer as canonical JSON (sorted keys). Any change to what the answer
says (an act recorded, a clause, a relation, a Party's name, a computed date falling due)
gives a new ETag; an unchanged answer keeps it.

A write under If-Match (archive, bring back) is refused with 412 when the ETag is not the
current answer's: the client decided on an answer that is no longer the agreement's (RFC
9110 13.1.1, a strong comparison of the representation's tags). The version in the tag is
the row's, which the service checks again against a concurrent save.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import Response, jsonify

from tracker import clock
from tracker.api import outputs
from tracker.api.blueprint import expected_version
from tracker.api.parameters import IfMatch
from tracker.api.problems import ApiProblem
from tracker.models import Agreement
from tracker.services.clock_rules import clocks_of
from tracker.services.relations import relations_of


def agreement_body(found: Agreement) -> dict[str, Any]:
    """The agreement's whole answer, as JSON values: its record with its relations, final
    clauses and the dates they compute as of the clock's today."""
    relations = [
        outputs.Relation.read(r.id, r.kind, r.forwards, r.other, r.note)
        for r in relations_of(found.id)
    ]
    clauses = [outputs.FinalClause.model_validate(r) for r in found.clock_rules]
    computed = [
        outputs.ComputedDate(
            kind=d.kind,
            what=str(d.what),
            party=d.party,
            on=d.on,
            basis=str(d.basis) if d.basis is not None else None,
            waiting=str(d.waiting) if d.waiting is not None else None,
            recorded_on=d.recorded_on,
            differs=d.differs,
        )
        for d in clocks_of(found, clock.today()).dates
    ]
    return outputs.Agreement.of(
        found, relations=relations, final_clauses=clauses, computed_dates=computed
    )


def answer_etag(found: Agreement, body: dict[str, Any]) -> str:
    """The ETag of `body`, the answer of `found` (the module's docstring)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return f'"agreement-{found.id}-v{found.version}-{digest}"'


def agreement_response(found: Agreement) -> Response:
    """The agreement's answer with its ETag."""
    body = agreement_body(found)
    response = jsonify(body)
    response.headers["ETag"] = answer_etag(found, body)
    return response


def answer_version(found: Agreement, header: IfMatch) -> int:
    """The agreement's version when If-Match is its current answer's ETag; 428 without
    one (or "*"), as every write answers (tracker.api.blueprint.expected_version), 412
    when it is not the current answer's."""
    given = header.if_match.strip()
    if given in ("", "*"):
        expected_version(found, header)  # raises the 428 it names
    if given != answer_etag(found, agreement_body(found)):
        raise ApiProblem(
            412,
            "Precondition Failed",
            "The agreement's answer changed since you read it (its acts, clauses, "
            "relations or Parties, or the agreement itself): read it again, then retry.",
            code="stale_etag",
        )
    return found.version
