"""The JSON API (site/api/*.json): a stable, documented shape other tools read."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from ..catalog import Catalog
from ..listing import paper_url, pdf_url
from ..models import Evaluation, dump


def _number(value: Decimal) -> int | float:
    return (
        int(value) if value == value.to_integral_value() and value.as_tuple().exponent == 0 else float(value)
    )


def _figure(value: int | Decimal | str) -> int | float | str:
    return _number(value) if isinstance(value, Decimal) else value


def _evaluation(evaluation: Evaluation | None) -> dict[str, str | None]:
    return {
        "code": evaluation.code if evaluation else None,
        "server": evaluation.server if evaluation else None,
    }


def _day(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Compact: with `indent`, json falls back to its pure-Python encoder (4 s for 10,000 papers)."""


def _dump(records: Iterable[Any]) -> Iterator[bytes]:
    """A JSON array encoded record by record, in pieces: results.json is 24 MB at 10,000 papers."""
    separator = b"["
    for record in records:
        yield separator + _ENCODER.encode(record).encode()
        separator = b","
    yield b"[]\n" if separator == b"[" else b"]\n"


def api_files(catalog: Catalog) -> dict[str, Iterator[bytes]]:
    """papers, results, benchmarks, datasets and the backbone and hardware registries (<name>.json), keyed by
    path under the site."""
    papers = (
        {
            "id": paper.id,
            "title": paper.title,
            "method": paper.name,
            "authors": paper.authors,
            "venue": catalog.venues[paper.venue].name,
            "year": paper.year,
            "arxiv": paper.arxiv,
            "url": paper_url(paper),
            "links": {"pdf": pdf_url(paper), "code": paper.links.code, "project": paper.links.project},
            "tasks": paper.tasks,
            "description": paper.description,
            "added": paper.added.isoformat(),
        }
        for paper in catalog.papers.values()
    )
    results = (
        {
            "paper": row.paper.id,
            "method": row.paper.name,
            "benchmark": row.result.benchmark,
            "metrics": {key: _number(score.value) for key, score in row.scores.items()},
            # as printed, decimals kept: JSON numbers lose them (92.0 reads back as 92)
            "metric_text": {key: score.text for key, score in row.scores.items()},
            "computed": sorted(key for key, score in row.scores.items() if score.computed),
            "variant": row.result.variant,
            "backbone": row.result.backbone,
            "backbone_unstated": row.result.backbone_unstated,
            "extra_training_data": row.result.extra_training_data,
            "extra_training_data_unstated": row.result.extra_training_data_unstated,
            "resolution": row.result.resolution,
            "frame_sampling": row.result.frame_sampling,
            "inference": row.result.inference,
            "inference_unstated": row.result.inference_unstated,
            "tta": row.result.tta,
            "fps": None if row.result.fps is None else _number(row.result.fps),
            "hardware": row.result.hardware,
            "hardware_unstated": row.result.hardware_unstated,
            "reported_by": row.result.reported_by,
            "source": {
                "url": row.result.source.url,
                "locator": row.result.source.locator,
                "accessed": _day(row.result.source.accessed),
                "quote": row.result.source.quote,
            },
            "inconsistent": row.result.inconsistent,
            "note": row.result.note,
        }
        for row in catalog.rows
    )
    benchmarks = (
        {
            "id": benchmark.id,
            "name": benchmark.name,
            "dataset": benchmark.dataset,
            "split": benchmark.split,
            "task": benchmark.task,
            "protocol": benchmark.protocol,
            "primary": benchmark.primary,
            "metrics": [
                {
                    "id": metric.id,
                    "label": metric.label,
                    "higher_is_better": metric.higher_is_better,
                    "derived_from": metric.derived.mean if metric.derived else None,
                }
                for metric in benchmark.metrics
            ],
            "evaluation": _evaluation(benchmark.evaluation),
        }
        for benchmark in catalog.benchmarks.values()
    )
    datasets = (
        {
            "id": dataset.id,
            "name": dataset.name,
            "year": dataset.year,
            "paper": dataset.paper,
            "homepage": dataset.homepage,
            "license": dataset.license,
            "figures": {key: _figure(value) for key, value in sorted(dataset.figures.items())},
            "splits": [dump(split, exclude_none=True) for split in dataset.splits],
            "aliases": dataset.aliases,
            "tasks": dataset.tasks,
            "benchmarks": [item.id for item in catalog.benchmarks.values() if item.dataset == dataset.id],
            "evaluation": _evaluation(dataset.evaluation),
        }
        for dataset in catalog.datasets.values()
    )
    backbones = (dump(backbone, mode="json", exclude_none=True) for backbone in catalog.backbones.values())
    hardware = (dump(device, mode="json") for device in catalog.hardware.values())
    return {
        "api/backbones.json": _dump(backbones),
        "api/hardware.json": _dump(hardware),
        "api/papers.json": _dump(papers),
        "api/results.json": _dump(results),
        "api/benchmarks.json": _dump(benchmarks),
        "api/datasets.json": _dump(datasets),
    }
