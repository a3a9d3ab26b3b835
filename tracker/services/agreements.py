"""Agreements, their parties (with ratification) and their areas."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm.attributes import flag_modified

from tracker import clock
from tracker.domain.agreements import ratification_date_errors
from tracker.domain.messages import Message, Names
from tracker.domain.names import OfficialName, fold
from tracker.domain.party_actions import ActionKind
from tracker.models import (
    Agreement,
    AgreementArea,
    Party,
    PartyAction,
    PartySide,
    Ratification,
    User,
)
from tracker.orm import db
from tracker.schemas import check_dates
from tracker.schemas.agreements import AgreementInput, AreaRow
from tracker.services.act_date_checks import matrix_start_refusal
from tracker.services.deposit_kind import instrument_kind, refuse_deposit, set_deposit_kind
from tracker.services.errors import ServiceError
from tracker.services.follows import record_event
from tracker.services.party_action_checks import act_key, same_act_refusal, same_acts
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
    validated_update,
)

EDITABLE_FIELDS = AgreementInput.FIELDS


def create_agreement(
    fields: Mapping[str, Any],
    *,
    party_ids: list[int],
    area_names: list[str],
    actor: User,
) -> Agreement:
    """A new agreement with its parties and areas, validated by AgreementInput.
    Raises ServiceError (SchemaRefusal for input that does not fit)."""
    data = AgreementInput.of({**fields, "party_ids": party_ids, "areas": area_names})
    agreement = Agreement()
    apply_changes(agreement, {k: getattr(data, k) for k in EDITABLE_FIELDS})
    _set_parties(agreement, data.party_ids)
    _set_areas(agreement, data.areas)
    db.session.add(agreement)
    after = snapshot(agreement, EDITABLE_FIELDS)
    after["party_ids"] = sorted(party_ids)
    after["areas"] = [a.name for a in agreement.areas]
    record_audit(
        actor, "agreement.created", agreement, f"Added agreement {agreement.title}", after=after
    )
    db.session.flush()
    return agreement


@detects_conflicts("agreement")
def update_agreement(
    agreement: Agreement,
    fields: Mapping[str, Any],
    *,
    party_ids: list[int],
    area_names: list[str],
    actor: User,
    expected_version: int | None,
) -> Agreement:
    """Change the fields given, the parties and the areas; the result is validated whole by
    AgreementInput (so the dates stay in order). Raises ServiceError, ConflictError."""
    check_version(agreement, expected_version, "agreement")
    changes, data = validated_update(
        agreement, fields, AgreementInput, EDITABLE_FIELDS, party_ids=party_ids, areas=area_names
    )
    party_ids, area_names = data.party_ids, data.areas
    # One save, one version: loading the parties or areas, or looking the new parties up,
    # would otherwise flush the fields first and the version would move on twice (the CSV
    # import, which writes a save's outcome in bulk, moves it on once).
    with db.session.no_autoflush:
        before, after = apply_changes(agreement, changes)
        old_parties = sorted(p.id for p in agreement.parties)
        if old_parties != sorted(set(party_ids)):
            _set_parties(agreement, party_ids)
            before["party_ids"], after["party_ids"] = old_parties, sorted(set(party_ids))
        old_areas = [a.name for a in agreement.areas]
        if old_areas != area_names:
            _set_areas(agreement, area_names)
            before["areas"], after["areas"] = old_areas, area_names
    if not after:
        return agreement
    # Parties or areas alone change no column here; the version must still move on.
    flag_modified(agreement, "title")
    record_audit(
        actor, "agreement.updated", agreement, f"Edited agreement {agreement.title}", before, after
    )
    if "status" in after:
        record_event(
            "agreement.status_changed",
            Message(
                "%(agreement)s is now %(status)s",
                agreement=OfficialName.of_agreement(
                    agreement.title,
                    agreement.short_title,
                    agreement.official_title_ru,
                    agreement.official_title_kk,
                ),
                status=agreement.status,
            ),
            actor=actor,
            agreement_id=agreement.id,
        )
    db.session.flush()
    return agreement


def refuse_removing_parties_with_acts(agreement_id: int | None, party_ids: list[int]) -> None:
    """Refuse to take off the agreement `agreement_id` (None: a new one, nothing to lose)
    a Party not among `party_ids` that has acts recorded under it: its row would go, and
    every act with it (instruments, notifications, their references). Its acts are deleted
    from the acts list first, one by one, each asked for. Raises ServiceError (field
    "party_ids") naming those Parties; one rule for the form, the API and the agreements
    file (tracker.services.spreadsheets.agreement_rows)."""
    if agreement_id is None:
        return
    keeping = set(party_ids)
    with_acts = db.session.scalars(
        select(Party)
        .join(Ratification, Ratification.party_id == Party.id)
        .where(
            Ratification.agreement_id == agreement_id,
            Ratification.party_id.not_in(keeping) if keeping else true(),
            select(PartyAction.id)
            .where(
                PartyAction.agreement_id == agreement_id,
                PartyAction.party_id == Ratification.party_id,
            )
            .exists(),
        )
        .order_by(Ratification.id)
    ).all()
    if with_acts:
        raise ServiceError(
            Message(
                "%(parties)s cannot be removed from this agreement: acts are recorded for them "
                "(delete those acts from the acts list first).",
                parties=Names(p.named for p in with_acts),
            ),
            field="party_ids",
        )


def _set_parties(agreement: Agreement, party_ids: list[int]) -> None:
    """Keep existing Ratification rows (and their dates) for parties that stay; a Party with
    recorded acts stays (refuse_removing_parties_with_acts)."""
    refuse_removing_parties_with_acts(agreement.id, party_ids)
    wanted = list(dict.fromkeys(party_ids))
    parties = {p.id: p for p in db.session.scalars(select(Party).where(Party.id.in_(wanted)))}
    if len(parties) != len(wanted):
        raise ServiceError("Choose parties from the list.", field="party_ids")
    kept = [r for r in agreement.ratifications if r.party_id in parties]
    have = {r.party_id for r in kept}
    agreement.ratifications = kept + [
        Ratification(party=parties[pid]) for pid in wanted if pid not in have
    ]


def _set_areas(agreement: Agreement, names: list[str]) -> None:
    """Keep existing areas (their owners and notes) by name; add new ones; drop removed ones."""
    existing = {fold(a.name): a for a in agreement.areas}  # "Energy" kept as "ENERGY"
    areas = []
    for position, name in enumerate(names, start=1):
        area = existing.get(fold(name)) or AgreementArea(name=name)
        area.name, area.position = name, position
        areas.append(area)
    agreement.areas = areas


@detects_conflicts("area")
def update_area(
    area: AgreementArea,
    *,
    owner_id: int | None,
    status_note: str,
    actor: User,
    expected_version: int | None,
) -> None:
    """Give an area of an agreement its owning officer and a note on where it stands.
    Raises ConflictError when `expected_version` is not the area's (or is None)."""
    check_version(area, expected_version, "area")
    row = AreaRow.of({"owner_id": owner_id, "status_note": status_note})
    before, after = apply_changes(area, row.model_dump())
    if not after:
        return
    record_audit(
        actor,
        "agreement.area_updated",
        area.agreement,
        f"Updated area {area.name} of {area.agreement.display_title}",
        before,
        after,
    )
    db.session.flush()


#: update_ratification's `side` when the caller leaves the side as it is
KEEP_SIDE: Any = object()


def party_side(value: PartySide | str | None) -> PartySide | None:
    """A Party row's side from its value ("one_part", "other_part"; None or "": not
    set). Raises ServiceError (field "side") for another value."""
    if not value:
        return None
    try:
        return PartySide(value)
    except ValueError:
        raise ServiceError(
            Message("Choose the side: of the one part or of the other part."), field="side"
        ) from None


def rename_party(party: Party, *, name_ru: str, name_kk: str, actor: User) -> None:
    """Set a Party's official names in Russian and Kazakh (each at most 200 characters,
    as the form checks; "" : none, the English name is shown). The English name, the key
    of imports, CSV and the API, is not changed here."""
    names = {"name_ru": (name_ru or "").strip(), "name_kk": (name_kk or "").strip()}
    before, after = apply_changes(party, names)
    if after:
        summary = f"Named {party.name} in Russian and Kazakh"
        record_audit(actor, "party.renamed", party, summary, before, after)
        db.session.flush()


@detects_conflicts("ratification")
def update_ratification(
    ratification: Ratification,
    *,
    notified_on: date | None,
    deposited_on: date | None,
    actor: User,
    expected_version: int | None,
    signed_on: date | None = None,
    provisionally_applied_on: date | None = None,
    expected_by: date | None = None,
    side: PartySide | str | None = KEEP_SIDE,
    party_names: dict[str, str] | None = None,
    deposited_kind: ActionKind | str | None = None,
) -> None:
    """Record how far one party has come: signed, procedures notified, instrument
    deposited, applied provisionally; by when it is expected to have ratified; and its
    side of a mixed agreement (a PartySide value, None: not set; KEEP_SIDE: unchanged).
    `party_names` ({"name_ru": ..., "name_kk": ...}; None: unchanged) sets the Party's
    own names in Russian and Kazakh ("" : none, the English name is shown).
    `deposited_kind` is the kind of the instrument deposited (ratification, acceptance,
    approval or accession; None: the act's kind kept, a ratification for a new one),
    checked as "Record a party action" checks an act (tracker.services.deposit_kind).
    Raises ServiceError (field "side": not a side), SchemaRefusal, ConflictError when
    `expected_version` is not the row's (or is None)."""
    check_version(ratification, expected_version, "ratification")
    sided = {} if side is KEEP_SIDE else {"side": party_side(side)}
    check_dates(
        signed_on=signed_on,
        notified_on=notified_on,
        deposited_on=deposited_on,
        provisionally_applied_on=provisionally_applied_on,
        expected_by=expected_by,
    )
    errors = ratification_date_errors(
        ratification.agreement.signed_on,
        notified_on,
        deposited_on,
        clock.today(),
        party_signed_on=signed_on,
        provisionally_applied_on=provisionally_applied_on,
    )
    if errors:
        field, message = next(iter(errors.items()))
        raise ServiceError(message, field=field)
    started = matrix_start_refusal(ratification, provisionally_applied_on)
    if started is not None:
        raise ServiceError(started, field="provisionally_applied_on")
    _refuse_clearing_into_a_twin(
        ratification,
        signed_on=signed_on,
        notified_on=notified_on,
        deposited_on=deposited_on,
        provisionally_applied_on=provisionally_applied_on,
    )
    kind = instrument_kind(deposited_kind) if deposited_kind else None
    deposit = refuse_deposit(ratification, kind, deposited_on) if kind else None
    was = str(deposit.kind) if deposit is not None else None
    if party_names is not None:
        rename_party(ratification.party, actor=actor, **party_names)
    before, after = apply_changes(
        ratification,
        {
            "signed_on": signed_on,
            "notified_on": notified_on,
            "deposited_on": deposited_on,
            "provisionally_applied_on": provisionally_applied_on,
            "expected_by": expected_by,
            **sided,
        },
    )
    if kind is not None and set_deposit_kind(ratification, deposit, kind):
        before["deposited_kind"], after["deposited_kind"] = was, kind.value
    if not after:
        return
    record_audit(
        actor,
        "agreement.ratification_updated",
        ratification.agreement,
        f"Updated the ratification by {ratification.party.name} of "
        f"{ratification.agreement.display_title}",
        before,
        after,
    )
    db.session.flush()


def _refuse_clearing_into_a_twin(row: Ratification, **cells: date | None) -> None:
    """An emptied cell keeps its act, its date not recorded (h16c #1); refused (ServiceError
    at the cell) when the Party already has the same act undated, which would then be
    recorded twice (tracker.services.party_action_checks.same_acts)."""
    for column, value in cells.items():
        shown = type(row).__dict__[column].shown(row)
        if value is not None or shown is None:
            continue
        if same_acts(row, act_key(shown.kind, None, shown.objects_to_id), action=shown):
            refusal = same_act_refusal(row, shown.kind, None)
            raise ServiceError(refusal.message, field=column)


@detects_conflicts("ratification")
def set_side(
    ratification: Ratification,
    side: PartySide | str | None,
    *,
    actor: User,
    expected_version: int | None,
) -> None:
    """Set the Party row's side of a mixed agreement (party_side: None, not set), nothing
    else. Raises ServiceError (field "side"), ConflictError when `expected_version` is
    not the row's (or is None)."""
    check_version(ratification, expected_version, "ratification")
    before, after = apply_changes(ratification, {"side": party_side(side)})
    if not after:
        return
    record_audit(
        actor,
        "agreement.ratification_updated",
        ratification.agreement,
        f"Set the side of {ratification.party.name} under {ratification.agreement.display_title}",
        before,
        after,
    )
    db.session.flush()
