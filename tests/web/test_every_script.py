"""Names and search in every script (issue 14 #5): Russian, Kazakh, Kazakh Latin and Latin
alike, on SQLite (whose lower() folds only ASCII) and PostgreSQL (whose lower()/ILIKE
follow the database's locale, and leave Cyrillic alone under locale C)."""

from __future__ import annotations

from datetime import date

import pytest
import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import confirm_token, preview
from tracker.domain.names import fold
from tracker.models import Agreement, Body, Milestone, MilestoneKind, User
from tracker.orm import db
from tracker.services import users as user_service
from tracker.services.overview import (
    MilestoneFilter,
    TrackFilter,
    agreement_list_query,
    milestone_list_query,
    track_list_query,
)

#: (as stored, as typed in another case) in each script the tracker is used in
SIBLINGS = [
    ("Соглашение о визовом упрощении", "СОГЛАШЕНИЕ О ВИЗОВОМ УПРОЩЕНИИ"),
    ("ЕС–Казахстан: визовое упрощение", "ес–казахстан: визовое упрощение"),
    ("Әріптестік пен ынтымақтастық туралы келісім", "ӘРІПТЕСТІК ПЕН ЫНТЫМАҚТАСТЫҚ ТУРАЛЫ КЕЛІСІМ"),
    (
        "Ғылым, Қазақстан, Ңң, Өнер, Ұлт, Үкімет, Һ, Іс",
        "ҒЫЛЫМ, ҚАЗАҚСТАН, ҢҢ, ӨНЕР, ҰЛТ, ҮКІМЕТ, һ, іс",
    ),
    ("Ынтымақтастық кеңесі", "ынтымақтастық КЕҢЕСІ"),
    ("İstanbul ıs", "istanbul IS"),  # Kazakh Latin / Turkic: İ ı I i are one letter here
]


def test_the_fold_is_unicode_case_folding_after_nfkc() -> None:
    for stored, typed in SIBLINGS:
        assert fold(stored) == fold(typed), (stored, typed)
    assert fold("Straße") == fold("STRASSE")
    assert fold("ﬁnal") == fold("FINAL")  # NFKC first: the ligature is two letters
    assert fold("Ә") != fold("А") and fold("Қ") != fold("К")  # no accent stripping
    assert {fold(c) for c in "İIıi"} == {"i"}


@pytest.mark.parametrize(("stored", "typed"), SIBLINGS)
def test_a_body_in_another_case_is_the_same_body(client, make, admin, stored, typed) -> None:
    make.body(stored)
    client.login(admin)
    response = client.submit("/bodies/new", {"name": typed})
    assert response.status_code == 422
    assert "There is already a body with this name." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Body)).all()) == 1


def test_a_second_body_called_the_same_in_cyrillic_gets_the_forms_message(
    client, make, admin
) -> None:
    make.body("Совет сотрудничества ЕС–Казахстан")
    client.login(admin)
    response = client.submit("/bodies/new", {"name": "Совет сотрудничества ЕС–Казахстан"})
    assert response.status_code == 422
    assert "There is already a body with this name." in response.get_data(as_text=True)


def test_the_unique_key_refuses_a_duplicate_the_check_did_not_see(make) -> None:
    """The race: two saves both pass the check; the index refuses the second, and the
    service says so as the form would, not with an IntegrityError."""
    from tracker.services import bodies
    from tracker.services.errors import ServiceError

    actor = make.user(role="admin")
    make.body("Совет сотрудничества")
    db.session.commit()
    original = bodies._check_name
    bodies._check_name = lambda body: None  # the other save has not committed yet
    try:
        with pytest.raises(ServiceError) as refused:
            bodies.create_body({"name": "СОВЕТ СОТРУДНИЧЕСТВА"}, actor=actor)
    finally:
        bodies._check_name = original
        db.session.rollback()
    assert refused.value.message == "There is already a body with this name."
    assert refused.value.field == "name"


@pytest.mark.parametrize(("stored", "typed"), SIBLINGS)
def test_search_finds_every_script_in_any_case(make, admin, stored, typed) -> None:
    track = make.track(name=stored)
    agreement = make.agreement(title=stored)
    make.milestone(track, title=stored, planned_on=date(2026, 2, 1))
    db.session.commit()
    word = typed.split()[0].strip(",:")
    assert [t.id for t in db.session.scalars(track_list_query(TrackFilter(text=word), admin))] == [
        track.id
    ]
    assert [a.id for a in db.session.scalars(agreement_list_query(None, word))] == [agreement.id]
    found = db.session.scalars(
        milestone_list_query(MilestoneFilter(text=word), date(2026, 1, 12), admin)
    ).all()
    assert [m.title for m in found] == [stored]


def test_q_soglashenie_finds_the_agreement_on_the_web_and_in_the_api(
    client, live_server, make, officer
) -> None:
    make.agreement(title="Соглашение о партнёрстве и сотрудничестве", short_title="СРПС")
    make.agreement(title="Visa facilitation agreement")
    client.login(officer)
    page = client.get("/agreements/?q=соглашение").get_data(as_text=True)
    assert "Соглашение о партнёрстве и сотрудничестве" in page
    assert "Visa facilitation agreement" not in page
    answer = requests.get(
        f"{live_server}/api/v1/agreements",
        params={"q": "СОГЛАШЕНИЕ"},
        headers=bearer(officer),
        timeout=5,
    )
    assert answer.status_code == 200
    assert [a["title"] for a in answer.json()["items"]] == [
        "Соглашение о партнёрстве и сотрудничестве"
    ]


def test_a_track_with_a_capital_cyrillic_name_reimports_from_its_own_export(
    client, make, officer
) -> None:
    track = make.track(name="ЕС–Казахстан: визовое упрощение", lead=officer)
    council = make.body("Совет сотрудничества ЕС–Казахстан")
    epca = make.agreement(title="Соглашение о расширенном партнёрстве")
    make.milestone(
        track,
        title="Раунд 1",
        kind=MilestoneKind.ROUND,
        planned_on=date(2026, 2, 10),
        agreement_id=epca.id,
        owner_id=officer.id,
    )
    make.milestone(
        body_id=council.id,
        title="Заседание",
        kind=MilestoneKind.MEETING,
        planned_on=date(2026, 3, 1),
    )
    client.login(officer)
    exported = client.get("/milestones/export.csv").data
    response = preview(client, "milestones", exported)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "0 to add, 0 to change, 2 unchanged" in page
    # typed by hand in another case, the names still find their records
    typed = (
        "title,kind,track,agreement,body,planned_on\r\n"
        "Раунд 2,round,ес–казахстан: ВИЗОВОЕ упрощение,СОГЛАШЕНИЕ О РАСШИРЕННОМ ПАРТНЁРСТВЕ,,"
        "2026-04-10\r\n"
        "Заседание 2,meeting,,,СОВЕТ СОТРУДНИЧЕСТВА ЕС–КАЗАХСТАН,2026-05-01\r\n"
    ).encode()
    response = preview(client, "milestones", typed)
    assert response.status_code == 200, response.get_data(as_text=True)
    confirmed = client.submit("/import/milestones/confirm", {"content": confirm_token(response)})
    assert confirmed.status_code == 302
    added = {m.title: m for m in db.session.scalars(select(Milestone))}
    assert added["Раунд 2"].track_id == track.id and added["Раунд 2"].agreement_id == epca.id
    assert added["Заседание 2"].body_id == council.id


def test_an_email_in_another_case_is_the_same_account(make, admin) -> None:
    from tracker.models import Role
    from tracker.services.errors import ServiceError

    make.user(email="Ерлан@МИД.kz")  # as an older version, or a seed, stored it
    assert user_service.find_by_email("ЕРЛАН@МИД.KZ") is not None
    with pytest.raises(ServiceError):
        user_service.create_user(
            {
                "email": "Ерлан@МИД.kz",
                "name": "Ерлан",
                "role": Role.OFFICER,
                "password": "a long password 1",
            },
            actor=admin,
        )
    db.session.rollback()
    assert db.session.scalar(select(User).where(User.email_key == fold("ЕРЛАН@мид.KZ")))


def test_agreement_titles_are_looked_up_by_their_folded_key(make) -> None:
    made = make.agreement(title="Соглашение о партнёрстве")
    db.session.commit()
    found = db.session.scalar(
        select(Agreement).where(Agreement.title_key == fold("СОГЛАШЕНИЕ О ПАРТНЁРСТВЕ"))
    )
    assert found is not None and found.id == made.id


def test_a_postgresql_database_with_locale_c_folds_the_same(app) -> None:
    """PostgreSQL's lower() and ILIKE leave Cyrillic alone in a database created with
    locale C; the folded keys do not depend on the locale."""
    from tests.conftest import TEST_DATABASE_URL

    if not TEST_DATABASE_URL.startswith("postgresql"):
        # SQLite's lower() folds ASCII only, the same fault as PostgreSQL under locale C;
        # the folded keys do not use it (the other tests here show the refusals).
        from sqlalchemy import text

        from tracker.domain.names import fold
        from tracker.orm import db as sqlite_db

        assert sqlite_db.session.scalar(text("SELECT lower('ӘҒҚ СОВЕТ')")) == "ӘҒҚ СОВЕТ"
        assert fold("ӘҒҚ СОВЕТ") == "әғқ совет"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tests import factories
    from tracker import create_app
    from tracker.database import upgrade_to_head
    from tracker.services import bodies
    from tracker.services.errors import ServiceError

    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_locale_c"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE 'C'"))
    try:
        other = create_app(
            {
                **{k: app.config[k] for k in ("TESTING", "SECRET_KEY", "TIMEZONE", "SCHEDULER")},
                "DATABASE_URL": url.set(database=name).render_as_string(hide_password=False),
            }
        )
        with other.app_context():
            upgrade_to_head()
            collate = db.session.scalar(
                text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            )
            assert collate == "C"
            # the fault itself: under locale C, lower() leaves Cyrillic as it is
            assert db.session.scalar(text("SELECT lower('СОГЛАШЕНИЕ')")) == "СОГЛАШЕНИЕ"
            actor = factories.Factories.user(role="admin", email="admin@locale-c.example")
            for stored, typed in SIBLINGS:
                bodies.create_body({"name": stored}, actor=actor)
                db.session.commit()
                with pytest.raises(ServiceError):
                    bodies.create_body({"name": typed}, actor=actor)
                db.session.rollback()
            for stored, typed in SIBLINGS:
                track = factories.Factories.track(name=stored)
                word = typed.split()[0].strip(",:")
                listed = db.session.scalars(track_list_query(TrackFilter(text=word), actor)).all()
                assert track in listed, (stored, word)
            db.session.rollback()
            db.session.remove()
            db.engine.dispose()
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        server.dispose()


def test_an_area_is_listed_once_in_any_case_and_its_case_can_change(make) -> None:
    from tracker.schemas import SchemaRefusal
    from tracker.services import agreements

    actor = make.user(role="admin")
    fields = {"title": "Соглашение", "status": "draft"}
    with pytest.raises(SchemaRefusal) as refused:
        agreements.create_agreement(
            fields, party_ids=[], area_names=["Энергетика", "ЭНЕРГЕТИКА"], actor=actor
        )
    assert [r.field for r in refused.value.refusals] == ["areas"]
    db.session.rollback()
    made = agreements.create_agreement(
        fields, party_ids=[], area_names=["Энергетика", "Қоршаған орта"], actor=actor
    )
    db.session.commit()
    kept = [a.id for a in made.areas]
    agreements.update_agreement(
        made,
        {},
        party_ids=[],
        area_names=["ЭНЕРГЕТИКА", "Қоршаған орта"],
        actor=actor,
        expected_version=made.version,
    )
    db.session.commit()
    assert [(a.id, a.name) for a in made.areas] == [
        (kept[0], "ЭНЕРГЕТИКА"),
        (kept[1], "Қоршаған орта"),
    ]
