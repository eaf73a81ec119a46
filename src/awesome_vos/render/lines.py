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
    backbone_name,
    dataset_name,
    extra_data_flag,
    extra_data_label,
    hardware_key,
    hardware_name,
    reported_by_label,
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
    reported_by: Markup
    """'as reported by X' for a re-evaluation, else empty."""
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
    hardware_key: Markup
    url: Markup
    locator: Markup
    quote: Markup
    """The source's quote (empty when it has none), shown in the source link's title after the locator."""
    note: Markup | None


def lines(catalog: Catalog, board: Leaderboard) -> list[Line]:
    """The board's standings as Lines, in rank order, one cell per column of the board."""
    result: list[Line] = []
    names = dataset_name(catalog)
    for standing in board.standings:
        row, entry = standing.row, standing.row.result
        cells: list[Cell | None] = []
        for metric in board.columns:
            score = row.scores.get(metric.id)
            best = score is not None and board.best.get(metric.id) == score.value
            cells.append(None if score is None else Cell(escape(score.text), score.computed, best))
        hardware = "" if entry.fps is None else hardware_name(catalog, entry)
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
                reported_by=escape(reported_by_label(catalog, entry)),
                variant=escape(variant_label(entry)),
                backbone=escape(backbone_name(catalog, entry)),
                extra=escape(extra_data_label(entry, names)),
                extra_flag=escape(extra_data_flag(entry)),
                family=escape(backbone_family(catalog, entry)),
                inference=escape(entry.inference or NOT_STATED),
                tasks=escape(" ".join(row.paper.tasks)),
                cells=tuple(cells),
                fps=escape("" if not entry.fps else str(entry.fps)),
                hardware=escape(hardware),
                hardware_key=escape(hardware_key(entry)),
                url=escape(entry.source.url),
                locator=escape(entry.source.locator),
                quote=escape(entry.source.quote),
                note=None if entry.note is None else escape(entry.note),
            )
        )
    return result


OPTIONAL = ("variant", "backbone", "extra", "fps")
"""Descriptive columns a leaderboard shows only when some row fills them."""


def filled(rows: list[Line]) -> frozenset[str]:
    """The OPTIONAL columns that at least one line has a value for: a column empty in every row is dropped."""
    return frozenset(name for name in OPTIONAL if any(getattr(line, name) for line in rows))
