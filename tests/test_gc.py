"""The cycle collector paused around reading and checking (``argmap._gc``)."""

from __future__ import annotations

import gc
import weakref

from argmap._gc import collector_paused


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_what_a_pause_allocated_is_counted_old_not_scanned_at_once() -> None:
    """After a pause, the youngest generation does not hold what it allocated (its next
    pass would scan all of it: 0.1-0.16 s after 10,000 arguments): it is in the oldest."""
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(50_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept[::997])


def test_a_cycle_made_in_a_pause_is_still_freed_by_a_full_pass() -> None:
    with collector_paused():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
    del first, second
    assert gone() is not None  # a cycle: not freed by reference counting
    gc.collect()
    assert gone() is None


def test_a_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
