"""A build with nothing changed stops early; any change to an input or an output, or --force, rebuilds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from awesome_vos import build, buildstate
from conftest import Runner, snapshot

SKIPPED = "README.md, charts/ and site/ are up to date (no input changed); --force rebuilds anyway\n"
MEMORY = "data/papers/memory-net.yaml"


def _build(cli: Runner, project: Path, *options: str) -> tuple[int, str, str]:
    return cli("build", "--no-search", *options, "--root", str(project))


def _files(project: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file()}


def test_unchanged_rebuild_is_skipped_and_writes_nothing(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    assert (project / buildstate.STATE).is_file()
    before, mtimes = snapshot(project), _files(project)
    assert _build(cli, project) == (0, SKIPPED, "")
    assert snapshot(project) == before
    assert _files(project) == mtimes


def _edit_data(project: Path) -> None:
    paper = project / MEMORY
    paper.write_text(paper.read_text().replace("A Fixture Method with Memory", "A Renamed Fixture Method"))


def _edit_template(project: Path) -> None:
    template = project / "templates" / "README.md.j2"
    template.write_text(
        template.read_text().replace("## Building this list", "## Building this list, edited")
    )


def _delete_output(project: Path) -> None:
    (project / "site" / "papers" / "old-net" / "index.html").unlink()


def _edit_output(project: Path) -> None:
    with (project / "README.md").open("a") as readme:
        readme.write("hand edit\n")


def _add_output(project: Path) -> None:
    (project / "site" / "stray.html").write_text("stray\n")


@pytest.mark.parametrize(
    "change",
    [_edit_data, _edit_template, _delete_output, _edit_output, _add_output],
    ids=["data", "template", "deleted-output", "edited-output", "added-output"],
)
def test_a_change_rebuilds(project: Path, cli: Runner, change: Callable[[Path], None]) -> None:
    assert _build(cli, project)[0] == 0
    change(project)
    code, out, err = _build(cli, project)
    assert (code, err) == (0, "")
    assert out.startswith("built 3 papers") and "0 files written, 0 removed" not in out
    expected = snapshot(project)
    shutil.rmtree(project / "site")
    (project / "README.md").unlink()
    _build(cli, project)
    assert snapshot(project) == expected, "the rebuild did not restore the outputs a fresh build writes"
    assert _build(cli, project) == (0, SKIPPED, "")


def test_force_and_other_options_rebuild(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    code, out, _ = _build(cli, project, "--force")
    assert code == 0 and out.startswith("built 3 papers") and "0 files written, 0 removed" in out
    code, out, _ = cli("build", "--root", str(project))
    assert code == 0 and out.startswith("built 3 papers") and "(no search index)" not in out


def test_failed_build_is_never_skipped_nor_recorded(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    state = (project / buildstate.STATE).read_bytes()
    paper = project / MEMORY
    good = paper.read_text()
    paper.write_text(good.replace('title: "MemoryNet: A Fixture Method with Memory"', "title: [unclosed"))
    for _ in range(2):
        code, out, err = _build(cli, project)
        assert (code, out) == (1, "")
        assert err.startswith(f"{MEMORY}:3:7: YAML syntax error")
        assert (project / buildstate.STATE).read_bytes() == state
    paper.write_text(good)
    assert _build(cli, project) == (0, SKIPPED, "")


def test_an_empty_folder_in_data_is_still_reported(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    (project / "data" / "papers" / "folder").mkdir()
    code, _, err = _build(cli, project)
    assert code == 1
    assert err.startswith("data/papers/folder:1:1: unexpected directory")


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'{"inputs": 1}', b"\xff\xfe"])
def test_unreadable_state_means_a_full_build(project: Path, cli: Runner, content: bytes) -> None:
    assert _build(cli, project)[0] == 0
    (project / buildstate.STATE).write_bytes(content)
    code, out, _ = _build(cli, project)
    assert code == 0 and out.startswith("built 3 papers")
    assert _build(cli, project) == (0, SKIPPED, "")


def test_a_change_to_the_generator_rebuilds(
    project: Path, cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "awesome_vos"
    shutil.copytree(Path(buildstate.__file__).parent, package)
    monkeypatch.setattr(buildstate, "__file__", str(package / "buildstate.py"))
    assert _build(cli, project)[0] == 0
    assert _build(cli, project) == (0, SKIPPED, "")
    with (package / "render" / "readme.py").open("a") as source:
        source.write("# a code change\n")
    code, out, _ = _build(cli, project)
    assert code == 0 and out.startswith("built 3 papers")


def test_outputs_are_the_builds(project: Path) -> None:
    assert buildstate.OUTPUTS == (build.README, build.CHARTS, build.SITE)


CHECK_SKIPPED = (
    "ok: nothing changed since the last successful build, which validated the data and wrote README.md\n"
)


def test_check_after_an_unchanged_build_answers_from_the_state(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    assert cli("check", "--root", str(project)) == (0, CHECK_SKIPPED, "")


@pytest.mark.parametrize(
    "edit", [_edit_data, _edit_template, _edit_output], ids=["data", "template", "readme"]
)
def test_check_after_a_change_checks_in_full(
    project: Path, cli: Runner, edit: Callable[[Path], None]
) -> None:
    assert _build(cli, project)[0] == 0
    edit(project)
    code, out, err = cli("check", "--fresh", "--root", str(project))
    assert out != CHECK_SKIPPED
    assert code == 1
    assert "README.md" in err


def test_check_reports_bad_data_even_after_a_good_build(project: Path, cli: Runner) -> None:
    assert _build(cli, project)[0] == 0
    paper = project / MEMORY
    paper.write_text(paper.read_text().replace("venue: eccv", "venue: nowhere"))
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    assert f"{MEMORY}:" in err and "unknown venue 'nowhere'" in err
