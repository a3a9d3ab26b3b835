"""The Word files' names say the track, the state of the text and the language(s), in
ASCII (issue 17 re-check, h17c #2: every file was joint-text-<id>.docx)."""

from __future__ import annotations

from datetime import date

from tracker.domain.export_names import export_filename

DAY = date(2026, 12, 1)


def test_a_round_a_day_and_the_languages_are_said() -> None:
    assert (
        export_filename("joint-text", 3, round_number=2, round_id=7, day=DAY, languages=["ru"])
        == "joint-text-3-round-2-ru.docx"
    )
    assert (
        export_filename(
            "comparative-table",
            3,
            round_number=None,
            round_id=None,
            day=DAY,
            languages=["en", "kk"],
        )
        == "comparative-table-3-2026-12-01-en-kk.docx"
    )


def test_a_round_without_a_number_is_named_by_its_id_and_names_stay_ascii() -> None:
    assert (
        export_filename("joint-text", 3, round_number=None, round_id=7, day=DAY, languages=["en"])
        == "joint-text-3-round-id-7-en.docx"
    )
    name = export_filename(
        "joint-text", 3, round_number="II bis", round_id=7, day=DAY, languages=["en"]
    )
    assert name == "joint-text-3-round-II-bis-en.docx" and name.isascii()
