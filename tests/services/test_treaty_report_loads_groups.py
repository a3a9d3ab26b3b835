"""h19g1 #2 (issue 19 leftover): the weekly report's treaty sections load the agreements
they decide in Python (a Party's denunciation recorded; a notice clause) with their final
clauses, rows and acts, but not their own groups of Parties: a mixed agreement's sides
(Ratification.part, through clocks_of) then read each agreement's groups, and each
group's members, one agreement at a time. The statements must not grow with the
agreements read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from tracker.models import (
    AgreementKind,
    AgreementStatus,
    ClockRule,
    PartyAction,
    PartyGroup,
    PartyKind,
)
from tracker.orm import db
from tracker.services.reports.treaty import notice_deadlines, pending_consent


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def record(conn, cursor, statement, params, context, executemany) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _mixed(make, n: int, *, denounced: bool) -> None:
    """A mixed agreement in force since 1 Mar 2020 whose Union's group of member States is
    its own and one of whose States is not bound; `denounced`: another State has denounced
    it, else its term is six years, renewed for a year (notice of non-renewal three months
    before the end: 1 Dec 2025)."""
    union = make.party(f"Union {n}{denounced}", kind=PartyKind.ORGANISATION)
    member = make.party(f"Member {n}{denounced}")
    states = [make.party(f"State {n}{denounced}-{i}") for i in range(3)]
    agreement = make.agreement(
        parties=[union, member, *states],
        title=f"Mixed agreement {n}{denounced}",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.party_groups.append(PartyGroup(name="Member States", members=[member]))
    for row in agreement.ratifications[:4]:
        row.actions.append(PartyAction(kind="ratification", on=date(2020, 1, 15)))
    if denounced:
        agreement.ratifications[3].actions.append(
            PartyAction(kind="denunciation", on=date(2025, 9, 1))
        )
    else:
        agreement.clock_rules += [
            ClockRule(
                purpose="initial_term",
                mode="after",
                anchor="entry_into_force",
                offset=6,
                unit="years",
            ),
            ClockRule(
                purpose="renewal", mode="after", anchor="end_of_term", offset=1, unit="years"
            ),
            ClockRule(
                purpose="notice_of_non_renewal", mode="after", anchor="notification", offset=3
            ),
        ]
    db.session.commit()


def _counts(read) -> int:  # noqa: ANN001
    db.session.expire_all()
    with statements() as seen:
        found, _total = read()
    assert found
    return len(seen)


def test_the_report_reads_as_many_statements_for_one_agreement_as_for_several(make) -> None:
    _mixed(make, 0, denounced=True)
    _mixed(make, 0, denounced=False)
    one = (
        _counts(lambda: notice_deadlines(date(2025, 10, 1), 10)),
        _counts(lambda: pending_consent(date(2025, 10, 1), 10)),
    )
    for n in range(1, 4):
        _mixed(make, n, denounced=True)
        _mixed(make, n, denounced=False)
    several = (
        _counts(lambda: notice_deadlines(date(2025, 10, 1), 10)),
        _counts(lambda: pending_consent(date(2025, 10, 1), 10)),
    )
    assert one == several
