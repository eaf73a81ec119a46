"""A build killed at any moment leaves README.md and site/ each wholly old or wholly new.

The build runs as a real process on a real project; SIGKILL arrives at seeded random points spread over the
time a whole build takes, so kills land while loading, rendering, staging and swapping.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import make_project, snapshot

TRIALS = 16
COMMAND = [sys.executable, "-m", "awesome_vos.cli", "build", "--root"]


def _build(root: Path) -> float:
    started = time.monotonic()
    subprocess.run([*COMMAND, str(root)], check=True, capture_output=True)
    return time.monotonic() - started


def _edit(root: Path) -> None:
    """A change that alters README.md and many site pages."""
    paper = root / "data" / "papers" / "memory-net.yaml"
    paper.write_text(
        paper.read_text().replace("MemoryNet: A Fixture Method", "MemoryNet: A Renamed Fixture Method")
    )


def _part(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {name: content for name, content in files.items() if name.startswith(prefix)}


def test_sigkill_at_random_points_leaves_old_or_new(tmp_path: Path) -> None:
    old_root = make_project(tmp_path / "old")
    _build(old_root)
    old = snapshot(old_root)
    new_root = tmp_path / "new"
    shutil.copytree(old_root, new_root)
    _edit(new_root)
    duration = _build(new_root)
    new = snapshot(new_root)
    assert old["README.md"] != new["README.md"] and _part(old, "site/") != _part(new, "site/")

    chance = random.Random(20261124)
    outcomes = set()
    for trial in range(TRIALS):
        root = tmp_path / f"trial{trial}"
        shutil.copytree(old_root, root)
        _edit(root)
        process = subprocess.Popen(
            [*COMMAND, str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(chance.uniform(0, duration * 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after = snapshot(root)
        readme = after["README.md"]
        assert readme in (old["README.md"], new["README.md"]), (
            f"trial {trial}: README.md is neither old nor new"
        )
        site = _part(after, "site/")
        assert site in (_part(old, "site/"), _part(new, "site/")), f"trial {trial}: site/ is a mix"
        outcomes.add((readme == new["README.md"], site == _part(new, "site/")))
        # the next build recovers: leftovers are cleared and the output is the new one
        _build(root)
        assert snapshot(root) == new
        assert not list(root.glob(".awesome-vos-staging-*"))
    assert (False, False) in outcomes, "no kill landed before the swap; the test did not exercise it"
