"""Text and numbers are clean at the door: invisible characters, YAML 1.1 number forms and look-alike duplicate
titles are refused with file and line; printed decimals survive; every value reaching an output is escaped."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
from pybtex.database import parse_string

from conftest import Runner, snapshot

MEMORY = "data/papers/memory-net.yaml"
OLD = "data/papers/old-net.yaml"
DATASET = "data/datasets/davis-2017.yaml"
TITLE = 'title: "MemoryNet: A Fixture Method with Memory"'


def _replace(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("character", "described"),
    [
        ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 12"),
        ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE) at character 12"),
        ("\u200b", "U+200B (ZERO WIDTH SPACE) at character 12"),
        ("\\x07", "U+0007 (a control character) at character 12"),
        ("\\x1b", "U+001B (a control character) at character 12"),
    ],
)
def test_invisible_characters_in_titles_are_refused(
    project: Path, cli: Runner, character: str, described: str
) -> None:
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    before = snapshot(project)
    _replace(project, MEMORY, TITLE, f'title: "MemoryNet: {character}A Fixture Method with Memory"')
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert err == (
        f"{MEMORY}:2:8: title: contains {described}, an invisible or control character\n"
        "  hint: delete it (retype the text by hand if you cannot see it)\n1 error in 1 file\n"
    )
    assert snapshot(project) == before


def test_invisible_character_in_an_id_is_refused(project: Path, cli: Runner) -> None:
    _replace(project, MEMORY, "venue: eccv", "venue: ec\u200bcv")
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert err.startswith(f"{MEMORY}:5:8: venue: 'ec\u200bcv' is not a valid id\n")


@pytest.mark.parametrize(
    "title",
    [
        "MemoryNet: A Fixture Method with Mem\u043ery",  # Cyrillic o
        "MemoryNet: A Fixture Method with \u039cemory",  # Greek capital mu
        "\uff2d\uff45\uff4d\uff4f\uff52\uff59Net: a fixture method with memory",  # full-width letters
    ],
)
def test_look_alike_titles_are_duplicates(project: Path, cli: Runner, title: str) -> None:
    _replace(project, OLD, "title: ", f'title: "{title}"\nx: ')
    text = (project / OLD).read_text()
    (project / OLD).write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("x: ")) + "\n"
    )
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert "duplicate title: also in data/papers/memory-net.yaml:2" in err


def test_different_non_latin_titles_are_not_duplicates(project: Path, cli: Runner) -> None:
    _replace(project, MEMORY, TITLE, 'title: "\u89c6\u9891\u76ee\u6807\u5206\u5272"')
    old = (project / OLD).read_text().splitlines()
    (project / OLD).write_text(
        "\n".join(
            'title: "\u89c6\u9891\u5b9e\u4f8b\u5206\u5272"' if line.startswith("title:") else line
            for line in old
        )
        + "\n"
    )
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("0x56", "86"), ("0126", "86"), ("8_6", "86"), ("1:26", "86"), ("8.62e+1", "86.2")],
)
def test_yaml_11_number_forms_are_refused(project: Path, cli: Runner, written: str, read_as: str) -> None:
    _replace(project, MEMORY, "metrics: {jf: 86.2,", f"metrics: {{jf: {written},")
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert err == (
        f"{MEMORY}:19:19: results[0].metrics.jf: '{written}' is read by YAML as the number {read_as}, not as "
        "written\n  hint: write the number in plain digits as printed, like 86.20 (or quote it if it is text)\n"
        "1 error in 1 file\n"
    )


def test_printed_decimals_survive(project: Path, cli: Runner) -> None:
    _replace(
        project, MEMORY, "metrics: {jf: 86.2, j: 82.9, f: 89.5}", "metrics: {jf: 86.20, j: 82.90, f: 89.50}"
    )
    _replace(project, MEMORY, "**86.2** | 82.9 | 89.5 |", "**86.20** | 82.90 | 89.50 |")
    assert cli("build", "--root", str(project))[0] == 0
    readme = (project / "README.md").read_text()
    assert "| 86.20 | 82.90 | 89.50 |" in readme.replace("  ", " ")
    rows = list(
        csv.DictReader(io.StringIO((project / "site/benchmarks/davis-2017-val/leaderboard.csv").read_text()))
    )
    assert {row["jf"] for row in rows if row["variant"].startswith("MemoryNet-L")} == {"86.20"}


def test_dataset_figures_are_escaped_in_the_readme(project: Path, cli: Runner) -> None:
    hostile = "![x](https://example.org/x.png) <b>raw</b> # heading"
    _replace(project, DATASET, "figures: {videos: 150}", f"figures: {{videos: 150, objects: '{hostile}'}}")
    assert cli("build", "--root", str(project))[0] == 0
    html = markdown.markdown((project / "README.md").read_text())
    assert 'src="https://example.org/x.png"' not in html and "<b>" not in html
    assert "![x](https://example.org/x.png)" in html and "&lt;b&gt;raw" in html
    assert "<h1>heading" not in html and "<h1># heading" not in html


def test_csv_cells_never_start_a_formula(project: Path, cli: Runner) -> None:
    _replace(project, MEMORY, "variant: MemoryNet-L", 'variant: "=HYPERLINK(\\"https://example.org\\")"')
    _replace(project, MEMORY, "method: MemoryNet", "method: '@SUM(A1)'")
    _replace(project, MEMORY, "locator: \"Table 1, row 'MemoryNet-L'\"", 'locator: "-2+3"')
    assert cli("build", "--root", str(project))[0] == 0
    rows = list(
        csv.reader(io.StringIO((project / "site/benchmarks/davis-2017-val/leaderboard.csv").read_text()))
    )
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert "'@SUM(A1)" in cells and "'-2+3" in cells
    text_columns = [
        index
        for index, name in enumerate(rows[0])
        if name in {"method", "variant", "backbone", "source_locator"}
    ]
    assert all(not row[index].startswith(("=", "+", "-", "@")) for row in rows[1:] for index in text_columns)


def test_negative_scores_stay_numbers_in_the_csv(project: Path, cli: Runner) -> None:
    _replace(
        project,
        MEMORY,
        "metrics: {jf: 86.2, j: 82.9, f: 89.5}",
        "metrics: {jf: 86.2, j: 82.9, f: 89.5, j_decay: -1.5}",
    )
    _replace(project, MEMORY, "| 89.5 | 22.6 |", "| 89.5 | -1.5 | 22.6 |")
    assert cli("build", "--root", str(project))[0] == 0
    rows = list(
        csv.DictReader(io.StringIO((project / "site/benchmarks/davis-2017-val/leaderboard.csv").read_text()))
    )
    assert "-1.5" in {row["j_decay"] for row in rows}


def test_bibtex_urls_are_verbatim(project: Path, cli: Runner) -> None:
    url = "https://example.org/paper_files/x%20y.pdf#page=2"
    _replace(project, MEMORY, "  paper: https://example.org/memorynet", f"  paper: {url}")
    assert cli("build", "--root", str(project))[0] == 0
    entries = parse_string((project / "site/awesome-vos.bib").read_text(), "bibtex").entries
    assert entries["memory-net"].fields["url"] == url


def test_a_fifo_in_data_is_refused_without_opening_it(project: Path) -> None:
    os.mkfifo(project / "data" / "papers" / "pipe.yaml")
    for command in ("build", "check"):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "awesome_vos.cli", command, "--root", str(project)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert time.monotonic() - started < 120
        assert result.returncode == 1
        assert result.stderr == (
            "data/papers/pipe.yaml:1:1: not a regular file (a FIFO, socket or device)\n"
            "  hint: replace it by a plain .yaml file\n1 error in 1 file\n"
        )
