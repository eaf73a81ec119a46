"""The contributor plumbing under .github/ and the pre-commit hook: linted, pinned and in step with the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from awesome_vos.contrib.draft import Draft
from conftest import REPO, Runner

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def _actionlint() -> str:
    """The actionlint binary installed by the dev extra (next to this Python), else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: install the dev extra (pip install -e '.[dev]')")
    return found


def test_the_contributor_workflows_exist() -> None:
    assert {"links.yml", "main.yml", "pr-comment.yml", "pr.yml"} <= {path.name for path in WORKFLOWS}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_passes(workflow: Path) -> None:
    done = subprocess.run(
        [_actionlint(), "-no-color", "-oneline", str(workflow)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    done = subprocess.run(
        [_actionlint(), "-no-color", str(broken)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "nope" in done.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_commits_with_their_version(workflow: Path) -> None:
    uses = USES.findall(workflow.read_text())
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a commit"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action} lacks its version comment"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_have_a_concurrency_group_and_least_permissions(workflow: Path) -> None:
    document = yaml.safe_load(workflow.read_text())
    assert document["concurrency"]["group"]
    assert "permissions" in document
    assert all("timeout-minutes" in job for job in document["jobs"].values())


def test_pre_commit_hook_runs_check(cli: Runner) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "awesome-vos-check"
    assert hook["entry"] == "awesome-vos check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    code, out, _ = cli(*hook["entry"].split()[1:], "--help")
    assert code == 0
    assert out.startswith("usage: awesome-vos check")


def test_issue_form_offers_exactly_the_skeleton_new_writes() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "add-paper.yml").read_text())
    [field] = [item for item in form["body"] if item.get("id") == "file"]
    skeleton = Draft("my-method").text(skeleton=True).split("\n", 1)[1]
    strip_added = re.compile(r"^added: .*$", re.MULTILINE)
    assert strip_added.sub("added:", field["attributes"]["value"]) == strip_added.sub("added:", skeleton)


def test_licences_are_both_present_and_named_in_contributing() -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text()
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
    assert "Attribution 4.0 International" in (REPO / "LICENSE-DATA").read_text()
    assert "LICENSE-DATA" in contributing
    assert "CC BY 4.0" in contributing
    assert "MIT" in contributing


def _workflow(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    return document


def test_failing_pull_requests_get_a_comment_too() -> None:
    [job] = _workflow("pr.yml")["jobs"].values()
    report = [step for step in job["steps"] if "pr_report.py" in step.get("run", "")]
    uploads = [step for step in job["steps"] if step.get("with", {}).get("name") == "pr-comment"]
    assert [step["if"] for step in report + uploads] == ["${{ !cancelled() }}"] * 2
    condition = " ".join(_workflow("pr-comment.yml")["jobs"]["comment"]["if"].split())
    assert "github.event.workflow_run.conclusion == 'failure'" in condition


def test_the_comment_workflow_never_runs_the_pull_requests_code() -> None:
    # it holds a write token: no checkout, no run step, the artifact only read as files
    [job] = _workflow("pr-comment.yml")["jobs"].values()
    assert not [step for step in job["steps"] if "checkout" in step.get("uses", "") or "run" in step]
    [script] = [step["with"]["script"] for step in job["steps"] if "github-script" in step.get("uses", "")]
    assert "child_process" not in script and "eval(" not in script and "require('fs')" in script


def test_pull_requests_do_not_need_a_regenerated_readme() -> None:
    # the check make test runs (in .ci/run, from pr.yml) validates the data; only main.yml writes README.md
    recipe = subprocess.run(
        ["make", "--dry-run", "-o", ".venv/.installed", "-o", "node_modules/.installed", "test"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".venv/bin/awesome-vos check\n" in recipe and "--fresh" not in recipe
    main = (REPO / ".github" / "workflows" / "main.yml").read_text()
    assert "git add --all README.md charts" in main
