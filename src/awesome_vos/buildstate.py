"""Whether a build may stop early: a fingerprint of everything that determines the outputs, and a manifest of
the outputs the last successful build left, kept in .cache/build-state.json.

A rebuild with nothing changed then costs a hash of the inputs, a hash of the bytes of README.md and charts/
(what `check` vouches for) and a stat() of the site's files instead of a whole build. Any doubt (no state, an
unreadable, empty or corrupt one, a changed input, a touched output) means a full build, which validates the
data as always. Only the standard library is imported here, so the check itself is quick.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from . import places
from .output import replace_file

STATE = Path(places.STATE)
INPUTS = ("data", "templates")
OUTPUTS = places.OUTPUTS
LIBRARIES = ("jinja2", "markdown", "matplotlib", "nh3", "pydantic", "pyyaml", "feedgen")
"""Libraries whose release can change the bytes of an output."""


def _tree(folder: Path | str, name: str, ignore: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file and folder under `folder` (none if it is missing) as (`name`/its path, its entry), in sorted
    order so that the hash does not follow the file system's listing order; folders named `ignore` left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = f"{name}/{entry.name}"
        if entry.is_dir():
            if entry.name != ignore:
                yield path, entry
                yield from _tree(entry.path, path, ignore)
        else:
            yield path, entry


def _contents(folder: Path, name: str, ignore: str = "") -> Iterator[bytes]:
    """Each file's path and bytes, and each folder's path (an empty folder in data/ is an error the build must
    still report); a file that cannot be read counts as such (the build reports it if it matters)."""
    for path, entry in _tree(folder, name, ignore):
        if entry.is_dir():
            yield f"{path}/\0".encode()
            continue
        if not entry.is_file(follow_symlinks=False):
            # a link, FIFO, socket or device is never opened here (a FIFO would block); the build refuses it
            yield f"{path}\0special\0".encode()
            continue
        try:
            with open(entry.path, "rb") as stream:
                content = stream.read()
        except OSError:
            yield f"{path}\0unreadable\0".encode()
            continue
        yield f"{path}\0{len(content)}\0".encode()
        yield content


def _version(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _contents_digest(root: Path) -> str:
    """A hash of this generator's code, the data and the templates."""
    digest = hashlib.sha256()
    chunks = [_contents(Path(__file__).resolve().parent, "awesome_vos", ignore="__pycache__")]
    chunks += [_contents(root / name, name) for name in INPUTS]
    for chunk in itertools.chain.from_iterable(chunks):
        digest.update(chunk)
    return digest.hexdigest()


def _fingerprint(contents: str, search: bool) -> str:
    environment = {
        "python": sys.version,
        "libraries": {library: _version(library) for library in LIBRARIES},
        "options": {"search": search},
        "contents": contents,
    }
    return hashlib.sha256(json.dumps(environment, sort_keys=True).encode()).hexdigest()


def inputs_fingerprint(root: Path, search: bool) -> str:
    """A hash of the data, the templates, the build options, this generator's code and the library versions."""
    return _fingerprint(_contents_digest(root), search)


READ = (places.README, places.CHARTS)
"""Outputs whose bytes the manifest hashes (check vouches for them; they are small); the site's thousands of
files are known by path, size, mtime and inode."""


def outputs_manifest(root: Path) -> str:
    """A hash of the path, size, mtime and inode of every output file, and of the bytes of README.md and the
    charts, so an edited, replaced, added or deleted output is noticed."""
    digest = hashlib.sha256()
    for name in OUTPUTS:
        path = root / name
        files = _tree(path, name) if path.is_dir() else [(name, path)] if os.path.lexists(path) else []
        for relative, file in files:
            if file.is_dir():
                continue
            status = file.stat(follow_symlinks=False)
            digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ino}\n".encode())
            if name in READ and stat.S_ISREG(status.st_mode):
                with open(file, "rb") as stream:
                    digest.update(hashlib.sha256(stream.read()).digest())
    return digest.hexdigest()


def _state_matches(root: Path, inputs: set[str]) -> bool:
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(state, dict)
        and state.get("inputs") in inputs
        and state.get("outputs") == outputs_manifest(root)
    )


def up_to_date(root: Path, inputs: str) -> bool:
    """Whether the last successful build had these inputs and its outputs are still as it left them."""
    return _state_matches(root, {inputs})


def unchanged_since_build(root: Path) -> bool:
    """Whether the last successful build, with or without the search index, had today's inputs and left the
    outputs as they are: it then validated this data and wrote this README.md (check's fast path)."""
    contents = _contents_digest(root)
    return _state_matches(root, {_fingerprint(contents, search) for search in (True, False)})


def record(root: Path, inputs: str) -> None:
    """Store the state of a build that just succeeded, replaced atomically so a kill leaves old or new; an
    unchanged state is not rewritten, so that a build with nothing to do writes nothing."""
    path = root / STATE
    state = (json.dumps({"inputs": inputs, "outputs": outputs_manifest(root)}, indent=2) + "\n").encode()
    if path.is_file() and path.read_bytes() == state:
        return
    replace_file(path, state)
