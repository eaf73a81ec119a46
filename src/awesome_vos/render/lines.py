"""Leaderboard rows with every label the page shows, worked out once per row before templating.

A page of 2,000 rows asked the template for some 40 values and helper calls a row; computing them here
(and escaping the source link once, not once per score cell) keeps the template a plain loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..catalog import Catalog
from ..leaderboard import Leaderboard
from ..listing import (
    NOT_STATED,
    backbone_family,
    extra_data_flag,
    extra_data_label,
    variant_label,
    venue_label,
)
from ..models import Paper


@dataclass(frozen=True, slots=True)
class Cell:
    """A score as printed, whether we computed it, and whether it is the column's best."""

    text: str
    computed: bool
    best: bool


@dataclass(frozen=True, slots=True)
class Line:
    """One ranked result, ready to print."""

    rank: int | None
    paper: Paper
    venue: str
    inconsistent: str | None
    variant: str
    backbone: str
    extra: str
    extra_flag: str
    family: str
    inference: str
    tasks: str
    cells: tuple[Cell | None, ...]
    fps: str
    hardware: str
    url: Markup
    locator: Markup


def lines(catalog: Catalog, board: Leaderboard) -> list[Line]:
    """The board's standings as Lines, in rank order, one cell per column of the board."""
    result: list[Line] = []
    for standing in board.standings:
        row, entry = standing.row, standing.row.result
        cells: list[Cell | None] = []
        for metric in board.columns:
            score = row.scores.get(metric.id)
            best = score is not None and board.best.get(metric.id) == score.value
            cells.append(None if score is None else Cell(score.text, score.computed, best))
        hardware = "" if entry.hardware is None else entry.hardware
        if entry.fps_note:
            hardware += f"; {entry.fps_note}"
        result.append(
            Line(
                rank=standing.rank,
                paper=row.paper,
                venue=venue_label(catalog, row.paper),
                inconsistent=entry.inconsistent,
                variant=variant_label(entry),
                backbone=entry.backbone or "",
                extra=extra_data_label(entry),
                extra_flag=extra_data_flag(entry),
                family=backbone_family(entry.backbone),
                inference=entry.inference or NOT_STATED,
                tasks=" ".join(row.paper.tasks),
                cells=tuple(cells),
                fps="" if not entry.fps else str(entry.fps),
                hardware=hardware,
                url=escape(entry.source.url),
                locator=escape(entry.source.locator),
            )
        )
    return result
