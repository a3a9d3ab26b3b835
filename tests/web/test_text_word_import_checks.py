"""Word import's checks beyond the body (issue 17 #6, "Decisions"): a provision's key kept
in a bookmark claimed twice in one file is warned about in the preview and never merges
two provisions into one; tracked changes and comments are looked for in the headers,
footers and footnotes too, and refused there as in the body."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from sqlalchemy import select

from tests.web.test_text_word import _import as _post
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions

NOTED = "Visas within [EU: 10] days.[^1]\n\n[^1]: Calendar days."


@pytest.fixture
def exported(client: Any, make: Any) -> dict[str, Any]:
    """A track of two articles (one with a footnote), and its joint text as exported."""
    lead = make.user()
    track = make.track(lead=lead)
    first = provisions.create_provision(
        track, {"number": "1", "texts": {"en": "Purpose."}}, actor=lead
    )
    second = provisions.create_provision(track, {"number": "2", "texts": {"en": NOTED}}, actor=lead)
    db.session.commit()
    client.login(lead)
    data = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    return {"track": track, "first": first, "second": second, "data": data}


def _import(client: Any, track_id: int, data: bytes) -> Any:
    response = _post(client, track_id, data)
    # the test client's spooled request body is its own to close (werkzeug.test)
    response.request.environ["wsgi.input"].close()
    return response


def _rewrite(data: bytes, part: str, change: Any) -> bytes:
    """The .docx with `part`'s XML passed through `change` (a str -> str function)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == part:
                content = change(content.decode()).encode()
            archive.writestr(name, content)
    return out.getvalue()


def test_a_key_claimed_twice_is_warned_about_and_merges_nothing(
    client: Any, exported: dict
) -> None:
    track, first, second = exported["track"], exported["first"], exported["second"]

    def claim_the_first_key(xml: str) -> str:
        return xml.replace(f"prov_{second.key}", f"prov_{first.key}")

    data = _rewrite(exported["data"], "word/document.xml", claim_the_first_key)
    preview = _import(client, track.id, data)
    page = preview.get_data(as_text=True)
    assert "claims the identity of article 1, already claimed earlier in the file" in page
    # The second of the file would be a new provision, not merged; but it would be a second
    # Article 2 beside the one the file no longer names, and a text numbers each article
    # once (provisions.check_numbered_once): the preview says so, offering no confirmation
    # (the confirmation checks it again), and nothing is written.
    assert preview.status_code == 422
    assert "would be numbered 2" in page
    assert "Import these provisions" not in page
    db.session.expire_all()
    found = db.session.scalars(select(Provision).order_by(Provision.position)).all()
    assert [(p.number, p.texts) for p in found] == [("1", {"en": "Purpose."}), ("2", {"en": NOTED})]


def _tracked(xml: str) -> str:
    """A tracked insertion in the part's first paragraph."""
    return re.sub(
        r"(<w:p[ >].*?)(</w:p>)",
        r'\1<w:ins w:id="90" w:author="x"><w:r><w:t>inserted</w:t></w:r></w:ins>\2',
        xml,
        count=1,
        flags=re.S,
    )


def _commented(xml: str) -> str:
    return re.sub(
        r"(<w:p[ >].*?)(</w:p>)",
        r'\1<w:r><w:commentReference w:id="0"/></w:r>\2',
        xml,
        count=1,
        flags=re.S,
    )


def _part(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return next(n for n in archive.namelist() if n.startswith(prefix))


@pytest.mark.parametrize(
    ("prefix", "change", "said"),
    [
        ("word/header", _tracked, "tracked changes"),
        ("word/footer", _tracked, "tracked changes"),
        ("word/footnotes", _tracked, "tracked changes"),
        ("word/header", _commented, "comments"),
        ("word/footnotes", _commented, "comments"),
    ],
)
def test_tracked_changes_and_comments_outside_the_body_are_refused(
    client: Any, exported: dict, prefix: str, change: Any, said: str
) -> None:
    data = exported["data"]
    changed = _rewrite(data, _part(data, prefix), change)
    refused = _import(client, exported["track"].id, changed)
    assert refused.status_code == 422
    assert f"The Word file has {said}" in refused.get_data(as_text=True)
