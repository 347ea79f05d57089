"""Wait for a file to change (``argmap render --watch``).

Polling the file's identity and size and modification time twenty times a second: it
needs no library and no platform's notification service, works on network and
container file systems, and an editor that saves by writing a new file and renaming it
over the old one (a new inode) is seen as well as one that writes in place.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

INTERVAL: Final = 0.05
"""Seconds between looks at the file (a look is one ``stat``: some microseconds)."""
SETTLE: Final = 0.05
"""Seconds the file must stay unchanged before it counts as saved (an editor writing in
several steps is seen once; one seen half-written is seen again when it is whole)."""

Stamp = tuple[int, int, int, int, int, int] | None


def stamp(path: Path) -> Stamp:
    """What changes when the file is saved, replaced or made unreadable (None while it
    does not exist)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


def changes(
    path: Path,
    *,
    interval: float = INTERVAL,
    stop: Callable[[], bool] = lambda: False,
    missing: bool = False,
) -> Iterator[None]:
    """Yield each time ``path`` has been saved anew, until ``stop()`` is true; with
    ``missing``, also when it has gone (deleted, or renamed away)."""
    last = stamp(path)
    while not stop():
        time.sleep(interval)
        now = stamp(path)
        if now == last or (now is None and not missing):
            continue
        time.sleep(SETTLE)
        settled = stamp(path)
        if settled != now:
            continue  # still being written: look again
        last = settled
        yield
