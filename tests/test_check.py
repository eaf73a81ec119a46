"""`awesome-vos check`: validates the data (what a pull request needs); `check --fresh` also fails, with a diff,
when README.md or charts/ is not what the data generates (what a maintainer asks of main)."""

from __future__ import annotations

from pathlib import Path

from awesome_vos import buildstate
from conftest import Runner


def _stale_readme(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(
        readme.read_text().replace("Fixture method whose source", "Hand edit: fixture method whose source")
    )


def test_check_fresh_passes_after_build(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    (project / buildstate.STATE).unlink()  # without the build's state, check reads and compares everything
    code, out, err = cli("check", "--fresh", "--root", str(project))
    assert (code, err) == (0, "")
    assert out == "ok: 3 papers, 5 results valid; README.md and charts/ are up to date\n"


def test_check_validates_the_data_without_comparing_the_readme(project: Path, cli: Runner) -> None:
    # a pull request adds YAML only: a README.md the data no longer generates (or none at all) is fine
    assert not (project / "README.md").exists()
    code, out, err = cli("check", "--root", str(project))
    assert (code, out, err) == (0, "ok: 3 papers, 5 results valid\n", "")
    cli("build", "--no-search", "--root", str(project))
    _stale_readme(project)
    code, out, err = cli("check", "--root", str(project))
    assert (code, out, err) == (0, "ok: 3 papers, 5 results valid\n", "")


def test_check_fresh_shows_the_diff_of_a_stale_readme(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    _stale_readme(project)
    code, out, err = cli("check", "--fresh", "--root", str(project))
    assert code == 1
    assert out.startswith("--- README.md\n+++ README.md (generated)\n")
    assert "-- [OldNet: An Earlier Fixture Method][old-net] - arXiv 2019. Hand edit: fixture method" in out
    assert "+- [OldNet: An Earlier Fixture Method][old-net] - arXiv 2019. Fixture method" in out
    assert err == "README.md is not what the data generates; run `awesome-vos build` and commit it\n"


def test_check_fresh_notices_missing_chart_images(project: Path, cli: Runner) -> None:
    cli("build", "--no-search", "--root", str(project))
    (project / "charts" / "davis-2017-val-progress.svg").unlink()
    assert cli("check", "--root", str(project))[0] == 0
    code, _, err = cli("check", "--fresh", "--root", str(project))
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
