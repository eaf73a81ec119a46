"""Time each phase of one real `awesome-vos build` in this process; print the result as JSON.

    python benchmarks/phases.py CORPUS_DIR [--no-search]

The library functions behind each phase are wrapped wherever they are bound (so the CLI's own code path is
timed, whatever module imports them), then `awesome_vos.cli.main(["build", ...])` runs once. A phase's time
excludes the wrapped phases it calls; its peak is the high-water mark, when the phase last finished, of this
process tree's summed PSS (forked workers and any tool it runs included; see memory.py). Time spent outside
every wrapped function (the CLI itself, static files) is reported as "other".
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from memory import TreeMemory

PHASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("load+validate", ("awesome_vos.corpus:read_corpus",)),
    ("catalog", ("awesome_vos.catalog:build_catalog",)),
    ("leaderboards", ("awesome_vos.leaderboard:leaderboards",)),
    ("render README", ("awesome_vos.render.readme:render_readme",)),
    ("charts", ("awesome_vos.chartstore:draw_all", "awesome_vos.render.charts:charts")),
    (
        "render site",
        (
            "awesome_vos.render.site:write_site",
            "awesome_vos.render.api:api_files",
        ),
    ),
    ("search index", ("awesome_vos.render.search_index:search_files", "awesome_vos.search:index_site")),
    (
        "write",
        (
            "awesome_vos.output:prepare_files",
            "awesome_vos.output:publish",
        ),
    ),
)
"""Phase name and the functions (module:name or module:Class.method) whose time it gets; names that do not
exist are skipped. Site pages are written into the staging tree as they are rendered, by the workers, so
"render site" includes writing them; "write" is the swap into place and the files outside the site."""
NAMES = ("import", *(name for name, _ in PHASES), "other")
"""Every phase reported: importing the CLI and build modules first, time outside the wrapped ones last."""


class Recorder:
    """Exclusive time per phase: a call's time minus that of the wrapped calls made inside it."""

    def __init__(self, memory: TreeMemory) -> None:
        self.memory = memory
        self.seconds: dict[str, float] = {}
        self.peaks: dict[str, float] = {}
        self.inner: list[float] = []

    def wrap(self, phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, timed into `phase` (calls in forked workers are not timed)."""

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if os.getpid() != self.memory.pid:
                return function(*args, **kwargs)
            self.inner.append(0.0)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                nested = self.inner.pop()
                self.seconds[phase] = self.seconds.get(phase, 0.0) + elapsed - nested
                self.peaks[phase] = self.memory.sample()
                if self.inner:
                    self.inner[-1] += elapsed

        return timed


def install(recorder: Recorder) -> list[str]:
    """Wrap every phase function in every loaded awesome_vos module that binds it; returns what is missing."""
    missing: list[str] = []
    for phase, targets in PHASES:
        for target in targets:
            module_name, name = target.split(":")
            owner_name, _, method = name.rpartition(".")
            try:
                module = importlib.import_module(module_name)
                owner = getattr(module, owner_name) if owner_name else module
                original = getattr(owner, method)
            except (ImportError, AttributeError):
                missing.append(target)
                continue
            wrapper = recorder.wrap(phase, original)
            if owner_name:
                setattr(owner, method, wrapper)
                continue
            for loaded in list(sys.modules.values()):
                if getattr(loaded, "__name__", "").startswith("awesome_vos"):
                    for attribute, value in list(vars(loaded).items()):
                        if value is original:
                            setattr(loaded, attribute, wrapper)
    return missing


def main(argv: list[str]) -> int:
    """Run the build with timers; print {"total", "phases", "missing", "exit", "module"} as JSON."""
    root, options = Path(argv[0]), argv[1:]
    with TreeMemory(os.getpid()) as memory:
        started = time.perf_counter()
        cli = importlib.import_module("awesome_vos.cli")
        importlib.import_module("awesome_vos.build")
        recorder = Recorder(memory)
        missing = install(recorder)
        phases = {"import": {"seconds": time.perf_counter() - started, "peak_mb": memory.sample()}}
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["build", "--root", str(root), *options])
        total = time.perf_counter() - started
    for name, _ in PHASES:
        if name in recorder.seconds:
            phases[name] = {"seconds": recorder.seconds[name], "peak_mb": recorder.peaks[name]}
    phases["other"] = {"seconds": total - sum(recorder.seconds.values()), "peak_mb": memory.peak_mb}
    report = {"total": total, "phases": phases, "missing": missing, "exit": code, "module": cli.__file__}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
