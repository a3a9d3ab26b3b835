"""Agreements with final clauses as rules, shared by the tests of the clocks' words and
dates (page, API, calendar feed, languages): built once here so that each test says only
what differs.

- `partnership`: the "Test partnership agreement" between the Union and the Republic, in
  force on 1 Mar 2020, whose Parties notified the completion of their procedures on
  4 Nov 2019 and 15 Jan 2020, with the EPCA's entry-into-force clause (Art. 281(2): the
  first day of the second month following the last notification) and an initial term of
  `years` years from entry into force (`with_final_clauses` gives an existing agreement
  the same acts and clauses).
- `renewing`: an agreement between Atlantis and Borduria in force on `in_force_on` for
  `years` years, renewed tacitly for five years at a time, unless notice is given six
  months before the end of the term (and, with `denunciation`, a denunciation clause on
  the same terms).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.models import Agreement, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

#: the Parties' notifications of completed procedures, the Union's then the Republic's
NOTIFIED_ON = (date(2019, 11, 4), date(2020, 1, 15))
#: six months before the end of the term (notice of non-renewal, denunciation)
BEFORE_END = {"mode": "before", "anchor": "end_of_term", "offset": 6, "unit": "months"}


def epca_entry_into_force() -> ClockRule:
    """The EPCA's Art. 281(2): the first day of the second month following the last
    notification of completed procedures."""
    return ClockRule(
        purpose="entry_into_force",
        mode="first_day_of_nth_month_following",
        anchor="last_notification",
        offset=2,
    )


def initial_term(years: int) -> ClockRule:
    """An initial term of `years` years from entry into force."""
    return ClockRule(
        purpose="initial_term", mode="after", anchor="entry_into_force", offset=years, unit="years"
    )


def with_final_clauses(agreement: Agreement, years: int) -> Agreement:
    """`agreement` (two Parties) with the notifications of NOTIFIED_ON, in force on 1 Mar
    2020, and the EPCA's entry-into-force clause and an initial term of `years` years.
    Flushes nothing: the caller commits."""
    agreement.in_force_on = date(2020, 3, 1)
    for row, on in zip(agreement.ratifications, NOTIFIED_ON, strict=True):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
    agreement.clock_rules.append(epca_entry_into_force())
    agreement.clock_rules.append(initial_term(years))
    return agreement


def partnership(make: Any, *, years: int, **fields: Any) -> Agreement:
    """The Test partnership agreement (see the module), committed; `fields` go to the
    agreement (short_title, owner, ...)."""
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        status=AgreementStatus.IN_FORCE,
        **fields,
    )
    with_final_clauses(treaty, years)
    db.session.commit()
    return treaty


def renewing(
    make: Any,
    *,
    in_force_on: date,
    years: int,
    title: str = "Air services agreement",
    denunciation: bool = False,
    **fields: Any,
) -> Agreement:
    """An agreement between Atlantis and Borduria (see the module), committed."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title=title,
        status=AgreementStatus.IN_FORCE,
        in_force_on=in_force_on,
        **fields,
    )
    agreement.clock_rules = [
        initial_term(years),
        ClockRule(purpose="renewal", mode="after", anchor="end_of_term", offset=5, unit="years"),
        ClockRule(purpose="notice_of_non_renewal", **BEFORE_END),
    ]
    if denunciation:
        agreement.clock_rules.append(ClockRule(purpose="denunciation_effect", **BEFORE_END))
    db.session.commit()
    return agreement
