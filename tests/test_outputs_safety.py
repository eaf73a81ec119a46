"""Outputs stay inside the project, one build runs at a time, and a failed write changes no output.

Every test runs the real CLI on a real project; faults are real: symbolic links, files where folders belong,
a second process, a file size limit (RLIMIT_FSIZE, which makes writes fail with EFBIG like a full disk makes
them fail with ENOSPC) and SIGINT.
"""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Runner, make_project, snapshot

COMMAND = [sys.executable, "-m", "awesome_vos.cli"]
MEMORY = "data/papers/memory-net.yaml"


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` (links not followed) with its bytes, or its kind."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = "link" if path.is_symlink() else path.read_bytes() if path.is_file() else "folder"
    return found


def _edit(root: Path) -> None:
    paper = root / MEMORY
    paper.write_text(paper.read_text().replace("A Fixture Method with Memory", "A Renamed Fixture Method"))


def _outside(tmp_path: Path) -> Path:
    """A folder outside the project with files a careless build would delete or overwrite."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious\n")
    (outside / "davis-2017-val-progress.svg").write_text("<svg>not ours</svg>\n")
    (outside / "build-state.json").write_text("{}\n")
    return outside


@pytest.mark.parametrize("place", ["charts", "site", ".cache", ".cache/awesome-vos/charts"])
def test_symlinked_output_folder_is_refused_and_nothing_outside_changes(
    tmp_path: Path, cli: Runner, place: str
) -> None:
    project = make_project(tmp_path / "project")
    assert cli("build", "--root", str(project))[0] == 0
    outside = _outside(tmp_path)
    shutil.copytree(project / place, outside / "copy")
    before_outside = _tree(outside)
    shutil.rmtree(project / place)
    (project / place).symlink_to(outside / "copy", target_is_directory=True)
    before = snapshot(project)
    for command in (["build", "--force"], ["build"], ["check"]):
        code, out, err = cli(*command, "--root", str(project))
        assert code == 1
        assert err == (
            f"awesome-vos: {place} is a symbolic link; outputs are written only inside the project, so remove "
            f"the link (the build recreates {place})\n"
        )
        assert "Traceback" not in out + err
    assert _tree(outside) == before_outside
    assert snapshot(project) == before


def test_symlinked_readme_and_staging_folder_never_reach_outside(tmp_path: Path, cli: Runner) -> None:
    project = make_project(tmp_path / "project")
    outside = _outside(tmp_path)
    before_outside = _tree(outside)
    (project / "README.md").symlink_to(outside / "keep.txt")
    code, _, err = cli("build", "--root", str(project))
    assert (code, err) == (
        1,
        "awesome-vos: README.md is a symbolic link; outputs are written only inside the project, so remove "
        "the link (the build recreates README.md)\n",
    )
    (project / "README.md").unlink()
    # a leftover "staging folder" that is a link: the link goes, what it points at stays
    (project / ".awesome-vos-staging-old").symlink_to(outside, target_is_directory=True)
    assert cli("build", "--root", str(project))[0] == 0
    assert not (project / ".awesome-vos-staging-old").exists()
    assert _tree(outside) == before_outside


@pytest.mark.parametrize(
    ("place", "make", "expected"),
    [
        ("README.md", "folder", "README.md should be a file but is not a regular file"),
        ("site", "file", "site should be a folder but is a file"),
        ("charts", "file", "charts should be a folder but is a file"),
        (".cache", "file", ".cache should be a folder but is a file"),
        (
            ".cache/build-state.json",
            "folder",
            ".cache/build-state.json should be a file but is not a regular file",
        ),
    ],
)
def test_output_of_the_wrong_kind_is_refused(
    project: Path, cli: Runner, place: str, make: str, expected: str
) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    target = project / place
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    target.mkdir() if make == "folder" else target.write_text("odd\n")
    _edit(project)
    before = _tree(project)
    code, _, err = cli("build", "--root", str(project))
    assert code == 1
    assert err == f"awesome-vos: {expected}; remove it (the build recreates it)\n"
    assert _tree(project) == before


def test_two_builds_at_once_run_one_after_the_other(tmp_path: Path) -> None:
    reference = make_project(tmp_path / "reference")
    _edit(reference)
    subprocess.run([*COMMAND, "build", "--root", str(reference)], check=True, capture_output=True)
    expected = snapshot(reference)

    project = make_project(tmp_path / "project")
    subprocess.run([*COMMAND, "build", "--root", str(project)], check=True, capture_output=True)
    _edit(project)
    (project / ".cache").mkdir(exist_ok=True)
    errors = [tmp_path / f"err{number}" for number in range(2)]
    with open(project / ".cache" / "awesome-vos.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        processes = [
            subprocess.Popen(
                [*COMMAND, "build", "--force", "--root", str(project)],
                stdout=subprocess.PIPE,
                stderr=error.open("w"),
            )
            for error in errors
        ]
        deadline = time.monotonic() + 60
        while not all("waiting" in error.read_text() for error in errors):
            assert time.monotonic() < deadline, "the builds did not wait for the lock"
            time.sleep(0.05)
        assert snapshot(project) != expected  # neither started while the lock was held
    outputs = [process.communicate()[0].decode() for process in processes]
    assert [process.returncode for process in processes] == [0, 0]
    assert all(output.startswith("built 3 papers") for output in outputs)
    for error in errors:
        assert error.read_text() == (
            "awesome-vos: another build or check of this project is running; waiting for it to finish\n"
        )
    assert snapshot(project) == expected
    again = subprocess.run([*COMMAND, "build", "--root", str(project)], capture_output=True, text=True)
    assert again.stdout.startswith("README.md, charts/ and site/ are up to date")
    assert snapshot(project) == expected


def _limited(size: int) -> None:
    """In the child: files may not grow past `size` bytes (writes beyond fail with EFBIG; Python ignores
    SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


@pytest.mark.parametrize("limit", [2_000, 8_000])
def test_a_failing_write_changes_no_output(project: Path, limit: int) -> None:
    subprocess.run([*COMMAND, "build", "--root", str(project)], check=True, capture_output=True)
    _edit(project)
    before = snapshot(project)
    charts = {path.name: path.read_bytes() for path in (project / "charts").iterdir()}
    result = subprocess.run(
        [*COMMAND, "build", "--root", str(project)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _limited(limit),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("awesome-vos: cannot write or read ")
    assert result.stderr.endswith(": File too large; no output was changed\n")
    assert result.stderr.count("\n") == 1
    assert snapshot(project) == before
    assert {path.name: path.read_bytes() for path in (project / "charts").iterdir()} == charts
    assert not list(project.glob(".awesome-vos-staging-*"))
    assert not [path for path in project.rglob("*.tmp")]
    # without the limit, the build recovers
    subprocess.run([*COMMAND, "build", "--root", str(project)], check=True, capture_output=True)
    assert snapshot(project) != before


def test_ctrl_c_exits_130_with_one_line_and_outputs_old_or_new(tmp_path: Path) -> None:
    old_root = make_project(tmp_path / "old")
    subprocess.run([*COMMAND, "build", "--root", str(old_root)], check=True, capture_output=True)
    old = snapshot(old_root)
    new_root = tmp_path / "new"
    shutil.copytree(old_root, new_root)
    _edit(new_root)
    subprocess.run([*COMMAND, "build", "--root", str(new_root)], check=True, capture_output=True)
    new = snapshot(new_root)
    interrupted = 0
    for trial, delay in enumerate((0.0, 0.05, 0.2, 0.4)):
        root = tmp_path / f"trial{trial}"
        shutil.copytree(old_root, root)
        _edit(root)
        process = subprocess.Popen(
            [*COMMAND, "build", "--root", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        # once the site is being staged, the build is past start-up and into its work
        while not list(root.glob(".awesome-vos-staging-*")) and process.poll() is None:
            time.sleep(0.002)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGINT)
        _, err = process.communicate()
        if process.returncode == 0:  # the build finished before the signal
            assert snapshot(root) == new
            continue
        if process.returncode == -signal.SIGINT and not err:
            # the signal came after main() returned, while the interpreter shut down: the build was complete
            assert snapshot(root) == new
            continue
        interrupted += 1
        # 130, or death by SIGINT once the message is out (Python re-raises an interrupt that reaches it while
        # the interpreter exits): a shell reports both as 130
        assert process.returncode in (130, -signal.SIGINT), err
        assert err.decode() in (
            "awesome-vos: interrupted; no output was changed\n",
            "awesome-vos: interrupted after the outputs were put in place; run the build again\n",
        )
        after = snapshot(root)
        if err.decode().endswith("no output was changed\n"):
            assert after == old
        else:
            assert after == new
        # the forked workers were stopped with the parent, so none wrote on into a staging folder
        assert not list(root.glob(".awesome-vos-staging-*"))
    assert interrupted, "every build finished before its signal; the test did not exercise Ctrl-C"
