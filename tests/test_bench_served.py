"""`bench/run.py --served` end to end at a tiny scale: gunicorn with the production settings
(one worker, to start quickly), wrk for a second on the dashboard, /healthz and the
hello-world app, both readers logged in, and the served section written into results.md
after the in-process table (issue 19 #1). No timing is asserted; about 15 s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.generate import build

ROOT = Path(__file__).resolve().parents[1]


def test_the_served_benchmark_measures_pages_for_both_readers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    build(0.01, url)
    (tmp_path / "results.md").write_text("# Benchmark results\n\n| in-process table |\n")

    run = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--served",
            "--database-url",
            url,
            "--seconds",
            "1",
            "--connections",
            "2",
            "--pages",
            "/",
            "--workers",
            "1",
            "--results-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        # gunicorn's control socket in this test's folder, not the one per user
        # ($HOME/.gunicorn/gunicorn.ctl) that gunicorns started in parallel would share
        env={**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    served = (tmp_path / "served.md").read_text()
    assert "| page | SQLite tiny, officer | SQLite tiny, admin |" in served
    for row in ("hello-world Flask", "trivial route (/healthz)", "dashboard"):
        line = next(line for line in served.splitlines() if line.startswith(f"| {row}"))
        assert line.count("req/s") == 2, line
    results = (tmp_path / "results.md").read_text()
    assert results.startswith("# Benchmark results\n\n| in-process table |\n")
    assert served.strip() in results
