"""Issue 15 (left from the fresh check): the notices after cancelling, restoring, reopening
or archiving name the kind of record, so that Russian and Kazakh can agree with it: a
restored round read «„Раунд 3“ восстановлено», neuter, where a milestone (веха) is feminine
and an action item (поручение) neuter."""

from __future__ import annotations

import html
import re

import pytest

from tests.web.test_restore_from_lists import _cancelled
from tracker.orm import db

NOTICES = {
    "en": ("Milestone “Round 4” restored.", "Action item “Send the draft annex” restored."),
    "ru": ("Веха «Round 4» восстановлена.", "Поручение «Send the draft annex» восстановлено."),
    "kk": (
        "«Round 4» кезеңі қалпына келтірілді.",
        "«Send the draft annex» тапсырмасы қалпына келтірілді.",
    ),
}


def _hidden_fields(page: str, action: str) -> dict[str, str]:
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S
    )
    assert form, action
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[1]))


@pytest.mark.parametrize("language", sorted(NOTICES))
def test_a_restore_notice_names_the_kind_in_each_language(client, admin, make, language) -> None:
    milestone_id, item_id = _cancelled(make)
    admin.language = language
    db.session.commit()
    client.login(admin)
    for (list_url, action), notice in zip(
        (
            ("/milestones/?state=cancelled", f"/milestones/{milestone_id}/restore"),
            ("/action-items/?status=cancelled", f"/action-items/{item_id}/restore"),
        ),
        NOTICES[language],
        strict=True,
    ):
        page = html.unescape(client.get(list_url).text)
        client.post(action, data=_hidden_fields(page, action))
        assert notice in html.unescape(client.get(list_url).text), (language, notice)
