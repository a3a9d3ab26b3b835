"""A milestone file's rows, worked out without writing: what each row would create or
change, checked by the rules the milestone service applies (tracker.services.milestones,
tracker.schemas.milestones), and the steps the service would record (audit events and
followers' notices), for tracker.services.spreadsheets.bulk to write at once.

The records the file names are read first, in a few set-based queries; the rows then run
in order on plain copies of them (MilestoneState), so that a row sees what the rows above
it did (a milestone created above is found by its natural key, its round number is taken),
exactly as when each row was saved in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Date, String, bindparam, func, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.domain.messages import as_message
from tracker.models import (
    DatePrecision,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    User,
)
from tracker.orm import db
from tracker.schemas.milestones import MilestoneChanges, MilestoneCompletion, MilestoneInput
from tracker.services import milestones as rules
from tracker.services.errors import ServiceError
from tracker.services.records import plain, snapshot
from tracker.services.spreadsheets.agreement_names import AgreementNames, names_seen
from tracker.services.spreadsheets.common import (
    Imported,
    also_schema_refusals,
    changed_since_export,
    changes_between,
    diff,
    exported_moment,
    read_named,
)
from tracker.services.spreadsheets.export import milestone_cells
from tracker.services.spreadsheets.fileformat import EXPORTED_AT
from tracker.services.spreadsheets.milestone_series import (
    Key,
    Series,
    keep_in_series,
    number_in_series,
    read_series,
    series_seen,
)
from tracker.services.spreadsheets.milestone_state import (
    FIELDS,
    LINKS,
    OFFICIAL_NAMES,
    MilestoneState,
    Ref,
    Step,
    natural_key,
    placement,
    refuse_read_only_changes,
    title_and_date,
)
from tracker.services.spreadsheets.parsing import (
    NO_SUCH_NAME,
    Cells,
    Names,
    RowError,
    _date,
    _enum,
    _id,
    _text,
    whole_number,
)
from tracker.services.visibility import may_see_track, track_is_visible


def _by_title_and_date(part: list[tuple[str, Any]]) -> Any:
    """The milestones of these (title, planned date) pairs: on PostgreSQL the pairs as two
    arrays unnested side by side (two parameters; psycopg rewrote 1,800 placeholders per
    part in Python), elsewhere an IN of the pairs. Indexed: ix_milestones_title_planned."""
    pair = tuple_(Milestone.title, Milestone.planned_on)
    if db.session.connection().dialect.name != "postgresql":
        return pair.in_(part)
    titles = bindparam(None, [title for title, _ in part], type_=ARRAY(String))
    dates = bindparam(None, [planned for _, planned in part], type_=ARRAY(Date))
    return pair.in_(select(func.unnest(titles), func.unnest(dates)))


@dataclass
class MilestonePlan:
    """Every row's outcome, and the states and steps of the rows without errors."""

    actor: User
    states: dict[Ref, MilestoneState] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    created: list[Ref] = field(default_factory=list)
    #: (title, planned_on, track_id, agreement_id) -> the milestones that have it
    natural: dict[tuple[Any, ...], set[Ref]] = field(default_factory=dict)
    #: a numbered series ("round", track id) or ("meeting", body id) -> ref -> number
    series: dict[Key, Series] = field(default_factory=dict)
    names: dict[str, Names] = field(default_factory=dict)
    #: the version of each stored milestone as read (the bulk update checks it again)
    read_versions: dict[Ref, int] = field(default_factory=dict)
    #: what the rows were worked out on (read_again compares it)
    seen: Any = None

    # --- reading what the file names -------------------------------------------------

    def read(self, rows: list[dict[str, str]]) -> None:
        """Read the records `rows` name: a query per kind of name, the milestones by id and
        by natural key, and the numbered series they are in."""
        for column, model, key, _ in LINKS:
            if column == "agreement":  # the one resolver of every import's agreement names
                self.names[column] = AgreementNames(r.get(column, "") for r in rows)
                continue
            # a track the importing officer may not see is not found, whatever its name
            where = [track_is_visible(self.actor)] if model is NegotiationTrack else []
            self.names[column] = Names(
                model,
                key,
                (r.get(column, "") for r in rows),
                *where,
                also=OFFICIAL_NAMES.get(column, ()),
            )
        loading = select(Milestone).options(
            selectinload(Milestone.track),
            selectinload(Milestone.agreement),
            selectinload(Milestone.body),
            selectinload(Milestone.owner),
        )
        found = read_named(
            rows,
            loading,
            Milestone.id,
            title_and_date,
            _by_title_and_date,
        )
        for milestone in found:
            if (0, milestone.id) not in self.states:
                values = {name: getattr(milestone, name) for name in FIELDS}
                state = MilestoneState(
                    (0, milestone.id), values, milestone.version, milestone.updated_at
                )
                self.states[state.ref] = state
                self.read_versions[state.ref] = milestone.version
                self.natural.setdefault(natural_key(values), set()).add(state.ref)
        self._read_series()
        self.seen = (
            sorted(self.read_versions.items()),
            names_seen(self.names),
            series_seen(self.series),
        )

    def _read_series(self) -> None:
        track_ids = {t.id for t in self.names["track"].found.values()}
        body_ids = {b.id for b in self.names["body"].found.values()}
        for state in self.states.values():
            track_ids.add(state.values["track_id"])
            body_ids.add(state.values["body_id"])
        self.series = read_series(track_ids, body_ids)

    # --- one row ---------------------------------------------------------------------

    def row(self, row: dict[str, str]) -> Imported:
        """A row onto the milestone it names (by id, else by title, date, track and
        agreement), or a new one; a column the file does not have leaves that field
        unchanged. Raises RowErrors, SchemaRefusal or ServiceError as the services do;
        nothing of a refused row is kept."""
        actor = self.actor
        cells = Cells(row)
        fields: dict[str, Any] = {}
        for column, _, _, field_name in LINKS:
            if cells.has(column):
                found = cells.lookup(self.names[column], row[column], column)
                if column == "track" and found is not None and not may_see_track(actor, found):
                    cells.errors.append(
                        (column, as_message(NO_SUCH_NAME["track"], {"value": row[column][:60]}))
                    )
                fields[field_name] = found.id if found is not None else None
        if cells.has("number"):
            fields["number"] = cells.read(whole_number, "number")
        # a new round may be left untitled (called by its number when shown), as on the form
        untitled_round = row.get("kind", "").strip() == MilestoneKind.ROUND
        fields["title"] = cells.read(
            _text, "title", required=not cells.has("id") and not untitled_round
        )
        if cells.has("kind"):
            fields["kind"] = cells.read(_enum, "kind", MilestoneKind)
        if cells.has("planned_on"):
            fields["planned_on"] = cells.read(_date, "planned_on", required=True)
        if cells.has("date_precision"):
            fields["date_precision"] = cells.read(
                _enum, "date_precision", DatePrecision, DatePrecision.DAY
            )
        for column in ("location", "notes"):
            if cells.has(column):
                fields[column] = cells.read(_text, column)
        done_on = cells.read(_date, "done_on") if cells.has("done_on") else None
        outcome = cells.read(_text, "outcome") if cells.has("outcome") else None
        if not fields["title"] and (row.get("id") or not untitled_round):
            del fields["title"]  # an update by id that leaves the title as it is
        existing = cells.read(self._existing, "id", fields) if not cells.errors else None
        if existing is not None or not row.get("id"):
            refuse_read_only_changes(cells, existing)
        cells.read(exported_moment, EXPORTED_AT)  # listed with the row's other errors
        if cells.errors:
            record = existing.record() if existing is not None else None
            also_schema_refusals(cells, MilestoneInput, fields, record)
        cells.check()
        warning = changed_since_export(row, existing)
        steps: list[Step] = []
        if existing is None:
            state = self._create(fields, steps)
            action, before_record = "create", None
        else:
            state = MilestoneState(
                existing.ref, dict(existing.values), existing.version, existing.updated_at
            )
            before_record = existing.record()
            self._update(state, fields, steps)
            action = "update" if steps else "unchanged"
        if cells.has("done_on"):
            outcome = state.values["outcome"] if outcome is None else outcome
            if done_on != state.values["done_on"] or (
                done_on and outcome != state.values["outcome"]
            ):
                self._complete(state, done_on, outcome, steps)
                action = "create" if action == "create" else "update"
        self._keep(state, steps, existing)
        title = str(rules.shown_name(SimpleNamespace(**state.values)))
        if action != "update" or before_record is None:
            return action, title, None, []
        after = milestone_cells(state.record())  # type: ignore[arg-type]
        return "update", title, warning, changes_between(milestone_cells(before_record), after)  # type: ignore[arg-type]

    def _existing(
        self, row: dict[str, str], _column: str, fields: dict[str, Any]
    ) -> MilestoneState | None:
        record_id = _id(row)
        if record_id is not None:
            found = self.states.get((0, record_id))
            track_id = found.values["track_id"] if found is not None else None
            track = db.session.get(NegotiationTrack, track_id) if track_id else None
            if found is None or (track is not None and not may_see_track(self.actor, track)):
                # an id is a code, not a quantity: "12345", never "12,345"
                raise RowError("id", "No milestone has id %(id)s.", id=str(record_id))
            return found
        if "planned_on" not in fields or "title" not in fields:
            return None  # a new milestone; the schema says what it lacks
        refs = self.natural.get(
            (
                fields["title"],
                fields["planned_on"],
                fields.get("track_id"),
                fields.get("agreement_id"),
            )
        )
        return self.states[min(refs)] if refs else None

    def _create(self, fields: dict[str, Any], steps: list[Step]) -> MilestoneState:
        data = MilestoneInput.of(fields)
        values = {
            **data.model_dump(),
            "done_on": None,
            "outcome": "",
            "cancelled_on": None,
            "cancel_reason": "",
        }
        state = MilestoneState((1, len(self.created)), values, 1)
        self._check(state)
        record = state.record()
        after = snapshot(record, rules.EDITABLE_FIELDS)
        steps.append(
            Step(
                "milestone.created",
                state.ref,
                rules.created_summary(record),
                after=after,
                notice=("milestone.added", rules.added_notice(record), *placement(values)),
            )
        )
        return state

    def _update(self, state: MilestoneState, fields: dict[str, Any], steps: list[Step]) -> None:
        changes = MilestoneChanges.of(fields).given()
        unknown = set(changes) - set(rules.EDITABLE_FIELDS)
        if unknown:
            raise ServiceError("This field is not accepted here.", field=sorted(unknown)[0])
        before, after = diff(state.values, changes)
        if not after:
            return
        if state.id is not None:  # a round whose text is frozen stays a round of its track
            rules.check_frozen_round(
                db.session.get(Milestone, state.id),
                kind=state.values["kind"],
                track_id=state.values["track_id"],
            )
        self._check(state)
        # The audit keeps what is stored: the rules may have set a field again (a round's
        # number, taken in its series), and a field they set back is no change.
        after = {name: plain(state.values[name]) for name in after}
        before = {name: value for name, value in before.items() if after[name] != value}
        after = {name: value for name, value in after.items() if name in before}
        if not after:
            return
        record = state.record()
        notice = None
        if rules.moves(after):
            notice = ("milestone.moved", rules.moved_notice(record), *placement(state.values))
        steps.append(
            Step(
                "milestone.updated",
                state.ref,
                f"Edited milestone {rules.shown_name(record)}",
                before,
                after,
                notice,
            )
        )
        state.version += 1

    def _complete(
        self, state: MilestoneState, done_on: Any, outcome: str, steps: list[Step]
    ) -> None:
        title = state.values["title"]
        if done_on is None:
            before, after = diff(state.values, {"done_on": None})
            steps.append(
                Step("milestone.reopened", state.ref, f"Reopened milestone {title}", before, after)
            )
        else:
            completion = MilestoneCompletion.of({"done_on": done_on, "outcome": outcome})
            if completion.done_on > clock.today():
                raise ServiceError("A milestone cannot be done on a future date.", field="done_on")
            before, after = diff(
                state.values,
                {"done_on": completion.done_on, "outcome": completion.outcome.strip()},
            )
            notice = (
                "milestone.done",
                rules.done_notice(state.record()),
                *placement(state.values),
            )
            steps.append(
                Step(
                    "milestone.completed",
                    state.ref,
                    f"Completed milestone {title} on {completion.done_on.isoformat()}",
                    before,
                    after,
                    notice,
                )
            )
        state.version += 1

    def _check(self, state: MilestoneState) -> None:
        """The service's rules: where it belongs, its owner, its number in its series."""
        record = state.record()
        rules.check_placement(record)
        rules.check_owner(record)
        number_in_series(self.series, state, record)

    def _keep(
        self, state: MilestoneState, steps: list[Step], existing: MilestoneState | None
    ) -> None:
        """Keep a row's outcome for the rows below it, and its steps for the writing."""
        if not steps:
            return
        if existing is not None:
            self.natural[natural_key(existing.values)].discard(existing.ref)
        else:
            self.created.append(state.ref)
        state.updated_at = clock.now_utc()
        self.states[state.ref] = state
        self.natural.setdefault(natural_key(state.values), set()).add(state.ref)
        keep_in_series(self.series, state, existing)
        self.steps += steps
