"""The search index (site/search/index.json): one record per paper, dataset and benchmark, read by search.js.

Built from the catalog rather than from the rendered pages, so it costs one pass over the data instead of a
crawl of every page, and its bytes follow from the data alone. Records are arrays (the field names are listed
once in "fields") and repeated values are indices into tables, which keeps the file small at many papers.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from ..catalog import Catalog
from ..listing import venue_label

INDEX = "search/index.json"
TYPES = ("Paper", "Dataset", "Benchmark")


class Record(NamedTuple):
    """One result; method, authors, text and related are what a query matches besides the title, in falling
    rank (search.js ranks matches by the first field a word begins a word of)."""

    type: int
    """Index into "types"."""
    title: str
    url: str
    """Relative to the site root."""
    venue: int
    """Index into "venues", or -1."""
    label: str
    """The venue label results show ('CVPR 2022'), or ''."""
    year: int
    tasks: list[int]
    """Indices into "tasks"."""
    method: str
    authors: str
    text: str
    related: list[int]
    """Indices of the dataset and benchmark records (which come first, by URL) whose names count for this one:
    a paper's benchmarks, a dataset's benchmarks, a benchmark's dataset."""


def search_files(catalog: Catalog) -> dict[str, bytes]:
    """The index keyed by its path under site/; compact, sorted by URL, byte-identical for the same data."""
    venues = sorted({catalog.venues[paper.venue].name for paper in catalog.papers.values()})
    venue_index = {name: index for index, name in enumerate(venues)}
    task_index = {task.id: index for index, task in enumerate(catalog.tasks)}
    urls = {
        **{identifier: f"datasets/{identifier}/index.html" for identifier in catalog.datasets},
        **{identifier: f"benchmarks/{identifier}/index.html" for identifier in catalog.benchmarks},
    }
    position = {url: index for index, url in enumerate(sorted(urls.values()))}
    related: dict[str, set[int]] = {identifier: set() for identifier in urls}
    for benchmark in catalog.benchmarks.values():
        related[benchmark.id].add(position[urls[benchmark.dataset]])
        related[benchmark.dataset].add(position[urls[benchmark.id]])
    others = [
        Record(
            1,
            dataset.name,
            urls[dataset.id],
            -1,
            "",
            dataset.year,
            sorted(task_index[task] for task in dataset.tasks),
            "",
            "",
            dataset.description,
            sorted(related[dataset.id]),
        )
        for dataset in catalog.datasets.values()
    ] + [
        Record(
            2,
            benchmark.name,
            urls[benchmark.id],
            -1,
            "",
            catalog.datasets[benchmark.dataset].year,
            [task_index[benchmark.task]],
            "",
            "",
            benchmark.protocol,
            sorted(related[benchmark.id]),
        )
        for benchmark in catalog.benchmarks.values()
    ]
    papers = [
        Record(
            0,
            paper.title,
            f"papers/{paper.id}/index.html",
            venue_index[catalog.venues[paper.venue].name],
            venue_label(catalog, paper),
            paper.year,
            sorted(task_index[task] for task in paper.tasks),
            paper.method or "",
            ", ".join(paper.authors),
            paper.description,
            sorted({position[urls[row.result.benchmark]] for row in catalog.by_paper[paper.id]}),
        )
        for paper in catalog.papers.values()
    ]
    index = {
        "fields": Record._fields,
        "types": TYPES,
        "tasks": [task.short for task in catalog.tasks],
        "venues": venues,
        "records": sorted(others, key=lambda record: record.url)
        + sorted(papers, key=lambda record: record.url),
    }
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {INDEX: (text + "\n").encode()}
