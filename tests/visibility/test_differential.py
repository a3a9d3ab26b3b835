"""Who may not see a restricted track learns nothing of it, from any route or any email.

The test is differential: every GET route of the URL map (HTML, CSV, ICS, JSON) and every
email every job writes is rendered for readers who may not see the restricted track, once
in a world without it and once in the same world with it added; the two must be identical
once CSRF tokens are masked (time is frozen). Then every route that takes the id of a record
is asked about a hidden record and about a missing one: the answers must be the same, and a
write must change nothing. Routes are read from the URL map, so a new route is covered
without anyone adding it here; a route argument the test cannot fill fails the test.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import time_machine
from flask import Flask, url_for
from sqlalchemy import delete, func, select
from werkzeug.routing import Rule

from tests.visibility.world import MARKER, World, add_restricted, build_public, restart_ids
from tracker.extensions import limiter
from tracker.jobs import JOBS
from tracker.models import ApiToken, AuditEvent, CalendarFeed, FollowEvent, OutboxMessage
from tracker.orm import db
from tracker.services import search_index

READERS = ("outsider", "viewer")
PAGES_AT = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
#: the jobs run at these moments: the Monday's reminders and weekly report, then the next
#: morning's reminders and digests
JOB_MOMENTS = (
    datetime(2026, 1, 12, 7, 30, tzinfo=UTC),
    datetime(2026, 1, 13, 7, 30, tzinfo=UTC),
)
#: an id no record has (below the URL converter's maximum)
MISSING_ID = 2_000_000_001
#: query strings tried on every route without arguments (the lists and exports)
LIST_QUERIES = (
    "",
    "?q=sanctions",
    # a prefix of the marker, which every restricted record's text begins with (the
    # search page repeats the query: the marker itself would be on every page)
    "?q=zqxsec",
    "?state=overdue",
    "?state=open",
    "?status=negotiating",
    "?agreement={agreement_id}",
    "?body={body_id}",
    "?area={area_id}",
    "?owner={owner_id}",
    "?page=2",
    # the action items list's own filters (an item needs its track and its meeting visible)
    "?meeting={meeting_id}",
    "?due=overdue&sort=-due",
    "?due=soon&days=60&status=open",
    "?from=2025-01-01&to=2026-12-31&sort=title",
)

_CSRF_INPUT = re.compile(r"<input[^>]*csrf_token[^>]*>")
_VALUE = re.compile(r'value="[^"]*"')


def masked(body: str) -> str:
    """The page without its CSRF tokens (every form's, prefixed ones included)."""
    return _CSRF_INPUT.sub(lambda m: _VALUE.sub('value="CSRF"', m.group(0)), body)


# --- the worlds --------------------------------------------------------------------------


def empty_database() -> None:
    db.session.remove()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    search_index.clear()
    db.session.commit()
    restart_ids()


def build(with_restricted: bool) -> World:
    empty_database()
    with time_machine.travel(datetime(2026, 1, 12, 6, 0, tzinfo=UTC), tick=False):
        world = build_public()
        if with_restricted:
            add_restricted(world)
    return world


def run_jobs() -> None:
    for moment in JOB_MOMENTS:
        with time_machine.travel(moment, tick=False):
            for job in JOBS:
                if job.id != "outbox-drain":  # what is queued is what would be sent
                    job.run(moment)
            db.session.commit()


def mails_to(world: World) -> dict[str, list[tuple[str, str, str, str]]]:
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for name in READERS:
        address = world.users[name].email
        rows = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.to_address == address)
        ).all()
        found[name] = sorted((m.kind, m.subject, m.body_text, m.body_html) for m in rows)
    return found


# --- the routes --------------------------------------------------------------------------


def route_arguments(world: World, reader: str) -> dict[str, Callable[[Rule], list[Any]]]:
    """For each argument name in the URL map, the values to try for `reader`."""
    public = world.public
    user = world.users[reader]
    own_feed = db.session.scalar(select(CalendarFeed.id).where(CalendarFeed.user_id == user.id))
    own_token = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user.id))

    def track(rule: Rule) -> list[Any]:
        # The negotiating text's routes take the public track whose positions are not
        # the readers' (issue 17); the others, the public track the outsider leads too.
        if rule.endpoint.startswith("texts."):
            return [public["text_track_id"]]
        return [public["track_id"], public["text_track_id"]]

    def milestone(rule: Rule) -> list[Any]:
        # A route with an action item takes the meeting the item was raised at.
        return [public["meeting_id"] if "item_id" in rule.arguments else public["milestone_id"]]

    return {
        "agreement_id": lambda rule: [public["agreement_id"]],
        "area_id": lambda rule: [public["area_id"]],
        "ratification_id": lambda rule: [public["ratification_id"]],
        "action_id": lambda rule: [public["action_id"]],
        "relation_id": lambda rule: [public["relation_id"]],
        "track_id": track,
        "rule_id": lambda rule: [public["rule_id"]],
        "milestone_id": milestone,
        "body_id": lambda rule: [public["body_id"]],
        "item_id": lambda rule: [public["item_id"]],
        "document_id": lambda rule: [public["document_id"]],
        "feed_id": lambda rule: [own_feed],
        "token_id": lambda rule: [own_token],
        "user_id": lambda rule: [user.id],
        "message_id": lambda rule: [1],
        "kind": lambda rule: ["track", "agreement", "body"],
        "record_id": lambda rule: [public["track_id"]],
        "token": lambda rule: world.feed_tokens[reader],
        "what": lambda rule: ["agreements", "milestones", "actions", "final-clauses", "relations"],
        "iso_week": lambda rule: ["2026-W02", "2026-W03"],
        "filename": lambda rule: ["css/app.css"],
        "provision_id": lambda rule: [public["provision_id"]],
    }


def get_urls(app: Flask, world: World, reader: str) -> Iterator[tuple[str, str]]:
    """(endpoint, url) for every GET route, with every value of its argument."""
    arguments = route_arguments(world, reader)
    values = {
        "agreement_id": world.public["agreement_id"],
        "body_id": world.public["body_id"],
        "area_id": world.public["area_id"],
        "owner_id": world.users[reader].id,
        "meeting_id": world.public["meeting_id"],
    }
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        unknown = set(rule.arguments) - set(arguments)
        assert not unknown, f"{rule.rule}: the test has no values for {unknown}; add them"
        names = sorted(rule.arguments)
        if not names:
            with app.test_request_context():
                base = url_for(rule.endpoint)
            for query in LIST_QUERIES:
                yield rule.endpoint, base + query.format(**values)
            continue
        first, *rest = names
        for value in arguments[first](rule):
            kwargs = {first: value, **{n: arguments[n](rule)[0] for n in rest}}
            with app.test_request_context():
                yield rule.endpoint, url_for(rule.endpoint, **kwargs)


def fetch(
    client: Any,
    world: World,
    reader: str,
    url: str,
    method: str = "GET",
    form: dict[str, str] | None = None,
) -> str:
    headers = {}
    if url.startswith("/api/"):
        headers["Authorization"] = f"Bearer {world.api_tokens[reader]}"
        headers["If-Match"] = '"stale"'
    if method == "GET":
        response = client.get(url, headers=headers)
    elif url.startswith("/api/"):
        response = client.open(url, method=method, headers=headers, json={"title": "x"})
    else:
        response = client.submit(url, form or WRITE_FORM, headers=headers)
    body = _readable(response)
    response.close()
    # the headers too (an ETag or a file name could count hidden records), but for those
    # that differ from one answer to the next whatever the data: the moment, the session
    # cookie, and the length (the CSRF tokens masked above need not be equally long)
    shown = sorted(
        f"{name}: {value}"
        for name, value in response.headers.items()
        if name.lower() not in ("date", "set-cookie", "content-length")
    )
    return f"{response.status_code} {response.mimetype}\n" + "\n".join(shown) + f"\n{masked(body)}"


def _readable(response: Any) -> str:
    """The answer as text; a Word file's parts unzipped, so a marker inside shows."""
    data = response.get_data()
    if response.mimetype.endswith("wordprocessingml.document"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in sorted(archive.namelist())
            )
    return data.decode("utf-8", "replace")


#: a form that would change something if it were accepted
WRITE_FORM = {
    "title": "x",
    "name": "x",
    "to_status": "negotiating",
    "effective_on": "2026-01-10",
    "done_on": "2026-01-10",
    "due_on": "2026-01-20",
    "status": "done",
    "version": "1",
}


def render_all(app: Flask, client: Any, world: World) -> dict[tuple[str, str], str]:
    pages = {}
    with time_machine.travel(PAGES_AT, tick=False):
        for reader in READERS:
            limiter.reset()
            client.login(world.users[reader])
            for _endpoint, url in get_urls(app, world, reader):
                key = url  # feed tokens are random: name them by their place instead
                for number, token in enumerate(world.feed_tokens[reader]):
                    key = key.replace(token, f"feed-token-{number}")
                pages[reader, key] = fetch(client, world, reader, url)
    return pages


# --- the test ----------------------------------------------------------------------------


def test_readers_who_may_not_see_a_restricted_track_learn_nothing_of_it(
    app: Flask, client: Any
) -> None:
    outputs: list[tuple[dict[tuple[str, str], str], dict[str, Any]]] = []
    for with_restricted in (False, True):
        world = build(with_restricted)
        run_jobs()
        outputs.append((render_all(app, client, world), mails_to(world)))
    (pages_without, mails_without), (pages_with, mails_with) = outputs

    assert pages_without.keys() == pages_with.keys()
    differ = [key for key in pages_without if pages_without[key] != pages_with[key]]
    leaks = [key for key, page in pages_with.items() if MARKER in page]
    assert not differ and not leaks, (
        f"{len(differ)} page(s) change when a restricted track is added: "
        + ", ".join(f"{reader} {url}" for reader, url in differ)
        + f"; {len(leaks)} show its marker: "
        + ", ".join(f"{reader} {url}" for reader, url in leaks)
    )
    for reader in READERS:
        assert mails_without[reader] == mails_with[reader], (
            f"the mail to the {reader} changes when a restricted track is added: "
            f"{_mail_difference(mails_without[reader], mails_with[reader])}"
        )
    # The comparison saw something: the public world is not empty for the readers.
    assert any(mails_with[r] for r in READERS)
    assert sum(page.startswith("200") for page in pages_with.values()) > 100


def _mail_difference(before: list[Any], after: list[Any]) -> str:
    added = [m[1] for m in after if m not in before]
    removed = [m[1] for m in before if m not in after]
    return f"added {added}, changed or removed {removed}"


def hidden_cases(world: World) -> list[dict[str, Any]]:
    """Route arguments that name a hidden record (an action item with its meeting)."""
    hidden = world.hidden
    return [
        {"track_id": hidden["track_id"]},
        {"track_id": hidden["track_id"], "provision_id": hidden["provision_id"]},
        {"record_id": hidden["track_id"], "kind": "track"},
        {"milestone_id": hidden["milestone_id"]},
        {"milestone_id": hidden["meeting_id"]},
        # raised at the restricted meeting, without a track of its own
        {"milestone_id": hidden["meeting_id"], "item_id": hidden["item_id"]},
        # raised at a public meeting, linked to the restricted track
        {"milestone_id": world.public["meeting_id"], "item_id": hidden["linked_item_id"]},
        # the routes of an item alone (tracker.web.tidy: cancel, restore)
        {"item_id": hidden["item_id"]},
        {"item_id": hidden["linked_item_id"]},
        {"document_id": hidden["document_id"]},
        {"document_id": hidden["minutes_id"]},
    ]


def missing_counterpart(case: dict[str, Any]) -> dict[str, Any]:
    """The same arguments with the innermost hidden record replaced by a missing id."""
    innermost = "item_id" if "item_id" in case else next(k for k in case if k != "kind")
    return {**case, innermost: MISSING_ID}


def write_form(arguments: dict[str, Any]) -> dict[str, str]:
    """A valid-looking form for any of the routes, the action item rows' prefixes included."""
    form = dict(WRITE_FORM)
    for prefix in (f"item-{arguments.get('item_id')}-", "new-item-"):
        form.update({prefix + k: v for k, v in WRITE_FORM.items()})
    return form


def test_a_hidden_record_answers_exactly_as_a_missing_one_and_is_never_changed(
    app: Flask, client: Any
) -> None:
    world = build(with_restricted=True)
    checked = 0
    wrong = []
    for reader in READERS:
        client.login(world.users[reader])
        arguments = route_arguments(world, reader)
        for rule in app.url_map.iter_rules():
            for case in hidden_cases(world):
                if not set(case) <= set(rule.arguments) or set(case) == {"kind"}:
                    continue
                others = {n: arguments[n](rule)[0] for n in rule.arguments if n not in case}
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    answers = []
                    for args in (case, missing_counterpart(case)):
                        with app.test_request_context():
                            url = url_for(rule.endpoint, **others, **args)
                        before = _changes()
                        limiter.reset()
                        answer = fetch(client, world, reader, url, method, write_form(args))
                        for value in args.values():
                            answer = answer.replace(f"/{value}", "/ID").replace(
                                f"-{value}-", "-ID-"
                            )
                        answers.append(answer)
                        assert _changes() == before, f"{reader} {method} {url} changed something"
                    checked += 1
                    if answers[0] != answers[1]:
                        wrong.append(f"{reader} {method} {rule.rule} {case}")
    assert checked > 30
    assert not wrong, "a hidden record answers unlike a missing one: " + "; ".join(wrong)


def _changes() -> tuple[int, int]:
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
        db.session.scalar(select(func.count()).select_from(FollowEvent)),
    )
