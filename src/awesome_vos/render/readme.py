"""README.md: the awesome list itself, with a performance table per benchmark."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from ..catalog import Catalog
from ..leaderboard import Leaderboard
from ..listing import (
    backbone_name,
    dataset_name,
    extra_data_label,
    hardware_name,
    paper_url,
    reported_by_label,
    sections,
    variant_label,
    venue_label,
)
from .charts import plans
from .markdown_blocks import References, table
from .text import markdown_text

UNRANKED = "\u2013"
README_ROWS = 25
"""Rows per README table: the rest are on the site's full leaderboard (GitHub stops rendering huge READMEs)."""


def leaderboard_table(catalog: Catalog, board: Leaderboard, refs: References) -> str:
    """The benchmark's ranked rows as an aligned Markdown table; computed scores in italics."""
    headers = [
        "#",
        "Method",
        "Variant",
        "Backbone",
        "Extra data",
        *(markdown_text(m.label) for m in board.columns),
    ]
    headers += ["FPS", "Source"]
    right = [True, False, False, False, False, *(True for _ in board.columns), False, False]
    rows = []
    for standing in board.standings[:README_ROWS]:
        row, result = standing.row, standing.row.result
        reported = reported_by_label(catalog, result)
        method = (
            refs.link(markdown_text(row.paper.name), paper_url(row.paper))
            + (" †" if result.inconsistent else "")
            + (f" ({markdown_text(reported)})" if reported else "")
        )
        scores = []
        for metric in board.columns:
            score = row.scores.get(metric.id)
            scores.append("" if score is None else f"_{score.text}_" if score.computed else score.text)
        fps = "" if result.fps is None else f"{result.fps} ({markdown_text(hardware_name(catalog, result))})"
        rows.append(
            [
                str(standing.rank) if standing.rank else UNRANKED,
                method,
                markdown_text(variant_label(result)),
                markdown_text(backbone_name(catalog, result)),
                markdown_text(extra_data_label(result, dataset_name(catalog))),
                *scores,
                fps,
                refs.link(markdown_text(result.source.locator), result.source.url),
            ]
        )
    return table(headers, right, rows)


def render_readme(catalog: Catalog, env: jinja2.Environment, boards: Sequence[Leaderboard]) -> str:
    """The whole README from templates/README.md.j2 (charts of featured benchmarks are linked, not drawn)."""
    refs = References()
    return env.get_template("README.md.j2").render(
        catalog=catalog,
        sections=sections(catalog),
        datasets=sorted(catalog.datasets.values(), key=lambda item: (item.name.casefold(), item.id)),
        leaderboards=[board for board in boards if board.standings],
        chart_plans=plans,
        readme_rows=README_ROWS,
        refs=refs,
        leaderboard_table=lambda board: leaderboard_table(catalog, board, refs),
        paper_url=paper_url,
        venue_label=lambda paper: venue_label(catalog, paper),
    )
