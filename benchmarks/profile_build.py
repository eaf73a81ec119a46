"""Profile one `awesome-vos build` with cProfile and print where the time goes.

    python benchmarks/profile_build.py CORPUS_DIR [--no-search] [--top 40] [--out build.prof]

Forked workers are invisible to cProfile, so `awesome_vos.parallel.fork_map` (if present) is replaced by a
plain map: the profile shows all the work done on one core, which is what the build costs in CPU time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib
import io
import pstats
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _serial(function: Callable[[Any], Any], items: Sequence[Any], minimum: int = 0) -> list[Any]:
    return [function(item) for item in items]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder with data/ and templates/")
    parser.add_argument("--no-search", action="store_true", help="pass --no-search to the build")
    parser.add_argument("--top", type=int, default=40, help="rows of each listing")
    parser.add_argument("--out", type=Path, help="also save the raw profile here (for snakeviz, pstats)")
    arguments = parser.parse_args(argv)
    cli = importlib.import_module("awesome_vos.cli")
    with contextlib.suppress(ImportError):
        importlib.import_module("awesome_vos.parallel")
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("awesome_vos") and hasattr(module, "fork_map"):
                vars(module)["fork_map"] = _serial
    command = ["build", "--root", str(arguments.corpus), *(["--no-search"] if arguments.no_search else [])]
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profiler.runcall(cli.main, command)
    if arguments.out:
        profiler.dump_stats(arguments.out)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats("awesome_vos", arguments.top)
    stats.sort_stats("tottime").print_stats(arguments.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
