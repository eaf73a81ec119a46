"""Paper files started for a contributor: what we know filled in, the rest left as visible placeholders.

A placeholder is an empty value ("", [], or nothing) that the schema refuses, so `awesome-vos check` points at
each one with its line until it is filled; nothing half-made can pass validation silently.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DataError, DataErrors
from ..models import ID_PATTERN
from .schemas import modeline

PAPERS_DIR = "data/papers"

Value = str | int | list[str] | datetime.date | None

# What each placeholder asks for, written beside it as a comment.
_ASKS: dict[str, str] = {
    "title": "exact title as published",
    "method": "short method name for tables; remove the line if there is none",
    "authors": "[First Author, Second Author] as printed on the paper",
    "venue": "an id from data/venues.yaml (arxiv for a preprint)",
    "year": "year of publication",
    "arxiv": '"2207.07115": quoted, no version suffix; remove the line if none',
    "links.paper": "https:// page of the paper; remove the links you do not have",
    "links.code": "https:// official code repository",
    "tasks": "ids from data/tasks.yaml",
    "description": "one sentence in your own words",
    "sources": "- {url: https://..., locator: 'arXiv abstract page (title, authors)'}",
    "results": "result rows: see CONTRIBUTING.md",
}
_OPTIONAL = frozenset({"method", "arxiv", "links.paper", "links.code"})
_PLAIN = re.compile(r"[^\W\d_][\w .'-]*[\w.]|[^\W\d_]")
_YAML = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
"""libyaml where present: reading each value back is most of writing a draft with the pure-Python loader."""


@dataclass(frozen=True)
class Draft:
    """A paper file to write: known values, and None or empty for what the contributor must fill."""

    id: str
    title: str = ""
    method: str | None = None
    authors: list[str] = field(default_factory=list)
    venue: str = ""
    year: int | None = None
    arxiv: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    added: datetime.date = field(default_factory=datetime.date.today)

    @property
    def path(self) -> str:
        """Where the file goes, relative to the project root."""
        return f"{PAPERS_DIR}/{self.id}.yaml"

    def fields(self, *, skeleton: bool) -> list[tuple[str, Value]]:
        """(key, value) in file order; a skeleton keeps unknown optional fields as placeholders too."""
        links = {"paper": "", "code": "", **self.links} if skeleton else self.links
        entries: list[tuple[str, Value]] = [
            ("id", self.id),
            ("title", self.title),
            ("method", self.method or ""),
            ("authors", self.authors),
            ("venue", self.venue),
            ("year", self.year),
            ("arxiv", self.arxiv or ""),
            *((f"links.{name}", url) for name, url in links.items()),
            ("tasks", []),
            ("description", ""),
            ("added", self.added),
            ("sources", []),
            ("results", []),
        ]
        return [
            (key, value) for key, value in entries if skeleton or key not in _OPTIONAL or not _empty(value)
        ]

    def placeholders(self, *, skeleton: bool) -> tuple[list[str], list[str]]:
        """Fields the contributor must fill, and optional ones to fill or remove."""
        empty = [key for key, value in self.fields(skeleton=skeleton) if _empty(value) and key != "results"]
        return [key for key in empty if key not in _OPTIONAL], [key for key in empty if key in _OPTIONAL]

    def text(self, *, skeleton: bool) -> str:
        """The YAML file: schema line, then one line per field, placeholders commented with what they need."""
        lines = [modeline(self.path)]
        in_links = False
        for key, value in self.fields(skeleton=skeleton):
            name = key.removeprefix("links.")
            if key.startswith("links.") and not in_links:
                lines.append("links:")
                in_links = True
            indent = "  " if key.startswith("links.") else ""
            line = f"{indent}{name}: {_scalar(value)}".rstrip()
            ask = _ASKS.get(key) if _empty(value) else None
            lines.append(f"{line}  # {ask}" if ask else line)
        return "\n".join(lines) + "\n"


def _empty(value: Value) -> bool:
    return value is None or value == "" or value == []


def yaml_text(value: str) -> str:
    """Plain when YAML reads it back as the same text (names, ids), else JSON-quoted (valid YAML)."""
    if _PLAIN.fullmatch(value) and yaml.load(value, Loader=_YAML) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _scalar(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(item) for item in value) + "]"
    return yaml_text(value)


def id_problem(identifier: str) -> str | None:
    """Why `identifier` cannot name a paper file, or None when it can."""
    if re.fullmatch(ID_PATTERN, identifier) and len(identifier) <= 80:
        return None
    return (
        f"'{identifier}' is not a valid paper id: use lowercase letters, digits and single hyphens, "
        "at most 80 characters, like 'space-time-memory'"
    )


def write_drafts(root: Path, drafts: Iterable[Draft], *, skeleton: bool) -> None:
    """Create each draft's file; never overwrite one (raise DataErrors naming the file that exists)."""
    drafts = list(drafts)
    existing = [draft.path for draft in drafts if (root / draft.path).exists()]
    if existing:
        raise DataErrors(
            DataError(
                path, 1, 1, "", "a paper with this id already exists", "pick another id or edit that file"
            )
            for path in existing
        )
    for draft in drafts:
        target = root / draft.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(draft.text(skeleton=skeleton))
