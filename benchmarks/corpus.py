"""Write a synthetic corpus in the real schema, buildable with `awesome-vos build` run inside it.

    python benchmarks/corpus.py --papers 10000 --results-per-paper 5 --out /tmp/vos-10k

Everything under data/ but the papers (tasks, venues, benchmarks, datasets, site) and templates/ is copied
from this repository; a dataset's `paper:` is pointed at a synthetic paper, as the real one is not in the
corpus. The papers (`method-000123`) come from a seeded generator: real venue, task and benchmark ids, each
benchmark's own metric ids, scores placed below the best real score of the benchmark, and derived metrics
that agree with their parts to the printed rounding (one result in about 200 is deliberately inconsistent,
and says so), each quoted from a pinned source (a README row at a commit, a LaTeX row of an arXiv version), so
the corpus passes every check of the catalog.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import words
from pydantic import TypeAdapter

from awesome_vos.loader import load_document
from awesome_vos.models import BACKBONES, HARDWARE, TASKS, VENUES, Benchmark, Metric, normalise_title
from awesome_vos.validate import validate

REPO = Path(__file__).resolve().parent.parent
MARKER = ".synthetic-corpus"
BENCHMARK = TypeAdapter(Benchmark)
FIRST_ADDED = datetime.date(2025, 1, 6)


@dataclass(frozen=True)
class Schema:
    """The real ids synthetic papers refer to."""

    tasks: tuple[str, ...]
    venues: tuple[str, ...]
    benchmarks: dict[str, tuple[Benchmark, ...]]
    """Benchmarks by task, for the tasks that have any."""
    best: dict[str, float]
    """The best primary score of each benchmark in the real corpus: synthetic scores are placed below it."""
    weight: dict[str, int]
    """How often each benchmark is reported in the real corpus, plus one: how often papers pick it."""
    backbones: tuple[str, ...]
    hardware: tuple[str, ...]
    datasets: tuple[str, ...]
    """Registry ids results refer to (data/backbones.yaml, data/hardware.yaml, data/datasets)."""
    inference_tasks: frozenset[str]
    """Tasks whose results must state `inference`."""


def read_schema(root: Path) -> Schema:
    """Tasks, venues and benchmarks of the repository at `root`, read as the engine reads them."""
    data = root / "data"
    tasks = validate(load_document(data / "tasks.yaml", "tasks.yaml"), TASKS)
    venues = validate(load_document(data / "venues.yaml", "venues.yaml"), VENUES)
    by_task: dict[str, list[Benchmark]] = {}
    for path in sorted((data / "benchmarks").glob("*.yaml")):
        benchmark = validate(load_document(path, path.name), BENCHMARK)
        by_task.setdefault(benchmark.task, []).append(benchmark)
    primary = {benchmark.id: benchmark.primary for group in by_task.values() for benchmark in group}
    best, weight = dict.fromkeys(primary, 70.0), dict.fromkeys(primary, 1)
    for path in sorted((data / "papers").glob("*.yaml")):
        for result in load_document(path, path.name).data.get("results", []):
            benchmark = result.get("benchmark")
            if benchmark not in primary:
                continue
            weight[benchmark] += 1
            value = result.get("metrics", {}).get(primary[benchmark])
            if value is not None and result.get("scale", "percent") == "percent":
                best[benchmark] = max(best[benchmark], float(value))
    backbones = validate(load_document(data / "backbones.yaml", "backbones.yaml"), BACKBONES)
    hardware = validate(load_document(data / "hardware.yaml", "hardware.yaml"), HARDWARE)
    return Schema(
        tuple(task.id for task in tasks),
        tuple(venue.id for venue in venues),
        {task: tuple(items) for task, items in sorted(by_task.items())},
        best,
        weight,
        tuple(backbone.id for backbone in backbones),
        tuple(device.id for device in hardware),
        tuple(sorted(path.stem for path in (data / "datasets").glob("*.yaml"))),
        frozenset(task.id for task in tasks if task.inference_required),
    )


def copied(repo: Path) -> list[Path]:
    """What is copied from the repository as it is: all of data/ but the papers, and templates/."""
    data = sorted(path for path in (repo / "data").iterdir() if path.name != "papers")
    return [*data, repo / "templates"]


def fingerprint(papers: int, results: int, seed: int, repo: Path = REPO) -> str:
    """Identifies a corpus: the parameters, this generator and every file copied from the repository."""
    digest = hashlib.sha256(f"{papers}/{results}/{seed}".encode())
    sources = [Path(__file__), Path(words.__file__)]
    for path in copied(repo):
        sources.extend(
            sorted(item for item in path.rglob("*") if item.is_file()) if path.is_dir() else [path]
        )
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_q(item) for item in items) + "]"


def _mean(values: Sequence[Decimal], places: int) -> Decimal:
    exact = sum(values, Decimal(0)) / len(values)
    return exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


class PaperWriter:
    """Generates papers one by one from a seeded random stream; names, titles and arXiv ids stay unique."""

    def __init__(self, schema: Schema, results: int, seed: int) -> None:
        self.schema = schema
        self.results = results
        self.random = random.Random(seed)
        self.names: set[str] = set()
        self.titles: set[str] = set()
        self.arxiv: set[str] = set()
        self.task_ids = list(schema.benchmarks)
        self.task_weights = [words.TASK_WEIGHTS.get(task, 1) for task in self.task_ids]

    def _pick(self, options: Sequence[str]) -> str:
        return options[self.random.randrange(len(options))]

    def _method(self) -> str:
        for attempt in range(1000):
            name = self._pick(words.PREFIXES) + self._pick(words.CORES) + self._pick(words.DECORATIONS)
            if attempt > 20:
                name += str(attempt)
            if normalise_title(name) not in self.names:
                self.names.add(normalise_title(name))
                return name
        raise RuntimeError("could not find a fresh method name")

    def _title(self, method: str, task: str) -> str:
        while True:
            title = (
                f"{method}: {self._pick(words.ADJECTIVES)} {self._pick(words.NOUNS)} "
                f"{self._pick(words.CONNECTORS)} {self._pick(words.MECHANISMS)} for {words.PHRASES[task]}"
            )
            if normalise_title(title) not in self.titles:
                self.titles.add(normalise_title(title))
                return title

    def _arxiv(self, year: int) -> str:
        while True:
            number = f"{year % 100:02d}{self.random.randint(1, 12):02d}.{self.random.randint(1, 29999):05d}"
            if number not in self.arxiv:
                self.arxiv.add(number)
                return number

    def _value(self, metric: Metric, level: float) -> Decimal:
        low = float(metric.minimum)
        high = float(metric.maximum) if metric.maximum is not None else low + 1000.0
        raw = level + self.random.gauss(0, 2.0) if metric.higher_is_better else self.random.uniform(2, 15)
        value = min(max(raw, low + 1.0), high - 0.5)
        return Decimal(f"{value:.{metric.decimals}f}")

    def _metrics(self, benchmark: Benchmark, level: float) -> tuple[dict[str, Decimal], str | None]:
        """Printed metrics in the benchmark's order, and an `inconsistent:` text when they disagree."""
        primary = next(metric for metric in benchmark.metrics if metric.id == benchmark.primary)
        if primary.derived is not None and self.random.random() < 0.1:
            return {primary.id: self._value(primary, level)}, None
        needed = set(primary.derived.mean) if primary.derived else {primary.id}
        printed: dict[str, Decimal] = {}
        for metric in benchmark.metrics:
            if metric.derived is None and (metric.id in needed or self.random.random() < 0.4):
                printed[metric.id] = self._value(metric, level)
        inconsistent = None
        for metric in benchmark.metrics:
            parts = metric.derived.mean if metric.derived else []
            if not parts or not all(part in printed for part in parts) or self.random.random() < 0.2:
                continue
            value = _mean([printed[part] for part in parts], metric.decimals)
            if inconsistent is None and self.random.random() < 0.005:
                value += Decimal(3) if value < 90 else Decimal(-3)
                inconsistent = f"The paper prints {metric.label} {value}, which is not the mean of its parts."
            printed[metric.id] = value
        order = [metric.id for metric in benchmark.metrics]
        return {key: printed[key] for key in order if key in printed}, inconsistent

    def _results(self, paper: dict[str, str], task: str, gap: float) -> list[str]:
        """Result rows; `gap` is how far the paper's first variant stays below the best real score."""
        group = list(self.schema.benchmarks[task])
        chosen: list[Benchmark] = []
        for _ in range(min(len(group), self.random.randint(1, 3))):
            weights = [self.schema.weight[benchmark.id] for benchmark in group]
            chosen.append(group.pop(self.random.choices(range(len(group)), weights)[0]))
        method, lines = paper["method"], []
        for index in range(self.results):
            benchmark = chosen[index % len(chosen)]
            step = index // len(chosen)
            suffix = words.VARIANT_SUFFIXES[step - 1] if 0 < step <= len(words.VARIANT_SUFFIXES) else ""
            variant = method + (f" {suffix}" if suffix.startswith("(") else suffix)
            if step > len(words.VARIANT_SUFFIXES):
                variant += f" #{step}"
            level = self.schema.best[benchmark.id] - gap + step * 0.6
            metrics, inconsistent = self._metrics(benchmark, level)
            numbers = ", ".join(f"{key}: {value}" for key, value in metrics.items())
            backbone = self._pick(self.schema.backbones) if self.random.random() < 0.85 else None
            lines += [
                f"  - benchmark: {benchmark.id}",
                f"    metrics: {{{numbers}}}",
                f"    variant: {_q(variant)}",
            ]
            if backbone is not None:
                lines.append(f"    backbone: {backbone}")
            else:
                lines.append("    backbone_unstated: the table does not name it")
            draw = self.random.random()
            if draw < 0.9:
                extra = (
                    self.random.sample(self.schema.datasets, self.random.randint(1, 2)) if draw < 0.3 else ()
                )
                lines.append(f"    extra_training_data: {_flow(extra)}")
            else:
                lines.append("    extra_training_data_unstated: the source does not say")
            if self.random.random() < 0.25:
                lines.append(f"    resolution: {_q(self._pick(words.RESOLUTIONS))}")
            if benchmark.id.startswith("youtube-vos"):
                lines.append(f"    frame_sampling: {self._pick(('all-frames', '6fps'))}")
            if benchmark.task in self.schema.inference_tasks:
                lines.append(f"    inference: {self._pick(('online', 'offline', 'semi-online'))}")
            if self.random.random() < 0.1:
                lines.append("    tta: true")
            cells = [variant, backbone or "-", *(str(value) for value in metrics.values())]
            if self.random.random() < 0.3:
                fps = f"{self.random.uniform(3, 60):.1f}"
                cells.append(fps)
                lines.append(f"    fps: {fps}")
                if self.random.random() < 0.9:
                    lines.append(f"    hardware: {self._pick(self.schema.hardware)}")
                else:
                    lines.append("    hardware_unstated: the source prints FPS without naming the GPU")
            lines += ["    source:", *self._source(paper, benchmark, variant, cells)]
            if inconsistent:
                lines.append(f"    inconsistent: {_q(inconsistent)}")
            if self.random.random() < 0.1:
                lines.append(f"    note: {_q(self._pick(words.NOTES))}")
        return lines

    def _source(
        self, paper: dict[str, str], benchmark: Benchmark, variant: str, cells: list[str]
    ) -> list[str]:
        """A pinned source and its quote: a README table row at a commit, or a LaTeX row of the paper (at
        its arXiv version, else dated), as contributors record them."""
        if self.random.random() < 0.6 and "code" in paper:
            sha = f"{self.random.getrandbits(160):040x}"
            url = f"{paper['code']}/blob/{sha}/README.md#L{self.random.randint(10, 400)}"
            locator, quote, dated = f"README, {benchmark.name} table", f"| {' | '.join(cells)} |", None
        else:
            first, *rest = cells[2:]
            row = [*cells[:2], f"\\textbf{{{first}}}", *rest]
            url, dated = paper["url"], None
            if url.startswith("https://arxiv.org/"):
                url += f"v{self.random.randint(1, 3)}"
            else:
                dated = paper["added"]
            locator, quote = f"Table {self.random.randint(1, 9)}", " & ".join(row) + " \\\\"
        lines = [f"      url: {_q(url)}", f"      locator: {_q(f'{locator}, row {variant!r}')}"]
        if dated is not None:
            lines.append(f"      accessed: {dated}")
        return [*lines, f"      quote: {_q(quote)}"]

    def paper(self, identifier: str) -> str:
        """One paper file, as a contributor would write it."""
        pick = self._pick
        task = self.random.choices(self.task_ids, self.task_weights)[0]
        tasks = [task]
        if self.random.random() < 0.1:
            tasks.append(pick([other for other in self.schema.tasks if other != task]))
        year = min(2015 + int(self.random.triangular(0, 11, 9)), 2025)
        method = self._method()
        authors = sorted(
            {f"{pick(words.FIRST_NAMES)} {pick(words.LAST_NAMES)}" for _ in range(self.random.randint(1, 8))}
        )
        arxiv = self._arxiv(year) if self.random.random() < 0.85 else None
        slug = method.lower().replace("+", "p")
        url = f"https://arxiv.org/abs/{arxiv}" if arxiv else f"https://openreview.net/forum?id={slug}{year}"
        added = FIRST_ADDED + datetime.timedelta(days=self.random.randrange(600))
        paper = {"method": method, "url": url, "added": added.isoformat()}
        lines = [
            f"id: {identifier}",
            f"title: {_q(self._title(method, task))}",
            f"method: {_q(method)}",
            f"authors: {_flow(self.random.sample(authors, len(authors)))}",
            f"venue: {'arxiv' if arxiv and self.random.random() < 0.15 else pick(self.schema.venues)}",
            f"year: {year}",
        ]
        if arxiv:
            lines.append(f'arxiv: "{arxiv}"')
        lines += ["links:", f"  paper: {_q(url)}"]
        if arxiv:
            lines.append(f"  pdf: {_q(f'https://arxiv.org/pdf/{arxiv}.pdf')}")
        if self.random.random() < 0.7:
            paper["code"] = f"https://github.com/{pick(words.LAST_NAMES).lower().replace(' ', '')}/{slug}"
            lines.append(f"  code: {_q(paper['code'])}")
        if self.random.random() < 0.3:
            lines.append(f"  project: {_q(f'https://{slug}.github.io/')}")
        description = f"{pick(words.DESCRIPTION_VERBS)} {pick(words.DESCRIPTION_MEANS)}, {pick(words.DESCRIPTION_GAINS)}."
        lines += [
            f"tasks: {_flow(tasks)}",
            f"description: {_q(description)}",
            f"added: {added.isoformat()}",
            "sources:",
            f"  - url: {_q(url)}",
            f"    locator: {_q('abstract page (title, authors); venue from the published version')}",
        ]
        if self.results:
            gap = (2025 - year) * 2.2 + self.random.uniform(0.5, 9.0)
            lines += ["results:", *self._results(paper, task, gap)]
        return "\n".join(lines) + "\n"


def _copy_repository_files(out: Path, papers: list[str], repo: Path) -> None:
    for source in copied(repo):
        target = out / source.relative_to(repo)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    for index, path in enumerate(sorted((out / "data" / "datasets").glob("*.yaml"))):
        replacement = f"paper: {papers[index % len(papers)]}" if papers else ""
        path.write_text(
            re.sub(r"(?m)^paper: .*$", replacement, path.read_text(encoding="utf-8")), encoding="utf-8"
        )


def write_corpus(out: Path, papers: int, results: int, seed: int, repo: Path = REPO) -> None:
    """Replace `out` (empty or an earlier corpus) with a fresh corpus made from the data and templates in `repo`."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SystemExit(f"{out} is not empty and holds no synthetic corpus; choose an empty or new folder")
    shutil.rmtree(out, ignore_errors=True)
    (out / "data" / "papers").mkdir(parents=True)
    identifiers = [f"method-{index:06d}" for index in range(papers)]
    _copy_repository_files(out, identifiers, repo)
    writer = PaperWriter(read_schema(repo), results, seed)
    for identifier in identifiers:
        (out / "data" / "papers" / f"{identifier}.yaml").write_text(
            writer.paper(identifier), encoding="utf-8"
        )
    (out / MARKER).write_text(fingerprint(papers, results, seed, repo) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write one corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--papers", type=int, required=True, help="number of synthetic papers")
    parser.add_argument("--results-per-paper", type=int, default=5, help="results per paper (default 5)")
    parser.add_argument(
        "--out", type=Path, required=True, help="folder to write (replaced if it is a corpus)"
    )
    parser.add_argument("--seed", type=int, default=1348, help="random seed (default 1348)")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    write_corpus(arguments.out, arguments.papers, arguments.results_per_paper, arguments.seed)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {arguments.papers} papers x {arguments.results_per_paper} results to {arguments.out} in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
