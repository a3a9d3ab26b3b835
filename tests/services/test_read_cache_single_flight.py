"""Kept reads are worked out once per process and key at a time (tracker.services.
read_cache): threads that miss the same key together wait for the first and take its
value, instead of each working the page out (issue 19, h19b: under load, the 2 threads of
each worker that missed together at the start of a run each spent 0.5-1.7 s on it)."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask

from tracker.services import read_cache


class _Arrivals(dict):
    """The entries' "being worked out" locks, telling when a thread asks for one."""

    def __init__(self, arrived: threading.Event) -> None:
        super().__init__()
        self.arrived = arrived
        self.asked = 0

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self.asked += 1
        if self.asked == 2:
            self.arrived.set()  # the second thread is about to wait for the first
        return super().setdefault(key, default)


def test_threads_missing_one_key_together_work_it_out_once(app: Flask) -> None:
    entries = app.extensions["read_cache_pages"]
    second_waits = threading.Event()
    entries.computing = _Arrivals(second_waits)
    first_computing, go_on = threading.Event(), threading.Event()
    computed: list[str] = []
    served: dict[str, tuple[str, ...]] = {}

    def slow() -> tuple[str, ...]:
        computed.append("first")
        first_computing.set()
        assert go_on.wait(30)
        return ("<p>page</p>",)

    def fast() -> tuple[str, ...]:
        computed.append("second")
        return ("<p>other</p>",)

    def read(name: str, compute: Any) -> None:
        with app.test_request_context():
            served[name] = read_cache.remember_page(("single-flight",), compute)

    first = threading.Thread(target=read, args=("first", slow))
    second = threading.Thread(target=read, args=("second", fast))
    try:
        first.start()
        assert first_computing.wait(30)
        second.start()
        assert second_waits.wait(30)  # it missed too, while the first was working it out
        go_on.set()
        first.join(30)
        second.join(30)
    finally:
        go_on.set()
        entries.computing = {}
    assert computed == ["first"]
    assert served == {"first": ("<p>page</p>",), "second": ("<p>page</p>",)}
