"""A provision's texts changed as a JSON Merge Patch (RFC 7396; issue 17, h17d #3)."""

from __future__ import annotations

import pytest

from tracker.domain.provisions import merge_texts
from tracker.domain.refusals import ServiceError

NOW = {"en": "Visas within ten days.", "ru": "Визы."}


def test_a_language_given_replaces_it_and_the_others_are_kept() -> None:
    assert merge_texts(NOW, {"ru": "Визы в срок."}) == {**NOW, "ru": "Визы в срок."}
    assert merge_texts(NOW, {"kk": "Визалар."}) == {**NOW, "kk": "Визалар."}


def test_null_or_blank_removes_a_language_and_nothing_given_changes_nothing() -> None:
    assert merge_texts(NOW, {"ru": None}) == {"en": NOW["en"]}
    assert merge_texts(NOW, {"ru": "  "}) == {"en": NOW["en"]}
    assert merge_texts(NOW, {}) == NOW
    assert merge_texts({}, {}) == {}


def test_no_text_left_is_refused() -> None:
    with pytest.raises(ServiceError) as refused:
        merge_texts(NOW, {"en": None, "ru": None})
    assert refused.value.field == "texts"
