"""Saving a Party's row of dates says what was saved (fc19, session 15): the flash read
"Ratification by Kazakhstan saved." whatever the row held, even an approval deposited."""

from __future__ import annotations

import html


def test_saving_a_partys_dates_does_not_call_them_a_ratification(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Union"), make.party("Kazakhstan")], kind="multilateral"
    )
    row = agreement.ratifications[1]
    client.login(officer)
    prefix = f"ratification-{row.id}-"
    answer = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        {
            f"{prefix}deposited_on": "2020-02-01",
            f"{prefix}deposited_kind": "approval",
            f"{prefix}version": str(row.version),
        },
    )
    assert answer.status_code == 302, answer.text
    page = html.unescape(client.get(answer.headers["Location"]).get_data(as_text=True))
    assert "Dates of Kazakhstan saved." in page
    assert "Ratification by Kazakhstan" not in page
