"""Officer-facing leftovers of issue 16 (task h19g2): the chasing mail names the act a
Party is awaited to perform, not "ratification" for every Party (#1); a pasted list says
which line is too long (#2); the matrix's quick edit records the kind of instrument
deposited, through the rules of "Record a party action" (#3); a Party's derived side of
a mixed agreement is shown on the agreement's page (#4)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from sqlalchemy import select

from tracker.audit_text import field_label, field_value
from tracker.models import AuditEvent, OutboxMessage, PartyAction
from tracker.orm import db
from tracker.services.reminders import queue_reminders

#: the Monday the reminders are run: 11 days after the Parties were expected
MONDAY = datetime(2026, 1, 12, 8, tzinfo=UTC)


def _chased(make, officer, *, others: list[list[str]], own: list[str]) -> OutboxMessage:
    """The one chasing mail for a Party ("Kazakhstan") whose acts are of the kinds `own`,
    the other Parties' acts of the kinds in `others`, expected by 1 Jan 2026."""
    kz = make.party("Kazakhstan")
    others_parties = [make.party(f"State {n}") for n in range(len(others))]
    agreement = make.agreement(
        parties=[kz, *others_parties], short_title="Pact", kind="multilateral", owner_id=officer.id
    )
    rows = {r.party_id: r for r in agreement.ratifications}
    rows[kz.id].expected_by = date(2026, 1, 1)
    rows[kz.id].actions = [PartyAction(kind=k, on=date(2025, 6, 1)) for k in own]
    for party, kinds in zip(others_parties, others, strict=True):
        rows[party.id].actions = [PartyAction(kind=k, on=date(2025, 6, 1)) for k in kinds]
    db.session.commit()
    assert queue_reminders(MONDAY) >= 1
    sent = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "ratification_overdue")
    ).all()
    assert len(sent) == 1, [m.subject for m in sent]
    return sent[0]


def test_a_party_that_has_not_signed_is_chased_for_its_signature(make, officer) -> None:
    mail = _chased(make, officer, others=[["signature_subject_to_ratification"]], own=[])
    assert mail.subject == "Signature overdue: Kazakhstan, Pact (11 days)"
    text = html.unescape(mail.body_text)
    assert "Kazakhstan was expected to sign Pact by" in text
    assert "ratification" not in text.lower()
    assert "<strong>Kazakhstan</strong> was expected to sign <strong>Pact</strong>" in (
        html.unescape(mail.body_html)
    )


def test_a_party_of_a_convention_others_acceded_to_is_chased_for_its_accession(
    make, officer
) -> None:
    mail = _chased(make, officer, others=[["accession"], ["signature", "ratification"]], own=[])
    assert mail.subject == "Accession overdue: Kazakhstan, Pact (11 days)"
    assert "Kazakhstan was expected to accede to Pact by" in html.unescape(mail.body_text)
    assert "ratification" not in mail.body_html.lower()


def test_a_signatory_is_chased_for_the_instrument_the_others_deposited_in_ru_and_kk(
    make, officer
) -> None:
    officer.language = "ru"
    db.session.commit()
    others = [["signature_subject_to_ratification", "acceptance"]] * 2 + [["approval"]]
    mail = _chased(make, officer, others=others, own=["signature_subject_to_ratification"])
    assert mail.subject.startswith("Просрочено принятие: Kazakhstan, Pact")
    assert "ратификац" not in mail.body_text.lower()
    assert "принятии" in mail.body_text


def test_an_approval_is_named_in_kazakh(make, officer) -> None:
    officer.language = "kk"
    db.session.commit()
    mail = _chased(
        make, officer, others=[["signature", "approval"]], own=["signature_subject_to_ratification"]
    )
    assert mail.subject.startswith("Бекіту мерзімі өтті: Kazakhstan, Pact")
    assert "ратификация" not in mail.body_text.lower()
    assert "бекіт" in mail.body_text.lower()


def test_a_party_to_a_signed_bilateral_agreement_is_chased_for_what_the_other_did(
    make, officer
) -> None:
    """Both Parties signed a bilateral agreement at once (its date); the other Party
    notified the completion of its procedures: so is this one awaited to."""
    kz, eu = make.party("Kazakhstan"), make.party("European Union")
    agreement = make.agreement(parties=[kz, eu], short_title="Visa", owner_id=officer.id)
    assert agreement.kind.value == "bilateral" and agreement.signed_on is not None
    rows = {r.party_id: r for r in agreement.ratifications}
    rows[kz.id].expected_by = date(2026, 1, 1)
    rows[eu.id].actions = [PartyAction(kind="notification_of_completion", on=date(2025, 6, 1))]
    db.session.commit()
    queue_reminders(MONDAY)
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "ratification_overdue")
    ).one()
    assert mail.subject == (
        "Notification of completed procedures overdue: Kazakhstan, Visa (11 days)"
    )
    assert "Kazakhstan was expected to notify the completion of its domestic procedures" in (
        html.unescape(mail.body_text)
    )


def test_the_owner_field_and_the_api_description_say_what_is_chased(client, officer) -> None:
    client.login(officer)
    form = html.unescape(client.get("/agreements/new").get_data(as_text=True))
    assert "reminded when a party's ratification is overdue" not in form
    assert "reminded when a Party's next act" in form
    description = client.get("/api/v1/openapi.json").get_json()
    agreement = description["components"]["schemas"]["Agreement"]["properties"]["ratified"]
    assert "consented to be bound" in agreement["description"]


# --- #2 a pasted list's lines too long ----------------------------------------------------


def test_a_too_long_pasted_line_is_named(client, officer, make) -> None:
    agreement = make.agreement(parties=[make.party("Union")], title="Open", kind="multilateral")
    client.login(officer)
    long_one = "Republic of Nowhere and " + "x" * 200
    long_two = "Federation of " + "y" * 220
    answer = client.submit(
        f"/agreements/{agreement.id}/parties/paste",
        {
            "names": f"France\n{long_one}\nSpain; {long_two}\n",
            "version": str(agreement.version),
        },
    )
    assert answer.status_code == 422
    page = html.unescape(answer.get_data(as_text=True))
    assert "Line 2 is too long (at most 200 characters): “Republic of Nowhere and" in page
    assert "Line 3 is too long (at most 200 characters): “Federation of" in page


# --- #3 the kind of instrument deposited, from "Edit the dates" -----------------------------


def _row(prefix: str, **values: str) -> dict[str, str]:
    return {f"{prefix}{k}": v for k, v in values.items()}


def test_the_quick_edit_records_the_kind_of_instrument_deposited(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Kazakhstan")], kind="multilateral"
    )
    row = agreement.ratifications[1]
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{agreement.id}?edit=parties").text)
    assert f'name="ratification-{row.id}-deposited_kind"' in page
    answer = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        _row(
            f"ratification-{row.id}-",
            deposited_on="2025-11-20",
            deposited_kind="accession",
            version=str(row.version),
        ),
    )
    assert answer.status_code == 302, answer.text
    db.session.expire_all()
    assert [(a.kind.value, a.on) for a in row.actions] == [("accession", date(2025, 11, 20))]

    # the kind of the act shown is changed, not a second act recorded
    answer = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        _row(
            f"ratification-{row.id}-",
            deposited_on="2025-11-20",
            deposited_kind="acceptance",
            version=str(row.version),
        ),
    )
    assert answer.status_code == 302, answer.text
    db.session.expire_all()
    assert [(a.kind.value, a.on) for a in row.actions] == [("acceptance", date(2025, 11, 20))]
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.before, event.after) == (
        {"deposited_kind": "accession"},
        {"deposited_kind": "acceptance"},
    )
    assert field_value("deposited_kind", "acceptance") == "Acceptance"
    assert str(field_label("deposited_kind")) == "Kind of instrument"


def test_the_quick_edit_is_refused_as_record_a_party_action_refuses(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Kazakhstan")], kind="multilateral"
    )
    row = agreement.ratifications[1]
    row.actions = [
        PartyAction(kind="ratification", on=date(2025, 3, 1)),
        PartyAction(kind="accession", on=None),
    ]
    db.session.commit()
    client.login(officer)
    # the ratification shown becomes an accession not dated: the accession is there already
    answer = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        _row(
            f"ratification-{row.id}-",
            deposited_on="",
            deposited_kind="accession",
            version=str(row.version),
        ),
    )
    assert answer.status_code == 422
    assert "This act is already recorded for Kazakhstan" in html.unescape(answer.text)
    answer = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        _row(
            f"ratification-{row.id}-",
            deposited_on="2025-03-01",
            deposited_kind="denunciation",
            version=str(row.version),
        ),
    )
    assert answer.status_code == 422
    db.session.expire_all()
    assert sorted(a.kind.value for a in row.actions) == ["accession", "ratification"]


# --- #4 the derived side of a mixed agreement ---------------------------------------------


def test_the_derived_side_is_shown_on_the_agreements_page(client, officer, make) -> None:
    eu = make.party("European Union", kind="organisation")
    kz = make.party("Kazakhstan")
    agreement = make.agreement(parties=[eu, kz], kind="mixed")
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{agreement.id}").text)
    parties = page.split('id="parties"', 1)[1].split('id="actions"', 1)[0]
    assert parties.count("Of the one part") == 1
    assert parties.count("Of the other part") == 1
    editing = html.unescape(client.get(f"/agreements/{agreement.id}?edit=parties").text)
    parties = editing.split('id="parties"', 1)[1].split('id="actions"', 1)[0]
    assert "Not set: of the one part" in parties
    assert "Not set: of the other part" in parties
