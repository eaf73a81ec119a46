"""Leaderboard rows with every label the page shows, worked out and HTML-escaped once per row.

A page of 2,000 rows asked the template for some 40 values and helper calls a row, each escaped on output.
Here every text is escaped once (the source link once, not once per score cell), so the template prints the
rows with autoescaping off, as a plain loop. Every field is Markup or a number: nothing raw can reach it.
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


@dataclass(frozen=True, slots=True)
class Cell:
    """A score as printed, whether we computed it, and whether it is the column's best."""

    text: Markup
    computed: bool
    best: bool


@dataclass(frozen=True, slots=True)
class Line:
    """One ranked result, ready to print."""

    rank: int | None
    paper_id: Markup
    name: Markup
    year: int
    venue: Markup
    inconsistent: Markup | None
    variant: Markup
    backbone: Markup
    extra: Markup
    extra_flag: Markup
    family: Markup
    inference: Markup
    tasks: Markup
    cells: tuple[Cell | None, ...]
    fps: Markup
    hardware: Markup
    url: Markup
    locator: Markup
    quote: Markup
    """The source's quote (empty when it has none), shown in the source link's title after the locator."""
    note: Markup | None


def lines(catalog: Catalog, board: Leaderboard) -> list[Line]:
    """The board's standings as Lines, in rank order, one cell per column of the board."""
    result: list[Line] = []
    for standing in board.standings:
        row, entry = standing.row, standing.row.result
        cells: list[Cell | None] = []
        for metric in board.columns:
            score = row.scores.get(metric.id)
            best = score is not None and board.best.get(metric.id) == score.value
            cells.append(None if score is None else Cell(escape(score.text), score.computed, best))
        hardware = "" if entry.hardware is None else entry.hardware
        if entry.fps_note:
            hardware += f"; {entry.fps_note}"
        result.append(
            Line(
                rank=standing.rank,
                paper_id=escape(row.paper.id),
                name=escape(row.paper.name),
                year=row.paper.year,
                venue=escape(venue_label(catalog, row.paper)),
                inconsistent=None if entry.inconsistent is None else escape(entry.inconsistent),
                variant=escape(variant_label(entry)),
                backbone=escape(entry.backbone or ""),
                extra=escape(extra_data_label(entry)),
                extra_flag=escape(extra_data_flag(entry)),
                family=escape(backbone_family(entry.backbone)),
                inference=escape(entry.inference or NOT_STATED),
                tasks=escape(" ".join(row.paper.tasks)),
                cells=tuple(cells),
                fps=escape("" if not entry.fps else str(entry.fps)),
                hardware=escape(hardware),
                url=escape(entry.source.url),
                locator=escape(entry.source.locator),
                quote=escape(entry.source.quote or ""),
                note=None if entry.note is None else escape(entry.note),
            )
        )
    return result


OPTIONAL = ("variant", "backbone", "extra", "fps")
"""Descriptive columns a leaderboard shows only when some row fills them."""


def filled(rows: list[Line]) -> frozenset[str]:
    """The OPTIONAL columns that at least one line has a value for: a column empty in every row is dropped."""
    return frozenset(name for name in OPTIONAL if any(getattr(line, name) for line in rows))
