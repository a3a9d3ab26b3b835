"""Two officers editing Article 5 at once, in real Chromium (issue 17 #7, lost-update
protection per provision): two browser contexts open the same provision; the second save is
refused with who saved, the first officer's text is carried into the second's form, a
language version both changed must be chosen, and saving again keeps both officers' work."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions


def test_two_officers_editing_article_5_lose_nothing(live_server, new_page, officer, make) -> None:
    other = make.user(role="officer", email="bob@test.example", name="Bob Berikov")
    track = make.track(name="Visa facilitation", lead=officer)
    article = provisions.create_provision(
        track,
        {
            "number": "5",
            "texts": {"en": "Visas within [EU: 10] days.", "ru": "Визы в течение [10] дней."},
        },
        actor=officer,
    )
    db.session.commit()
    alice, bob = new_page(), new_page()
    log_in(alice, live_server, officer.email, PASSWORD)
    log_in(bob, live_server, other.email, PASSWORD)
    url = f"{live_server}/tracks/{track.id}/text/{article.id}/edit"
    for page in (alice, bob):
        page.goto(url)

    alice.get_by_label("Text in English").fill("Visas within 10 days.")
    alice.get_by_label("Text in Russian").fill("Визы в течение 10 дней.")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("Provision saved.")).to_be_visible()

    bob.get_by_label("Heading").fill("Processing time")
    bob.get_by_label("Text in Russian").fill("Визы в течение 12 дней.")
    bob.get_by_role("button", name="Save").click()

    notice = bob.locator("[data-conflict]")
    expect(notice).to_contain_text(f"{officer.name} saved this record at")
    # Alice's English text is carried into Bob's form; his heading is kept.
    expect(bob.get_by_label("Text in English")).to_have_value("Visas within 10 days.")
    expect(bob.get_by_label("Heading")).to_have_value("Processing time")
    # Both changed the Russian text: side by side, and a choice is needed.
    clash = bob.locator("[data-clash=text_ru]")
    expect(clash).to_contain_text("Yours: Визы в течение 12 дней.")
    expect(clash).to_contain_text("Theirs: Визы в течение 10 дней.")
    db.session.expire_all()
    assert db.session.get(Provision, article.id).title == ""  # nothing of Bob's saved yet

    bob.get_by_label("Yours: Визы в течение 12 дней.").check()
    bob.get_by_role("button", name="Save").click()
    expect(bob.get_by_text("Provision saved.")).to_be_visible()

    db.session.expire_all()
    saved = db.session.get(Provision, article.id)
    assert saved.texts == {"en": "Visas within 10 days.", "ru": "Визы в течение 12 дней."}
    assert saved.title == "Processing time"
    assert saved.version == 3
