"""GitHub Actions annotations for data errors, so that a pull request's errors show on the changed lines.

A workflow command `::error file=...,line=...,col=...,title=...::message` printed on a runner becomes an
annotation in the run and on the pull request's diff. Paths are relative to the repository's root (the
runner's GITHUB_WORKSPACE), whatever --root the command was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import DataError


def _data(text: str) -> str:
    """Escape a command's message: %, CR and LF would otherwise end or corrupt it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property value: as a message, plus the `:` and `,` that separate properties."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _repository_path(root: Path, file: str, workspace: Path) -> str:
    """`file` (relative to `root`) relative to the repository's root, or absolute when outside it."""
    path, base = (root / file).resolve(), workspace.resolve()
    return (path.relative_to(base) if path.is_relative_to(base) else path).as_posix()


def error_commands(errors: Iterable[DataError], root: Path, workspace: Path) -> str:
    """One `::error` command per error, each on its own line; `workspace` is the repository's root (on GitHub,
    GITHUB_WORKSPACE)."""
    lines = []
    for error in errors:
        place = ",".join(
            [
                f"file={_property(_repository_path(root, error.file, workspace))}",
                f"line={error.line}",
                f"col={error.column}",
                f"title={_property(error.field or 'awesome-vos')}",
            ]
        )
        message = f"{error.message}\nhint: {error.hint}" if error.hint else error.message
        lines.append(f"::error {place}::{_data(message)}\n")
    return "".join(lines)
