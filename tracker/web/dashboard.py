"""The dashboard: where every track stands, what is due, what is late, what is coming."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from tracker import clock
from tracker.services.dashboard import dashboard_page

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index() -> str:
    page = dashboard_page(current_user, clock.today())
    return render_template("dashboard/index.html", **page.as_context())
