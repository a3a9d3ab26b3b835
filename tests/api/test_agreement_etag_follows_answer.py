"""Issue 16, fresh check (h16c #5): the ETag of GET /api/v1/agreements/<id> stands for the
answer: it changes whenever anything in the answer changes (acts, clauses, relations,
Parties), not only the agreement's own row. A write under If-Match with an ETag read
before an act was added is refused (412): the client read an answer that is no longer
the agreement's."""

from __future__ import annotations

from datetime import date

import time_machine

from tests.api.conftest import bearer
from tracker.models import PartyAction, TreatyRelation
from tracker.orm import db


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_etag_changes_with_the_answer(client, officer, make) -> None:
    kazakhstan = make.party("Kazakhstan")
    agreement = make.agreement(parties=[make.party("Atlantis"), kazakhstan], title="Pact")
    token = bearer(officer)
    url = f"/api/v1/agreements/{agreement.id}"
    seen = [client.get(url, headers=token).headers["ETag"]]
    assert client.get(url, headers=token).headers["ETag"] == seen[0]  # stable when unchanged

    added = client.post(
        f"{url}/actions",
        json={"party": "Kazakhstan", "kind": "signature", "on": "2025-01-02"},
        headers=token,
    )
    assert added.status_code == 201, added.json
    seen.append(client.get(url, headers=token).headers["ETag"])
    agreement.ratifications[0].actions.append(PartyAction(kind="declaration", on=date(2025, 1, 3)))
    db.session.commit()
    seen.append(client.get(url, headers=token).headers["ETag"])
    db.session.add(
        TreatyRelation(
            from_agreement=make.agreement(title="Protocol"),
            to_agreement=agreement,
            kind="protocol_to",
        )
    )
    db.session.commit()
    seen.append(client.get(url, headers=token).headers["ETag"])
    kazakhstan.name_ru = "Республика Казахстан"
    db.session.commit()
    seen.append(client.get(url, headers=token).headers["ETag"])
    assert len(set(seen)) == len(seen), seen

    # a write under an ETag read before the last change is refused; the current one works
    headers = {**token, "If-Match": seen[0]}
    stale = client.post(f"{url}/archive", json={"reason": "Done with"}, headers=headers)
    assert stale.status_code == 412
    headers = {**token, "If-Match": seen[-1]}
    done = client.post(f"{url}/archive", json={"reason": "Done with"}, headers=headers)
    assert done.status_code == 200, done.json
    assert done.headers["ETag"] == client.get(url, headers=token).headers["ETag"]
