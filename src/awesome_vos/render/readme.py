"""README.md: the awesome list itself, led by the flagship benchmarks' tables (one row per method)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import jinja2

from ..catalog import Catalog, Row
from ..leaderboard import Leaderboard, Standing, by_method
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
"""Methods per README table: the rest are on the site's full leaderboard (GitHub stops rendering huge READMEs)."""

Column = tuple[str, bool, Callable[[Standing], str]]
"""A README table column: header, right-aligned, and the cell of a standing."""


def source_label(catalog: Catalog, row: Row) -> str:
    """`src-<paper>-<n>` for the n-th distinct source URL of the paper's results (in file order): a label only
    the paper's own file decides, so a new paper never relabels another's rows."""
    urls = dict.fromkeys(other.result.source.url for other in catalog.by_paper[row.paper.id])
    return f"src-{row.paper.id}-{list(urls).index(row.result.source.url) + 1}"


def shown(board: Leaderboard) -> tuple[Standing, ...]:
    """The standings a README table shows: the best row of each of the top README_ROWS methods."""
    return by_method(board)[:README_ROWS]


def _score(standing: Standing, metric: str) -> str:
    score = standing.row.scores.get(metric)
    return "" if score is None else f"_{score.text}_" if score.computed else score.text


def leaderboard_table(catalog: Catalog, board: Leaderboard, refs: References) -> str:
    """One row per method (its best result) as a Markdown table; a column empty in every row is left out;
    computed scores in italics; the source is a short link on the row."""

    def method(standing: Standing) -> str:
        paper = standing.row.paper
        link = refs.link(markdown_text(paper.name), paper_url(paper), paper.id)
        reported = reported_by_label(catalog, standing.row.result)
        return (
            link
            + (" †" if standing.row.result.inconsistent else "")
            + (f" ({markdown_text(reported)})" if reported else "")
        )

    def fps(standing: Standing) -> str:
        result = standing.row.result
        if result.fps is None:
            return ""
        return f"{format(result.fps, 'f')} ({markdown_text(hardware_name(catalog, result))})"

    def source(standing: Standing) -> str:
        return refs.link("source", standing.row.result.source.url, source_label(catalog, standing.row))

    columns: list[Column] = [
        ("#", True, lambda standing: str(standing.rank) if standing.rank else UNRANKED),
        ("Method", False, method),
        ("Variant", False, lambda standing: markdown_text(variant_label(standing.row.result))),
        ("Backbone", False, lambda standing: markdown_text(backbone_name(catalog, standing.row.result))),
        (
            "Extra data",
            False,
            lambda standing: markdown_text(extra_data_label(standing.row.result, dataset_name(catalog))),
        ),
        *(
            (markdown_text(metric.label), True, lambda standing, key=metric.id: _score(standing, key))
            for metric in board.columns
        ),
        ("FPS", False, fps),
        ("Source", False, source),
    ]
    standings = shown(board)
    always = {"#", "Method", "Source", markdown_text(board.primary.label)}
    cells = [[cell(standing) for standing in standings] for _, _, cell in columns]
    kept = [index for index, (header, _, _) in enumerate(columns) if header in always or any(cells[index])]
    return table(
        [columns[index][0] for index in kept],
        [columns[index][1] for index in kept],
        [[cells[index][position] for index in kept] for position in range(len(standings))],
    )


def leader(board: Leaderboard) -> str:
    """'Best: XMem (87.7 J&F)', naming every method tied first, as Markdown text."""
    top = [standing for standing in by_method(board) if standing.rank == 1]
    if not top:
        return "No ranked result yet"
    names = ", ".join(markdown_text(standing.row.paper.name) for standing in top)
    score = top[0].row.scores[board.primary.id].text
    return f"Best: {names} ({score} {markdown_text(board.primary.label)})"


def render_readme(catalog: Catalog, env: jinja2.Environment, boards: Sequence[Leaderboard]) -> str:
    """The whole README from templates/README.md.j2 (charts of featured benchmarks are linked, not drawn)."""
    refs = References()
    ranked = {board.benchmark.id: board for board in boards if board.standings}
    flagship = [ranked[identifier] for identifier in catalog.site.flagship if identifier in ranked]
    return env.get_template("README.md.j2").render(
        catalog=catalog,
        sections=sections(catalog),
        datasets=sorted(catalog.datasets.values(), key=lambda item: (item.name.casefold(), item.id)),
        leaderboards=list(ranked.values()),
        flagship=flagship,
        others=[board for board in ranked.values() if board.benchmark.id not in catalog.site.flagship],
        chart_plans=plans,
        readme_rows=README_ROWS,
        refs=refs,
        leaderboard_table=lambda board: leaderboard_table(catalog, board, refs),
        shown=shown,
        leader=leader,
        paper_url=paper_url,
        venue_label=lambda paper: venue_label(catalog, paper),
    )
