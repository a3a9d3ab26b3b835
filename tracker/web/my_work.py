"""The officer's "my work" page: their tracks, milestones, action items and follows."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from tracker import clock
from tracker.services.my_work import my_work_page, paused_reason

bp = Blueprint("my_work", __name__)


@bp.route("/my-work")
def index() -> str:
    return render_template(
        "my_work/index.html",
        page=my_work_page(current_user, clock.today()),
        paused_reason=paused_reason,
    )
