"""`.ci/run` ends by saying where the browser tests' screenshots are and how many, also
when the suite failed (issue 15 item 12: they are CI's artefacts).

The CI script is run for real on a copy of .ci/; only `make`, which would run the whole
suite inside this test, is replaced by a script that leaves screenshots as the browser
tests do and then fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAILING_MAKE = """#!/usr/bin/env bash
mkdir -p tests/browser/artifacts/pages/kk/390 tests/browser/artifacts/failures
touch tests/browser/artifacts/pages/kk/390/01-dashboard.png
touch tests/browser/artifacts/pages/kk/390/02-agreements.png
touch tests/browser/artifacts/failures/test_x-0-0.png
exit 2
"""


def test_ci_run_reports_the_screenshots_folder_and_count_even_when_it_fails(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / ".ci", tmp_path / ".ci")
    stale = tmp_path / "tests/browser/artifacts/pages/en/1366/00-left-from-before.png"
    stale.parent.mkdir(parents=True)
    stale.touch()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "make").write_text(FAILING_MAKE)
    (bin_dir / "make").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}

    run = subprocess.run(
        ["bash", str(tmp_path / ".ci/run")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 2, run.stderr
    assert run.stdout.splitlines()[-1] == (
        f"== browser screenshots (CI artefacts) in {tmp_path}/tests/browser/artifacts/: "
        "2 of pages, 1 of failed tests"
    )
    assert not stale.exists()
