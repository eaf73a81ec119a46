"""One error type for everything a contributor can get wrong, so every report looks the same."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """A problem in one data file, at a line and column, in a field, with what to do about it."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def render(self) -> str:
        """Format as `file:line:column: field: message` plus an indented hint line."""
        where = f"{self.file}:{self.line}:{self.column}"
        head = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head


class DataErrors(Exception):
    """Raised once per run with every error found, sorted by file and position."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, then a one-line count, as printed by the CLI."""
        files = len({error.file for error in self.errors})
        count = len(self.errors)
        summary = f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        return "\n".join([*(error.render() for error in self.errors), summary])


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_&-]+")


def field_path(path: Iterable[str | int]) -> str:
    """Turn ('results', 0, 'metrics', 'jf') into 'results[0].metrics.jf'; odd keys are quoted: ["a b"]."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
        else:
            text += f".{part}" if text else part
    return text
