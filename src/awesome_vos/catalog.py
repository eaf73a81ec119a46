"""The Catalog: the validated corpus with every cross-reference resolved and every derived metric settled.

It is the one object renderers read; building it is where facts that span files are checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from .corpus import Corpus, Located
from .errors import DataError, DataErrors
from .loader import Document, Path_
from .models import Benchmark, Dataset, Paper, Result, Site, Task, Venue, normalise_title
from .provenance import source_errors
from .scores import Score, derive


@dataclass(frozen=True, slots=True)
class Row:
    """One result of one paper, with its scores (printed and computed)."""

    paper: Paper
    result: Result
    index: int
    scores: Mapping[str, Score]


@dataclass(frozen=True)
class Catalog:
    """Everything the renderers need, immutable, in a deterministic order."""

    site: Site
    tasks: tuple[Task, ...]
    venues: Mapping[str, Venue]
    datasets: Mapping[str, Dataset]
    benchmarks: Mapping[str, Benchmark]
    papers: Mapping[str, Paper]
    rows: tuple[Row, ...]
    by_benchmark: Mapping[str, tuple[Row, ...]]
    """Rows of each benchmark in paper order (every benchmark has an entry)."""
    by_paper: Mapping[str, tuple[Row, ...]]
    """Rows of each paper in file order (every paper has an entry)."""

    def rows_for(self, benchmark: str) -> tuple[Row, ...]:
        """The rows of one benchmark in paper order."""
        return self.by_benchmark[benchmark]


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class _Checker:
    def __init__(self, corpus: Corpus) -> None:
        self.errors: list[DataError] = list(corpus.errors)
        self.unreadable = corpus.unreadable

    def reference(
        self, document: Document, path: Path_, value: str, kind: str, known: Mapping[str, object]
    ) -> bool:
        if value in known:
            return True
        if value in self.unreadable:
            return False
        hint = (
            _suggest(value, known) or f"add it to data/{kind}s or use one of: {', '.join(sorted(known)[:8])}"
        )
        self.errors.append(document.error(path, f"unknown {kind} '{value}'", hint))
        return False

    def unique(self, items: Iterable[tuple[str, Document, Path_]], what: str) -> None:
        first: dict[str, tuple[Document, Path_]] = {}
        for key, document, path in items:
            if key in first:
                other, other_path = first[key]
                line, _ = other.locate(other_path)
                self.errors.append(
                    document.error(path, f"duplicate {what}: also in {other.file}:{line}", "keep one entry")
                )
            else:
                first[key] = (document, path)


def _listed(document: Document, ids: list[str], checker: _Checker, what: str) -> None:
    checker.unique(((item, document, (index, "id")) for index, item in enumerate(ids)), what)


def build_catalog(corpus: Corpus) -> Catalog:
    """Check everything that spans files and settle derived metrics; raise DataErrors listing all problems."""
    checker = _Checker(corpus)
    _listed(corpus.tasks.document, [task.id for task in corpus.tasks.value], checker, "task id")
    _listed(corpus.venues.document, [venue.id for venue in corpus.venues.value], checker, "venue id")
    tasks = {task.id: task for task in corpus.tasks.value}
    venues = {venue.id: venue for venue in corpus.venues.value}
    papers = {entry.value.id: entry.value for entry in corpus.papers}
    datasets = {entry.value.id: entry.value for entry in corpus.datasets}
    benchmarks = {entry.value.id: entry.value for entry in corpus.benchmarks}

    for located_dataset in corpus.datasets:
        dataset, document = located_dataset.value, located_dataset.document
        if dataset.paper is not None:
            checker.reference(document, ("paper",), dataset.paper, "paper", papers)
        for index, task in enumerate(dataset.tasks):
            checker.reference(document, ("tasks", index), task, "task", tasks)

    for located_benchmark in corpus.benchmarks:
        _check_benchmark(located_benchmark, checker, datasets, tasks)

    site = corpus.site
    checker.unique(
        ((item, site.document, ("flagship", index)) for index, item in enumerate(site.value.flagship)),
        "flagship benchmark",
    )
    for index, flagship in enumerate(site.value.flagship):
        checker.reference(site.document, ("flagship", index), flagship, "benchmark", benchmarks)

    rows: list[Row] = []
    for located_paper in corpus.papers:
        paper, document = located_paper.value, located_paper.document
        checker.reference(document, ("venue",), paper.venue, "venue", venues)
        for index, task in enumerate(paper.tasks):
            checker.reference(document, ("tasks", index), task, "task", tasks)
        for index, result in enumerate(paper.results):
            row = _check_result(document, paper, index, result, checker, benchmarks)
            if row is not None:
                rows.append(row)
    checker.unique(
        ((paper.value.arxiv, paper.document, ("arxiv",)) for paper in corpus.papers if paper.value.arxiv),
        "arXiv id",
    )
    checker.unique(
        ((normalise_title(paper.value.title), paper.document, ("title",)) for paper in corpus.papers), "title"
    )
    checker.unique(
        (
            (_row_key(result), paper.document, ("results", index))
            for paper in corpus.papers
            for index, result in enumerate(paper.value.results)
        ),
        "result row (same benchmark, variant, source and numbers)",
    )
    if checker.errors:
        raise DataErrors(checker.errors)
    ordered = tuple(sorted(rows, key=lambda row: (row.paper.id, row.index)))
    by_benchmark: dict[str, list[Row]] = {identifier: [] for identifier in sorted(benchmarks)}
    by_paper: dict[str, list[Row]] = {identifier: [] for identifier in sorted(papers)}
    for row in ordered:
        by_benchmark[row.result.benchmark].append(row)
        by_paper[row.paper.id].append(row)
    return Catalog(
        site=corpus.site.value,
        tasks=tuple(corpus.tasks.value),
        venues=MappingProxyType(venues),
        datasets=MappingProxyType(dict(sorted(datasets.items()))),
        benchmarks=MappingProxyType(dict(sorted(benchmarks.items()))),
        papers=MappingProxyType(dict(sorted(papers.items()))),
        rows=ordered,
        by_benchmark=MappingProxyType({key: tuple(value) for key, value in by_benchmark.items()}),
        by_paper=MappingProxyType({key: tuple(value) for key, value in by_paper.items()}),
    )


def _row_key(result: Result) -> str:
    numbers = ",".join(f"{key}={value}" for key, value in sorted(result.metrics.items()))
    return f"{result.benchmark}|{result.variant}|{result.backbone}|{result.source.url}|{numbers}"


def _check_benchmark(
    entry: Located[Benchmark], checker: _Checker, datasets: Mapping[str, Dataset], tasks: Mapping[str, Task]
) -> None:
    benchmark, document = entry.value, entry.document
    checker.reference(document, ("dataset",), benchmark.dataset, "dataset", datasets)
    checker.reference(document, ("task",), benchmark.task, "task", tasks)
    ids = [metric.id for metric in benchmark.metrics]
    checker.unique(
        ((metric, document, ("metrics", index, "id")) for index, metric in enumerate(ids)), "metric id"
    )
    if benchmark.primary not in ids:
        checker.errors.append(
            document.error(
                ("primary",),
                f"primary metric '{benchmark.primary}' is not among the metrics",
                _suggest(benchmark.primary, ids) or f"use one of: {', '.join(ids)}",
            )
        )
    plain = [metric.id for metric in benchmark.metrics if metric.derived is None]
    for index, metric in enumerate(benchmark.metrics):
        for part_index, part in enumerate(metric.derived.mean if metric.derived else []):
            if part not in plain:
                path: Path_ = ("metrics", index, "derived", "mean", part_index)
                message = f"'{part}' is not a printed (non-derived) metric of this benchmark"
                checker.errors.append(
                    document.error(path, message, _suggest(part, plain) or f"use: {', '.join(plain)}")
                )


def _as_percent(result: Result) -> Mapping[str, Decimal]:
    """Metric values on the percent scale; a fraction is shifted two places exactly (0.713 -> 71.3)."""
    if result.scale == "fraction":
        return {key: value.scaleb(2) for key, value in result.metrics.items()}
    return result.metrics


def _check_result(
    document: Document,
    paper: Paper,
    index: int,
    result: Result,
    checker: _Checker,
    benchmarks: Mapping[str, Benchmark],
) -> Row | None:
    at: Path_ = ("results", index)
    if not checker.reference(document, (*at, "benchmark"), result.benchmark, "benchmark", benchmarks):
        return None
    benchmark = benchmarks[result.benchmark]
    metrics = {metric.id: metric for metric in benchmark.metrics}
    before = len(checker.errors)
    given = _as_percent(result)
    if result.scale == "percent" and all(abs(value) < 1 for value in given.values()):
        checker.errors.append(
            document.error(
                (*at, "metrics"),
                "every number is below 1, which looks like fractions rather than percentages",
                "if the source prints 0.713 for 71.3, add `scale: fraction` to this result",
            )
        )
    for key, value in given.items():
        path: Path_ = (*at, "metrics", key)
        if key not in metrics:
            hint = _suggest(key, metrics) or f"{benchmark.id} has: {', '.join(metrics)}"
            checker.errors.append(
                document.error(path, f"'{key}' is not a metric of {benchmark.id}", hint, key=True)
            )
            continue
        metric = metrics[key]
        low, high = metric.minimum, metric.maximum
        if value < low or (high is not None and value > high):
            span = f"{format(low, 'f')} to {format(high, 'f')}" if high is not None else f"at least {low}"
            checker.errors.append(
                document.error(
                    path,
                    f"{format(value, 'f')} is out of range for {metric.label} ({span})",
                    "write the number as printed in the source",
                )
            )
    if result.fps is not None and result.hardware is None:
        checker.errors.append(
            document.error(
                (*at, "fps"),
                "fps is given without the hardware it was measured on",
                "add `hardware:` with the GPU the source names",
            )
        )
    if result.hardware is not None and result.fps is None:
        checker.errors.append(
            document.error(
                (*at, "hardware"), "hardware is given without fps", "add `fps:` or remove `hardware:`"
            )
        )
    if len(checker.errors) > before:
        return None
    scores, disagreements = derive(benchmark.metrics, given)
    if disagreements and result.inconsistent is None:
        for disagreement in disagreements:
            checker.errors.append(
                document.error(
                    (*at, "metrics", disagreement.metric),
                    disagreement.explain(),
                    "fix the number; if the source itself prints these values, keep them and add "
                    "`inconsistent: <what the source prints>` to this result",
                )
            )
        return None
    if result.inconsistent is not None and not disagreements:
        checker.errors.append(
            document.error(
                (*at, "inconsistent"),
                "the numbers agree, so nothing is inconsistent",
                "remove `inconsistent:`",
            )
        )
        return None
    evidence = source_errors(document, at, result)
    if evidence:
        checker.errors.extend(evidence)
        return None
    ordered = {metric.id: scores[metric.id] for metric in benchmark.metrics if metric.id in scores}
    return Row(paper, result, index, MappingProxyType(ordered))
