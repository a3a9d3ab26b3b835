"""Which language an agreements' CSV speaks (issue 16 #4, found by a fresh check: README
said "English" while the computed columns came in the reader's language). The choice,
stated in README: column names, codes (kind, status) and dates (ISO) are the same for
every officer, so a file round-trips whoever exported it; the read-only columns of words
(the final clauses and relations in words, the computed dates' bases), which an import
ignores, are in the language of the officer who exports, who reads them."""

from __future__ import annotations

from pathlib import Path

import time_machine

from tests.web.test_agreement_csv_computed import TODAY, epca  # noqa: F401 (the fixture)
from tests.web.test_spreadsheets import rows_of

README = Path(__file__).resolve().parents[2] / "README.md"


@time_machine.travel(TODAY, tick=False)
def test_codes_and_dates_stay_english_and_the_words_follow_the_exporter(
    client,
    epca,  # noqa: F811
    make,
) -> None:
    officer = make.user(role="officer", language="kk")
    client.login(officer)
    [row] = rows_of(client.get("/agreements/export.csv"))
    assert (row["kind"], row["status"], row["computed_in_force_on"]) == (
        epca.kind.value,
        "in_force",
        "2020-03-01",
    )
    assert "екінші айдың бірінші күні" in row["computed_in_force_basis"]
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert "CSV files are in English" not in readme
    assert "in the language of the officer who exports" in readme
