"""Time a 5,000-row import (the documented maximum) of agreements and of milestones,
preview and confirmation, and how long another officer's save waits meanwhile. Prints;
asserts nothing about time.

    python bench/imports.py [--scale 1] [--kind agreements|milestones|both]
                            [--database-url postgresql+psycopg://.../bench]

Through the WSGI app (no network), as the bench officer, on a database made by
bench/generate.py (SQLite: generated on first use and kept, and each run works on a copy;
another URL: generated there first with `bench/generate.py --database-url`, and each run
adds its own records, titled with the run's moment so that every row is new). While each
step runs in one thread, a second thread saves a body's description through the same app
again and again (--save-every seconds apart): the longest such save is printed beside the
step (issue 14 #7: a save behind an import used to fail with "database is locked" after
5 s; issue 19 #4: preview under 3 s, confirmation under 5 s without blocking others).
"""

from __future__ import annotations

import argparse
import html
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
from tracker.models import Body, NegotiationTrack, Party  # noqa: E402
from tracker.orm import db  # noqa: E402
from tracker.services.spreadsheets import MAX_ROWS  # noqa: E402

CONTENT = re.compile(r'name="content" type="hidden" value="([^"]*)"')
#: the preview's kept plan, which the confirmation form carries beside the file
PLAN = re.compile(r'name="plan" type="hidden" value="([^"]*)"')
#: the digest of what the preview showed, which the confirmation checks its rows against
SHOWN = re.compile(r'name="shown" type="hidden" value="([^"]*)"')


def milestone_file(track_name: str, rows: int = MAX_ROWS, tag: str = "") -> bytes:
    lines = ["title,kind,planned_on,track,location"]
    lines += [
        f"Раунд {n}{tag},round,2027-{1 + n % 12:02d}-{1 + n % 28:02d},{track_name},Астана"
        for n in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def agreement_file(party_names: list[str], rows: int = MAX_ROWS, tag: str = "") -> bytes:
    """New agreements, each with two parties and two areas (a party's row and an area
    are written for each, as an officer's file of bilateral agreements would have)."""
    lines = ["title,short_title,kind,status,signed_on,parties,areas"]
    lines += [
        f"Соглашение № {n}{tag},С-{n},bilateral,signed,2015-12-21,"
        f"{party_names[n % len(party_names)]};{party_names[(n + 1) % len(party_names)]},"
        "Торговля;Energy"
        for n in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


class Saver(threading.Thread):
    """Another officer saving a body, again and again, while a step runs."""

    def __init__(self, app: object, body_id: int, every: float) -> None:
        super().__init__(daemon=True)
        self.client, self.token = logged_in(app, ADMIN_EMAIL)
        self.body_id = body_id
        self.every = every
        self.stop = threading.Event()
        self.waits: list[float] = []
        self.failures: list[int] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            page = isolated(self.client.get, f"/bodies/{self.body_id}/edit").get_data(as_text=True)
            # the version field as the form carries it (its number and the values it was
            # read with, for merging: tracker.web.merging), whatever its attributes' order
            tag = re.search(r'<input[^>]*name="version"[^>]*>', page)
            value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
            version = html.unescape(value.group(1)) if value else ""
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
            self.stop.wait(self.every)


def measure(database_url: str, kinds: list[str], every: float) -> None:
    app = bench_app(database_url)
    with app.app_context():
        track = db.session.scalars(
            select(NegotiationTrack).where(NegotiationTrack.classification == "public").limit(1)
        ).one()
        body = db.session.scalars(select(Body).limit(1)).one()
        party_names = list(db.session.scalars(select(Party.name).order_by(Party.id).limit(10)))
        track_name, body_id = track.name, body.id
        db.session.execute(
            Body.__table__.update()
            .values(name=f"Bench council {body_id}")
            .where(Body.id == body_id)
        )
        db.session.commit()
    tag = f" ({time.strftime('%H:%M:%S')})"
    files = {
        "agreements": agreement_file(party_names, tag=tag),
        "milestones": milestone_file(track_name, tag=tag),
    }
    officer, token = logged_in(app, OFFICER_EMAIL)
    print(f"{app.config['DATABASE_URL'].split('://')[0]}, a save every {every:g} s meanwhile")
    for kind in kinds:
        data = files[kind]
        print(f"{kind}: {MAX_ROWS} rows, {len(data) / 1e6:.2f} MB")
        saver = Saver(app, body_id, every)
        saver.start()
        started = time.perf_counter()
        preview = isolated(
            officer.post,
            f"/import/{kind}",
            data={"csrf_token": token, "file": (io.BytesIO(data), f"{kind}.csv")},
            content_type="multipart/form-data",
        )
        preview_seconds = time.perf_counter() - started
        saver.stop.set()
        saver.join()
        content = CONTENT.search(preview.get_data(as_text=True))
        plan = PLAN.search(preview.get_data(as_text=True))
        shown = SHOWN.search(preview.get_data(as_text=True))
        print(
            f"  preview: {preview_seconds:.1f} s, status {preview.status_code}; "
            f"another officer's longest save {max(saver.waits):.2f} s "
            f"({len(saver.waits)} saves, failed: {saver.failures or 'none'})"
        )
        assert content, "the preview offers no confirmation"
        saver = Saver(app, body_id, every)
        saver.start()
        started = time.perf_counter()
        confirmed = isolated(
            officer.post,
            f"/import/{kind}/confirm",
            data={
                "csrf_token": token,
                "content": html.unescape(content.group(1)),
                "plan": html.unescape(plan.group(1)) if plan else "",
                "shown": html.unescape(shown.group(1)) if shown else "",
            },
            content_type="multipart/form-data",
        )
        confirm_seconds = time.perf_counter() - started
        saver.stop.set()
        saver.join()
        print(
            f"  confirm: {confirm_seconds:.1f} s, status {confirmed.status_code}; "
            f"another officer's longest save {max(saver.waits):.2f} s "
            f"({len(saver.waits)} saves, failed: {saver.failures or 'none'})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url")
    parser.add_argument("--kind", choices=("agreements", "milestones", "both"), default="both")
    parser.add_argument("--save-every", type=float, default=0.2, help="seconds between saves")
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
    kinds = ["agreements", "milestones"] if args.kind == "both" else [args.kind]
    measure(url, kinds, args.save_every)


if __name__ == "__main__":
    main()
