"""Meeting series: when a body's next meeting is expected, from its cadence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from tracker.domain.messages import N_

#: cadences offered in forms (months between meetings)
CADENCES: tuple[tuple[int, str], ...] = (
    (1, N_("Monthly")),
    (3, N_("Quarterly")),
    (6, N_("Twice a year")),
    (12, N_("Yearly")),
    (24, N_("Every two years")),
)


def cadence_label(months: int | None) -> str:
    if months is None:
        return "As needed"
    for value, label in CADENCES:
        if value == months:
            return label
    return f"Every {months} months"


@dataclass(frozen=True)
class ProjectedMeeting:
    """A meeting expected from the cadence, before anyone has set its date."""

    number: int
    expected_on: date
    #: the meeting it is projected from
    after_number: int
    after_on: date


def project_next_meeting(
    last_number: int | None, last_on: date | None, cadence_months: int | None
) -> ProjectedMeeting | None:
    """The meeting after the last numbered one, one cadence later; None without a cadence
    or without a numbered meeting to count from. 31 Jan + 1 month is 28/29 Feb (dateutil)."""
    if cadence_months is None or cadence_months < 1 or last_number is None or last_on is None:
        return None
    return ProjectedMeeting(
        number=last_number + 1,
        expected_on=last_on + relativedelta(months=cadence_months),
        after_number=last_number,
        after_on=last_on,
    )
