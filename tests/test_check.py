"""`awesome-vos check`: passes on a fresh build, fails with a diff when README.md or charts/ is stale."""

from __future__ import annotations

from pathlib import Path

from awesome_vos import buildstate
from conftest import Runner


def test_check_passes_after_build(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    (project / buildstate.STATE).unlink()  # without the build's state, check reads and compares everything
    code, out, err = cli("check", "--root", str(project))
    assert (code, err) == (0, "")
    assert out == "ok: 3 papers, 5 results valid; README.md is up to date\n"


def test_check_shows_the_diff_of_a_stale_readme(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    readme = project / "README.md"
    readme.write_text(
        readme.read_text().replace("Fixture method whose source", "Hand edit: fixture method whose source")
    )
    code, out, err = cli("check", "--root", str(project))
    assert code == 1
    assert out.startswith("--- README.md\n+++ README.md (generated)\n")
    assert "-- [OldNet: An Earlier Fixture Method][5] - arXiv 2019. Hand edit: fixture method" in out
    assert "+- [OldNet: An Earlier Fixture Method][5] - arXiv 2019. Fixture method" in out
    assert err == "\nREADME.md is not what the data generates; run `awesome-vos build` and commit it\n"


def test_check_notices_missing_chart_images(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    (project / "charts" / "davis-2017-val-progress.svg").unlink()
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    assert err == (
        "charts/ is not what the data generates (missing: charts/davis-2017-val-progress.svg; extra: none); "
        "run `awesome-vos build` and commit it\n"
    )


def test_check_reports_bad_data_like_build(project: Path, cli: Runner) -> None:
    paper = project / "data" / "papers" / "old-net.yaml"
    paper.write_text(paper.read_text().replace("venue: arxiv", "venue: arxv"))
    code, out, err = cli("check", "--root", str(project))
    assert (code, out) == (1, "")
    assert err.startswith(
        "data/papers/old-net.yaml:5:8: venue: unknown venue 'arxv'\n  hint: did you mean 'arxiv'?"
    )
