"""A Party's acts written through the JSON API (brief 1b): an officer records an act for a
Party of the agreement, changes it under If-Match (a change read before another's is
refused, nothing lost) and deletes it; a relation is removed from either side. Through
the same services as the agreement page: the same refusals, fields named."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import requests
import time_machine

from tests.api.conftest import bearer
from tracker.models import Agreement, AuditEvent, PartyAction, TreatyRelation
from tracker.orm import db

TODAY = date(2026, 1, 15)


@time_machine.travel(TODAY, tick=False)
def test_an_officer_records_changes_and_deletes_an_act(live_server, world, officer, viewer) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    acts = f"{live_server}/api/v1/agreements/{epca.id}/actions"
    writer, reader = bearer(officer), bearer(viewer)
    notification = {"party": "kazakhstan", "kind": "notification_of_completion", "on": "2020-01-15"}
    assert requests.post(acts, json=notification, headers=reader, timeout=5).status_code == 403
    added = requests.post(acts, json=notification, headers=writer, timeout=5)
    assert added.status_code == 201, added.text
    act = added.json()
    assert (act["kind"], act["on"], act["party"]) == (
        "notification_of_completion",
        "2020-01-15",
        "Kazakhstan",
    )
    location = urljoin(acts, added.headers["Location"])
    assert location.endswith(f"/api/v1/agreements/{epca.id}/actions/{act['id']}")
    read = requests.get(location, headers=reader, timeout=5)
    assert read.status_code == 200 and read.json() == act
    etag = read.headers["ETag"]
    assert etag == added.headers["ETag"]
    # the same refusals as the form, each naming its field
    for body, field in (
        ({**notification, "on": "2026-02-01"}, "on"),
        ({**notification, "party": "Atlantis"}, "party"),
        # another day: on its own day it is also the act just recorded (both told at once)
        ({**notification, "on": "2020-01-10", "effective_on": "2020-02-01"}, "effective_on"),
    ):
        refused = requests.post(acts, json=body, headers=writer, timeout=5)
        assert refused.status_code == 422, refused.text
        assert [e["name"] for e in refused.json()["errors"]] == [field]
    # If-Match: required, and a stale one loses nothing
    change = {"notification_ref": "Note verbale 12/2020"}
    assert requests.patch(location, json=change, headers=writer, timeout=5).status_code == 428
    first = requests.patch(location, json=change, headers={**writer, "If-Match": etag}, timeout=5)
    assert first.status_code == 200, first.text
    assert first.json()["notification_ref"] == "Note verbale 12/2020"
    assert first.headers["ETag"] != etag
    lost = requests.patch(
        location, json={"note": "typed over"}, headers={**writer, "If-Match": etag}, timeout=5
    )
    assert lost.status_code == 412
    refused = requests.patch(
        location,
        json={"effective_on": "2020-02-01"},
        headers={**writer, "If-Match": first.headers["ETag"]},
        timeout=5,
    )
    assert refused.status_code == 422
    db.session.expire_all()
    stored = db.session.get(PartyAction, act["id"])
    assert (stored.notification_ref, stored.note, stored.effective_on) == (
        "Note verbale 12/2020",
        "",
        None,
    )
    # the agreement answers with the act, and counts Kazakhstan as having consented
    answer = requests.get(f"{live_server}/api/v1/agreements/{epca.id}", headers=reader, timeout=5)
    assert answer.json()["ratified"] == 1
    # delete: If-Match too
    assert (
        requests.delete(location, headers={**writer, "If-Match": etag}, timeout=5).status_code
        == 412
    )
    assert requests.delete(location, headers=reader, timeout=5).status_code == 403
    gone = requests.delete(
        location, headers={**writer, "If-Match": first.headers["ETag"]}, timeout=5
    )
    assert gone.status_code == 204, gone.text
    assert requests.get(location, headers=reader, timeout=5).status_code == 404
    db.session.expire_all()
    assert db.session.get(PartyAction, act["id"]) is None
    kinds = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert kinds[-3:] == [
        "agreement.party_action_recorded",
        "agreement.party_action_updated",
        "agreement.party_action_deleted",
    ]


def test_an_act_is_read_and_written_under_its_own_agreement_only(
    live_server, world, officer, make
) -> None:
    other = make.agreement(parties=[make.party("Uzbekistan")], short_title="PCA")
    epca = db.session.get(Agreement, world["agreement"])
    epca.ratifications[0].actions.append(PartyAction(kind="signature", on=date(2015, 12, 21)))
    db.session.commit()
    act_id = epca.ratifications[0].actions[0].id
    writer = bearer(officer)
    wrong = f"{live_server}/api/v1/agreements/{other.id}/actions/{act_id}"
    assert requests.get(wrong, headers=writer, timeout=5).status_code == 404
    assert requests.delete(wrong, headers={**writer, "If-Match": "*"}, timeout=5).status_code == 404
    # a Party that is not the agreement's is no Party of it
    refused = requests.post(
        f"{live_server}/api/v1/agreements/{epca.id}/actions",
        json={"party": "Uzbekistan", "kind": "signature"},
        headers=writer,
        timeout=5,
    )
    assert refused.status_code == 422
    assert [e["name"] for e in refused.json()["errors"]] == ["party"]


def test_a_relation_is_removed_from_either_side(live_server, world, officer, viewer, make) -> None:
    epca = db.session.get(Agreement, world["agreement"])
    protocol = make.agreement(title="Protocol to the EPCA", short_title="Protocol")
    unrelated = make.agreement(title="Unrelated", short_title="Other")
    db.session.add(TreatyRelation(from_agreement=protocol, to_agreement=epca, kind="protocol_to"))
    db.session.commit()
    relation_id = db.session.query(TreatyRelation.id).scalar()
    base = f"{live_server}/api/v1/agreements"
    assert (
        requests.delete(
            f"{base}/{epca.id}/relations/{relation_id}", headers=bearer(viewer), timeout=5
        ).status_code
        == 403
    )
    assert (
        requests.delete(
            f"{base}/{unrelated.id}/relations/{relation_id}",
            headers={**bearer(officer), "If-Match": "*"},
            timeout=5,
        ).status_code
        == 404
    )
    # If-Match, as for every write (issue 16 #4 of the fresh check): the ETag read
    url = f"{base}/{epca.id}/relations/{relation_id}"
    etag = requests.get(url, headers=bearer(officer), timeout=5).headers["ETag"]
    gone = requests.delete(url, headers={**bearer(officer), "If-Match": etag}, timeout=5)
    assert gone.status_code == 204, gone.text
    for agreement in (epca, protocol):
        answer = requests.get(f"{base}/{agreement.id}", headers=bearer(viewer), timeout=5).json()
        assert answer["relations"] == []
