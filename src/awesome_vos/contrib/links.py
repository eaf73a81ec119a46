"""Every URL the data cites, where it is cited, the exclusion list, and the report of a link check.

links.yaml (at the project root, beside data/ rather than in it, since it is about checking, not facts)
lists URLs or URL prefixes the weekly check skips, each with the reason, so a skip is always explained.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, TypeAdapter, model_validator

from ..catalog import Catalog
from ..loader import load_document
from ..models import Evaluation, Source, Text, Url, dump, model
from ..validate import validate
from .linkcheck import Outcome

EXCLUSIONS = "links.yaml"


@model
class Exclusion:
    """A URL (or every URL under a prefix) the link check skips, and why."""

    url: Url | None = None
    prefix: Url | None = None
    reason: Text = Field(description="Why it cannot be checked automatically, e.g. 'blocks robots (403)'.")

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if (self.url is None) == (self.prefix is None):
            raise ValueError("give either url or prefix")
        return self

    def matches(self, url: str) -> bool:
        """Whether this exclusion covers `url`."""
        return url == self.url if self.prefix is None else url.startswith(self.prefix)


@model
class LinkSettings:
    """The contents of links.yaml."""

    exclude: Annotated[list[Exclusion], Field(default_factory=list)]


SETTINGS: TypeAdapter[LinkSettings] = TypeAdapter(LinkSettings)


def read_exclusions(root: Path) -> list[Exclusion]:
    """links.yaml's exclusions (none when the file is absent); raises DataErrors for a bad file."""
    path = root / EXCLUSIONS
    if not path.is_file():
        return []
    return validate(load_document(path, EXCLUSIONS), SETTINGS).exclude


def _sources(sources: Iterable[Source], where: str) -> list[tuple[str, str]]:
    return [(source.url, f"{where}: sources[{index}]") for index, source in enumerate(sources)]


def _evaluation(evaluation: Evaluation | None, where: str) -> list[tuple[str, str]]:
    if evaluation is None:
        return []
    found = [
        (evaluation.code, f"{where}: evaluation.code"),
        (evaluation.server, f"{where}: evaluation.server"),
    ]
    return [(url, place) for url, place in found if url]


def cited_urls(catalog: Catalog) -> dict[str, list[str]]:
    """Each distinct URL the data cites, with the places (file: field) that cite it."""
    found: list[tuple[str, str]] = []
    for paper in catalog.papers.values():
        where = f"data/papers/{paper.id}.yaml"
        links = dump(paper.links)
        found += [(url, f"{where}: links.{name}") for name, url in links.items() if url]
        if paper.arxiv:
            found.append((f"https://arxiv.org/abs/{paper.arxiv}", f"{where}: arxiv"))
        found += _sources(paper.sources, where)
        found += [
            (result.source.url, f"{where}: results[{i}].source") for i, result in enumerate(paper.results)
        ]
    for dataset in catalog.datasets.values():
        where = f"data/datasets/{dataset.id}.yaml"
        found += [(dataset.homepage, f"{where}: homepage"), *_evaluation(dataset.evaluation, where)]
        found += _sources(dataset.sources, where)
    for benchmark in catalog.benchmarks.values():
        where = f"data/benchmarks/{benchmark.id}.yaml"
        found += [*_evaluation(benchmark.evaluation, where), *_sources(benchmark.sources, where)]
    places: dict[str, list[str]] = defaultdict(list)
    for url, place in found:
        places[url].append(place)
    return {url: sorted(set(places[url])) for url in sorted(places)}


def split_excluded(
    urls: Iterable[str], exclusions: list[Exclusion]
) -> tuple[list[str], dict[str, Exclusion]]:
    """The URLs to check, and the excluded ones with the exclusion that covers each."""
    to_check: list[str] = []
    skipped: dict[str, Exclusion] = {}
    for url in urls:
        exclusion = next((item for item in exclusions if item.matches(url)), None)
        if exclusion is None:
            to_check.append(url)
        else:
            skipped[url] = exclusion
    return to_check, skipped


def report(outcomes: list[Outcome], places: dict[str, list[str]], skipped: int) -> str:
    """Markdown for the link-check issue: broken links, then warnings, each with where it is cited."""
    broken = [outcome for outcome in outcomes if outcome.verdict == "broken"]
    warnings = [outcome for outcome in outcomes if outcome.verdict == "warning"]
    lines = [
        f"Checked {len(outcomes)} links: {len(broken)} broken, {len(warnings)} warnings, "
        f"{skipped} skipped by {EXCLUSIONS}.",
        "",
    ]
    for title, items in (("Broken", broken), ("Warnings (blocked or rate-limited; check by hand)", warnings)):
        if not items:
            continue
        lines += [f"### {title}", "", "| Link | Answer | Cited in |", "| --- | --- | --- |"]
        for outcome in items:
            cited = "<br>".join(f"`{place}`" for place in places.get(outcome.url, []))
            lines.append(f"| <{outcome.url}> | {outcome.detail} | {cited} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
