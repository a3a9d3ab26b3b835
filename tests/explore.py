"""A bounded random run of the property tests marked `explore` (issue 14, item 12).

Every property test runs derandomised, so that a run is reproducible. With
`--explore-seconds=N` (as `make test` passes), each test marked `explore` then goes on
exploring un-derandomised, in rounds of ROUND_EXAMPLES examples with a seed of their own,
until its share of N seconds is spent. The run's seed is printed at the start and the end
(`--explore-seed=S` runs the same rounds again); a failure names the round's seed, and its
shrunk example belongs in the test as an @example.

Hypothesis reads a test's settings and seed from the test itself when it is called, so a
round sets them there for the round and puts them back after; the attributes are those
@settings and @seed set (Hypothesis 6, pinned in pyproject.toml).
"""

from __future__ import annotations

import hashlib
import random
import time
from typing import Any

import pytest
from hypothesis import Phase, seed, settings

#: examples per exploring round: small, so the time budget is kept to within a round
ROUND_EXAMPLES = 10
_SETTINGS = "_hypothesis_internal_use_settings"
_SEED = "_hypothesis_internal_use_seed"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("explore", "bounded random run of the property tests")
    group.addoption(
        "--explore-seconds",
        type=float,
        default=0.0,
        help="after its derandomised run, explore each test marked `explore` un-derandomised "
        "for its share of this many seconds (0: do not explore)",
    )
    group.addoption(
        "--explore-seed",
        type=int,
        default=None,
        help="the seed of the exploring run (default: a new one, printed)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.explore_seconds = max(float(config.getoption("explore_seconds")), 0.0)  # type: ignore[attr-defined]
    chosen = config.getoption("explore_seed")
    worker_input = getattr(config, "workerinput", None)  # a pytest-xdist worker: the run's seed
    if worker_input is not None and "explore_seed" in worker_input:
        chosen = worker_input["explore_seed"]
    config.explore_seed = random.SystemRandom().randrange(2**32) if chosen is None else chosen  # type: ignore[attr-defined]
    config.explore_rounds = 0  # type: ignore[attr-defined]
    config.explore_share = 0.0  # type: ignore[attr-defined]


def _announcement(config: pytest.Config) -> str:
    return (
        f"hypothesis exploration: {config.explore_seconds:g} s over the tests marked explore, "  # type: ignore[attr-defined]
        f"seed {config.explore_seed} (again: --explore-seed={config.explore_seed})"  # type: ignore[attr-defined]
    )


def pytest_report_header(config: pytest.Config) -> str | None:
    return _announcement(config) if config.explore_seconds else None  # type: ignore[attr-defined]


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected theirs
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    exploring = [item for item in items if item.get_closest_marker("explore")]
    if exploring and config.explore_seconds:  # type: ignore[attr-defined]
        config.explore_share = config.explore_seconds / len(exploring)  # type: ignore[attr-defined]


def round_seed(run_seed: int, nodeid: str, number: int) -> int:
    """The seed of one round of one test: the same for the same run seed, test and round."""
    digest = hashlib.sha256(f"{run_seed}:{nodeid}:{number}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@pytest.hookimpl(hookwrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Any:
    outcome = yield  # the derandomised run, as always
    config = pyfuncitem.config
    test = pyfuncitem.obj
    if (
        outcome.excinfo is not None
        or not config.explore_share  # type: ignore[attr-defined]
        or not pyfuncitem.get_closest_marker("explore")
        or not getattr(test, "is_hypothesis_test", False)
    ):
        return
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    saved_settings, saved_seed = getattr(test, _SETTINGS), getattr(test, _SEED, None)
    setattr(
        test,
        _SETTINGS,
        settings(
            saved_settings,
            derandomize=False,
            database=None,
            max_examples=ROUND_EXAMPLES,
            phases=[Phase.generate, Phase.shrink],  # the @examples ran in the first run
        ),
    )
    ends = time.monotonic() + config.explore_share  # type: ignore[attr-defined]
    number = 0
    try:
        while number == 0 or time.monotonic() < ends:
            this_seed = round_seed(config.explore_seed, pyfuncitem.nodeid, number)  # type: ignore[attr-defined]
            seed(this_seed)(test)
            try:
                test(**arguments)
            except BaseException as error:
                error.add_note(
                    f"Found while exploring: round {number}, seed {this_seed}; "
                    f"{_announcement(config)}. Keep the falsifying example as an @example."
                )
                outcome.force_exception(error)
                return
            number += 1
            config.explore_rounds += 1  # type: ignore[attr-defined]
    finally:
        setattr(test, _SETTINGS, saved_settings)
        setattr(test, _SEED, saved_seed)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: every worker explores with the run's one seed (the one printed)."""
    node.workerinput["explore_seed"] = node.config.explore_seed


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:  # a pytest-xdist worker reports its rounds to the run
        worker_output["explore_rounds"] = session.config.explore_rounds  # type: ignore[attr-defined]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """pytest-xdist: the rounds a worker explored count in the run's summary."""
    rounds = getattr(node, "workeroutput", {}).get("explore_rounds", 0)
    node.config.explore_rounds += rounds


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if config.explore_seconds:  # type: ignore[attr-defined]
        terminalreporter.write_line(
            f"{_announcement(config)}: {config.explore_rounds} rounds explored"  # type: ignore[attr-defined]
        )
