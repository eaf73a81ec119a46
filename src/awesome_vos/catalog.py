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
from .models import (
    Backbone,
    Benchmark,
    Dataset,
    Hardware,
    Paper,
    Result,
    Site,
    Task,
    Venue,
    normalise_title,
)
from .provenance import source_errors
from .registry import Registry, build_registry
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
    backbones: Mapping[str, Backbone]
    hardware: Mapping[str, Hardware]
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

    def registered(self, document: Document, path: Path_, value: str, registry: Registry) -> None:
        """Report a value that is not an id of the registry, with the id it spells if it is an alias."""
        if value not in registry.ids and value not in self.unreadable:
            message = f"unknown {registry.kind} '{value}'"
            self.errors.append(document.error(path, message, registry.hint(value)))

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

    registries = _Registries(
        _list_registry(corpus.backbones, "backbone", "data/backbones.yaml", checker),
        _list_registry(corpus.hardware, "hardware", "data/hardware.yaml", checker),
        _dataset_registry(corpus.datasets, checker),
        papers,
        tasks,
    )
    for index, backbone in enumerate(corpus.backbones.value):
        if (backbone.parameters or backbone.pretraining) and not backbone.sources:
            checker.errors.append(
                corpus.backbones.document.error(
                    (index, "parameters" if backbone.parameters else "pretraining"),
                    f"backbone '{backbone.id}' states facts without `sources`",
                    "add `sources:` with the official page where you read them, or remove the fact",
                )
            )

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
            row = _check_result(document, paper, index, result, checker, benchmarks, registries)
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
        backbones=MappingProxyType({item.id: item for item in corpus.backbones.value}),
        hardware=MappingProxyType({item.id: item for item in corpus.hardware.value}),
        datasets=MappingProxyType(dict(sorted(datasets.items()))),
        benchmarks=MappingProxyType(dict(sorted(benchmarks.items()))),
        papers=MappingProxyType(dict(sorted(papers.items()))),
        rows=ordered,
        by_benchmark=MappingProxyType({key: tuple(value) for key, value in by_benchmark.items()}),
        by_paper=MappingProxyType({key: tuple(value) for key, value in by_paper.items()}),
    )


def _row_key(result: Result) -> str:
    numbers = ",".join(f"{key}={value}" for key, value in sorted(result.metrics.items()))
    return (
        f"{result.benchmark}|{result.variant}|{result.backbone}|{result.reported_by}|{result.source.url}|"
        f"{numbers}"
    )


@dataclass(frozen=True)
class _Registries:
    """What a result's variant fields refer to."""

    backbones: Registry
    hardware: Registry
    datasets: Registry
    papers: Mapping[str, Paper]
    tasks: Mapping[str, Task]


def _spelling_path(index: int) -> Path_:
    return ("id",) if index == 0 else ("name",) if index == 1 else ("aliases", index - 2)


def _clashes(
    clashes: list[tuple[str, int, str]], locate: Mapping[str, tuple[Document, Path_]], checker: _Checker
) -> None:
    for identifier, index, other in clashes:
        document, prefix = locate[identifier]
        checker.errors.append(
            document.error(
                (*prefix, *_spelling_path(index)),
                f"this spelling is also one of '{other}', so an alias would be ambiguous",
                "keep each spelling on one entry",
            )
        )


def _list_registry(
    located: Located[list[Backbone]] | Located[list[Hardware]], kind: str, file: str, checker: _Checker
) -> Registry:
    entries: list[Backbone | Hardware] = list(located.value)
    _listed(located.document, [entry.id for entry in entries], checker, f"{kind} id")
    registry, clashes = build_registry(
        kind, file, ((entry.id, (entry.name, *entry.aliases)) for entry in entries)
    )
    positions = {
        entry.id: (located.document, (index,)) for index, entry in reversed(list(enumerate(entries)))
    }
    _clashes(clashes, positions, checker)
    return registry


def _dataset_registry(datasets: list[Located[Dataset]], checker: _Checker) -> Registry:
    registry, clashes = build_registry(
        "dataset",
        "data/datasets",
        ((item.value.id, (item.value.name, *item.value.aliases)) for item in datasets),
    )
    _clashes(clashes, {item.value.id: (item.document, ()) for item in datasets}, checker)
    return registry


_MISSING = {
    "backbone": "add `backbone: <id from data/backbones.yaml>`, or `backbone_unstated: <why>` when the source "
    "does not say",
    "extra_training_data": "add `extra_training_data: [<dataset ids>]` ([] for none), or "
    "`extra_training_data_unstated: <why>` when the source does not say",
    "inference": "add `inference: online`, `semi-online` or `offline`, or `inference_unstated: <why>` when the "
    "source does not say",
    "hardware": "add `hardware: <id from data/hardware.yaml>` for the GPU behind `fps`, or `hardware_unstated: "
    "<why>` when the source names none",
}
"""What to write when a variant field is required but neither given nor acknowledged."""


def _acknowledged(
    document: Document, at: Path_, result: Result, field: str, required: bool, checker: _Checker
) -> None:
    """A variant field is given, or acknowledged as unknown in `<field>_unstated`, never both."""
    given = getattr(result, field) is not None
    reason = f"{field}_unstated"
    if given and getattr(result, reason) is not None:
        checker.errors.append(
            document.error(
                (*at, reason), f"`{reason}` is set although `{field}` is given", f"remove `{reason}`"
            )
        )
    elif required and not given and getattr(result, reason) is None:
        checker.errors.append(document.error(at, f"`{field}` is missing", _MISSING[field]))


def _check_variant(
    document: Document,
    paper: Paper,
    at: Path_,
    result: Result,
    inference_required: bool,
    checker: _Checker,
    known: _Registries,
) -> None:
    """Registered ids for backbone, extra data and hardware; every unknown acknowledged with a reason."""
    timed = result.fps is not None
    required = {
        "backbone": True,
        "extra_training_data": True,
        "inference": inference_required,
        "hardware": timed,
    }
    for field, needed in required.items():
        _acknowledged(document, at, result, field, needed, checker)
    if result.backbone is not None:
        checker.registered(document, (*at, "backbone"), result.backbone, known.backbones)
    for position, dataset in enumerate(result.extra_training_data or []):
        checker.registered(document, (*at, "extra_training_data", position), dataset, known.datasets)
    if result.hardware is not None:
        checker.registered(document, (*at, "hardware"), result.hardware, known.hardware)
    if not timed:
        for field in ("hardware", "hardware_unstated"):
            if getattr(result, field) is not None:
                checker.errors.append(
                    document.error(
                        (*at, field), f"{field} is given without fps", f"add `fps:` or remove `{field}:`"
                    )
                )
    if result.reported_by is not None:
        if result.reported_by == paper.id:
            checker.errors.append(
                document.error(
                    (*at, "reported_by"),
                    "reported_by names this paper itself",
                    "remove it: reported_by is for numbers read in another paper's table",
                )
            )
        else:
            checker.reference(document, (*at, "reported_by"), result.reported_by, "paper", known.papers)


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
    known: _Registries,
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
    task = known.tasks.get(benchmark.task)
    _check_variant(document, paper, at, result, task is not None and task.inference_required, checker, known)
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
