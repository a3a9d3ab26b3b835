"""A preview's checked plan, carried to its confirmation (issue 19 #4): the confirmation of
a 5,000-row file worked every row out again (1.5–3 s at scale 10 on PostgreSQL) although
the preview had just done it.

The preview keeps its plan here, in this process, under a random token the confirmation
form carries back (`plan`). The confirmation uses it only when all of these hold, else it
works the file out again as before:
- the same kind of file, the same officer (id, role and version) and the same text
  (SHA-256), confirmed within LIFETIME seconds, on the same day (a rule may read today);
- what the plan rests on, read again under the confirmation's lock, is what the preview
  read: the records the file names by id and natural key with their versions, the names
  it looked up with each record's version and archiving (an archived track or agreement,
  a changed owner or party), a milestone's numbered series (the plan's `seen`, plus those
  versions).
A plan is used once. Another worker process has not kept it: there the confirmation
works the file out again (correct, as slow as before). The writing still checks the
versions of what it changes, as it always did.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import clock
from tracker.models import User

#: seconds a preview's plan is kept for its confirmation
LIFETIME = 15 * 60
#: plans kept at most per process (the oldest goes first, its confirmation then works the
#: rows out again): a 5,000-row plan holds 13 MB (agreements) to 20 MB (milestones),
#: measured with tracemalloc at scale 10
KEPT = 2
#: the kinds of file whose plans are carried: those written in bulk (a file of acts,
#: clauses or relations is one agreement's few rows, worked out again at once)
KINDS = ("agreements", "milestones")


@dataclass
class Carried:
    kind: str
    who: tuple[Any, ...]
    digest: str
    day: date
    made: float
    plan: Any
    rows: list[Any]
    rests_on: Any


_kept: OrderedDict[str, Carried] = OrderedDict()
_lock = threading.Lock()


def _who(actor: User) -> tuple[Any, ...]:
    return (actor.id, str(actor.role), actor.version)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def rests_on(plan: Any) -> Any:
    """What `plan` was worked out on: its `seen` (the records the file names, with their
    versions; the names looked up; a milestone's series) and, for each name looked up, the
    version and archiving of each record found."""
    resolvers = dict(plan.names) if isinstance(plan.names, dict) else {"title": plan.names}
    if getattr(plan, "parties", None) is not None:  # an agreement file's Parties
        resolvers["parties"] = plan.parties
    found: list[tuple[Any, ...]] = []
    for column, names in resolvers.items():
        for name, records in names.found.items():
            for record in records if isinstance(records, list) else [records]:
                found.append(
                    (
                        column,
                        name,
                        record.id,
                        getattr(record, "version", None),
                        getattr(record, "archived_on", None),
                    )
                )
    return (plan.seen, sorted(found, key=repr))


def keep(kind: str, text: str, actor: User, plan: Any, rows: list[Any]) -> str:
    """Keep a preview's plan of `text` and its rows' outcomes; returns the token for the
    confirmation form ("" for a kind not carried)."""
    if kind not in KINDS:
        return ""
    token = secrets.token_urlsafe(18)
    carried = Carried(
        kind,
        _who(actor),
        _digest(text),
        clock.today(),
        time.monotonic(),
        plan,
        rows,
        rests_on(plan),
    )
    with _lock:
        _kept[token] = carried
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return token


def take(token: str, kind: str, text: str, actor: User) -> Carried | None:
    """The plan kept under `token` if it is this officer's of this very file, kept less
    than LIFETIME ago today; None otherwise. Taken once."""
    if not token:
        return None
    with _lock:
        carried = _kept.pop(token, None)
    if (
        carried is None
        or carried.kind != kind
        or carried.who != _who(actor)
        or carried.digest != _digest(text)
        or carried.day != clock.today()
        or time.monotonic() - carried.made > LIFETIME
    ):
        return None
    return carried
