"""Writing outputs: only files whose bytes changed are touched, each replaced atomically; stale files go."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


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


def write_outputs(root: Path, files: Mapping[str, bytes], managed: str) -> WriteReport:
    """Write `files` under `root`; files under the `managed` directory that are not in `files` are removed."""
    written: list[str] = []
    unchanged = 0
    for name, content in sorted(files.items()):
        path = root / name
        if path.is_file() and not path.is_symlink() and path.read_bytes() == content:
            unchanged += 1
            continue
        _replace(path, content)
        written.append(name)
    removed: list[str] = []
    directory = root / managed
    if directory.is_dir():
        for path in sorted(directory.rglob("*"), reverse=True):
            name = path.relative_to(root).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif name not in files:
                path.unlink()
                removed.append(name)
    return WriteReport(tuple(written), tuple(sorted(removed)), unchanged)
