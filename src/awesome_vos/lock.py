"""One build at a time: builds (and checks) of a project take a lock on a file in its .cache/ folder.

Two builds at once would clear each other's staging trees and publish a partial site; a check during a build
would compare a README.md that is about to change. `fcntl.flock` is released by the kernel when the process
ends, however it ends, so a killed build never leaves the project locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .places import CACHE, LOCK


@contextmanager
def project_lock(root: Path, *, exclusive: bool, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the project's lock, exclusive for a build, shared for a check; `on_wait` is called once if
    another process holds it, before waiting for it to finish."""
    (root / CACHE).mkdir(exist_ok=True)
    descriptor = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(descriptor, mode)
        yield
    finally:
        os.close(descriptor)
