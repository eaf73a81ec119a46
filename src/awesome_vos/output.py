"""Writing outputs so that a build killed at any moment leaves each output wholly old or wholly new.

The site is assembled in a staging tree beside it as pages are rendered (unchanged files are hard links to the
old ones, so they keep their inode and time stamp), then swapped into place in one atomic exchange. Single
files outside the site (README.md, chart images) are replaced atomically one by one, and only when their
bytes change.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

STAGING_PREFIX = ".awesome-vos-staging-"
Content = bytes | Iterable[bytes]
"""A file's bytes, whole or in pieces."""
Put = Callable[[str, Content], bool]
"""Stores one site file (path under site/); True when it is new or changed."""
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True)
class WriteReport:
    """What a write did, for the CLI to summarise."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def _replace(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sized(path: Path, size: int) -> bool:
    """Whether `path` is a regular file (not a link) of `size` bytes: the cheap test before comparing bytes."""
    return path.is_file() and not path.is_symlink() and path.stat().st_size == size


def _same(path: Path, content: bytes) -> bool:
    return _sized(path, len(content)) and path.read_bytes() == content


def _same_file(old: Path, new: Path) -> bool:
    """Whether `old` is a regular file with the bytes of `new`, read block by block (pages can be large)."""
    if not _sized(old, new.stat().st_size):
        return False
    with old.open("rb") as first, new.open("rb") as second:
        while True:
            block = first.read(1 << 16)
            if block != second.read(1 << 16):
                return False
            if not block:
                return True


def _exchange(first: Path, second: Path) -> None:
    """Swap two directories atomically (Linux renameat2); elsewhere, two renames in quick succession."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        status = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        if status == 0:
            return
    parked = first.with_name(first.name + ".old")
    os.rename(first, parked)
    os.rename(second, first)
    os.rename(parked, second)


def _clear_stale_staging(root: Path) -> None:
    """Remove staging trees that a killed build left behind."""
    for path in root.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)


def _files(directory: Path) -> set[str]:
    """Paths of the regular files under `directory`, relative to it (os.walk: pathlib's rglob is 3x slower)."""
    found: set[str] = set()
    for folder, _, names in os.walk(directory):
        prefix = os.path.relpath(folder, directory).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names if os.path.isfile(os.path.join(folder, name)))
    return found


class SiteWriter:
    """Stage a new `root/name` beside the old one, file by file as pages are rendered, then swap it in.

    `put` may be called from forked workers: each writes its own files into the staging tree, so no page is
    held in memory. A file whose bytes did not change is a hard link to the old one (same inode and time
    stamp). When no file changed and none went away, the old tree is kept untouched.
    """

    def __init__(self, root: Path, name: str) -> None:
        _clear_stale_staging(root)
        self.target = root / name
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))

    def put(self, path: str, content: Content) -> bool:
        """Stage one file (path relative to the site), whole or in pieces (a large page is never held in
        memory at once); True when it is new or its bytes changed."""
        destination = self.staging / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("wb") as stream:
            stream.writelines([content] if isinstance(content, bytes) else content)
        old = self.target / path
        if _same_file(old, destination):
            destination.unlink()
            os.link(old, destination)
            return False
        return True

    def commit(self, staged: Mapping[str, bool]) -> WriteReport:
        """Swap the staged tree in (or drop it when nothing changed); `staged` has every path given to `put`
        and whether it was new or changed (the workers' calls are not seen here, so they are passed back)."""
        try:
            changed = [path for path, written in staged.items() if written]
            old = _files(self.target) if self.target.is_dir() else set()
            removed = tuple(sorted(old - staged.keys()))
            if not changed and not removed:
                return WriteReport((), (), len(staged))
            os.chmod(self.staging, 0o755)
            if self.target.is_dir():
                _exchange(self.target, self.staging)
            else:
                os.rename(self.staging, self.target)
            return WriteReport(tuple(sorted(changed)), removed, len(staged) - len(changed))
        finally:
            self.abort()

    def abort(self) -> None:
        """Remove the staging tree (after a swap it holds the old site)."""
        shutil.rmtree(self.staging, ignore_errors=True)


def write_files(root: Path, files: Mapping[str, bytes], managed: tuple[str, ...] = ()) -> WriteReport:
    """Write single files atomically, only those whose bytes changed; stale files in `managed` folders go."""
    written: list[str] = []
    unchanged = 0
    for name, content in sorted(files.items()):
        if _same(root / name, content):
            unchanged += 1
        else:
            _replace(root / name, content)
            written.append(name)
    removed: list[str] = []
    for folder in managed:
        directory = root / folder
        for path in sorted(_files(directory)) if directory.is_dir() else []:
            if f"{folder}/{path}" not in files:
                (directory / path).unlink()
                removed.append(f"{folder}/{path}")
    return WriteReport(tuple(written), tuple(removed), unchanged)
