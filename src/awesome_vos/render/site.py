"""The static site: the list, a leaderboard per benchmark, a page per paper and per dataset, and downloads.

Pages are rendered by two forked workers and handed to `put` as soon as they exist (it writes them into the
staging tree), so a site of 10,000 papers is never held in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import jinja2

from ..catalog import Catalog
from ..leaderboard import Leaderboard, facets
from ..listing import (
    backbone_name,
    dataset_name,
    extra_data_label,
    hardware_name,
    paper_url,
    pdf_url,
    reported_by_label,
    sections,
    variant_label,
    venue_label,
)
from ..output import Content, Put
from ..parallel import fork_map
from .api import api_files
from .bibtex import bibtex_entry
from .charts import Chart
from .exports import all_bibtex, leaderboard_csv
from .feed import atom_feed
from .lines import filled, lines

PIECE = 2048
"""Template output fragments joined per piece written: big enough to keep writes few, small enough that a
page of 6 MB is never in memory at once."""
PAPERS_PER_TASK = 200
"""Paper pages rendered per work item: enough to amortise a task, small enough to share the load evenly."""


def write_site(
    catalog: Catalog,
    env: jinja2.Environment,
    boards: Sequence[Leaderboard],
    charts: Mapping[str, list[Chart]],
    static: Path,
    put: Put,
) -> dict[str, bool]:
    """Render every file of the site into `put` (directory-style URLs: <page>/index.html); returns every path
    staged, each with whether `put` reported it changed."""
    shared: dict[str, Any] = {
        "catalog": catalog,
        "paper_url": paper_url,
        "pdf_url": pdf_url,
        "venue_label": lambda paper: venue_label(catalog, paper),
        "variant_label": variant_label,
        "extra_data_label": lambda result: extra_data_label(result, dataset_name(catalog)),
        "backbone_name": lambda result: backbone_name(catalog, result),
        "hardware_name": lambda result: hardware_name(catalog, result),
        "reported_by_label": lambda result: reported_by_label(catalog, result),
        "facets": lambda board: facets(catalog, board),
    }

    def render(template: str, path: str, **context: Any) -> tuple[str, Content]:
        root = "../" * path.count("/")
        fragments = env.get_template(template).generate(root=root, **shared, **context)
        return path, _pieces(fragments)

    def benchmark_files(board: Leaderboard) -> list[tuple[str, Content]]:
        identifier = board.benchmark.id
        board_lines = lines(catalog, board)
        page = render(
            "site/benchmark.html.j2",
            f"benchmarks/{identifier}/index.html",
            board=board,
            lines=board_lines,
            filled=filled(board_lines),
            charts=charts[identifier],
        )
        csv = (f"benchmarks/{identifier}/leaderboard.csv", leaderboard_csv(board))
        return [page, csv, *((f"charts/{chart.name}", chart.svg) for chart in charts[identifier])]

    def paper_files(identifiers: Sequence[str]) -> list[tuple[str, Content]]:
        return [
            render(
                "site/paper.html.j2",
                f"papers/{identifier}/index.html",
                paper=catalog.papers[identifier],
                rows=catalog.by_paper[identifier],
                bibtex=bibtex_entry(catalog, catalog.papers[identifier]),
            )
            for identifier in identifiers
        ]

    def dataset_files() -> list[tuple[str, Content]]:
        return [
            render(
                "site/dataset.html.j2",
                f"datasets/{dataset.id}/index.html",
                dataset=dataset,
                benchmarks=[item for item in catalog.benchmarks.values() if item.dataset == dataset.id],
            )
            for dataset in catalog.datasets.values()
        ]

    def list_files() -> list[tuple[str, Content]]:
        return [
            render("site/index.html.j2", "index.html", sections=sections(catalog)),
            render("site/benchmarks.html.j2", "benchmarks/index.html", leaderboards=boards),
            render("site/datasets.html.j2", "datasets/index.html"),
            render("site/search.html.j2", "search/index.html"),
            render("site/compare.html.j2", "compare/index.html"),
            *(
                (f"static/{path.relative_to(static).as_posix()}", path.read_bytes())
                for path in sorted(static.rglob("*"))
                if path.is_file()
            ),
        ]

    def download_files() -> list[tuple[str, Content]]:
        entries = {paper.id: bibtex_entry(catalog, paper) for paper in catalog.papers.values()}
        return [("awesome-vos.bib", all_bibtex(entries)), ("feed.xml", atom_feed(catalog, catalog.site.url))]

    identifiers = list(catalog.papers)
    # costly tasks first: whichever process is free takes the next one
    tasks: list[Callable[[], list[tuple[str, Content]]]] = [
        lambda: list(api_files(catalog).items()),
        *(lambda board=board: benchmark_files(board) for board in boards),
        list_files,
        download_files,
        dataset_files,
        *(
            lambda chunk=identifiers[start : start + PAPERS_PER_TASK]: paper_files(chunk)
            for start in range(0, len(identifiers), PAPERS_PER_TASK)
        ),
    ]

    def run(task: int) -> list[tuple[str, bool]]:
        return [(path, put(path, content)) for path, content in tasks[task]()]

    return dict(pair for staged in fork_map(run, list(range(len(tasks))), minimum=8) for pair in staged)


def _pieces(fragments: Iterator[str]) -> Iterator[bytes]:
    while batch := list(islice(fragments, PIECE)):
        yield "".join(batch).encode()
