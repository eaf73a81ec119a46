"""The pipeline in one place: load and check the data, then render every output in memory."""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, build_catalog
from .corpus import read_corpus
from .leaderboard import leaderboards
from .output import Put
from .places import CHARTS, README, SITE
from .render.charts import plans
from .render.environment import environment
from .render.readme import render_readme

__all__ = ["CHARTS", "README", "SITE", "chart_files", "load_catalog", "readme_text", "render_outputs"]


def load_catalog(root: Path) -> Catalog:
    """Read, validate and cross-check the data under `root`; raises DataErrors."""
    return build_catalog(read_corpus(root))


def readme_text(catalog: Catalog, root: Path) -> str:
    """README.md as the data generates it."""
    return render_readme(catalog, environment(root / "templates"), leaderboards(catalog))


def render_outputs(
    catalog: Catalog, root: Path, put: Put, search: bool = True, redraw: bool = False
) -> tuple[dict[str, bytes], dict[str, bool]]:
    """README.md and the README's chart images, keyed by path relative to `root`; every site file (the search
    index unless `search` is false) goes to `put` (a staging tree) instead; the second value has every path
    staged and whether `put` reported it changed. `redraw` draws every chart again instead of reading cached ones.

    Nothing is written in place here, so a failure leaves every output as it was. The site renderers (and
    matplotlib) are imported here only, so that `check` does not pay for them.
    """
    from .chartstore import draw_all
    from .render.charts import Chart, drawings
    from .render.search_index import search_files
    from .render.site import write_site

    env = environment(root / "templates")
    boards = leaderboards(catalog)
    planned = [(board.benchmark.id, drawing) for board in boards for drawing in drawings(board)]
    svgs = draw_all([drawing for _, drawing in planned], root, redraw)
    drawn: dict[str, list[Chart]] = {board.benchmark.id: [] for board in boards}
    for (identifier, drawing), svg in zip(planned, svgs, strict=True):
        drawn[identifier].append(Chart(drawing.plan, svg))
    outputs = {README: render_readme(catalog, env, boards).encode()}
    for board in boards:
        if board.benchmark.featured:
            outputs.update({f"{CHARTS}/{chart.name}": chart.svg for chart in drawn[board.benchmark.id]})
    static = root / "templates" / "site" / "static"
    staged = write_site(catalog, env, boards, drawn, static, put)
    if search:
        staged.update((path, put(path, content)) for path, content in search_files(catalog).items())
    return outputs, staged


def chart_files(catalog: Catalog) -> list[str]:
    """Paths of the chart images the README links (featured benchmarks), known without drawing them."""
    return sorted(
        f"{CHARTS}/{plan.name}"
        for board in leaderboards(catalog)
        if board.benchmark.featured
        for plan in plans(board)
    )
