"""The search index the build writes (site/search/index.json): a record per page, what results show, compact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Runner

INDEX = Path("site") / "search" / "index.json"


def _records(root: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    index = json.loads((root / INDEX).read_bytes())
    records = [dict(zip(index["fields"], record, strict=True)) for record in index["records"]]
    return index, {record["url"]: record for record in records}


def test_index_has_a_record_per_paper_dataset_and_benchmark_page(project: Path, cli: Runner) -> None:
    code, _, err = cli("build", "--root", str(project))
    assert (code, err) == (0, "")
    index, records = _records(project)
    pages = {
        path.relative_to(project / "site").as_posix()
        for folder in ("papers", "datasets", "benchmarks")
        for path in (project / "site" / folder).glob("*/index.html")
    }
    assert set(records) == pages
    assert list(records) == sorted(records, key=lambda url: (url.startswith("papers/"), url))
    kinds = {url: index["types"][record["type"]] for url, record in records.items()}
    assert {url.split("/")[0]: kind for url, kind in kinds.items()} == {
        "papers": "Paper",
        "datasets": "Dataset",
        "benchmarks": "Benchmark",
    }


def test_records_carry_what_results_show_and_what_queries_match(project: Path, cli: Runner) -> None:
    cli("build", "--root", str(project))
    index, records = _records(project)
    urls = list(records)
    paper = records["papers/memory-net/index.html"]
    assert paper["title"] == "MemoryNet: A Fixture Method with Memory"
    assert (paper["method"], paper["authors"]) == ("MemoryNet", "Cy Example")
    assert (index["venues"][paper["venue"]], paper["label"], paper["year"]) == ("ECCV", "ECCV 2022", 2022)
    assert [index["tasks"][task] for task in paper["tasks"]] == ["Semi-supervised VOS", "Segment anything"]
    assert paper["text"].startswith("Fixture method with results on two benchmarks")
    # the benchmarks it has results on, by record index
    assert [urls[position] for position in paper["related"]] == [
        "benchmarks/davis-2017-val/index.html",
        "benchmarks/youtube-vos-2018-val/index.html",
    ]
    dataset = records["datasets/davis-2017/index.html"]
    assert (dataset["title"], dataset["year"], dataset["venue"], dataset["label"]) == (
        "DAVIS 2017",
        2017,
        -1,
        "",
    )
    assert [urls[position] for position in dataset["related"]] == ["benchmarks/davis-2017-val/index.html"]
    benchmark = records["benchmarks/davis-2017-val/index.html"]
    assert benchmark["title"] == "DAVIS 2017 val"
    assert [index["tasks"][task] for task in benchmark["tasks"]] == ["Semi-supervised VOS"]
    assert [urls[position] for position in benchmark["related"]] == ["datasets/davis-2017/index.html"]
    # data text is kept as it is; the page escapes it, the script sets it as text
    assert records["papers/example-benchmark/index.html"]["title"].endswith("| Video <Segmentation>")


def test_index_is_compact_json(project: Path, cli: Runner) -> None:
    cli("build", "--root", str(project))
    text = (project / INDEX).read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.count("\n") == 1
    assert (
        json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n" == text
    )


def test_no_search_builds_everything_but_the_index(project: Path, cli: Runner) -> None:
    cli("build", "--root", str(project))
    with_index = {path for path in (project / "site").rglob("*") if path.is_file()}
    code, out, _ = cli("build", "--no-search", "--root", str(project))
    assert code == 0
    assert "0 files written, 1 removed," in out and out.rstrip().endswith("(no search index)")
    assert {path for path in (project / "site").rglob("*") if path.is_file()} == with_index - {
        project / INDEX
    }
