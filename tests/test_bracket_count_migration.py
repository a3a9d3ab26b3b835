"""A provision's stored bracket count becomes its text's, once (issue 17 re-check, task
h17c #1): the migration after b16a7d3e9c21 sets bracket_count of provisions and of their
frozen versions to the largest count among the language versions (it was their sum); a
text whose brackets cannot be read keeps its count; going down sets the sum back."""

from __future__ import annotations

from datetime import date

from flask_migrate import downgrade, upgrade

from tests.migration_rows import rows
from tests.test_party_actions_migration import scratch_url  # noqa: F401 (a fixture)
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.domain.workflow import TrackStatus
from tracker.models import Milestone, MilestoneKind, NegotiationTrack, Provision
from tracker.models.provision import ProvisionVersion
from tracker.orm import db

BEFORE = "b16a7d3e9c21"  # main's head when counts were summed over the languages
AFTER = "c17c1a2b3d4e"

EN = "Visas within [EU: 10] days, [free of charge]."
RU = "Визы в течение [EU: 10] дней, [бесплатно]."


def test_counts_become_the_texts_and_go_back(scratch_url) -> None:  # noqa: F811
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        track = NegotiationTrack(
            name="Visa facilitation", status=TrackStatus.LAUNCHED, status_since=date(2026, 1, 1)
        )
        db.session.add(track)
        db.session.flush()
        round_1 = Milestone(
            track_id=track.id,
            kind=MilestoneKind.ROUND,
            number=1,
            title="Round 1",
            planned_on=date(2026, 1, 5),
        )
        db.session.add(round_1)
        both = Provision(
            track_id=track.id,
            key="a" * 32,
            kind=ProvisionKind.ARTICLE,
            number="2",
            texts={"en": EN, "ru": RU},
            bracket_count=4,
        )
        unread = Provision(
            track_id=track.id,
            key="b" * 32,
            kind=ProvisionKind.ARTICLE,
            number="3",
            texts={"en": "[open", "ru": RU},
            bracket_count=9,
        )
        db.session.add_all([both, unread])
        db.session.flush()
        db.session.add(
            ProvisionVersion(
                provision_id=both.id,
                round_id=round_1.id,
                kind=both.kind,
                number="2",
                texts={"en": EN, "ru": RU},
                bracket_count=4,
                status=ProvisionStatus.OPEN,
            )
        )
        db.session.commit()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        assert rows("SELECT key, bracket_count FROM provisions ORDER BY key") == [
            ("a" * 32, 2),
            ("b" * 32, 9),
        ]
        assert rows("SELECT bracket_count FROM provision_versions") == [(2,)]
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert rows("SELECT key, bracket_count FROM provisions ORDER BY key")[0] == ("a" * 32, 4)
        assert rows("SELECT bracket_count FROM provision_versions") == [(4,)]
        db.session.remove()
        db.engine.dispose()
