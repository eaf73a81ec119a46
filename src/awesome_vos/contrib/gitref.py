"""The data/ folder as it was at a git ref, unpacked into a temporary project for comparison.

`git archive` gives the committed files without touching the work tree, the index or any branch, so a diff
can run in the middle of someone's edits (or on CI's merge commit) and leave the checkout exactly as it was.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATA = "data"


class GitError(Exception):
    """git could not give the data at a ref: not a repository, an unknown ref, or no data/ there."""


def _git(root: Path, *arguments: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {arguments[0]} failed")
    return done.stdout


def resolve(root: Path, ref: str) -> str:
    """The commit id `ref` names in the repository at `root`."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"unknown git ref '{ref}'; fetch it first (e.g. `git fetch origin main`)") from None
    return commit.decode().strip()


@contextmanager
def data_at(root: Path, ref: str) -> Iterator[Path]:
    """A temporary project root holding data/ as committed at `ref`; removed on exit."""
    commit = resolve(root, ref)
    archive = _git(root, "archive", "--format=tar", commit, "--", DATA)
    with (
        tempfile.TemporaryDirectory(prefix="awesome-vos-") as folder,
        tarfile.open(fileobj=io.BytesIO(archive)) as tar,
    ):
        tar.extractall(folder, filter="data")
        yield Path(folder)
