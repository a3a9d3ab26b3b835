"""Subjects arrive as stored: long subjects in Russian, Kazakh and English, sent over real
SMTP on loopback and parsed back with the email package, equal the outbox row character for
character. RFC 2047 (section 6.2) has readers drop the white space between two encoded
words, so a space the sender puts there (rather than inside a word) is lost."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.mail.headers import put_text
from tracker.mail.sender import SenderSettings, drain_outbox, message_id
from tracker.models import OutboxMessage
from tracker.orm import db
from tracker.services.reminders import queue_reminders

NOW = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)

#: each has a space at the boundary of two encoded words when the email package folds it
SUBJECTS = [
    "Напоминание: Заседание Совета сотрудничества ЕС–Казахстан по EPCA в Астане, 2-й раунд "
    "через 7 дней (19 янв. 2026 г.)",
    "Еске салу: Visa facilitation: Round 4 — Brussels, technical level 7 күннен кейін "
    "(2026 ж. 19 қаң.)",
    "Reminder: Round 4 of the negotiations on visa facilitation — Brussels, technical level, "
    "with the Delegation of the European Union in 7 days (19 Jan 2026)",
    # and long ones in one script each
    "Напоминание: Раунд 4 переговоров об упрощении визового режима между Европейским союзом "
    "и Республикой Казахстан, Брюссель, технический уровень, через 7 дней (19 января 2026 г.)",
    "Еске салу: Еуропалық Одақ пен Қазақстан Республикасы арасындағы визалық режимді "
    "жеңілдету туралы келіссөздердің 4-раунды, Брюссель, 7 күннен кейін (2026 жылғы 19 қаңтар)",
    "Reminder: Round 4 of the negotiations on visa facilitation between the European Union "
    "and the Republic of Kazakhstan, Brussels, technical level, in 7 days (19 Jan 2026)",
]


def settings(app) -> SenderSettings:
    return SenderSettings.from_config(app.config, app.instance_path)


def received_by_key(mailbox) -> dict[str, str]:
    return {str(m["X-Accord-Tracker-Key"]): str(m["Subject"]) for m in mailbox.messages}


def stored_by_key() -> dict[str, str]:
    rows = db.session.execute(select(OutboxMessage.idempotency_key, OutboxMessage.subject))
    return {key: subject for key, subject in rows}


def test_long_subjects_in_three_languages_arrive_as_stored(app, mailbox, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "MAIL_FROM", "Трекер соглашений МИД <tracker@example.org>")
    for i, subject in enumerate(SUBJECTS):
        db.session.add(
            OutboxMessage(
                idempotency_key=f"subject-{i}",
                kind="milestone_due",
                to_address=f"officer{i}@example.org",
                subject=subject,
                body_text=subject,
                body_html=f"<p>{subject}</p>",
                next_attempt_at=NOW,
            )
        )
    db.session.commit()

    assert drain_outbox(NOW, settings(app)).sent == len(SUBJECTS)

    assert received_by_key(mailbox) == stored_by_key()
    assert {m["From"].addresses[0].display_name for m in mailbox.messages} == {
        "Трекер соглашений МИД"
    }


def test_reminders_in_russian_and_kazakh_arrive_as_queued(app, mailbox, make) -> None:
    for language in ("ru", "kk", "en"):
        lead = make.user(role="officer", email=f"lead-{language}@example.org", language=language)
        track = make.track(lead=lead, name=f"Visa facilitation ({language})")
        make.milestone(
            track,
            title="Заседание Совета сотрудничества ЕС–Казахстан по EPCA в Астане, 2-й раунд",
            planned_on=date(2026, 1, 19),
        )
        make.milestone(
            track,
            title="Visa facilitation: Round 4 — Brussels, technical level, with the Delegation",
            planned_on=date(2026, 1, 19),
        )
    queue_reminders(NOW)
    drain_outbox(NOW, settings(app))

    stored = stored_by_key()
    assert len(stored) == 6
    assert received_by_key(mailbox) == stored


WORDS = st.sampled_from(
    [
        "Напоминание:",
        "Раунд",
        "переговоров",
        "Брюссель,",
        "Еске",
        "салу:",
        "Қазақстан",
        "ӘҒҚҢӨҰҮҺІ",
        "келіссөздер",
        "Reminder:",
        "Round",
        "4",
        "of",
        "the",
        "(talks)",
        "«ЕС–Казахстан»",
        "—",
        "EU–KZ",
        "2026-W04",
        "=?utf-8?q?x?=",
        "averyveryverylongwordwithoutanyspacesatallthatgoesonandonandonforeverandever",
    ]
)


@given(words=st.lists(WORDS, min_size=1, max_size=40), gaps=st.lists(st.sampled_from(" \u00a0")))
def test_any_subject_reads_back_as_it_was_encoded(words: list[str], gaps: list[str]) -> None:
    separators = [*gaps, *[" "] * len(words)]
    subject = "".join(w + separators[i] for i, w in enumerate(words)).strip()
    email = EmailMessage()
    put_text(email, "Subject", subject)
    email.set_content("x")
    raw = email.as_bytes(policy=policy.SMTP)
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
    assert str(BytesParser(policy=policy.default).parsebytes(raw)["Subject"]) == subject


def test_the_key_header_arrives_as_stored_when_ids_grow(app, mailbox) -> None:
    # PostgreSQL's ids grow past a few digits; the key then no longer fits on one line.
    keys = [
        f"anniversary:Agreement:{agreement}:signature:2025:lead-30:user:{user}"
        for agreement in (1, 1234, 123456)
        for user in (3, 5678, 123456)
    ]
    for key in keys:
        db.session.add(
            OutboxMessage(
                idempotency_key=key,
                kind="anniversary",
                to_address="officer@example.org",
                subject="Jubilee",
                body_text="Jubilee",
                body_html="<p>Jubilee</p>",
                next_attempt_at=NOW,
            )
        )
    db.session.commit()

    drain_outbox(NOW, settings(app))

    assert sorted(received_by_key(mailbox)) == sorted(keys)
    assert {str(m["Message-ID"]) for m in mailbox.messages} == {
        message_id(key, app.config["MAIL_FROM"]) for key in keys
    }
