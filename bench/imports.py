"""Time a 5,000-row milestone import (the documented maximum), preview and confirmation,
and how long another officer's save waits meanwhile. Prints; asserts nothing about time.

    python bench/imports.py [--scale 0.1] [--database-url sqlite:///bench/scale-0.1.db]

Through the WSGI app (no network), as the bench officer, on a database made by
bench/generate.py (generated on first use, and kept). While each step runs in one
thread, a second thread saves a body's description through the same app every second:
the longest such save is printed beside the step (issue 14 #7: a save behind an import
used to fail with "database is locked" after 5 s).
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from bench.generate import ADMIN_EMAIL, OFFICER_EMAIL, bench_app, build  # noqa: E402
from bench.run import isolated, logged_in  # noqa: E402
from tracker.models import Body, NegotiationTrack  # noqa: E402
from tracker.orm import db  # noqa: E402
from tracker.services.spreadsheets import MAX_ROWS  # noqa: E402

CONTENT = re.compile(r'name="content" type="hidden" value="([^"]*)"')


def milestone_file(track_name: str, rows: int = MAX_ROWS) -> bytes:
    lines = ["title,kind,planned_on,track,location"]
    lines += [
        f"Раунд {n},round,2027-{1 + n % 12:02d}-{1 + n % 28:02d},{track_name},Астана"
        for n in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


class Saver(threading.Thread):
    """Another officer saving a body, again and again, while a step runs."""

    def __init__(self, app: object, body_id: int) -> None:
        super().__init__(daemon=True)
        self.client, self.token = logged_in(app, ADMIN_EMAIL)
        self.body_id = body_id
        self.stop = threading.Event()
        self.waits: list[float] = []
        self.failures: list[int] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            page = isolated(self.client.get, f"/bodies/{self.body_id}/edit").get_data(as_text=True)
            version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
            fields = {"name": f"Bench council {self.body_id}", "description": f"save {n}"}
            started = time.perf_counter()
            response = isolated(
                self.client.post,
                f"/bodies/{self.body_id}/edit",
                data={**fields, "version": version, "csrf_token": self.token},
            )
            self.waits.append(time.perf_counter() - started)
            if response.status_code != 302:
                self.failures.append(response.status_code)
            time.sleep(1.0)


def measure(database_url: str) -> None:
    app = bench_app(database_url)
    with app.app_context():
        track = db.session.scalars(
            select(NegotiationTrack).where(NegotiationTrack.classification == "public").limit(1)
        ).one()
        body = db.session.scalars(select(Body).limit(1)).one()
        track_name, body_id = track.name, body.id
        db.session.execute(
            Body.__table__.update()
            .values(name=f"Bench council {body_id}")
            .where(Body.id == body_id)
        )
        db.session.commit()
    data = milestone_file(track_name)
    print(f"file: {MAX_ROWS} rows, {len(data) / 1e6:.2f} MB, track {track_name!r}")
    officer, token = logged_in(app, OFFICER_EMAIL)
    saver = Saver(app, body_id)
    saver.start()
    started = time.perf_counter()
    preview = isolated(
        officer.post,
        "/import/milestones",
        data={"csrf_token": token, "file": (io.BytesIO(data), "milestones.csv")},
        content_type="multipart/form-data",
    )
    preview_seconds = time.perf_counter() - started
    page = preview.get_data(as_text=True)
    content = CONTENT.search(page)
    print(f"preview: {preview_seconds:.1f} s, status {preview.status_code}")
    assert content, "the preview offers no confirmation"
    import html

    started = time.perf_counter()
    confirmed = isolated(
        officer.post,
        "/import/milestones/confirm",
        data={"csrf_token": token, "content": html.unescape(content.group(1))},
        content_type="multipart/form-data",
    )
    confirm_seconds = time.perf_counter() - started
    saver.stop.set()
    saver.join()
    print(f"confirm: {confirm_seconds:.1f} s, status {confirmed.status_code}")
    print(
        f"another officer's saves meanwhile: {len(saver.waits)}, longest "
        f"{max(saver.waits):.2f} s, failed: {saver.failures or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url
    if url is None:
        kept = Path(__file__).resolve().parent / f"scale-{args.scale:g}.db"
        if not kept.exists():
            build(args.scale, f"sqlite:///{kept}")
        # the import writes 5,000 milestones: work on a copy, keep the generated database
        folder = Path(tempfile.mkdtemp(prefix="bench-imports-"))
        shutil.copy(kept, folder / "imports.db")
        url = f"sqlite:///{folder / 'imports.db'}"
    measure(url)


if __name__ == "__main__":
    main()
