"""`awesome-vos diff <ref>` on a real git repository built from the fixture corpus."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import Runner, make_project

NEW_PAPER = """\
id: new-net
title: "NewNet: A Newer Fixture Method"
method: NewNet
authors: [Fi Example]
venue: cvpr
year: 2024
tasks: [semi-supervised-vos]
description: Fixture method that enters the DAVIS 2017 leaderboard at the top.
added: 2026-11-25
sources:
  - {url: https://example.org/newnet, locator: fixture}
results:
  - benchmark: davis-2017-val
    metrics: {j: 88.0, f: 92.0}
    variant: NewNet-L
    backbone: resnet-50
    extra_training_data: []
    source: {url: "https://example.org/newnet/results", locator: "Table 1", accessed: 2026-11-25, quote: "NewNet-L | 88.0 | 92.0"}
"""


def _git(root: Path, *arguments: str) -> str:
    command = [
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run([*command, *arguments], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "repo")
    _git(root, "init", "--quiet", "--initial-branch=main")
    _git(root, "add", ".")
    _git(root, "commit", "--quiet", "--message=fixture")
    return root


def _edit(root: Path) -> None:
    (root / "data/papers/new-net.yaml").write_text(NEW_PAPER)
    (root / "data/papers/old-net.yaml").unlink()
    memory = root / "data/papers/memory-net.yaml"
    text = memory.read_text()
    text = text.replace("https://example.org/memorynet/code", "https://example.org/memorynet/code-v2")
    text = text.replace("metrics: {j: 80.0, f: 86.1}", "metrics: {j: 80.4, f: 86.1}")
    text = text.replace(r"\textbf{80.0}", r"\textbf{80.4}")
    memory.write_text(text)


def test_no_change_says_so(repo: Path, cli: Runner) -> None:
    code, out, err = cli("diff", "HEAD", "--root", str(repo))
    assert (code, err) == (0, "")
    assert out == "### Data changes against `HEAD`\n\nNo change to papers, datasets, benchmarks or results.\n"


def test_summary_lists_entries_rows_and_rank_changes(repo: Path, cli: Runner) -> None:
    _edit(repo)
    code, out, err = cli("diff", "main", "--root", str(repo))
    assert (code, err) == (0, "")
    assert out == (
        "### Data changes against `main`\n"
        "\n"
        "1 entry added, 1 entry edited, 1 entry removed, 1 result row added, 1 result row edited, "
        "2 result rows removed, 1 leaderboard re-ranked.\n"
        "\n"
        "#### Papers, datasets and benchmarks\n"
        "\n"
        "|  | Kind | Id | Name | Fields |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| added | paper | `new-net` | NewNet (CVPR 2024) |  |\n"
        "| edited | paper | `memory-net` | MemoryNet (ECCV 2022) | `links.code` |\n"
        "| removed | paper | `old-net` | OldNet (arXiv 2019) |  |\n"
        "\n"
        "#### Result rows\n"
        "\n"
        "|  | Paper | Benchmark | Variant | Scores or changes |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| added | NewNet | `davis-2017-val` | NewNet-L | J 88.0; F 92.0 |\n"
        "| edited | MemoryNet | `davis-2017-val` | MemoryNet-S | J 80.0 → 80.4; source.quote |\n"
        "| removed | OldNet | `davis-2017-val` | OldNet (tied) | J&F 86.2 |\n"
        "| removed | OldNet | `davis-2017-val` | OldNet | J&F 80.0; J 77.0; F 81.0 |\n"
        "\n"
        "#### Leaderboards\n"
        "\n"
        "**DAVIS 2017 val** (`davis-2017-val`, ranked by J&F)\n"
        "\n"
        "| Rank | Was | Change | Method | J&F |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 1 | - | new | NewNet (NewNet-L) | 90.0 |\n"
        "| 2 | 1 | ▼ 1 | MemoryNet (MemoryNet-L, 480p) | 86.2 |\n"
        "| - | 1 | left | OldNet (OldNet (tied)) | 86.2 |\n"
        "| - | 4 | left | OldNet (OldNet) | 80.0 |\n"
    )


def test_the_checkout_is_left_as_it_was(repo: Path, cli: Runner) -> None:
    _edit(repo)
    before = (
        _git(repo, "status", "--porcelain"),
        _git(repo, "stash", "list"),
        _git(repo, "rev-parse", "HEAD"),
    )
    cli("diff", "HEAD", "--root", str(repo))
    after = (
        _git(repo, "status", "--porcelain"),
        _git(repo, "stash", "list"),
        _git(repo, "rev-parse", "HEAD"),
    )
    assert before == after


def test_unknown_ref_is_a_usage_error(repo: Path, cli: Runner) -> None:
    code, out, err = cli("diff", "no-such-branch", "--root", str(repo))
    assert (code, out) == (2, "")
    assert (
        err
        == "awesome-vos: unknown git ref 'no-such-branch'; fetch it first (e.g. `git fetch origin main`)\n"
    )


def test_option_like_ref_is_refused(repo: Path, cli: Runner) -> None:
    code, _, err = cli("diff", "--root", str(repo), "--", "--output=/tmp/x")
    assert code == 2
    assert err == "awesome-vos: '--output=/tmp/x' is not a git ref\n"


def test_bad_data_at_the_ref_is_reported(repo: Path, cli: Runner) -> None:
    paper = repo / "data/papers/old-net.yaml"
    paper.write_text(paper.read_text().replace("year: 2019", "year: soon"))
    _git(repo, "commit", "--quiet", "--all", "--message=broken")
    paper.write_text(paper.read_text().replace("year: soon", "year: 2019"))
    code, _, err = cli("diff", "HEAD", "--root", str(repo))
    assert code == 1
    assert err.startswith(
        "the data at HEAD does not load:\ndata/papers/old-net.yaml:6:7: year: expected a whole"
    )
