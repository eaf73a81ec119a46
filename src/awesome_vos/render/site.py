"""The static site's pages: the list, a leaderboard per benchmark, a page per paper and per dataset."""

from __future__ import annotations

from typing import Any

import jinja2

from ..catalog import Catalog
from ..leaderboard import leaderboards
from ..listing import extra_data_label, paper_url, sections, variant_label, venue_label
from .bibtex import bibtex


def site_pages(catalog: Catalog, env: jinja2.Environment) -> dict[str, bytes]:
    """Every HTML page keyed by its path under the site (directory-style URLs: <page>/index.html)."""
    boards = leaderboards(catalog)
    shared: dict[str, Any] = {
        "catalog": catalog,
        "paper_url": paper_url,
        "venue_label": lambda paper: venue_label(catalog, paper),
        "variant_label": variant_label,
        "extra_data_label": extra_data_label,
    }

    def page(template: str, path: str, **context: Any) -> tuple[str, bytes]:
        depth = path.count("/")
        html = env.get_template(template).render(root="../" * depth, **shared, **context)
        return path, html.encode()

    pages = dict(
        [
            page("site/index.html.j2", "index.html", sections=sections(catalog)),
            page("site/benchmarks.html.j2", "benchmarks/index.html", leaderboards=boards),
            page("site/datasets.html.j2", "datasets/index.html"),
        ]
    )
    for board in boards:
        pages.update(
            [page("site/benchmark.html.j2", f"benchmarks/{board.benchmark.id}/index.html", board=board)]
        )
    for paper in catalog.papers.values():
        rows = [row for row in catalog.rows if row.paper.id == paper.id]
        pages.update(
            [
                page(
                    "site/paper.html.j2",
                    f"papers/{paper.id}/index.html",
                    paper=paper,
                    rows=rows,
                    bibtex=bibtex(catalog, [paper]),
                )
            ]
        )
    for dataset in catalog.datasets.values():
        benchmarks = [item for item in catalog.benchmarks.values() if item.dataset == dataset.id]
        pages.update(
            [
                page(
                    "site/dataset.html.j2",
                    f"datasets/{dataset.id}/index.html",
                    dataset=dataset,
                    benchmarks=benchmarks,
                )
            ]
        )
    return pages
