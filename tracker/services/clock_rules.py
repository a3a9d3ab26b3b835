"""An agreement's final clauses as rules (issue 16 #4): add, change, remove one; and the
dates they give from the Parties' acts, beside the recorded ones.

Services flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from tracker.domain.clock_rules import AgreementClocks, Denunciation, agreement_clocks
from tracker.domain.clocks import Act
from tracker.domain.party_actions import LEAVING
from tracker.domain.termination import mixed_sides
from tracker.models import (
    Agreement,
    AgreementKind,
    ClockRule,
    PartySide,
    User,
)
from tracker.orm import db
from tracker.schemas.base import validate
from tracker.schemas.clock_rules import ClockRuleInput
from tracker.services import gate
from tracker.services.errors import ServiceError
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
)

FIELDS = ClockRuleInput.FIELDS


def refuse_second_purpose() -> None:
    """Raises ServiceError: one rule per agreement and purpose."""
    raise ServiceError(
        "This agreement already has a rule for this purpose: change that one.",
        field="purpose",
    )


def _refuse_second(agreement: Agreement, data: ClockRuleInput, rule: ClockRule | None) -> None:
    if any(r.purpose is data.purpose and r is not rule for r in agreement.clock_rules):
        refuse_second_purpose()


def add_rule(agreement: Agreement, fields: Mapping[str, Any], *, actor: User) -> ClockRule:
    """A new rule of `agreement`, validated by ClockRuleInput. Raises ServiceError (input
    that does not fit; a second rule for the same purpose)."""
    data = validate(ClockRuleInput, fields)
    _refuse_second(agreement, data, None)
    rule = ClockRule(**{name: getattr(data, name) for name in FIELDS})
    agreement.clock_rules.append(rule)
    db.session.flush()
    record_audit(
        actor,
        "agreement.clock_rule_added",
        agreement,
        f"Added the {data.purpose.value} rule of {agreement.display_title}",
        after={"clock_rule_id": rule.id, **snapshot(rule, FIELDS)},
    )
    db.session.flush()
    return rule


@detects_conflicts("rule")
def update_rule(
    agreement: Agreement,
    rule: ClockRule,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> ClockRule:
    """Change the rule to `fields` (validated whole). Raises ServiceError, ConflictError."""
    check_version(rule, expected_version, "rule")
    data = validate(ClockRuleInput, {**snapshot(rule, FIELDS), **fields})
    _refuse_second(agreement, data, rule)
    before, after = apply_changes(rule, {name: getattr(data, name) for name in FIELDS})
    if after:
        record_audit(
            actor,
            "agreement.clock_rule_updated",
            agreement,
            f"Changed the {rule.purpose.value} rule of {agreement.display_title}",
            {"clock_rule_id": rule.id, **before},
            {"clock_rule_id": rule.id, **after},
        )
        db.session.flush()
    return rule


@detects_conflicts("rule")
def delete_rule(
    agreement: Agreement, rule: ClockRule, *, actor: User, expected_version: int | None
) -> None:
    """Remove the rule (the audit log keeps what it said). Raises ConflictError."""
    check_version(rule, expected_version, "rule")
    record_audit(
        actor,
        "agreement.clock_rule_deleted",
        agreement,
        f"Removed the {rule.purpose.value} rule of {agreement.display_title}",
        before={"clock_rule_id": rule.id, **snapshot(rule, FIELDS)},
    )
    agreement.clock_rules.remove(rule)
    db.session.flush()


def get_rule(agreement: Agreement, rule_id: int) -> ClockRule:
    """A rule of `agreement`. Raises gate.NotFound."""
    for rule in agreement.clock_rules:
        if rule.id == rule_id:
            return rule
    raise gate.NotFound("rule")


def sides_of(agreement: Agreement) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A mixed agreement's two sides by its Parties' names (tracker.domain.termination.
    mixed_sides): each row's side as set on it, else derived (Ratification.part). None
    for another kind, or while either part has no Party."""
    if agreement.kind != AgreementKind.MIXED or not agreement.ratifications:
        return None
    return mixed_sides(
        [(r.party.named, r.part == PartySide.ONE_PART) for r in agreement.ratifications]
    )


def clocks_of(agreement: Agreement, today: date) -> AgreementClocks:
    """The dates the agreement's rules give from its Parties' acts as of `today`, each
    with its basis and the recorded date beside it (tracker.domain.clock_rules). Without
    rules, only the day its Parties' departures end it (from their recorded dates); a
    mixed agreement ends when one side has left (sides_of)."""
    leaving = [(row.party.named, a) for row in agreement.ratifications for a in row.actions]
    if not agreement.clock_rules and not any(a.kind in LEAVING for _, a in leaving):
        return AgreementClocks()
    rules = {r.purpose: r.clause for r in agreement.clock_rules}
    parties = [r.party.named for r in agreement.ratifications]
    acts = [
        Act(row.party.named, a.kind.value, a.on)
        for row in agreement.ratifications
        for a in row.actions
    ]
    denunciations = [
        Denunciation(party, a.on, a.effective_on, a.kind.value)
        for party, a in leaving
        if a.kind in LEAVING
    ]
    try:
        return agreement_clocks(
            rules,
            acts,
            parties,
            recorded_in_force_on=agreement.in_force_on,
            denunciations=denunciations,
            today=today,
            sides=sides_of(agreement),
        )
    except (OverflowError, ValueError):
        # a date past 9999 (a long term counted from a far date): nothing is computed,
        # rather than every page that shows the agreement's dates failing
        return AgreementClocks()
