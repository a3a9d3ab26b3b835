"""The acts of an agreement's Parties: record, edit, delete one, and their CSV. (The status
panel derived from the acts: tracker.services.agreement_status; Parties added from a
pasted list: tracker.services.party_paste.)

Services flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from tracker import clock
from tracker.domain.messages import Message, Names, counted_message
from tracker.domain.party_actions import ActionKind
from tracker.domain.party_names import named
from tracker.domain.withdrawal_dates import nothing_to_withdraw
from tracker.models import (
    Agreement,
    PartyAction,
    Ratification,
    User,
)
from tracker.orm import db
from tracker.schemas.party_actions import PartyActionInput
from tracker.services import gate
from tracker.services.errors import InUse, ServiceError
from tracker.services.party_action_checks import (
    checked_input,
    refuse_act,
)
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
)
from tracker.services.spreadsheets.fileformat import ACTION_COLUMNS, to_csv

FIELDS = PartyActionInput.FIELDS


def _touch(row: Ratification) -> None:
    """The party's row moves to a new version with its acts (the matrix's quick edit
    checks that version)."""
    flag_modified(row, "expected_by")


def get_action(agreement: Agreement, action_id: int) -> PartyAction:
    """An act of one of `agreement`'s Parties. Raises gate.NotFound (an act of another
    agreement too)."""
    for row in agreement.ratifications:
        for action in row.actions:
            if action.id == action_id:
                return action
    raise gate.NotFound("party action")


def party_row_named(agreement: Agreement, name: str) -> Ratification:
    """The row of the agreement's Party named `name` (its name, short name, Russian or
    Kazakh name: h16c #4) in any case or script, runs of spaces as one (h16e #3;
    tracker.domain.party_names, as the pasted lists match names). Raises
    ServiceError (field "party") for a name that is not one of the agreement's Parties."""
    row = named(agreement.ratifications, name, lambda r: r.party)
    if row is not None:
        return row
    raise ServiceError(
        Message("%(name)s is not a party to this agreement.", name=name), field="party"
    )


def refuse_future(data: PartyActionInput) -> None:
    """An act is recorded when it has happened: its date cannot be after today (the day
    it takes effect, or the end of a provisional application, may be). A date expected
    goes in the Party's "expected by". Raises SchemaRefusal
    (tracker.services.party_action_checks)."""
    refuse_act(None, data)


@detects_conflicts("party action")
def record_action(
    row: Ratification, fields: PartyActionInput | Mapping[str, Any], *, actor: User
) -> PartyAction:
    """A new act of the row's Party under the row's agreement, validated by
    PartyActionInput. Raises ServiceError (SchemaRefusal for input that does not fit), and
    ConflictError when another officer moved the Party's row on at the same moment (the
    act moves the row to a new version: _touch)."""
    if isinstance(fields, PartyActionInput):
        data = fields
        refuse_act(row, data)
    else:
        data = checked_input(row, fields)
    action = PartyAction(**{name: getattr(data, name) for name in FIELDS})
    row.actions.append(action)
    _touch(row)
    db.session.flush()
    record_audit(
        actor,
        "agreement.party_action_recorded",
        row.agreement,
        f"Recorded {data.kind.value} by {row.party.name} under {row.agreement.display_title}",
        after={"party_action_id": action.id, **snapshot(action, FIELDS)},
    )
    db.session.flush()
    return action


@detects_conflicts("party action")
def update_action(
    action: PartyAction,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> PartyAction:
    """Change the act to `fields` (validated whole by PartyActionInput).
    Raises ServiceError, ConflictError (`expected_version` not the act's, or None)."""
    check_version(action, expected_version, "party action")
    data = checked_input(action.party_row, {**snapshot(action, FIELDS), **fields}, action=action)
    before, after = apply_changes(action, {name: getattr(data, name) for name in FIELDS})
    if not after:
        return action
    row = action.party_row
    _touch(row)
    record_audit(
        actor,
        "agreement.party_action_updated",
        row.agreement,
        f"Updated {action.kind.value} by {row.party.name} under {row.agreement.display_title}",
        {"party_action_id": action.id, **before},
        {"party_action_id": action.id, **after},
    )
    db.session.flush()
    return action


def _objections_to(action: PartyAction) -> list[PartyAction]:
    """The objections, by any Party of the agreement, that name `action`, in date order
    (those with no date recorded last)."""
    found = [
        a
        for other in action.party_row.agreement.ratifications
        for a in other.actions
        if a.objects_to_id == action.id
    ]
    return sorted(found, key=lambda a: (a.on is None, a.on or date.min, a.id))


def _withdrawals_resting_on(action: PartyAction) -> list[date]:
    """The dates of the Party's withdrawals of a reservation that have a reservation
    standing with `action` and none without it (tracker.domain.withdrawal_dates)."""
    acts = [a for a in action.party_row.actions if a is not action]
    reservations = [a.on for a in acts if a.kind is ActionKind.RESERVATION]
    withdrawals = [a for a in acts if a.kind is ActionKind.RESERVATION_WITHDRAWAL]
    found = []
    for withdrawal in withdrawals:
        others = [w.on for w in withdrawals if w is not withdrawal]
        if (
            withdrawal.on is not None
            and nothing_to_withdraw(withdrawal.on, reservations, others)
            and not nothing_to_withdraw(withdrawal.on, [*reservations, action.on], others)
        ):
            found.append(withdrawal.on)
    return found


def refuse_deleting_what_others_rest_on(action: PartyAction) -> None:
    """A reservation that objections name, or that a withdrawal of a reservation by its
    Party needs standing, is not deleted (h16h #3): the objection would silently lose what
    it objects to (objects_to_id set to NULL), the withdrawal would withdraw nothing.
    Raises InUse naming them (the objecting Party and date; the withdrawals' dates)."""
    if action.kind is not ActionKind.RESERVATION:
        return
    objections = _objections_to(action)
    if objections:
        raise InUse(
            counted_message(
                "This reservation cannot be deleted: an objection names it: %(objections)s. "
                "Delete that objection first, or change it to name no reservation.",
                "This reservation cannot be deleted: %(num)s objections name it: "
                "%(objections)s. Delete those objections first, or change them to name no "
                "reservation.",
                num=len(objections),
                objections=Names(_objection_named(a) for a in objections),
            )
        )
    withdrawals = _withdrawals_resting_on(action)
    if withdrawals:
        raise InUse(
            counted_message(
                "This reservation cannot be deleted: without it, the withdrawal of a "
                "reservation by %(party)s of %(withdrawals)s would have no reservation to "
                "withdraw. Delete or change that withdrawal first.",
                "This reservation cannot be deleted: without it, %(num)s withdrawals of a "
                "reservation by %(party)s, of %(withdrawals)s, would have no reservation to "
                "withdraw. Delete or change those withdrawals first.",
                num=len(withdrawals),
                party=action.party_row.party.named,
                withdrawals=Names(withdrawals),
            )
        )


def _objection_named(objection: PartyAction) -> Message:
    """An objection as a refusal names it: its Party and its date."""
    party = objection.party_row.party.named
    if objection.on is None:
        return Message("%(party)s (date not recorded)", party=party)
    return Message("%(party)s (%(on)s)", party=party, on=objection.on)


@detects_conflicts("party action")
def delete_action(action: PartyAction, *, actor: User, expected_version: int | None) -> None:
    """Remove the act (the audit log keeps what it said). Raises ConflictError, InUse (a
    reservation others rest on: refuse_deleting_what_others_rest_on)."""
    check_version(action, expected_version, "party action")
    refuse_deleting_what_others_rest_on(action)
    row = action.party_row
    record_audit(
        actor,
        "agreement.party_action_deleted",
        row.agreement,
        f"Deleted {action.kind.value} by {row.party.name} under {row.agreement.display_title}",
        before={"party_action_id": action.id, **snapshot(action, FIELDS)},
    )
    row.actions.remove(action)
    _touch(row)
    db.session.flush()


def actions_csv(agreement: Agreement) -> str:
    """The agreement's acts as CSV (UTF-8 with BOM, CRLF, formula-guarded cells as every
    export here), chronological, those with no recorded date last."""
    acts = [a for row in agreement.ratifications for a in row.actions]
    acts.sort(key=lambda a: (a.on is None, a.on or date.min, a.id))
    # when it was exported, so that an import warns of an act changed since
    exported_at = clock.now_utc().isoformat(timespec="seconds")
    return to_csv(
        ACTION_COLUMNS,
        (
            (
                str(a.id),
                agreement.title,
                a.party_row.party.name,
                a.kind.value,
                a.on.isoformat() if a.on else "",
                a.effective_on.isoformat() if a.effective_on else "",
                a.instrument_ref,
                a.notification_ref,
                a.note,
                a.document_url,
                str(a.objects_to_id or ""),
                exported_at,
            )
            for a in acts
        ),
    )
