"""The bounded random run (tests/explore.py): `make test` explores the tests marked
`explore` un-derandomised for a fixed time and prints the seed; without the option,
every property test stays derandomised."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.explore import round_seed

ROOT = Path(__file__).resolve().parents[2]
OUTER_ONLY = ("TRACKER_TEST_DATABASE_URL", "PYTEST_ADDOPTS")
TARGET = "tests/web/test_hostile_extremes.py::test_any_week_is_a_report_or_not_found"


def pytest_run(*options: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", TARGET, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # its own SQLite database: the outer run's PostgreSQL one would be wiped under it
        env={k: v for k, v in os.environ.items() if k not in OUTER_ONLY},
    )
    return result, time.monotonic() - started


def test_an_exploring_run_prints_its_seed_and_keeps_to_its_budget() -> None:
    result, took = pytest_run("--explore-seconds=6", "--explore-seed=1234")
    assert result.returncode == 0, result.stdout[-2000:]
    said = "hypothesis exploration: 6 s over the tests marked explore, seed 1234"
    assert result.stdout.count(said) == 2  # at the start and in the summary
    rounds = int(result.stdout.split("(again: --explore-seed=1234): ")[1].split(" rounds")[0])
    assert rounds >= 2
    assert 6 <= took < 6 + 120  # the budget, plus start-up and the last round


def test_without_the_option_nothing_explores() -> None:
    result, _ = pytest_run()
    assert result.returncode == 0, result.stdout[-2000:]
    assert "hypothesis exploration" not in result.stdout


def test_each_round_has_its_own_seed_the_same_again_for_the_same_run() -> None:
    seeds = [round_seed(1234, TARGET, n) for n in range(50)]
    assert len(set(seeds)) == 50
    assert seeds == [round_seed(1234, TARGET, n) for n in range(50)]
    assert seeds != [round_seed(1235, TARGET, n) for n in range(50)]
