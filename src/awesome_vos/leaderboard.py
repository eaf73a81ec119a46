"""Leaderboards: a benchmark's rows ranked by its primary metric (plain data, no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .catalog import Catalog, Row
from .listing import NOT_STATED, backbone_family
from .models import Benchmark, Dataset, Hardware, Metric, Task


@dataclass(frozen=True, slots=True)
class Standing:
    """A row and its rank; rank is None when the row lacks the primary metric."""

    rank: int | None
    row: Row


@dataclass(frozen=True)
class Leaderboard:
    """One benchmark's table: the metric columns that have numbers, and the ranked rows."""

    benchmark: Benchmark
    dataset: Dataset
    task: Task
    columns: tuple[Metric, ...]
    standings: tuple[Standing, ...]
    best: Mapping[str, Decimal]
    """The best value of each column over all rows (by the metric's direction)."""
    devices: Mapping[str, Hardware]
    """The registered hardware the board's rows were timed on, by id."""

    @property
    def primary(self) -> Metric:
        """The metric rows are ranked by."""
        return next(metric for metric in self.benchmark.metrics if metric.id == self.benchmark.primary)


def _order(primary: Metric, row: Row) -> tuple[int, Decimal, str, str, str, int]:
    score = row.scores.get(primary.id)
    value = Decimal(0) if score is None else (-score.value if primary.higher_is_better else score.value)
    label = row.result.variant or ""
    return (score is None, value, row.paper.name.casefold(), label.casefold(), row.paper.id, row.index)


def _ranked(rows: Iterable[Row], primary: str) -> tuple[Standing, ...]:
    """Rows in order, best first, with their ranks: equal primary scores share one (1, 2, 2, 4); a row
    without the primary metric gets none."""
    standings: list[Standing] = []
    previous: Decimal | None = None
    current = 0
    for position, row in enumerate(rows, start=1):
        score = row.scores.get(primary)
        if score is not None and (previous is None or score.value != previous):
            current, previous = position, score.value
        standings.append(Standing(None if score is None else current, row))
    return tuple(standings)


def rank(catalog: Catalog, benchmark: Benchmark) -> Leaderboard:
    """Rank a benchmark's rows; equal primary scores share a rank (1, 2, 2, 4)."""
    primary = next(metric for metric in benchmark.metrics if metric.id == benchmark.primary)
    rows = sorted(catalog.rows_for(benchmark.id), key=lambda row: _order(primary, row))
    used = {metric for row in rows for metric in row.scores}
    columns = tuple(metric for metric in benchmark.metrics if metric.id in used or metric.id == primary.id)
    task = next(task for task in catalog.tasks if task.id == benchmark.task)
    best: dict[str, Decimal] = {}
    for metric in columns:
        values = [row.scores[metric.id].value for row in rows if metric.id in row.scores]
        if values:
            best[metric.id] = max(values) if metric.higher_is_better else min(values)
    dataset = catalog.datasets[benchmark.dataset]
    timed = sorted({row.result.hardware for row in rows if row.result.hardware is not None})
    devices = {identifier: catalog.hardware[identifier] for identifier in timed}
    return Leaderboard(benchmark, dataset, task, columns, _ranked(rows, primary.id), best, devices)


def by_method(board: Leaderboard) -> tuple[Standing, ...]:
    """One standing per method (paper), ranked among the methods (equal scores share a rank): its best own row
    with the primary metric, else its best re-evaluation by another paper, else (unranked, last) a row without
    the primary metric."""
    primary = board.primary.id
    order = sorted(
        enumerate(board.standings),
        key=lambda item: (
            primary not in item[1].row.scores,
            item[1].row.result.reported_by is not None,
            item[0],
        ),
    )
    chosen: dict[str, int] = {}
    for position, standing in order:
        chosen.setdefault(standing.row.paper.id, position)
    return _ranked((board.standings[position].row for position in sorted(chosen.values())), primary)


def leaderboards(catalog: Catalog) -> list[Leaderboard]:
    """Every benchmark's leaderboard, ordered by task (as in tasks.yaml), then benchmark name."""
    order = {task.id: position for position, task in enumerate(catalog.tasks)}
    benchmarks = sorted(catalog.benchmarks.values(), key=lambda item: (order[item.task], item.name, item.id))
    return [rank(catalog, benchmark) for benchmark in benchmarks]


@dataclass(frozen=True)
class Facets:
    """The values a leaderboard's rows can be filtered by, each sorted."""

    families: tuple[str, ...]
    extra: tuple[Dataset, ...]
    """Datasets some row trained on beyond the usual sets."""
    hardware: tuple[Hardware, ...]
    """Registered hardware of the timed rows; an FPS without GPU filters as 'unstated'."""
    unstated_hardware: bool
    inference: tuple[str, ...]
    reported: bool
    """Whether some row is a re-evaluation reported by another paper."""
    tasks: tuple[Task, ...]
    years: tuple[int, ...]


def facets(catalog: Catalog, board: Leaderboard) -> Facets:
    """Filter options that match at least one row of the board."""
    rows = [standing.row for standing in board.standings]
    tasks = {task for row in rows for task in row.paper.tasks}
    return Facets(
        families=tuple(sorted({backbone_family(catalog, row.result) for row in rows})),
        extra=tuple(
            catalog.datasets[item]
            for item in sorted({item for row in rows for item in row.result.extra_training_data or ()})
        ),
        hardware=tuple(board.devices.values()),
        unstated_hardware=any(row.result.fps is not None and row.result.hardware is None for row in rows),
        inference=tuple(sorted({row.result.inference or NOT_STATED for row in rows})),
        reported=any(row.result.reported_by is not None for row in rows),
        tasks=tuple(task for task in catalog.tasks if task.id in tasks),
        years=tuple(sorted({row.paper.year for row in rows})),
    )
