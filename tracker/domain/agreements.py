"""Rules on an agreement's dates."""

from __future__ import annotations

from datetime import date

from tracker.domain.messages import N_, Message


def date_order_errors(
    signed_on: date | None,
    provisionally_applied_on: date | None,
    in_force_on: date | None,
) -> dict[str, str]:
    """Field name -> message for every date that comes before one it must follow."""
    errors: dict[str, str] = {}
    if signed_on is None:
        if in_force_on is not None:
            errors["in_force_on"] = Message(
                "An agreement enters into force only after it is signed: add the date of signature."
            )
        if provisionally_applied_on is not None:
            errors["provisionally_applied_on"] = Message(
                "An agreement is applied provisionally only after it is signed: "
                "add the date of signature."
            )
        return errors
    if in_force_on is not None and in_force_on < signed_on:
        errors["in_force_on"] = Message(
            "Entry into force (%(in_force_on)s) cannot be before signature (%(signed_on)s).",
            in_force_on=in_force_on,
            signed_on=signed_on,
        )
    if provisionally_applied_on is not None and provisionally_applied_on < signed_on:
        errors["provisionally_applied_on"] = Message(
            "Provisional application (%(applied_on)s) cannot be before signature (%(signed_on)s).",
            applied_on=provisionally_applied_on,
            signed_on=signed_on,
        )
    return errors


def ratification_date_errors(
    signed_on: date | None,
    notified_on: date | None,
    deposited_on: date | None,
    today: date,
    *,
    party_signed_on: date | None = None,
    provisionally_applied_on: date | None = None,
) -> dict[str, str]:
    """A party's steps happen on or after signature (its own, else the agreement's), and
    not in the future: they are recorded when they happen."""
    errors: dict[str, str] = {}
    if party_signed_on is not None and party_signed_on > today:
        errors["signed_on"] = Message(
            "Signature cannot be in the future; record it when it happens."
        )
    signed = party_signed_on or signed_on
    for name, value, in_future, too_early in (
        (
            "notified_on",
            notified_on,
            N_("Notification cannot be in the future; record it when it happens."),
            N_("Notification (%(on)s) cannot be before signature (%(signed_on)s)."),
        ),
        (
            "deposited_on",
            deposited_on,
            N_("Deposit cannot be in the future; record it when it happens."),
            N_("Deposit (%(on)s) cannot be before signature (%(signed_on)s)."),
        ),
        (
            "provisionally_applied_on",
            provisionally_applied_on,
            N_("Provisional application cannot be in the future; record it when it happens."),
            N_("Provisional application (%(on)s) cannot be before signature (%(signed_on)s)."),
        ),
    ):
        if value is None:
            continue
        if value > today:
            errors[name] = Message(in_future)
        elif signed is not None and value < signed:
            errors[name] = Message(too_early, on=value, signed_on=signed)
    return errors


#: a bilateral treaty is concluded between two Parties; a third one makes it multilateral
#: or, for an EU agreement with its Member States on one side, mixed
BILATERAL_PARTIES = 2


def bilateral_refusal(kind: str, party_count: int) -> Message | None:
    """The message refusing `party_count` Parties on an agreement of `kind` ("bilateral",
    "mixed", "multilateral"), or None when they fit: a bilateral has at most two (fewer
    while they are being entered)."""
    if kind == "bilateral" and party_count > BILATERAL_PARTIES:
        return Message(
            "A bilateral agreement has two Parties: change its kind to multilateral "
            "(or mixed) first."
        )
    return None
