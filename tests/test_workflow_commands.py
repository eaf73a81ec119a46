"""GitHub annotations for data errors: printed only on GitHub's runners, escaped, with repository-root paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Runner


def test_no_annotations_off_github(project: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    paper = project / "data" / "papers" / "old-net.yaml"
    paper.write_text(paper.read_text().replace("venue: arxiv", "venue: arxv"))
    code, out, err = cli("check", "--root", str(project))
    assert (code, out) == (1, "")
    assert err.startswith("data/papers/old-net.yaml:5:8: venue: unknown venue 'arxv'\n")


def test_annotations_escape_properties_and_name_paths_from_the_repository_root(
    project: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the project is a folder of the repository (the workspace), and the file's name holds a comma and a colon
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project.parent))
    papers = project / "data" / "papers"
    shutil.move(papers / "old-net.yaml", papers / "old,net:x.yaml")
    code, out, err = cli("check", "--root", str(project))
    assert code == 1
    assert err.startswith("data/papers/old,net:x.yaml:1:5: id: id does not match the file name\n  hint: ")
    assert out.startswith(
        f"::error file={project.name}/data/papers/old%2Cnet%3Ax.yaml,line=1,col=5,title=id::"
        "id does not match the file name%0Ahint: "
    )
    assert out.endswith("\n") and out.count("\n") == 1
