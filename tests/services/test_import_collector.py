"""An import pauses Python's cyclic garbage collector while it works a file out (measured:
full collections of the whole process took half a preview's CPU), and always leaves it as
it found it, whatever happens inside."""

from __future__ import annotations

import gc

import pytest

from tracker.services.spreadsheets import run_import
from tracker.services.spreadsheets.run import collector_paused


def test_an_import_leaves_the_collector_running(make, officer) -> None:
    track = make.track(name="Trade")
    text = f"title,kind,planned_on,track\r\nRound,round,2026-06-01,{track.name}\r\n"
    assert gc.isenabled()
    result = run_import("milestones", text, officer, confirm=False)
    assert result.ok
    assert gc.isenabled()


def test_the_collector_is_paused_inside_and_restored_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a row's check failed unexpectedly")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a collector paused by the caller stays paused"
    finally:
        gc.enable()
