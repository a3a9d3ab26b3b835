from __future__ import annotations

from tracker.orm import db


def test_anyone_sets_their_own_notifications(client, viewer) -> None:
    client.login(viewer)
    page = client.get("/me").text
    assert 'value="30, 7, 1, 0"' in page
    response = client.submit("/me", {"reminders_enabled": "y", "reminder_lead_days": "14,2, 0"})
    assert response.status_code == 302
    db.session.expire_all()
    assert viewer.reminders_enabled is True
    assert viewer.reminder_lead_days == "14, 2, 0"
    assert viewer.weekly_report_enabled is False  # an unticked box is off


def test_bad_lead_days_are_refused_with_the_input_kept(client, viewer) -> None:
    client.login(viewer)
    response = client.submit("/me", {"reminder_lead_days": "soon, 7"})
    assert response.status_code == 422
    assert "“soon” is not a whole number of days." in response.text
    assert 'value="soon, 7"' in response.text
    db.session.expire_all()
    assert viewer.reminder_lead_days == "30, 7, 1, 0"


def test_an_admin_sets_them_for_someone_else(client, admin, officer) -> None:
    client.login(admin)
    response = client.submit(
        f"/admin/users/{officer.id}/preferences",
        {"reminder_lead_days": "7", "weekly_report_enabled": "y"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (officer.reminders_enabled, officer.reminder_lead_days) == (False, "7")


def test_an_officer_cannot_set_them_for_someone_else(client, officer, viewer) -> None:
    client.login(officer)
    response = client.submit(f"/admin/users/{viewer.id}/preferences", {"reminder_lead_days": "7"})
    assert response.status_code == 403


def test_me_names_the_reminders_whose_lead_days_are_fixed(client, officer) -> None:
    """fc16d #5: the legal clocks' reminders (issue 16 #5) were documented nowhere an
    officer looks; /me lists them beside the lead days one sets, in the reader's language."""
    import html

    client.login(officer)
    page = html.unescape(client.get("/me").text)
    fixed = page.split('id="fixed-reminders">')[1].split("</p>")[0]
    assert "last day to give notice of non-renewal or to denounce" in fixed
    assert "90, 30, 7 days ahead and on the day" in fixed
    officer.language = "ru"
    db.session.commit()
    russian = html.unescape(client.get("/me").text).split('id="fixed-reminders">')[1]
    assert "за 90, 30, 7 дней и в сам день" in russian.split("</p>")[0]


def test_the_agreements_list_counts_consent_to_be_bound(client, officer, make) -> None:
    """fc16d #11: the column counting every consent (notifications, accessions...) was
    headed "Ratified"."""
    make.agreement(parties=[make.party("Aland"), make.party("Borduria")])
    client.login(officer)
    page = client.get("/agreements/").text
    assert '<th scope="col">Consent to be bound</th>' in page
    assert ">Ratified<" not in page
