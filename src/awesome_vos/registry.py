"""Registries (backbones, hardware, datasets): ids plus the spellings sources print, so a contributor who
writes 'R50' is told to write 'resnet-50' instead of getting a bare "unknown" error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

_NOT_ALNUM = re.compile(r"[^0-9a-z+]+")


def spelling_key(text: str) -> str:
    """What two spellings of one name share: 'R-50', 'r50' and 'R50' give 'r50'; '+' counts ('Hiera-B+')."""
    return _NOT_ALNUM.sub("", text.casefold())


@dataclass(frozen=True)
class Registry:
    """The ids of one registry and every known spelling (id, name, aliases) mapped to its id."""

    kind: str
    """What an entry is, for messages: 'backbone', 'hardware', 'dataset'."""
    file: str
    """Where entries are added, for hints: 'data/backbones.yaml'."""
    ids: frozenset[str]
    spellings: Mapping[str, str]

    def resolve(self, spelling: str) -> str | None:
        """The id a spelling stands for, or None."""
        return self.spellings.get(spelling_key(spelling))

    def hint(self, value: str) -> str:
        """For an unknown value: the id it spells, else the closest id, else where to add it."""
        found = self.resolve(value)
        if found is None:
            close = difflib.get_close_matches(spelling_key(value), list(self.spellings), n=1, cutoff=0.75)
            found = self.spellings[close[0]] if close else None
        if found is not None:
            return f"did you mean '{found}'?"
        return f"add it to {self.file} or use one of: {', '.join(sorted(self.ids)[:8])}"


def build_registry(
    kind: str, file: str, entries: Iterable[tuple[str, Iterable[str]]]
) -> tuple[Registry, list[tuple[str, int, str]]]:
    """A registry from (id, spellings) pairs, and the clashes: (id, index of the spelling, other id) for a
    spelling that two entries claim, which would make an alias ambiguous."""
    ids: set[str] = set()
    spellings: dict[str, str] = {}
    clashes: list[tuple[str, int, str]] = []
    for identifier, names in entries:
        if identifier in ids:
            continue  # a duplicate id is reported as such, not as a clash of each of its spellings
        ids.add(identifier)
        for index, name in enumerate((identifier, *names)):
            key = spelling_key(name)
            other = spellings.setdefault(key, identifier)
            if other != identifier:
                clashes.append((identifier, index, other))
    return Registry(kind, file, frozenset(ids), MappingProxyType(spellings)), clashes
