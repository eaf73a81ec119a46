"""Spread independent work over the machine's cores with forked workers.

Workers are forked, so they start with everything the parent has loaded (catalog, templates) and only the
work items and results cross between processes. Small batches stay in this process, where they are cheaper.
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

    `function` may be a closure (it is inherited, not pickled); items and results must pickle.
    """
    global _task
    workers = min(2, os.cpu_count() or 1)
    if workers < 2 or len(items) < minimum:
        return [function(item) for item in items]
    size = -(-len(items) // (workers * 4))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    _task = function
    # Frozen, the parent's objects are left out of the workers' garbage collections: scanning a large
    # catalog's millions of objects again and again would cost more than the work itself.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [result for chunk in pool.map(_run, chunks) for result in chunk]
    finally:
        gc.unfreeze()
        _task = None
