"""The EPCA's Parties and their acts for the demo: only the known facts.

Known (../shared/DESIGN.md and issue 16, from the treaty's own record): signed on 21 Dec
2015 in Astana, provisionally applied since 1 May 2016, in force since 1 Mar 2020; a mixed
agreement between the EU and its Member States, on one side, and Kazakhstan. The Member
States are shown as one row ("EU Member States", a group shown as one: not counted as a
Party) and one group: the demo does not list them one by one nor invent their dates.
Entry into force under the final clauses follows the Parties' notifications that their
procedures are completed, so each Party's notification is recorded with its date "not
recorded": it happened, its date is unknown here (issue 16: unknown is not a
contradiction).
"""

from __future__ import annotations

from datetime import date

from tracker.domain.party_actions import ActionKind
from tracker.models import Agreement, Party, PartyAction, PartyGroup, PartySide, Ratification
from tracker.orm import db

SIGNED = date(2015, 12, 21)
PROVISIONALLY_APPLIED = date(2016, 5, 1)
MEMBER_STATES = "EU Member States"
NOT_RECORDED_NOTE = (
    "Date not recorded: the sources give the entry into force (1 Mar 2020), not the dates "
    "of the Parties' notifications that their procedures are completed."
)


def _act(row: Ratification, kind: ActionKind, on: date | None, note: str = "") -> bool:
    """Add the act unless the Party already has one of this kind: True if added."""
    if any(a.kind == kind for a in row.actions):
        return False
    row.actions.append(PartyAction(kind=kind, on=on, note=note))
    return True


def seed_epca_parties(
    epca: Agreement, eu: Party, member_states: Party, kz: Party
) -> tuple[int, int]:
    """The EPCA's three Party rows, their known acts and the Member States' group
    (idempotent). Returns (records added, records already there)."""
    done: list[bool] = []
    rows = {r.party_id: r for r in epca.ratifications}
    sides = {eu.id: PartySide.ONE_PART, member_states.id: PartySide.ONE_PART}
    for party in (eu, member_states, kz):
        done.append(party.id not in rows)
        if party.id not in rows:
            # of the one part the Union and its Member States, of the other Kazakhstan
            side = sides.get(party.id, PartySide.OTHER_PART)
            rows[party.id] = Ratification(party=party, side=side)
            epca.ratifications.append(rows[party.id])
    for party in (eu, member_states, kz):
        row = rows[party.id]
        done.append(_act(row, ActionKind.SIGNATURE_SUBJECT_TO_RATIFICATION, SIGNED, "Astana"))
        done.append(_act(row, ActionKind.NOTIFICATION_OF_COMPLETION, None, NOT_RECORDED_NOTE))
    for party in (eu, kz):  # the EU and Kazakhstan applied it pending entry into force
        done.append(_act(rows[party.id], ActionKind.PROVISIONAL_APPLICATION, PROVISIONALLY_APPLIED))
    group = next((g for g in epca.party_groups if g.name == MEMBER_STATES), None)
    done.append(group is None)
    if group is None:  # the EPCA's own group (h16j)
        epca.party_groups.append(PartyGroup(name=MEMBER_STATES, members=[member_states]))
    db.session.flush()
    return done.count(True), done.count(False)
