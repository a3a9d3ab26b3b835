from __future__ import annotations

from tracker.mail.links import external_url, url_builder


def test_url_builder_gives_the_same_links_as_external_url(app) -> None:
    milestone_url = url_builder("milestones.detail", "milestone_id")
    for milestone_id in (1, 42, 2**31 - 2):
        assert milestone_url(milestone_id) == external_url(
            "milestones.detail", milestone_id=milestone_id
        )
    assert milestone_url(7).startswith(app.config["BASE_URL"].rstrip("/") + "/")
