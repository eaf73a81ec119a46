"""Writing outputs so that a build killed at any moment leaves each output wholly old or wholly new, and
nothing outside the project is ever written or deleted.

The site is assembled in a staging tree beside it as pages are rendered (unchanged files are hard links to the
old ones, so they keep their inode and time stamp), then swapped into place in one atomic exchange. Single
files outside the site (README.md, chart images) are first written to temporary files beside their targets;
only when every byte of every output is on disk are they renamed into place, so a full disk or any other
write error leaves every output as it was. Each output place is checked before anything is written: a
symbolic link, or a file where a folder belongs (or the reverse), is refused rather than followed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import secrets
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STAGING_PREFIX = ".awesome-vos-staging-"
Content = bytes | Iterable[bytes]
"""A file's bytes, whole or in pieces."""
Put = Callable[[str, Content], bool]
"""Stores one site file (path under site/); True when it is new or changed."""
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """An output place that cannot be written safely (a link, or a file where a folder belongs)."""


def check_places(root: Path, files: Iterable[str], folders: Iterable[str]) -> None:
    """Refuse output `files` and `folders` (paths under `root`) that are symbolic links or of the wrong kind.

    A missing place is fine (it is created); an existing one must be a real file, or a real folder, so that
    writing or clearing it can never reach outside the project.
    """
    wanted = [(name, True) for name in folders] + [(name, False) for name in files]  # parents first
    for name, folder in wanted:
        try:
            mode = os.lstat(root / name).st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise OutputError(f"{name} cannot be examined ({error.strerror})") from None
        if stat.S_ISLNK(mode):
            raise OutputError(
                f"{name} is a symbolic link; outputs are written only inside the project, so "
                f"remove the link (the build recreates {name})"
            )
        if folder and not stat.S_ISDIR(mode):
            raise OutputError(f"{name} should be a folder but is a file; remove it (the build recreates it)")
        if not folder and not stat.S_ISREG(mode):
            raise OutputError(
                f"{name} should be a file but is not a regular file; remove it (the build recreates it)"
            )


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while outputs are renamed into place, so an interruption lands before or after
    publishing, never between two outputs; a signal that arrived meanwhile takes effect on leaving."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _writing(shown: Path) -> Iterator[None]:
    """Name `shown` in a write error that names no file (a failed write() knows only its descriptor)."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, str(shown)) from None
        raise


@dataclass(frozen=True)
class WriteReport:
    """What a write did, for the CLI to summarise."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def _temporary(path: Path, content: bytes) -> Path:
    """`content` in a new temporary file beside `path` (created exclusively: never through a link)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o644)  # mkstemp's 0600 would make outputs private to their builder
        with _writing(path), os.fdopen(handle, "wb") as stream:
            stream.write(content)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def replace_file(path: Path, content: bytes) -> None:
    """Replace `path` by `content` atomically: a kill leaves the old bytes or the new ones."""
    os.replace(_temporary(path, content), path)


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


_CREATED: list[Path] = []
"""Staging trees made by this process, recorded before they exist, so that an interrupt landing between a
tree's creation and its writer taking charge of it still finds the tree (`remove_created_staging`)."""


def _new_staging(root: Path) -> Path:
    """An empty staging tree under `root` with a fresh name, private to this user."""
    while True:
        path = root / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
        _CREATED.append(path)
        try:
            path.mkdir(mode=0o700)
            return path
        except FileExistsError:
            _CREATED.remove(path)  # not ours


def _remove_staging(path: Path) -> None:
    """Remove one staging tree this process made, and forget it."""
    shutil.rmtree(path, ignore_errors=True)
    if path in _CREATED:
        _CREATED.remove(path)


def remove_created_staging() -> None:
    """Remove every staging tree this process made and still holds (after an interrupt; the writers' workers
    are stopped by then, so nothing writes into them any more)."""
    for path in list(_CREATED):
        _remove_staging(path)


def _clear_stale_staging(root: Path) -> None:
    """Remove staging trees that a killed build left behind (a link or file by that name is unlinked itself,
    never followed)."""
    for path in root.glob(f"{STAGING_PREFIX}*"):
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
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
        self.staging = _new_staging(root)

    def put(self, path: str, content: Content) -> bool:
        """Stage one file (path relative to the site), whole or in pieces (a large page is never held in
        memory at once); True when it is new or its bytes changed."""
        destination = self.staging / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        with _writing(self.target / path), destination.open("wb") as stream:
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
        _remove_staging(self.staging)


@dataclass
class PreparedFiles:
    """Single files written to temporary files beside their targets, to be renamed into place together."""

    root: Path
    temporaries: dict[str, Path] = field(default_factory=dict)
    """Changed file -> its temporary file."""
    stale: list[str] = field(default_factory=list)
    """Files in managed folders that no longer belong there."""
    unchanged: int = 0

    def commit(self) -> WriteReport:
        """Rename every temporary file into place and remove the stale files."""
        for name, temporary in sorted(self.temporaries.items()):
            os.replace(temporary, self.root / name)
        for name in self.stale:
            (self.root / name).unlink(missing_ok=True)
        written, self.temporaries = tuple(sorted(self.temporaries)), {}
        return WriteReport(written, tuple(self.stale), self.unchanged)

    def abort(self) -> None:
        """Remove the temporary files not renamed into place."""
        for temporary in self.temporaries.values():
            temporary.unlink(missing_ok=True)
        self.temporaries = {}


def prepare_files(root: Path, files: Mapping[str, bytes], managed: tuple[str, ...] = ()) -> PreparedFiles:
    """Write the files whose bytes changed to temporary files and list the stale files in `managed` folders;
    nothing is in place until `commit` (on an error here, the temporary files are removed)."""
    prepared = PreparedFiles(root)
    for folder in managed:
        directory = root / folder
        present = sorted(_files(directory)) if directory.is_dir() else []
        prepared.stale += [f"{folder}/{path}" for path in present if f"{folder}/{path}" not in files]
    try:
        for name, content in sorted(files.items()):
            if _same(root / name, content):
                prepared.unchanged += 1
            else:
                prepared.temporaries[name] = _temporary(root / name, content)
    except BaseException:
        prepared.abort()
        raise
    return prepared


def publish(site: SiteWriter, staged: Mapping[str, bool], files: PreparedFiles) -> WriteReport:
    """Swap the staged site in and rename the prepared files into place, with Ctrl-C held meanwhile; one
    report for both."""
    try:
        with signals_deferred():
            site_report = site.commit(staged)
            files_report = files.commit()
    finally:
        files.abort()
    return WriteReport(
        site_report.written + files_report.written,
        site_report.removed + files_report.removed,
        site_report.unchanged + files_report.unchanged,
    )
