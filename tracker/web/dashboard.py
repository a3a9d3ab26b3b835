"""The dashboard: where every track stands, what is due, what is late, what is coming."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from markupsafe import Markup

from tracker import clock
from tracker.i18n import current_language
from tracker.services.dashboard import DashboardPage, dashboard_shown

bp = Blueprint("dashboard", __name__)


def _sections(page: DashboardPage) -> str:
    return render_template("dashboard/_sections.html", **page.as_context())


@bp.route("/")
def index() -> str:
    sections = dashboard_shown(current_user, clock.today(), _sections, current_language())
    # the sections are the autoescaped output of their own template, not user input
    return render_template("dashboard/index.html", sections=Markup(sections))  # noqa: S704
