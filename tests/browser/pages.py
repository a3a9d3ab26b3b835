"""One record of every kind and the address of every page type, for the browser tests
that look at every page (accessibility, readability). Names are long Russian and Kazakh
ones where the language matters: they are what breaks a layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule

from tracker.jobs import JOBS, run_job
from tracker.models import (
    ActionItem,
    AgreementArea,
    ClockRule,
    MilestoneKind,
    OutboxMessage,
    PartyAction,
    PartyGroup,
    User,
)
from tracker.orm import db
from tracker.services.demo_text import seed_demo_text
from tracker.services.provisions import provisions_of
from tracker.services.saved_filters import save_filter

#: the EPCA's official titles, as long as the real ones (seed: ../shared/seed/)
AGREEMENT_TITLE_RU = (
    "Соглашение о расширенном партнерстве и сотрудничестве между Европейским союзом и его "
    "государствами-членами, с одной стороны, и Республикой Казахстан, с другой стороны"
)
TRACK_NAME_KK = "Визалық режимді жеңілдету туралы келіссөздер: Еуропалық Одақ пен Қазақстан"
OFFICER_NAME_KK = "Айгерім Нұрсұлтанқызы Жақсыбекова"


#: a multilateral convention's Parties, long names first (issue 16: readable with 30)
CONVENTION_PARTIES = [
    "Соединённое Королевство Великобритании и Северной Ирландии",
    "Ұлыбритания және Солтүстік Ирландия Құрама Корольдігі",
    "Федеративная Республика Германия",
    *(f"Государство-участник № {n}" for n in range(4, 31)),
]


def _thirty_parties(make: Any) -> tuple[Any, Any]:
    """A convention with 30 Parties, a group, dated and undated acts and a contradiction."""
    parties = [make.party(name) for name in CONVENTION_PARTIES]
    convention = make.agreement(
        parties=parties,
        title="Конвенция о правовой помощи и правовых отношениях по гражданским делам",
        kind="multilateral",
        status="in_force",
        in_force_on=date(2020, 3, 1),
        depositary="Генеральный секретарь Организации Объединённых Наций",
        authentic_languages="английский, казахский, русский",
        place_of_deposit="Нью-Йорк",
        publication_ref="OJ L 29, 4.2.2016",
    )
    for n, row in enumerate(convention.ratifications):
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21))
        )
        if n % 3:
            row.actions.append(
                PartyAction(
                    kind="ratification",
                    on=None if n % 2 else date(2019, 1, 1 + n % 28),
                    instrument_ref="Закон Республики Казахстан № 54-III",
                    notification_ref="C.N.123.2019.TREATIES-XX.1",
                    note="Мемлекетішілік рәсімдердің орындалғаны туралы хабарлама",
                )
            )
    group = PartyGroup(name="Государства — члены Европейского союза", members=parties[:28])
    convention.party_groups.append(group)
    db.session.commit()
    return convention, convention.ratifications[1].actions[-1]


#: the page types seen before logging in (in the browser's language)
LOGGED_OUT_PATHS = ["/login"]

#: GET routes of the URL map that are not page types of the matrix, each with its reason.
#: Files (a route ending in .csv, .ics, .docx, .svg or .json), the API and the static
#: files are not pages and need no entry; any other GET route must be in the matrix
#: (every_page_type's paths or LOGGED_OUT_PATHS) or here, or test_page_types fails.
NOT_IN_THE_MATRIX = {
    "tracks.status_page": "redirects to the track's page (a refused move reloaded)",
    "documents.download": "sends the stored file, not a page",
    "health.healthz": "the load balancer's JSON health check",
}
FILE_SUFFIXES = (".csv", ".ics", ".docx", ".svg", ".json")


def _not_a_page(rule: Rule) -> bool:
    return (
        rule.endpoint == "static"
        or rule.endpoint.startswith("api.")
        or rule.rule.endswith(FILE_SUFFIXES)
    )


def page_types_left_out(app: Flask, paths: list[str]) -> list[str]:
    """The GET routes that return pages but have no path in `paths` and no reason in
    NOT_IN_THE_MATRIX, and the reasons that excuse a route now covered or gone."""
    adapter = app.url_map.bind("localhost")
    covered = set()
    for path in paths:
        try:
            endpoint, _arguments = adapter.match(urlsplit(path).path, method="GET")
        except NotFound:
            continue  # the 404 page, a page type of its own
        covered.add(endpoint)
    pages = {
        rule.endpoint: rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and not _not_a_page(rule)
    }
    left_out = [
        f"{rule} ({endpoint}): add a path to tests/browser/pages.py, or a reason to "
        "NOT_IN_THE_MATRIX"
        for endpoint, rule in sorted(pages.items())
        if endpoint not in covered and endpoint not in NOT_IN_THE_MATRIX
    ]
    stale = [
        f"{endpoint}: excused in NOT_IN_THE_MATRIX but covered by the matrix or gone"
        for endpoint in sorted(NOT_IN_THE_MATRIX)
        if endpoint in covered or endpoint not in pages
    ]
    return left_out + stale


@dataclass
class PageWorld:
    paths: list[str]
    admin: User


def every_page_type(app: Any, make: Any, admin: User) -> PageWorld:
    """Build one record of each kind (committed) and return the path of every page type."""
    admin.name = OFFICER_NAME_KK
    eu = make.party("Европейский союз и его государства-члены")
    kz = make.party("Қазақстан Республикасы")
    agreement = make.agreement(parties=[eu, kz], title=AGREEMENT_TITLE_RU, short_title="EPCA")
    agreement.areas = [
        AgreementArea(name="Энергетика, транспорт и изменение климата"),
        AgreementArea(name="Сыбайлас жемқорлыққа қарсы іс-қимыл"),
    ]
    track = make.track(lead=admin, framework_agreement_id=agreement.id, name=TRACK_NAME_KK)
    milestone = make.milestone(
        track,
        title="Раунд переговоров по упрощению визового режима",
        kind=MilestoneKind.ROUND,
        number=1,
        planned_on=date(2026, 1, 20),
    )
    db.session.commit()
    make.milestone(
        track, title="Ответственный исполнитель: согласование", planned_on=date(2026, 1, 2)
    )
    council = make.body(
        "Совет сотрудничества Европейский союз – Республика Казахстан",
        cadence_months=12,
        owner_id=admin.id,
    )
    meeting = make.milestone(
        body_id=council.id,
        title="Двадцать второе заседание Совета сотрудничества",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
    )
    db.session.add(
        ActionItem(
            meeting_id=meeting.id,
            title="Күн тәртібінің жобасын жіберу",
            owner_id=admin.id,
            due_on=date(2026, 1, 20),
        )
    )
    db.session.commit()
    make.document(admin, agreement_id=agreement.id)
    convention, action = _thirty_parties(make)
    successor = make.user(role="officer", name="Нұрлан Серікұлы Әбдірахманов")
    # saved filters with long names, on the lists and on /me (issue 15)
    for list_name in ("tracks", "agreements", "milestones", "action_items"):
        save_filter(
            admin,
            {
                "list_name": list_name,
                "name": "Мерзімі өтіп кеткен тапсырмаларым және келіссөздер",
                "query": "q=келісім",
            },
        )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
        )
    )
    # The negotiating text: the demo's two frozen rounds.
    seed_demo_text(track, admin, date(2026, 1, 12))
    article = provisions_of(track)[1]
    db.session.commit()
    run_job(
        app, next(j for j in JOBS if j.id == "weekly-report"), datetime(2026, 1, 12, 8, tzinfo=UTC)
    )
    message_id = db.session.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id).limit(1))
    assert message_id is not None, "the weekly report wrote no mail to show in the outbox"
    text_path = f"/tracks/{track.id}/text"
    paths = [
        "/",
        "/agreements/",
        f"/agreements/{agreement.id}",
        "/agreements/new",
        f"/agreements/{agreement.id}/edit",
        f"/agreements/{convention.id}",
        f"/agreements/{convention.id}?edit=parties",
        f"/agreements/{agreement.id}?edit=areas",
        f"/agreements/{convention.id}/actions/new",
        f"/agreements/{convention.id}/actions/{action.id}/edit",
        f"/agreements/{convention.id}/parties/paste",
        "/tracks/",
        f"/tracks/{track.id}",
        "/tracks/new",
        f"/tracks/{track.id}/edit",
        "/milestones/",
        f"/milestones/{milestone.id}",
        "/milestones/new",
        f"/milestones/{milestone.id}/edit",
        "/reports/weekly/",
        "/reports/weekly/2026-W02",
        "/me",
        "/me/password",
        "/admin/users",
        "/admin/users/new",
        f"/admin/users/{admin.id}/edit",
        f"/admin/users/{admin.id}/hand-over?to={successor.id}",
        "/admin/outbox",
        "/audit",
        "/my-work",
        "/action-items/",
        f"/action-items/?owner={admin.id}&due=soon&days=30&sort=-due",
        "/bodies/",
        f"/bodies/{council.id}",
        "/bodies/new",
        f"/milestones/{meeting.id}",
        "/me/calendars",
        f"/documents/new?track={track.id}",
        "/me/tokens",
        "/import/agreements",
        "/search?q=EPCA",
        "/search?q=совет",
        "/no-such-page",
        "/admin/contradictions",
        f"/admin/outbox/{message_id}",
        f"/admin/users/{successor.id}/preferences",
        f"/agreements/{convention.id}/clocks/new",
        f"/agreements/{convention.id}/clocks/{convention.clock_rules[0].id}/edit",
        f"/agreements/{agreement.id}/relations",
        f"/bodies/{council.id}/edit",
        text_path,
        f"{text_path}/compare",
        f"{text_path}/brief",
        f"{text_path}/new",
        f"{text_path}/{article.id}/edit",
        f"{text_path}/{article.id}/positions",
        f"{text_path}/import",
        f"{text_path}/order",
    ]
    return PageWorld(paths=paths, admin=admin)
