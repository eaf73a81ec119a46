"""The memory a process tree holds, sampled: the sum of its processes' PSS (Linux /proc).

PSS splits each shared page between the processes sharing it, so the forked workers of a build (and any
tool it runs) are neither missed, as the largest process's ru_maxrss would miss them, nor counted
twice, as a sum of RSS would count pages they share with their parent.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (through each thread's children list)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples a process tree's summed PSS every `interval` seconds while in a `with` block."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_mb = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> float:
        """Take one sample now; returns the peak so far in MB."""
        total = sum(pss_kib(pid) for pid in descendants(self.pid)) / 1024
        with self._lock:
            self.peak_mb = max(self.peak_mb, total)
            return self.peak_mb

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreeMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
