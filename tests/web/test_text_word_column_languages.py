"""The side-by-side Word files say each thing in the language of its column (issue 17 #6
and #7, found by a fresh check): a bracket error in a column of an imported side-by-side
file names the column's language ("Russian text: ..."), and the export's placeholder for a
provision without text in a column ("[no Russian text]") is in that column's language,
not the document's first one. Real .docx files exported here and edited with
python-docx."""

from __future__ import annotations

import io
from typing import Any

import docx

from tests.web.test_text_word_columns import _edited, text  # noqa: F401 (the fixture)
from tests.web.test_text_word_languages import _post_in


def test_a_bracket_error_in_a_column_names_its_language(client: Any, text: dict) -> None:  # noqa: F811
    track = text["track"]
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang=side").get_data()

    def nest(document: Any) -> None:
        table = document.tables[0]
        assert table.rows[0].cells[1].text == "Русский"
        cell = table.rows[2].cells[1]  # the first provision's Russian text
        for paragraph in cell.paragraphs[1:]:
            paragraph._element.getparent().remove(paragraph._element)
        paragraph = cell.paragraphs[0]
        for run in paragraph.runs:
            run._element.getparent().remove(run._element)
        paragraph.add_run("Визы [в [течение] 10] дней.")

    preview = _post_in(client, track.id, _edited(exported, nest), "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "Russian text: A bracket is opened inside another bracket (line 1, column 9)" in page, (
        page
    )


def test_the_placeholder_of_a_column_is_in_its_language(client: Any, text: dict) -> None:  # noqa: F811
    track = text["track"]
    response = client.get(f"/tracks/{track.id}/text/joint.docx?lang=side")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.get_data()))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["English", "Русский"]
    assert ["No fee is charged.", "[нет текста на языке: Русский]"] in rows
