"""Health check for load balancers and operators."""

from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.wrappers import Response

from tracker.services.health import database_reachable

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    if not database_reachable():
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200
