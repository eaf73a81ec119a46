"""Spread independent work over the machine's two cores: this process and one forked worker.

The worker is forked, so it starts with everything the parent has loaded (catalog, templates) and only the
results cross back. The parent works too rather than waiting on two workers: one process fewer holding a
copy-on-write share of the catalog (unless what the work loads, such as matplotlib, should stay out of it). The parent's objects are frozen out of the garbage collector before
forking: a collection in the worker would otherwise write to every object's header and copy all of the
parent's memory. Small batches stay in this process, where they are cheaper.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(Exception):
    """The forked worker failed with an exception that could not be sent back as it was."""


_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or None)
_TRIM: Callable[[int], int] | None = getattr(_LIBC, "malloc_trim", None)
"""glibc's malloc_trim: hands the memory freed by an item (a page of 6 MB is built from many fragments)
back to the system, so that the next item does not grow the process further."""


def _take(function: Callable[[T], R], items: Sequence[T], taken: Any) -> list[tuple[int, R]]:
    """Run items in turn, each taken from the shared counter, until none is left."""
    done: list[tuple[int, R]] = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(items):
            return done
        done.append((index, function(items[index])))
        if _TRIM is not None:
            _TRIM(0)


def _child(function: Callable[[Any], Any], items: Sequence[Any], taken: Any, pipe: int) -> None:
    try:
        try:
            payload = pickle.dumps((True, _take(function, items, taken)))
        except BaseException as exc:  # sent to the parent, which raises it
            try:
                payload = pickle.dumps((False, exc))
            except Exception:
                payload = pickle.dumps((False, WorkerError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(pipe, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(0)


_PRCTL: Callable[..., int] | None = getattr(_LIBC, "prctl", None)
_PR_SET_PDEATHSIG = 1
"""Linux: a signal the kernel sends a process when its parent dies."""


def _fork(function: Callable[[Any], Any], items: Sequence[Any], taken: Any) -> tuple[int, int]:
    """A worker taking items from `taken`; returns its pid and the pipe its results come back on.

    The worker is killed with its parent, so a worker's own worker (charts: matplotlib's process forks one)
    never outlives an interrupted build."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        if _PRCTL is not None:
            _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)
        os.close(reader)
        _child(function, items, taken, writer)
    os.close(writer)
    return pid, reader


def _read(reader: int) -> bytes:
    with os.fdopen(reader, "rb") as stream:
        return stream.read()


def _unpack(payload: bytes) -> list[tuple[int, Any]]:
    ok, outcome = pickle.loads(payload) if payload else (False, WorkerError("the worker died"))
    if not ok:
        raise outcome
    return cast(list[tuple[int, Any]], outcome)


def _stop(pid: int, reader: int | None) -> None:
    """Kill and reap a worker whose results are no longer wanted (an error or Ctrl-C in the parent), so that it
    cannot go on writing into a staging folder the parent is removing."""
    if reader is not None:
        with contextlib.suppress(OSError):
            os.close(reader)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def fork_map(
    function: Callable[[T], R], items: Sequence[T], minimum: int = 64, *, in_parent: bool = True
) -> list[R]:
    """[function(item) for item in items], in order, shared between this process and a forked worker (or,
    with `in_parent=False`, two forked workers (one for a single item), so that what the work loads never
    enters this process).

    `function` may be a closure (it is inherited, not pickled); results must pickle. Each process takes the
    next item when it is free, so put the costly items first.
    """
    if (os.cpu_count() or 1) < 2 or len(items) < minimum:
        return [function(item) for item in items]
    taken = multiprocessing.get_context("fork").Value("q", 0)
    unreaped: list[int] = []  # forked workers, in the order their results are collected
    unread: dict[int, int] = {}  # their pipes not read yet (reading closes a pipe, interrupted or not)
    done: list[tuple[int, R]] = []
    gc.freeze()
    try:
        for _ in range(1 if in_parent else min(2, len(items))):
            pid, pipe = _fork(function, items, taken)
            unreaped.append(pid)
            unread[pid] = pipe
        if in_parent:
            done += _take(function, items, taken)
        while unreaped:
            pid = unreaped[0]
            payload = _read(unread.pop(pid))
            os.waitpid(pid, 0)
            unreaped.pop(0)  # reaped: nothing left to stop
            done += _unpack(payload)
    except BaseException:
        for pid in unreaped:
            _stop(pid, unread.get(pid))
        raise
    finally:
        gc.unfreeze()
    return [result for _, result in sorted(done, key=lambda pair: pair[0])]


def in_child(function: Callable[[], R]) -> R:
    """function() run in a forked process, so that what it loads, and the garbage it leaves, never enter this
    one; its result must pickle."""
    return fork_map(_call, [function], minimum=1, in_parent=False)[0]


def _call(function: Callable[[], R]) -> R:
    return function()
