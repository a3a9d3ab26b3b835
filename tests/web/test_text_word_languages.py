"""A Word round trip changes nothing in every language (issue 17 #6, adversarial check):
the joint text exported in Russian or Kazakh, by an officer reading the interface in any of
the three languages, and imported again in that language, leaves every provision as it
was (headings in the reader's language are read back, the text's brackets, escapes and
footnotes kept)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy import func, select

from tracker.models import AuditEvent, Provision
from tracker.orm import db
from tracker.services import provisions

TEXTS = {
    "preamble": {
        "ru": "Стороны, [желая] облегчить выдачу виз,",
        "kk": "Тараптар, визаларды беруді [жеңілдетуге] ниет білдіре отырып,",
        "en": "The Parties, [desiring] to facilitate visas,",
    },
    "article": {
        "ru": "Визы выдаются в течение [ЕС: 10] дней \\[sic\\].[^1]\n\n[^1]: Календарных дней.",
        "kk": "Визалар [ЕО: 10] күн ішінде беріледі.[^1]\n\n[^1]: Күнтізбелік күндер.",
        "en": "Visas within [EU: 10] days \\[sic\\].\nA second line.[^1]\n\n[^1]: Calendar.",
    },
    "annex": {"ru": "Перечень документов.", "kk": "Құжаттар тізбесі.", "en": "Documents."},
    "paragraph": {"ru": "Пункт о сборах.", "kk": "Алымдар туралы тармақ.", "en": "Fees."},
}


def _rows() -> list[tuple[Any, ...]]:
    return [
        (p.key, p.kind, p.number, p.title, p.texts, p.version, p.position)
        for p in db.session.scalars(select(Provision).order_by(Provision.id))
    ]


@pytest.mark.parametrize("interface", ["en", "ru", "kk"])
@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_round_trip_in_russian_and_kazakh_changes_nothing(
    client: Any, make: Any, interface: str, language: str
) -> None:
    lead = make.user(language=interface)
    track = make.track(lead=lead)
    for kind, number, title in (
        ("preamble", "", ""),
        ("article", "5", "Сроки рассмотрения"),
        ("annex", "I", "Документы"),
        ("paragraph", "2.1", ""),
    ):
        provisions.create_provision(
            track,
            {"kind": kind, "number": number, "title": title, "texts": TEXTS[kind]},
            actor=lead,
        )
    db.session.commit()
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang={language}")
    assert exported.status_code == 200
    before = _rows()
    preview = _post_in(client, track.id, exported.get_data(), language)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    content = page.split('id="content" name="content" type="hidden" value="')[1].split('"')[0]
    versions = page.split('id="versions" name="versions" type="hidden" value="')[1].split('"')[0]
    confirmed = client.submit(
        f"/tracks/{track.id}/text/import/confirm",
        {"content": content, "language": language, "versions": versions},
    )
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert _rows() == before
    assert not db.session.scalar(
        select(func.count()).where(AuditEvent.action == "provision.updated")
    )


def _post_in(client: Any, track_id: int, data: bytes, language: str) -> Any:
    response = client.post(
        f"/tracks/{track_id}/text/import",
        data={
            "csrf_token": client.csrf_token,
            "language": language,
            "file": (io.BytesIO(data), "draft.docx"),
        },
        content_type="multipart/form-data",
    )
    response.request.environ["wsgi.input"].close()
    return response


def test_a_line_of_text_that_reads_like_a_heading_stays_in_its_provision(
    client: Any, make: Any
) -> None:
    """A provision's text may have a line such as "Article 6. Fees are waived." or
    «Статья 6: ...»: exported as a body paragraph, it is text on the way back, not a new
    provision (the export's headings are its Word headings, with their bookmarks)."""
    lead = make.user()
    track = make.track(lead=lead)
    provisions.create_provision(
        track,
        {
            "number": "5",
            "texts": {
                "en": "Amendments:\nArticle 6. Fees are waived.\nPreamble\n3-бап: күші жойылды."
            },
        },
        actor=lead,
    )
    db.session.commit()
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    before = _rows()
    preview = _post_in(client, track.id, exported, "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert page.count("unchanged") == 1 and "added" not in page
    content = page.split('id="content" name="content" type="hidden" value="')[1].split('"')[0]
    versions = page.split('id="versions" name="versions" type="hidden" value="')[1].split('"')[0]
    confirmed = client.submit(
        f"/tracks/{track.id}/text/import/confirm",
        {"content": content, "language": "en", "versions": versions},
    )
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert _rows() == before
