"""`awesome-vos add-result` on the fixture corpus: numbers read from the pasted text, appended as a block that
leaves the rest of the file as it was, checked with the whole pipeline, refused (nothing written) otherwise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import Runner

MEMORY = "data/papers/memory-net.yaml"
EXAMPLE = "data/papers/example-benchmark.yaml"
OLD = "data/papers/old-net.yaml"
PINNED = "https://github.com/example/memorynet/blob/0123456789abcdef0123456789abcdef01234567/README.md#L9"
XL_ROW = "| MemoryNet-XL | Swin-L | 600p | **87.10** | 83.5 | 90.7 | - |"


FACTS = ("--backbone", "resnet-50", "--extra-data", "none")


def _add(cli: Runner, project: Path, paper: str, *arguments: str) -> tuple[int, str, str]:
    return cli(
        "add-result", paper, "--root", str(project), "--benchmark", "davis-2017-val", *FACTS, *arguments
    )


def test_markdown_row_is_appended_after_the_last_result(project: Path, cli: Runner) -> None:
    before = (project / MEMORY).read_text()
    code, out, err = _add(
        cli,
        project,
        "memory-net",
        "--url",
        PINNED,
        "--locator",
        "README, DAVIS 2017 val table, row 'MemoryNet-XL'",
        "--row",
        XL_ROW,
        "--columns=-,-,-,jf,j,f,-",
        "--variant",
        "MemoryNet-XL",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"added to {MEMORY}: davis-2017-val: jf 87.10, j 83.5, f 90.7"
    assert (project / MEMORY).read_text() == before + (
        "  - benchmark: davis-2017-val\n"
        "    metrics: {jf: 87.10, j: 83.5, f: 90.7}\n"
        "    variant: MemoryNet-XL\n"
        "    backbone: resnet-50\n"
        "    extra_training_data: []\n"
        "    source:\n"
        f'      url: "{PINNED}"\n'
        "      locator: \"README, DAVIS 2017 val table, row 'MemoryNet-XL'\"\n"
        f'      quote: "{XL_ROW}"\n'
    )
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    results = json.loads((project / "site" / "api" / "results.json").read_text())
    [added] = [item for item in results if item["variant"] == "MemoryNet-XL"]
    assert added["metrics"] == {"jf": 87.1, "j": 83.5, "f": 90.7}
    assert added["source"]["quote"] == XL_ROW


def test_latex_row_starts_the_results_of_a_paper_without_any(project: Path, cli: Runner) -> None:
    before = (project / EXAMPLE).read_text()
    row = r"Base & ResNet-50 & \textbf{70.0} & 68.0$^\dagger$ & 72.0\% \\ \hline"
    code, _, err = _add(
        cli,
        project,
        "example-benchmark",
        "--url",
        "https://example.org/benchmark/results",
        "--accessed",
        "2026-12-01",
        "--locator",
        "Table 1",
        "--row",
        row,
        "--columns",
        "_,_,jf,j,f",
    )
    assert (code, err) == (0, "")
    assert (project / EXAMPLE).read_text() == before + (
        "results:\n"
        "  - benchmark: davis-2017-val\n"
        "    metrics: {jf: 70.0, j: 68.0, f: 72.0}\n"
        "    backbone: resnet-50\n"
        "    extra_training_data: []\n"
        "    source:\n"
        '      url: "https://example.org/benchmark/results"\n'
        "      locator: Table 1\n"
        "      accessed: 2026-12-01\n"
        f"      quote: {json.dumps(row)}\n"
    )
    assert cli("check", "--root", str(project))[2].count("error") == 0


def test_sentence_numbers_in_order_with_fps(
    project: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = "OldNet reaches 79.1 J&F (75.9 J, 82.3 F) at 12.5 fps on one GPU, 3 times faster."
    monkeypatch.setattr("sys.stdin", io.StringIO(sentence + "\n"))
    code, out, err = _add(
        cli,
        project,
        "old-net",
        "--url",
        "https://arxiv.org/abs/1900.00001v3",
        "--locator",
        "Abstract",
        "--row",
        "-",
        "--numbers",
        "jf,j,f,fps",
        "--hardware-unstated",
        "the sentence names no GPU",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"added to {OLD}: davis-2017-val: jf 79.1, j 75.9, f 82.3, fps 12.5"
    text = (project / OLD).read_text()
    assert text.endswith(
        "    metrics: {jf: 79.1, j: 75.9, f: 82.3}\n"
        "    backbone: resnet-50\n"
        "    extra_training_data: []\n"
        "    fps: 12.5\n"
        "    hardware_unstated: the sentence names no GPU\n"
        "    source:\n"
        '      url: "https://arxiv.org/abs/1900.00001v3"\n'
        "      locator: Abstract\n"
        f'      quote: "{sentence}"\n'
    )


def test_re_evaluation_row_names_whose_table_it_is(project: Path, cli: Runner) -> None:
    row = "| OldNet | 600p | 80.0 | 77.0 | 83.0 | 14.2 |"
    code, out, err = _add(
        cli,
        project,
        "old-net",
        "--url",
        PINNED,
        "--locator",
        "README, comparison table, row 'OldNet'",
        "--row",
        row,
        "--columns",
        "_,_,jf,j,f,fps",
        "--resolution",
        "600p",
        "--hardware",
        "v100",
        "--fps-note",
        "AMP on",
        "--reported-by",
        "memory-net",
        "--note",
        "MemoryNet re-ran OldNet's released model",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"added to {OLD}: davis-2017-val: jf 80.0, j 77.0, f 83.0, fps 14.2"
    assert (
        (project / OLD)
        .read_text()
        .endswith(
            "    metrics: {jf: 80.0, j: 77.0, f: 83.0}\n"
            "    backbone: resnet-50\n"
            "    extra_training_data: []\n"
            '    resolution: "600p"\n'
            "    fps: 14.2\n"
            "    hardware: v100\n"
            "    fps_note: AMP on\n"
            "    reported_by: memory-net\n"
            "    source:\n"
            f'      url: "{PINNED}"\n'
            "      locator: \"README, comparison table, row 'OldNet'\"\n"
            f'      quote: "{row}"\n'
            "    note: MemoryNet re-ran OldNet's released model\n"
        )
    )
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    results = json.loads((project / "site" / "api" / "results.json").read_text())
    [added] = [item for item in results if item["paper"] == "old-net" and item.get("reported_by")]
    assert added["reported_by"] == "memory-net"
    assert added["metrics"]["jf"] == 80.0


def test_empty_results_list_is_replaced_by_the_block(project: Path, cli: Runner) -> None:
    path = project / EXAMPLE
    original = path.read_text()
    path.write_text(original + "results: []  # result rows: see CONTRIBUTING.md\n")
    code, _, err = _add(
        cli,
        project,
        "example-benchmark",
        "--url",
        "https://arxiv.org/abs/1700.00001v1",
        "--locator",
        "Table 2",
        "--row",
        "Base\t71.5\t69.0\t74.0",
        "--columns",
        "_,jf,j,f",
    )
    assert (code, err) == (0, "")
    assert path.read_text() == original + (
        "results:\n"
        "  - benchmark: davis-2017-val\n"
        "    metrics: {jf: 71.5, j: 69.0, f: 74.0}\n"
        "    backbone: resnet-50\n"
        "    extra_training_data: []\n"
        "    source:\n"
        '      url: "https://arxiv.org/abs/1700.00001v1"\n'
        "      locator: Table 2\n"
        '      quote: "Base\\t71.5\\t69.0\\t74.0"\n'
    )


REFUSALS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "moving-github-ref",
        ("--url", PINNED.replace("0123456789abcdef0123456789abcdef01234567", "main"), "--row", XL_ROW),
        f"{MEMORY}:45:12: results[3].source.url: GitHub source points at 'main', which moves",
    ),
    (
        "numbers-disagree",
        ("--url", PINNED, "--row", XL_ROW.replace("87.10", "88.10")),
        f"{MEMORY}:41:19: results[3].metrics.jf: jf is 88.10 but the mean of j (83.5) and f (90.7) is 87.10",
    ),
    (
        "unknown-reporting-paper",
        ("--url", PINNED, "--row", XL_ROW, "--reported-by", "no-such-paper"),
        f"{MEMORY}:44:18: results[3].reported_by: unknown paper 'no-such-paper'",
    ),
    (
        "cell-without-number",
        ("--url", PINNED, "--row", XL_ROW.replace("90.7", "n/a")),
        "awesome-vos add-result: column 6 ('f') holds no number: 'n/a'; nothing was written",
    ),
    (
        "too-many-columns",
        ("--url", PINNED, "--row", "| MemoryNet-XL | 87.10 |"),
        "awesome-vos add-result: --columns names 7 columns but the row has 2 cells",
    ),
    (
        "sentence-with-columns",
        ("--url", PINNED, "--row", "MemoryNet-XL reaches 87.10 J&F."),
        "awesome-vos add-result: cannot tell the cells of the row apart (no |, & or tab)",
    ),
]


@pytest.mark.parametrize(("case", "arguments", "message"), REFUSALS, ids=[case[0] for case in REFUSALS])
def test_refused_rows_write_nothing(
    project: Path, cli: Runner, case: str, arguments: tuple[str, ...], message: str
) -> None:
    before = (project / MEMORY).read_text()
    code, out, err = _add(
        cli, project, "memory-net", "--locator", "README", "--columns=-,-,-,jf,j,f,-", *arguments
    )
    assert code == 1, case
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert (project / MEMORY).read_text() == before


def test_unknown_paper_is_a_usage_error(project: Path, cli: Runner) -> None:
    code, _, err = _add(
        cli, project, "no-such-paper", "--url", PINNED, "--locator", "x", "--row", "a|1", "--columns", "_,jf"
    )
    assert code == 2
    assert err == (
        "awesome-vos: no data/papers/no-such-paper.yaml; start it with `awesome-vos new no-such-paper`\n"
    )
