"""Spread independent work over the machine's cores with forked workers.

Workers are forked, so they start with everything the parent has loaded (catalog, templates) and only the
work items and results cross between processes. Small batches stay in this process, where they are cheaper.
The parent's objects are frozen out of the garbage collector before forking: a collection in a worker would
otherwise write to every object's header and copy all of the parent's memory into the worker.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable[[Any], Any] | None = None


def _run(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def fork_map(function: Callable[[T], R], items: Sequence[T], minimum: int = 64) -> list[R]:
    """[function(item) for item in items], in order, split over up to two forked workers.

    `function` may be a closure (it is inherited, not pickled); items and results must pickle. Items go out
    in small chunks taken in turn by whichever worker is free, so put the costly ones first.
    """
    global _task
    workers = min(2, os.cpu_count() or 1)
    if workers < 2 or len(items) < minimum:
        return [function(item) for item in items]
    size = max(1, len(items) // (workers * 16))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    _task = function
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [result for chunk in pool.map(_run, chunks) for result in chunk]
    finally:
        gc.unfreeze()
        _task = None
