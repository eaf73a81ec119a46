"""Caches are checked: a damaged chart or build state is noticed and rebuilt; check compares content; chart
labels are plain text with bounded file names; import-bibtex reports malformed entries and stays fast."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Runner, snapshot

CHART_CACHE = ".cache/awesome-vos/charts"
MEMORY = "data/papers/memory-net.yaml"


def _cached(project: Path) -> list[Path]:
    return sorted((project / CHART_CACHE).glob("*.svg"))


@pytest.mark.parametrize("damage", [b"", b"<svg>truncated"])
def test_a_damaged_cached_chart_is_drawn_again(project: Path, cli: Runner, damage: bytes) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    charts = {path.name: path.read_bytes() for path in (project / "charts").iterdir()}
    for path in _cached(project):
        path.write_bytes(damage)
    (project / "README.md").unlink()  # an output changed: the build runs again, reading the cache
    assert cli("build", "--root", str(project))[0] == 0
    assert {path.name: path.read_bytes() for path in (project / "charts").iterdir()} == charts
    assert all(path.read_bytes() != damage for path in _cached(project))


def test_force_redraws_charts(project: Path, cli: Runner) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    charts = {path.name: path.read_bytes() for path in (project / "charts").iterdir()}
    # a cache entry that passes its own hash but is not what the chart draws: only a redraw notices
    for path in _cached(project):
        wrong = b"<svg>stale drawing</svg>\n"
        key = path.name.split(".")[0]
        path.unlink()
        (path.parent / f"{key}.{hashlib.sha256(wrong).hexdigest()[:16]}.svg").write_bytes(wrong)
    assert cli("build", "--force", "--root", str(project))[0] == 0
    assert {path.name: path.read_bytes() for path in (project / "charts").iterdir()} == charts


@pytest.mark.parametrize("state", [b"", b"{not json", b'{"inputs": 1}'])
def test_a_damaged_build_state_means_a_full_build(project: Path, cli: Runner, state: bytes) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    before = snapshot(project)
    (project / ".cache/build-state.json").write_bytes(state)
    code, out, _ = cli("build", "--root", str(project))
    assert code == 0 and out.startswith("built 3 papers")
    assert snapshot(project) == before


def test_check_notices_an_edit_that_keeps_size_and_time(project: Path, cli: Runner) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    readme = project / "README.md"
    status = readme.stat()
    text = readme.read_bytes()
    readme.write_bytes(text.replace(b"papers", b"PAPERS", 1))
    os.utime(readme, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert readme.stat().st_size == status.st_size
    code, _, err = cli("check", "--fresh", "--root", str(project))
    assert code == 1
    assert "README.md is not what the data generates" in err


def test_chart_labels_are_plain_text_with_bounded_names(project: Path, cli: Runner) -> None:
    hardware = "$\\frac{a}{" + "x" * 300 + "$ GPU"
    device = "gpu-" + "x" * 70
    with (project / "data" / "hardware.yaml").open("a") as registry:
        registry.write(f"- {{id: {device}, name: '{hardware}'}}\n")
    path = project / MEMORY
    text = path.read_text().replace("hardware: v100", f"hardware: {device}")
    text = text.replace(
        "    backbone: resnet-18\n", f"    backbone: resnet-18\n    fps: 40.1\n    hardware: {device}\n"
    )
    text = text.replace("86.1$^\\dagger$ \\\\'", "86.1$^\\dagger$ & 40.1 \\\\'")
    path.write_text(text)
    code, _, err = cli("build", "--root", str(project))
    assert (code, err) == (0, "")
    speed = [path for path in (project / "site" / "charts").iterdir() if "-speed-" in path.name]
    assert len(speed) == 1
    assert speed[0].name == f"davis-2017-val-speed-{('fraca' + 'x' * 300)[:40]}.svg"
    assert "FPS on $\\frac{a}{xxx" in speed[0].read_text()  # shown as written, not typeset


def _bib(entries: int) -> str:
    return "".join(
        f"@inproceedings{{key{number},\n"
        f"  title = {{Method{number}: Learning Things Number {number} for Video Segmentation}},\n"
        f'  author = {{Smith, John and M{{\\"u}}ller, Anna and Doe, J. and Wang, Li}},\n'
        "  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},\n"
        f"  year = {{2021}},\n  eprint = {{2101.{number:05d}}},\n}}\n"
        for number in range(entries)
    )


def test_import_bibtex_refuses_malformed_entries_with_a_message(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        _bib(1)
        + "@article{commas, title = {Commas: Too Many}, author = {Smith, John, Jr, Extra}, year = {2020}}\n"
        + "@article{empty, title = {Empty: Name}, author = {Smith and and Doe}, year = {2020}}\n"
        + "@article{digits, title = {Digits: Wide}, author = {Ann Lee}, year = {\uff12\uff10\uff12\uff10}}\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "awesome_vos.cli", "import-bibtex", str(bib), "--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "skipped commas: author 'Smith, John, Jr, Extra' has too many commas (write 'Last, First' or "
        "'First Last'); fix the entry",
        "skipped empty: author list 'Smith and and Doe' has an empty name around an 'and'; fix the entry",
        "skipped digits: year '\uff12\uff10\uff12\uff10' is not four digits 0-9; fix the entry",
    ]
    assert (project / "data/papers/method0.yaml").is_file()
    assert "M\u00fcller" in (project / "data/papers/method0.yaml").read_text()


def test_import_bibtex_of_3000_entries_is_quick(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "many.bib"
    bib.write_text(_bib(3000))
    started = time.monotonic()
    before = os.times()
    result = subprocess.run(
        [sys.executable, "-m", "awesome_vos.cli", "import-bibtex", str(bib), "--root", str(project)],
        capture_output=True,
        text=True,
    )
    after = os.times()
    assert result.returncode == 0, result.stderr
    assert len(list((project / "data/papers").glob("method*.yaml"))) == 3000
    # processor time of the import (wall time on a busy shared machine also measures the other processes)
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    assert cpu < 10, f"{cpu:.1f} s of processor time (wall {time.monotonic() - started:.1f} s)"
