"""Issue 16 #5: a CSV import started from an agreement's page (its Parties' acts, its
final clauses, its relations) brings the officer back to that agreement's page, at the
section imported; one started from a list goes back to the list."""

from __future__ import annotations

import html
import io
import re

import pytest

from tracker.models import Agreement, PartyAction
from tracker.orm import db

FILES = {
    "actions": (
        "actions",
        b"agreement,party,kind,on\nAir services agreement,Borduria,signature,2015-12-21\n",
    ),
    "final-clauses": (
        "clocks",
        b"agreement,purpose,mode,anchor,offset,unit\n"
        b"Air services agreement,initial_term,after,entry_into_force,5,years\n",
    ),
    "relations": (
        "relations",
        b"agreement,kind,other_agreement\n"
        b"Air services agreement,amends,Old air services agreement\n",
    ),
}


@pytest.fixture
def agreement(make) -> Agreement:
    make.agreement(title="Old air services agreement", short_title="")
    found = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        short_title="",
    )
    found.ratifications[0].actions.append(PartyAction(kind="signature", on=None))
    db.session.commit()
    return found


def _form(page: str, action_part: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the page's form posting to `action_part`."""
    for match in re.finditer(r"<form[^>]*>.*?</form>", page, re.S):
        form = match.group(0)
        action = html.unescape(re.search(r'action="([^"]*)"', form).group(1))
        if action_part in action:
            fields = {
                html.unescape(n): html.unescape(v)
                for n, v in re.findall(r'name="([^"]+)" type="hidden" value="([^"]*)"', form)
            }
            fields.update(
                {
                    html.unescape(n): html.unescape(v)
                    for n, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form)
                }
            )
            return action, fields
    raise AssertionError(f"no form posting to {action_part}")


@pytest.mark.parametrize("kind", sorted(FILES))
def test_an_import_from_the_agreement_page_comes_back_to_it(
    client, officer, agreement, kind
) -> None:
    anchor, data = FILES[kind]
    client.login(officer)
    page = client.get(f"/agreements/{agreement.id}").text
    links = [html.unescape(h) for h in re.findall(r'href="(/import/[^"]*)"', page)]
    [link] = [h for h in links if h.startswith(f"/import/{kind}")]
    upload = client.get(link).text
    action, fields = _form(upload, f"/import/{kind}")
    shown = client.post(
        action,
        data={**fields, "csrf_token": client.csrf_token, "file": (io.BytesIO(data), "f.csv")},
        content_type="multipart/form-data",
    )
    assert shown.status_code == 200, html.unescape(shown.get_data(as_text=True))
    action, fields = _form(shown.get_data(as_text=True), f"/import/{kind}/confirm")
    done = client.submit(action, fields)
    assert done.status_code == 302
    assert done.headers["Location"] == f"/agreements/{agreement.id}#{anchor}"


def test_an_import_from_the_list_goes_back_to_the_list(client, officer, agreement) -> None:
    client.login(officer)
    shown = client.post(
        "/import/final-clauses",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(FILES["final-clauses"][1]), "f.csv"),
        },
        content_type="multipart/form-data",
    )
    action, fields = _form(shown.get_data(as_text=True), "/import/final-clauses/confirm")
    done = client.submit(action, fields)
    assert done.headers["Location"] == "/agreements/"
