"""The static site: the list, a leaderboard per benchmark, a page per paper and per dataset, and downloads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jinja2

from ..catalog import Catalog
from ..leaderboard import Leaderboard, facets
from ..listing import (
    NOT_STATED,
    backbone_family,
    extra_data_flag,
    extra_data_label,
    paper_url,
    pdf_url,
    sections,
    variant_label,
    venue_label,
)
from ..parallel import fork_map
from .api import api_files
from .bibtex import bibtex_entry
from .charts import Chart
from .exports import all_bibtex, leaderboard_csv
from .feed import atom_feed


def site_files(
    catalog: Catalog,
    env: jinja2.Environment,
    boards: Sequence[Leaderboard],
    charts: Mapping[str, list[Chart]],
) -> dict[str, bytes]:
    """Every file of the site keyed by its path under site/ (directory-style URLs: <page>/index.html)."""
    shared: dict[str, Any] = {
        "catalog": catalog,
        "paper_url": paper_url,
        "pdf_url": pdf_url,
        "venue_label": lambda paper: venue_label(catalog, paper),
        "variant_label": variant_label,
        "extra_data_label": extra_data_label,
        "extra_data_flag": extra_data_flag,
        "backbone_family": backbone_family,
        "facets": lambda board: facets(catalog, board),
        "not_stated": NOT_STATED,
    }
    files: dict[str, bytes] = {}

    def render(template: str, path: str, **context: Any) -> bytes:
        root = "../" * path.count("/")
        return env.get_template(template).render(root=root, page_path=path, **shared, **context).encode()

    def page(template: str, path: str, **context: Any) -> None:
        files[path] = render(template, path, **context)

    def benchmark_page(index: int) -> bytes:
        board = boards[index]
        identifier = board.benchmark.id
        path = f"benchmarks/{identifier}/index.html"
        return render("site/benchmark.html.j2", path, board=board, charts=charts[identifier])

    def paper_page(identifier: str) -> tuple[bytes, str]:
        paper, entry = catalog.papers[identifier], bibtex_entry(catalog, catalog.papers[identifier])
        path = f"papers/{identifier}/index.html"
        return render(
            "site/paper.html.j2", path, paper=paper, rows=catalog.by_paper[identifier], bibtex=entry
        ), entry

    page("site/index.html.j2", "index.html", sections=sections(catalog))
    page("site/benchmarks.html.j2", "benchmarks/index.html", leaderboards=boards)
    page("site/datasets.html.j2", "datasets/index.html")
    page("site/search.html.j2", "search/index.html")
    for board, html in zip(
        boards, fork_map(benchmark_page, list(range(len(boards))), minimum=8), strict=True
    ):
        identifier = board.benchmark.id
        files[f"benchmarks/{identifier}/index.html"] = html
        files[f"benchmarks/{identifier}/leaderboard.csv"] = leaderboard_csv(board)
        files.update({f"charts/{chart.name}": chart.svg for chart in charts[identifier]})
    entries: dict[str, str] = {}
    identifiers = list(catalog.papers)
    for identifier, (html, entry) in zip(
        identifiers, fork_map(paper_page, identifiers, minimum=500), strict=True
    ):
        files[f"papers/{identifier}/index.html"] = html
        entries[identifier] = entry
    for dataset in catalog.datasets.values():
        benchmarks = [item for item in catalog.benchmarks.values() if item.dataset == dataset.id]
        page(
            "site/dataset.html.j2",
            f"datasets/{dataset.id}/index.html",
            dataset=dataset,
            benchmarks=benchmarks,
        )
    files["awesome-vos.bib"] = all_bibtex(entries)
    files["feed.xml"] = atom_feed(catalog, catalog.site.url)
    files.update(api_files(catalog))
    return files
