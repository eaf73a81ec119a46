"""The contributor loop on real git clones of this repository: a pull request that adds one paper file and
leaves README.md alone passes `make test`'s data check; regenerating README.md for one paper changes a few of
its lines; two such branches merge without a conflict; a failing pull request gets a comment with its errors
and GitHub annotations on its lines.

"main" in these clones is this checkout with a few real papers taken out (and README.md regenerated without
them); a pull request adds one back, so no paper is invented for the tests.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from awesome_vos.build import load_catalog, readme_text
from awesome_vos.catalog import Catalog, build_catalog
from awesome_vos.corpus import read_corpus
from awesome_vos.leaderboard import rank
from awesome_vos.render.readme import README_ROWS, shown
from conftest import REPO

MAKE = shutil.which("make")
NODE = shutil.which("node")
MAX_CHANGED_LINES = 2 * (README_ROWS + 1) + 8
"""What one new paper with one result may change in README.md (added plus deleted lines, as numstat counts): a
row entering near the top of a README table shifts the rank of every row below it (each such line is deleted
and added), plus the row it pushes out, its list entry, the at-a-glance line and its link definitions."""


def _git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(arguments)}: {done.stdout}{done.stderr}"
    return done.stdout


def _single_result_papers(catalog: Catalog) -> list[str]:
    """Papers with exactly one result that no dataset or re-evaluation cites, newest first: what a typical pull
    request adds."""
    cited = {dataset.paper for dataset in catalog.datasets.values()}
    cited |= {row.result.reported_by for row in catalog.rows}
    papers = sorted(catalog.papers.values(), key=lambda paper: (-paper.year, paper.id))
    return [paper.id for paper in papers if len(paper.results) == 1 and paper.id not in cited]


def _in_readme_table(catalog: Catalog, paper: str) -> bool:
    """Whether the paper's row is among the rows README.md shows for its benchmark (a flagship benchmark's
    table, one row per method)."""
    benchmark = catalog.papers[paper].results[0].benchmark
    if benchmark not in catalog.site.flagship:
        return False
    return any(
        standing.row.paper.id == paper for standing in shown(rank(catalog, catalog.benchmarks[benchmark]))
    )


def _two_apart(catalog: Catalog) -> tuple[str, str]:
    """The newest single-result paper whose row enters its README table (the demanding case: a list entry,
    definitions, a new row, shifted ranks), and the next one on another benchmark with none of its tasks."""
    candidates = _single_result_papers(catalog)
    first = next(paper for paper in candidates if _in_readme_table(catalog, paper))
    paper = catalog.papers[first]
    second = next(
        other
        for other in map(catalog.papers.__getitem__, candidates)
        if other.results[0].benchmark != paper.results[0].benchmark
        and not set(other.tasks) & set(paper.tasks)
    )
    return first, second.id


def _write_readme(folder: Path) -> None:
    """README.md as `make build` writes it (the same function), without drawing the site."""
    (folder / "README.md").write_text(readme_text(load_catalog(folder), folder), encoding="utf-8")


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A clone whose main lacks two real papers (README.md regenerated without them); their ids."""
    folder = tmp_path_factory.mktemp("loop") / "upstream"
    _git(REPO, "clone", "--quiet", "--local", str(REPO), str(folder))
    for name in ("data", "templates", ".ci", "Makefile"):  # this checkout as it is, committed or not
        target = folder / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, target)
    first, second = _two_apart(load_catalog(REPO))
    for identifier in (first, second):
        (folder / "data" / "papers" / f"{identifier}.yaml").unlink()
    _write_readme(folder)
    _git(folder, "checkout", "--quiet", "-B", "main")
    _git(folder, "add", "--all")
    _git(folder, "commit", "--quiet", "--allow-empty", "-m", f"main without {first} and {second}")
    return folder, first, second


def _pull_request(upstream: tuple[Path, str, str], destination: Path, paper: str, branch: str) -> Path:
    """A fresh clone of main with `branch` adding data/papers/<paper>.yaml back, and nothing else."""
    origin = upstream[0]
    _git(origin, "clone", "--quiet", "--local", "--branch", "main", str(origin), str(destination))
    _git(destination, "checkout", "--quiet", "-b", branch)
    shutil.copy(REPO / "data" / "papers" / f"{paper}.yaml", destination / "data" / "papers" / f"{paper}.yaml")
    _git(destination, "add", "data")
    _git(destination, "commit", "--quiet", "-m", f"Add {paper}")
    (destination / ".venv").symlink_to(REPO / ".venv")  # make's stamps are given as old below: no set-up
    return destination


def _make(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert MAKE is not None
    old = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]
    return subprocess.run(
        [MAKE, "--no-print-directory", *old, *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def _changed(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """Lines deleted from `before` and added in `after`."""
    deleted: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, start, end, start2, end2 in matcher.get_opcodes():
        if tag != "equal":
            deleted += before[start:end]
            added += after[start2:end2]
    return deleted, added


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_a_one_paper_pull_request_passes_make_tests_data_check_with_readme_untouched(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    clone = _pull_request(upstream, tmp_path / "pr", upstream[1], "add-paper")
    assert _git(clone, "diff", "--name-only", "main", "HEAD").split() == [f"data/papers/{upstream[1]}.yaml"]
    plan = _make(clone, "--dry-run", "test")
    assert plan.returncode == 0, plan.stderr
    commands = plan.stdout.splitlines()
    assert commands[0] == ".venv/bin/awesome-vos check"  # the data first, then lint and pytest
    assert not [command for command in commands if "--fresh" in command]
    done = _make(clone, "check")
    assert (done.returncode, done.stderr) == (0, "")
    assert " results valid\n" in done.stdout
    # README.md is stale on this branch, which is what only a maintainer's check --fresh minds
    fresh = subprocess.run(
        [str(REPO / ".venv" / "bin" / "awesome-vos"), "check", "--fresh"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fresh.returncode == 1
    assert fresh.stderr == "README.md is not what the data generates; run `awesome-vos build` and commit it\n"


def test_regenerating_readme_for_one_paper_changes_few_lines(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    paper = upstream[1]
    clone = _pull_request(upstream, tmp_path / "pr", paper, "add-paper")
    _write_readme(clone)
    [numstat] = _git(clone, "diff", "--numstat", "README.md").splitlines()
    added, deleted, _ = numstat.split("\t")
    assert int(added) + int(deleted) <= MAX_CHANGED_LINES, numstat
    added_lines = [line for line in _git(clone, "diff", "-U0", "README.md").splitlines() if line[:1] == "+"]
    assert any(f"][{paper}]" in line for line in added_lines)  # its list entry, labelled by its id
    assert any(line.startswith(f"+[{paper}]: ") for line in added_lines)  # its link's definition
    assert any(line.startswith("+| ") and f"[src-{paper}-1]" in line for line in added_lines)  # its row


def test_every_line_one_paper_changes_is_about_it_or_its_table() -> None:
    """For each real single-result paper: README.md with and without it differ only in lines naming it (list
    entries, link definitions), in rows of the table it enters (it, the row it pushes out with that row's
    source definition, shifted ranks) and in that table's line in the leaderboard index (its best row)."""
    corpus = read_corpus(REPO)
    catalog = build_catalog(corpus)
    full = readme_text(catalog, REPO).splitlines()
    counts = {}
    for paper in _single_result_papers(catalog):
        without = dataclasses.replace(corpus, papers=[e for e in corpus.papers if e.value.id != paper])
        deleted, added = _changed(readme_text(build_catalog(without), REPO).splitlines(), full)
        label = re.compile(rf"\[(src-)?{re.escape(paper)}(-code|-project|-\d+)?\]")
        index_line = f"][leaderboard-{catalog.papers[paper].results[0].benchmark}]"
        rows = [line for line in deleted + added if line.startswith("| ") or index_line in line]
        in_rows = {f"[{name}]: " for row in rows for name in re.findall(r"\]\[([^\]]+)\]", row)}
        strays = [
            line
            for line in deleted + added
            if not label.search(line) and line not in rows and line[: line.find("]: ") + 3] not in in_rows
        ]
        assert strays == [], f"adding {paper} changes lines about other things: {strays}"
        counts[paper] = len(deleted) + len(added)
    assert counts and max(counts.values()) <= MAX_CHANGED_LINES, counts


def test_two_pull_requests_each_regenerating_readme_merge_without_conflict(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    _, first, second = upstream
    one = _pull_request(upstream, tmp_path / "one", first, "add-one")
    two = _pull_request(upstream, tmp_path / "two", second, "add-two")
    for clone, paper in ((one, first), (two, second)):
        _write_readme(clone)
        _git(clone, "commit", "--quiet", "-am", f"Regenerate README.md for {paper}")
    _git(one, "fetch", "--quiet", str(two), "add-two")
    merged = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "merge",
            "--no-edit",
            "FETCH_HEAD",
        ],
        cwd=one,
        capture_output=True,
        text=True,
        check=False,
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    # git's line merge gives exactly what the merged data generates
    assert (one / "README.md").read_text(encoding="utf-8") == readme_text(load_catalog(one), one)


def _break(clone: Path, paper: str) -> str:
    """Give the pull request's paper an unknown venue with a % in it; return the file's path."""
    path = f"data/papers/{paper}.yaml"
    text = (clone / path).read_text(encoding="utf-8")
    (clone / path).write_text(re.sub(r"^venue: .*$", "venue: cvpr%", text, count=1, flags=re.MULTILINE))
    _git(clone, "commit", "--quiet", "-am", "Break the venue")
    return path


def _report(clone: Path, outcome: str, out: Path) -> str:
    arguments = ["--base", "main", "--number", "7", "--outcome", outcome, "--out", str(out)]
    done = subprocess.run(
        [sys.executable, str(clone / ".ci" / "pr_report.py"), *arguments],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (out / "number").read_text() == "7\n"
    return (out / "summary.md").read_text(encoding="utf-8")


def test_a_passing_pull_request_is_summarised_without_a_failure_section(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    clone = _pull_request(upstream, tmp_path / "pr", upstream[1], "add-paper")
    summary = _report(clone, "success", tmp_path / "comment")
    assert "failed" not in summary
    assert summary.startswith("### Data changes against `main`")
    assert f"`{upstream[1]}`" in summary


def test_a_failing_pull_request_gets_its_errors_annotated_and_in_the_comment(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    clone = _pull_request(upstream, tmp_path / "pr", upstream[1], "add-paper")
    path = _break(clone, upstream[1])
    line = next(
        number
        for number, text in enumerate((clone / path).read_text().splitlines(), start=1)
        if text.startswith("venue:")
    )
    # the check as make test runs it on GitHub: errors on stderr, annotations (escaped) on stdout
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(clone)}
    check = subprocess.run(
        [str(clone / ".venv" / "bin" / "awesome-vos"), "check"],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    error = f"{path}:{line}:8: venue: 'cvpr%' is not a valid id"
    assert check.stderr.startswith(error + "\n  hint: ")
    assert check.stdout.startswith(
        f"::error file={path},line={line},col=8,title=venue::'cvpr%25' is not a valid id%0Ahint: "
    )
    assert check.stdout.count("\n") == check.stdout.count("::error ") == 1
    # the comment: the same errors as printed, and what to run locally
    summary = _report(clone, "failure", tmp_path / "comment")
    assert summary.startswith("### The checks failed\n")
    assert f"```text\n{check.stderr.rstrip()}\n```" in summary
    assert ".venv/bin/awesome-vos check" in summary and "make test" in summary
    # pr-comment.yml's script posts it, reading the artifact as data
    calls = _post_comment(tmp_path / "comment", head_sha="abc123")
    assert [call["call"] for call in calls] == ["pulls.get", "issues.listComments", "issues.createComment"]
    posted = calls[-1]["arguments"]
    assert posted["issue_number"] == 7
    assert posted["body"] == "<!-- awesome-vos data summary -->\n" + summary


def _post_comment(artifact: Path, head_sha: str) -> list[dict[str, object]]:
    """Run pr-comment.yml's github-script step in node on a downloaded artifact, against a recording stand-in
    for GitHub's API (the tests never leave the machine); return the API calls it made."""
    if NODE is None:
        pytest.skip("node is not installed")
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pr-comment.yml").read_text())
    [step] = [step for step in workflow["jobs"]["comment"]["steps"] if "github-script" in step["uses"]]
    folder = artifact.parent / "runner"
    shutil.copytree(artifact, folder / "pr-comment")
    harness = """
const calls = [];
const record = (call, result) => async (args) => { calls.push({call, arguments: args}); return result; };
const github = {
  paginate: async (method, args) => method(args),
  rest: {
    pulls: {get: record('pulls.get', {data: {head: {sha: HEAD_SHA}}})},
    issues: {
      listComments: record('issues.listComments', []),
      createComment: record('issues.createComment', {}),
      updateComment: record('issues.updateComment', {}),
    },
  },
};
const context = {repo: {owner: 'o', repo: 'r'}, payload: {workflow_run: {head_sha: HEAD_SHA}}};
const core = {setFailed: (message) => { throw new Error(message); }, info: () => {}};
(async () => {
SCRIPT
})().then(() => process.stdout.write(JSON.stringify(calls)), (error) => { console.error(error); process.exit(1); });
"""
    program = harness.replace("HEAD_SHA", json.dumps(head_sha)).replace("SCRIPT", step["with"]["script"])
    done = subprocess.run(
        [NODE, "--input-type=commonjs", "-"],
        input=program,
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    calls: list[dict[str, object]] = json.loads(done.stdout)
    return calls
