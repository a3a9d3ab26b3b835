"""Accord Tracker: international agreements and the negotiations around them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. No side effects beyond wiring: no tables, no jobs, no data.

    The app is flask-openapi3's OpenAPI (a Flask), so the JSON API's description is
    generated from its routes' models; its options live with the API (tracker.api).
    """
    from flask_openapi3 import OpenAPI

    from tracker.api.description import openapi_options

    app = OpenAPI(
        __name__,
        **openapi_options(),
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from tracker.config import load_config

    load_config(app, config)

    from tracker import auth, cli, database, domain_words, i18n, web

    if app.config["PROXY_FIX"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    database.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    domain_words.init_app(app)  # the titles' filters, after i18n's
    web.init_app(app)
    cli.init_app(app)
    return app
