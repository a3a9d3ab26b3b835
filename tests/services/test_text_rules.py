"""Rules of the negotiating text from issue 17's "Decisions": "confirmed" comes after
"agreed ad referendum" (the reservation lifted), and a round whose text is frozen can be
cancelled, never deleted, its version kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from tracker.models import Milestone, MilestoneKind, ProvisionVersion
from tracker.orm import db
from tracker.services import provisions, text_rounds, text_versions
from tracker.services.cancellations import cancel_milestone
from tracker.services.errors import ServiceError
from tracker.services.milestones import complete_milestone, reopen_milestone


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Visas within 10 days."}}, actor=lead
    )
    db.session.commit()
    return {"lead": lead, "track": track, "round_1": round_1, "article": article}


def test_confirmed_comes_only_after_agreed_ad_referendum(text: dict) -> None:
    lead, article = text["lead"], text["article"]
    for status in ("confirmed",):
        with pytest.raises(ServiceError) as refused:
            provisions.update_provision(
                article, {"status": status}, actor=lead, expected_version=article.version
            )
        assert refused.value.field == "status" and "ad referendum" in str(refused.value)
        with pytest.raises(ServiceError):
            provisions.create_provision(
                text["track"], {"number": "6", "status": status}, actor=lead
            )
    db.session.rollback()
    for status in ("agreed_ad_referendum", "confirmed", "confirmed"):
        provisions.update_provision(
            article, {"status": status}, actor=lead, expected_version=article.version
        )
    assert article.status.value == "confirmed"
    # Reopened, it must be agreed ad referendum again before it is confirmed again.
    provisions.update_provision(
        article, {"status": "open"}, actor=lead, expected_version=article.version
    )
    with pytest.raises(ServiceError):
        provisions.update_provision(
            article, {"status": "confirmed"}, actor=lead, expected_version=article.version
        )


def test_a_frozen_round_is_cancelled_not_deleted_and_keeps_its_version(text: dict) -> None:
    lead, round_1 = text["lead"], text["round_1"]
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    db.session.commit()
    reopen_milestone(round_1, actor=lead, expected_version=round_1.version)
    cancel_milestone(
        round_1, reason="Postponed sine die", actor=lead, expected_version=round_1.version
    )
    db.session.commit()
    [state] = text_rounds.text_at(text["track"], round_1)
    assert state.texts["en"] == "Visas within 10 days."
    assert text_versions.has_frozen_version(round_1)
    with pytest.raises(IntegrityError):
        db.session.execute(delete(Milestone).where(Milestone.id == round_1.id))
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(ProvisionVersion.round_id)) == round_1.id


def test_a_word_file_that_unpacks_too_large_is_refused() -> None:
    """Word import: the unzipped size is limited (a zip bomb is refused, nothing read)."""
    import io
    import zipfile

    import docx

    from tracker.services import text_word

    document = docx.Document()
    document.add_paragraph("Article 1")
    document.add_paragraph("Text.")
    out = io.BytesIO()
    document.save(out)
    bomb = io.BytesIO(out.getvalue())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (text_word.MAX_UNZIPPED_BYTES + 1))
    data = bomb.getvalue()
    assert len(data) < text_word.MAX_DOCX_BYTES  # small on the wire
    with pytest.raises(ServiceError) as refused:
        text_word.read_draft(data)
    assert refused.value.field == "file" and "more than 30 MB" in str(refused.value)
    assert [f.number for f in text_word.read_draft(out.getvalue())] == ["1"]


def test_text_before_the_first_heading_is_warned_about_not_dropped_silently() -> None:
    """Word import: a paragraph before any provision's heading belongs to no provision; the
    preview says so, quoting it, rather than dropping it unseen (found by a fresh check).
    A document title (Word's Title style, as the exports write) is not such text."""
    import io

    import docx

    from tracker.i18n import translate
    from tracker.services import text_word

    document = docx.Document()
    document.add_heading("Visa facilitation: joint text", level=0)
    document.add_paragraph("The Parties, [EU: desiring] closer cooperation,")
    document.add_paragraph("Article 1")
    document.add_paragraph("Scope.")
    out = io.BytesIO()
    document.save(out)
    found = text_word.read_draft(out.getvalue())
    assert [f.number for f in found] == ["1"]
    warning = translate(found[0].warning)
    assert "The Parties, [EU: desiring] closer cooperation," in warning, warning
    assert "joint text" not in warning

    titled_only = docx.Document()
    titled_only.add_heading("Visa facilitation: joint text", level=0)
    titled_only.add_paragraph("Article 1")
    titled_only.add_paragraph("Scope.")
    out = io.BytesIO()
    titled_only.save(out)
    assert text_word.read_draft(out.getvalue())[0].warning is None
