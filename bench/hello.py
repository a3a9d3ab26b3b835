"""The framework's ceiling: a hello-world Flask app, served by `bench/run.py --served` with
the same gunicorn settings as the tracker (deploy/gunicorn.conf.py) in the same run.

    gunicorn -c deploy/gunicorn.conf.py "bench.hello:create_app()"
"""

from __future__ import annotations

from flask import Flask


def create_app() -> Flask:
    """A Flask app with one route, `/`, answering "Hello, world" as text/html."""
    app = Flask(__name__)

    @app.get("/")
    def hello() -> str:
        return "Hello, world"

    return app
