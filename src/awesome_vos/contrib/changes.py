"""What a change to the data does: entries added, removed or edited, result rows, and leaderboard ranks.

A pure comparison of two Catalogs (before and after) and its Markdown summary, posted on pull requests so a
reviewer sees the effect of a YAML edit (a paper entering DAVIS 2017 at #2) without building anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..catalog import Catalog, Row
from ..leaderboard import Standing, rank
from ..listing import variant_label, venue_label
from ..models import dump

# A result row is the same row before and after when these agree; everything else is an edit of it.
_ROW_IDENTITY: dict[str, Any] = {
    "benchmark": True,
    "variant": True,
    "backbone": True,
    "extra_training_data": True,
    "resolution": True,
    "frame_sampling": True,
    "inference": True,
    "tta": True,
    "reported_by": True,
    "source": {"url"},
}
RowKey = tuple[str, str, int]


@dataclass(frozen=True)
class EntryChange:
    """A paper, dataset or benchmark added, removed or edited (with the fields that changed)."""

    kind: str
    id: str
    label: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowChange:
    """A result row added, removed or edited; `details` says what changed or what it scores."""

    paper: str
    benchmark: str
    variant: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Move:
    """A row whose rank differs; None is "not on the board" (or not ranked) on that side."""

    label: str
    before: int | None
    after: int | None
    score: str


@dataclass(frozen=True)
class BoardChange:
    """One leaderboard's rank changes, best rank first."""

    benchmark: str
    name: str
    metric: str
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two catalogs."""

    added: tuple[EntryChange, ...]
    removed: tuple[EntryChange, ...]
    edited: tuple[EntryChange, ...]
    rows_added: tuple[RowChange, ...]
    rows_removed: tuple[RowChange, ...]
    rows_edited: tuple[RowChange, ...]
    boards: tuple[BoardChange, ...]

    def __bool__(self) -> bool:
        return any(
            (self.added, self.removed, self.edited, self.rows_added, self.rows_removed, self.rows_edited)
        ) or any(board.moves for board in self.boards)


def _differing(before: Mapping[str, Any], after: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Names of the fields (one level into mappings, as in links.code) whose values differ."""
    names: list[str] = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict) and not prefix:
            names.extend(_differing(old, new, f"{key}."))
        else:
            names.append(f"{prefix}{key}")
    return names


def _entry_label(catalog: Catalog, kind: str, key: str) -> str:
    if kind == "paper":
        paper = catalog.papers[key]
        return f"{paper.name} ({venue_label(catalog, paper)})"
    return catalog.datasets[key].name if kind == "dataset" else catalog.benchmarks[key].name


def _entries(kind: str, before: Catalog, after: Catalog) -> tuple[list[EntryChange], ...]:
    """Added, removed and edited entries of one kind; a paper's results are compared as rows instead."""
    attribute = f"{kind}s"
    old: Mapping[str, Any] = getattr(before, attribute)
    new: Mapping[str, Any] = getattr(after, attribute)
    added = [
        EntryChange(kind, key, _entry_label(after, kind, key)) for key in sorted(new.keys() - old.keys())
    ]
    removed = [
        EntryChange(kind, key, _entry_label(before, kind, key)) for key in sorted(old.keys() - new.keys())
    ]
    edited = []
    for key in sorted(old.keys() & new.keys()):
        fields = _differing(
            dump(old[key], mode="json", exclude={"results"}),
            dump(new[key], mode="json", exclude={"results"}),
        )
        if fields:
            edited.append(EntryChange(kind, key, _entry_label(after, kind, key), tuple(fields)))
    return added, removed, edited


def _keys(rows: Iterable[Row]) -> list[RowKey]:
    """Each row's identity, in order; the rare rows that share one get a running number."""
    seen: Counter[tuple[str, str]] = Counter()
    keys: list[RowKey] = []
    for row in rows:
        identity = (
            row.paper.id,
            json.dumps(dump(row.result, mode="json", include=_ROW_IDENTITY), sort_keys=True),
        )
        keys.append((*identity, seen[identity]))
        seen[identity] += 1
    return keys


def _label(row: Row) -> str:
    variant = variant_label(row.result)
    return f"{row.paper.name} ({variant})" if variant else row.paper.name


def _metric_labels(catalog: Catalog, row: Row) -> dict[str, str]:
    return {metric.id: metric.label for metric in catalog.benchmarks[row.result.benchmark].metrics}


def _scored(catalog: Catalog, row: Row) -> RowChange:
    """An added or removed row with the scores it prints."""
    labels = _metric_labels(catalog, row)
    scores = tuple(
        f"{labels[metric]} {score.text}" for metric, score in row.scores.items() if not score.computed
    )
    return RowChange(row.paper.name, row.result.benchmark, variant_label(row.result), scores)


def _edited(catalog: Catalog, before: Row, after: Row) -> RowChange | None:
    """An edited row with each changed number (86.2 → 86.4) and the names of other changed fields."""
    labels = _metric_labels(catalog, after)
    printed = before.result.metrics.keys() | after.result.metrics.keys()
    details = []
    for metric in [*(key for key in labels if key in printed), *sorted(printed - labels.keys())]:
        old, new = (
            format(value, "f") if value is not None else "none"
            for value in (before.result.metrics.get(metric), after.result.metrics.get(metric))
        )
        if old != new:
            details.append(f"{labels.get(metric, metric)} {old} → {new}")
    details += _differing(
        dump(before.result, mode="json", exclude={"metrics"}),
        dump(after.result, mode="json", exclude={"metrics"}),
    )
    if not details:
        return None
    return RowChange(after.paper.name, after.result.benchmark, variant_label(after.result), tuple(details))


def _standings(catalog: Catalog, benchmark: str) -> dict[RowKey, Standing]:
    if benchmark not in catalog.benchmarks:
        return {}
    standings = rank(catalog, catalog.benchmarks[benchmark]).standings
    return dict(zip(_keys(standing.row for standing in standings), standings, strict=True))


def _board(before: Catalog, after: Catalog, benchmark: str) -> BoardChange:
    """The rank changes of one benchmark's leaderboard, by its primary metric on the newer side."""
    old, new = _standings(before, benchmark), _standings(after, benchmark)
    board = (after if benchmark in after.benchmarks else before).benchmarks[benchmark]
    primary = next(metric for metric in board.metrics if metric.id == board.primary)
    moves = []
    for key in old.keys() | new.keys():
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was.rank == now.rank:
            continue
        standing = now if now is not None else was
        assert standing is not None
        score = standing.row.scores.get(primary.id)
        moves.append(
            Move(
                _label(standing.row),
                was.rank if was else None,
                now.rank if now else None,
                score.text if score else "no score",
            )
        )
    moves.sort(key=lambda move: (move.after is None, move.after or 0, move.before or 0, move.label))
    return BoardChange(benchmark, board.name, primary.label, tuple(moves))


def compare(before: Catalog, after: Catalog) -> Changes:
    """Every difference from `before` to `after`, in a stable order."""
    added: list[EntryChange] = []
    removed: list[EntryChange] = []
    edited: list[EntryChange] = []
    for kind in ("paper", "dataset", "benchmark"):
        more_added, more_removed, more_edited = _entries(kind, before, after)
        added += more_added
        removed += more_removed
        edited += more_edited
    old = dict(zip(_keys(before.rows), before.rows, strict=True))
    new = dict(zip(_keys(after.rows), after.rows, strict=True))
    rows_edited = (_edited(after, old[key], new[key]) for key in sorted(old.keys() & new.keys()))
    boards = (
        _board(before, after, key) for key in sorted(before.benchmarks.keys() | after.benchmarks.keys())
    )
    return Changes(
        added=tuple(added),
        removed=tuple(removed),
        edited=tuple(edited),
        rows_added=tuple(_scored(after, new[key]) for key in sorted(new.keys() - old.keys())),
        rows_removed=tuple(_scored(before, old[key]) for key in sorted(old.keys() - new.keys())),
        rows_edited=tuple(row for row in rows_edited if row is not None),
        boards=tuple(board for board in boards if board.moves),
    )
