"""Same data, same bytes: across runs, hash seeds, time zones and locales; a rebuild writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner, make_project, snapshot


def test_second_build_changes_nothing(project: Path, cli: Runner) -> None:
    cli("build", "--root", str(project))
    first = snapshot(project)
    mtimes = {path: path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file()}
    code, out, _ = cli("build", "--force", "--root", str(project))
    assert code == 0
    assert "0 files written, 0 removed" in out
    assert snapshot(project) == first
    assert {path: path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file()} == mtimes


def test_identical_across_environments(tmp_path: Path) -> None:
    outputs = []
    for index, (seed, zone, locale) in enumerate([("0", "UTC", "C"), ("123", "Asia/Tokyo", "C.UTF-8")]):
        root = make_project(tmp_path / f"run{index}")
        environment = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": locale}
        command = [sys.executable, "-m", "awesome_vos.cli", "build", "--root", str(root)]
        subprocess.run(command, check=True, env=environment, capture_output=True)
        outputs.append(snapshot(root))
    assert outputs[0] == outputs[1]


def test_stale_site_files_are_removed(project: Path, cli: Runner) -> None:
    cli("build", "--root", str(project))
    (project / "data" / "papers" / "old-net.yaml").unlink()
    code, out, err = cli("build", "--root", str(project))
    assert code == 0, err
    assert not (project / "site" / "papers" / "old-net").exists()
    assert ", 1 removed," in out


def test_identical_whatever_the_file_system_order(
    tmp_path: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Directory listings come back in whatever order the file system keeps; the output must not follow it."""
    first = make_project(tmp_path / "listed")
    cli("build", "--root", str(first))
    iterdir, rglob = Path.iterdir, Path.rglob
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(iterdir(self), reverse=True)))
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: iter(sorted(rglob(self, pattern), reverse=True)))
    second = make_project(tmp_path / "reversed")
    cli("build", "--root", str(second))
    monkeypatch.undo()
    assert snapshot(first) == snapshot(second)
