"""How long a login must wait after failed attempts: growing delays, never a lock-out
of an account as such.

Failures are counted per (submitted email, client address) and per address, so a
guesser slows only itself: nobody elsewhere can lock a known officer out (issue 14 #10).
Pure rules: the counts and times come from tracker.services.logins.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: failures of one (email, address) pair within the window before the first delay
FREE_FAILURES = 5
#: failures from one address, whatever the emails (several officers may share an office
#: address, hence more)
FREE_FAILURES_PER_ADDRESS = 20
#: failures older than this are forgotten
COUNTING_WINDOW = timedelta(hours=1)
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(minutes=15)


def delay_after(failures: int, free: int) -> timedelta:
    """The wait after the last of `failures` failures: none up to `free`, then one
    minute, doubling with each further failure, at most LONGEST_DELAY."""
    if failures < free:
        return timedelta(0)
    doublings = min(failures - free, 10)  # 2**10 minutes is past the cap already
    return min(FIRST_DELAY * 2**doublings, LONGEST_DELAY)


def wait_before_next_login(
    *,
    pair_failures: int,
    pair_last: datetime | None,
    address_failures: int,
    address_last: datetime | None,
    now: datetime,
) -> timedelta:
    """How long from `now` until the next attempt is answered (zero: answer it now).

    The counts are of failures within COUNTING_WINDOW; `*_last` is the latest of them.
    """
    wait = timedelta(0)
    for failures, last, free in (
        (pair_failures, pair_last, FREE_FAILURES),
        (address_failures, address_last, FREE_FAILURES_PER_ADDRESS),
    ):
        if last is not None:
            wait = max(wait, last + delay_after(failures, free) - now)
    return wait
