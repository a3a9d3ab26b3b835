"""Issue 16 (found by a fresh check, #4): the API could add a final clause but neither
change nor delete one; and a relation was deleted without If-Match. Now a final clause is
read with its ETag, changed (PATCH) and deleted (DELETE) under If-Match, and a relation is
read with its ETag and deleted under If-Match only, as the other resources are: 428
without it, 412 when stale, nothing lost."""

from __future__ import annotations

import requests

from tests.api.conftest import bearer
from tracker.models import Agreement, AuditEvent, ClockRule, TreatyRelation
from tracker.orm import db


def test_a_final_clause_is_changed_and_deleted_under_if_match(
    live_server, world, officer, viewer
) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    epca.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="first_day_of_nth_month_following",
            anchor="last_notification",
            offset=2,
            note="Art. 281(2)",
        )
    )
    db.session.commit()
    rule_id = epca.clock_rules[0].id
    writer, reader = bearer(officer), bearer(viewer)
    url = f"{live_server}/api/v1/agreements/{epca.id}/final-clauses/{rule_id}"
    read = requests.get(url, headers=reader, timeout=5)
    assert read.status_code == 200, read.text
    assert read.json()["note"] == "Art. 281(2)"
    etag = read.headers["ETag"]
    change = {"offset": 3, "note": "Art. 281(3)"}
    assert requests.patch(url, json=change, headers=reader, timeout=5).status_code == 403
    assert requests.patch(url, json=change, headers=writer, timeout=5).status_code == 428
    changed = requests.patch(url, json=change, headers={**writer, "If-Match": etag}, timeout=5)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["offset"], changed.json()["note"]) == (3, "Art. 281(3)")
    assert changed.headers["ETag"] != etag
    stale = requests.patch(
        url, json={"note": "typed over"}, headers={**writer, "If-Match": etag}, timeout=5
    )
    assert stale.status_code == 412
    refused = requests.patch(
        url, json={"offset": 0}, headers={**writer, "If-Match": changed.headers["ETag"]}, timeout=5
    )
    assert refused.status_code == 422
    assert [e["name"] for e in refused.json()["errors"]] == ["offset"]
    db.session.expire_all()
    assert (epca.clock_rules[0].offset, epca.clock_rules[0].note) == (3, "Art. 281(3)")
    assert requests.delete(url, headers=writer, timeout=5).status_code == 428
    assert requests.delete(url, headers={**writer, "If-Match": etag}, timeout=5).status_code == 412
    gone = requests.delete(url, headers={**writer, "If-Match": changed.headers["ETag"]}, timeout=5)
    assert gone.status_code == 204, gone.text
    assert requests.get(url, headers=reader, timeout=5).status_code == 404
    db.session.expire_all()
    assert epca.clock_rules == []
    kinds = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert kinds[-2:] == ["agreement.clock_rule_updated", "agreement.clock_rule_deleted"]


def test_a_relation_is_deleted_under_if_match_only(live_server, world, officer, make) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    protocol = make.agreement(title="Protocol to the EPCA", short_title="Protocol")
    db.session.add(TreatyRelation(from_agreement=protocol, to_agreement=epca, kind="protocol_to"))
    db.session.commit()
    relation_id = db.session.query(TreatyRelation.id).scalar()
    writer = bearer(officer)
    url = f"{live_server}/api/v1/agreements/{epca.id}/relations/{relation_id}"
    assert requests.delete(url, headers=writer, timeout=5).status_code == 428
    read = requests.get(url, headers=writer, timeout=5)
    assert read.status_code == 200, read.text
    assert (read.json()["kind"], read.json()["direction"]) == ("protocol_to", "to")
    etag = read.headers["ETag"]
    assert (
        requests.delete(url, headers={**writer, "If-Match": '"stale"'}, timeout=5).status_code
        == 412
    )
    assert db.session.query(TreatyRelation).count() == 1
    gone = requests.delete(url, headers={**writer, "If-Match": etag}, timeout=5)
    assert gone.status_code == 204, gone.text
    db.session.expire_all()
    assert db.session.query(TreatyRelation).count() == 0
