"""Final clauses and relations through CSV (brief 1a): each exported from the agreement
page and imported through the import preview (nothing written before the confirmation),
checked by the forms' schemas and saved through their services; an export re-imported
changes nothing, and a file imported twice adds nothing the second time."""

from __future__ import annotations

import html

import pytest

from tests.web.test_spreadsheets import confirm_token, preview
from tracker.models import Agreement, AuditEvent, ClockRule, TreatyRelation
from tracker.orm import db


@pytest.fixture
def treaties(make) -> tuple[Agreement, Agreement]:
    epca = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        title="Test partnership agreement",
        short_title="TPA",
    )
    protocol = make.agreement(title="Protocol to the partnership agreement", short_title="PP")
    return epca, protocol


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_final_clauses_are_previewed_imported_and_re_imported_unchanged(
    client, officer, treaties
) -> None:
    epca, _ = treaties
    client.login(officer)
    data = (
        b"agreement,purpose,mode,anchor,offset,unit,nth,note\n"
        b"test partnership agreement,entry_into_force,first_day_of_nth_month_following,"
        b"last_notification,2,months,,Art. 281(2)\n"
        b"Test partnership agreement,initial_term,after,entry_into_force,10,years,,Art. 281(3)\n"
    )
    shown = preview(client, "final-clauses", data)
    assert shown.status_code == 200, shown.text
    assert "2 rows: 2 to add, 0 to change, 0 unchanged." in _text(shown)
    assert db.session.query(ClockRule).count() == 0  # a preview writes nothing
    done = client.submit("/import/final-clauses/confirm", {"content": confirm_token(shown)})
    assert done.status_code == 302
    db.session.expire_all()
    assert sorted((r.purpose.value, r.offset, r.unit.value, r.note) for r in epca.clock_rules) == [
        ("entry_into_force", 2, "months", "Art. 281(2)"),
        ("initial_term", 10, "years", "Art. 281(3)"),
    ]
    actions = [e.action for e in db.session.query(AuditEvent)]
    assert actions.count("agreement.clock_rule_added") == 2
    # the page's export, imported again, changes nothing
    exported = client.get(f"/agreements/{epca.id}/final-clauses.csv")
    assert exported.status_code == 200
    assert exported.data.startswith("\ufeffid,agreement,purpose".encode())
    again = preview(client, "final-clauses", exported.data)
    assert "2 rows: 0 to add, 0 to change, 2 unchanged." in _text(again), _text(again)
    # a changed cell is one change, to the rule the agreement has for that purpose
    changed = exported.data.replace(b",10,years,", b",5,years,")
    shown = preview(client, "final-clauses", changed)
    assert "2 rows: 0 to add, 1 to change, 1 unchanged." in _text(shown)
    client.submit("/import/final-clauses/confirm", {"content": confirm_token(shown)})
    db.session.expire_all()
    assert {r.purpose.value: r.offset for r in epca.clock_rules}["initial_term"] == 5
    # the form's refusals: an event the purpose cannot count from, a second rule for a
    # purpose in the same file, an unknown agreement
    wrong = preview(
        client,
        "final-clauses",
        (
            b"agreement,purpose,mode,anchor,offset,unit\n"
            b"Test partnership agreement,initial_term,after,last_notification,5,years\n"
            b"Protocol to the partnership agreement,renewal,after,end_of_term,1,years\n"
            b"Protocol to the partnership agreement,renewal,after,end_of_term,2,years\n"
            b"No such treaty,renewal,after,end_of_term,1,years\n"
        ),
    )
    assert wrong.status_code == 422
    text = _text(wrong)
    assert "already has a rule for this purpose" in text
    assert "No agreement is called “No such treaty”." in text
    assert "1 row with errors" in text or "errors" in text
    db.session.expire_all()
    assert db.session.query(ClockRule).count() == 2


def test_relations_are_previewed_imported_and_re_imported_unchanged(
    client, officer, treaties
) -> None:
    epca, protocol = treaties
    client.login(officer)
    data = (
        b"agreement,kind,other_agreement,note\n"
        b"Protocol to the partnership agreement,protocol_to,Test partnership agreement,Art. 1\n"
    )
    shown = preview(client, "relations", data)
    assert shown.status_code == 200, shown.text
    assert "1 row: 1 to add, 0 to change, 0 unchanged." in _text(shown)
    assert db.session.query(TreatyRelation).count() == 0
    client.submit("/import/relations/confirm", {"content": confirm_token(shown)})
    db.session.expire_all()
    [relation] = db.session.query(TreatyRelation).all()
    assert (relation.from_agreement_id, relation.kind.value, relation.to_agreement_id) == (
        protocol.id,
        "protocol_to",
        epca.id,
    )
    # exported from either side, the file reads the relation the same way round
    for agreement in (epca, protocol):
        exported = client.get(f"/agreements/{agreement.id}/relations.csv")
        assert exported.status_code == 200
        again = preview(client, "relations", exported.data)
        assert "0 to add, 0 to change, 1 unchanged." in _text(again), _text(again)
    changed = preview(client, "relations", data.replace(b"Art. 1", b"Art. 1(1)"))
    assert "0 to add, 1 to change, 0 unchanged." in _text(changed)
    client.submit("/import/relations/confirm", {"content": confirm_token(changed)})
    db.session.expire_all()
    assert db.session.get(TreatyRelation, relation.id).note == "Art. 1(1)"
    # the form's refusals: the same pair either way round, an agreement related to itself,
    # a kind that is none
    wrong = preview(
        client,
        "relations",
        (
            b"agreement,kind,other_agreement\n"
            b"Test partnership agreement,protocol_to,Protocol to the partnership agreement\n"
            b"Test partnership agreement,amends,Test partnership agreement\n"
            b"Test partnership agreement,replaces all,Protocol to the partnership agreement\n"
        ),
    )
    assert wrong.status_code == 422
    text = _text(wrong)
    # the same kind the other way round contradicts it (issue 16 #4)
    assert "This relation contradicts the relation already recorded: " in text
    assert "An agreement cannot be related to itself." in text
    db.session.expire_all()
    assert db.session.query(TreatyRelation).count() == 1
