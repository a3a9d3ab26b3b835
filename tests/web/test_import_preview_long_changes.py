"""A long text changed near its end is readable in the import preview (rc19): both sides
were cut to the same first 80 characters, so the officer asked to check the rows could
not see what changed."""

from __future__ import annotations

import html
import io

from tracker.typography import changed_excerpts

LONG = "Framework for political dialogue and cooperation between the EU and its " * 2


def test_the_excerpts_start_a_little_before_the_first_difference() -> None:
    was, now = changed_excerpts(LONG + "partners.", LONG + "Member States.")
    assert was.startswith("…") and now.startswith("…")
    assert was.endswith("partners.") and now.endswith("Member States.")
    assert changed_excerpts("short", "shorter") == ("short", "shorter")
    # a change at the very start keeps the start, and cuts the end
    was, now = changed_excerpts("A" + LONG, "B" + LONG)
    assert was.startswith("A") and now.startswith("B") and was.endswith("…")


def test_the_preview_shows_where_a_long_summary_changed(client, make, officer) -> None:
    make.agreement(title="EU–Kazakhstan EPCA", short_title="EPCA", summary=LONG + "partners.")
    client.login(officer)
    exported = client.get("/agreements/export.csv").data.decode("utf-8")
    edited = exported.replace("its partners.", "its Member States.").encode("utf-8")
    shown = client.post(
        "/import/agreements",
        data={"csrf_token": client.csrf_token, "file": (io.BytesIO(edited), "file.csv")},
        content_type="multipart/form-data",
    )
    page = html.unescape(shown.get_data(as_text=True))
    assert "0 to add, 1 to change" in page
    assert "its partners.</del>" in page
    assert "its Member States.</ins>" in page
