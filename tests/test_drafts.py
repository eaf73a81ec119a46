"""`awesome-vos new` and `awesome-vos import-bibtex`: files that start a paper and never pass unfilled."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from awesome_vos.contrib.bibimport import match_venue, read_venues
from conftest import REPO, Runner

TODAY = datetime.date.today().isoformat()

SKELETON = f"""\
# yaml-language-server: $schema=../../schemas/paper.json
id: space-time-memory
title: ""  # exact title as published
method: ""  # short method name for tables; remove the line if there is none
authors: []  # [First Author, Second Author] as printed on the paper
venue: ""  # an id from data/venues.yaml (arxiv for a preprint)
year:  # year of publication
arxiv: ""  # "2207.07115": quoted, no version suffix; remove the line if none
links:
  paper: ""  # https:// page of the paper; remove the links you do not have
  code: ""  # https:// official code repository
tasks: []  # ids from data/tasks.yaml
description: ""  # one sentence in your own words
added: {TODAY}
sources: []  # - {{url: https://..., locator: 'arXiv abstract page (title, authors)'}}
results: []  # result rows: see CONTRIBUTING.md
"""

BIB = r"""
@inproceedings{cheng2022xmem,
  title     = {{XMem}: Long-Term Video Object Segmentation with an {A}tkinson-Shiffrin Memory Model},
  author    = {Cheng, Ho Kei and Schwing, Alexander G. and M{\"u}ller, Jos{\'e}},
  booktitle = {Proceedings of the European Conference on Computer Vision (ECCV)},
  year      = {2022},
  eprint    = {2207.07115v2},
  archivePrefix = {arXiv},
}
@article{doe2021tracking,
  title   = {Tracking Everything Everywhere All at Once in Videos},
  author  = {Doe, Jane},
  journal = {Some Journal Nobody Lists},
  year    = {2021},
  doi     = {10.1000/xyz123},
}
@article{same-title, title = {MemoryNet: a fixture method with memory}, author = {A. Person}, year = {2021}}
@misc{same-arxiv, title = {Another Name}, author = {B. Person}, eprint = {2200.00002}, year = {2022}}
@misc{repeated, title = {XMem: Long-Term Video Object Segmentation with an Atkinson-Shiffrin Memory Model}, year = {2022}}
"""

XMEM = f"""\
# yaml-language-server: $schema=../../schemas/paper.json
id: xmem
title: "XMem: Long-Term Video Object Segmentation with an Atkinson-Shiffrin Memory Model"
method: XMem
authors: [Ho Kei Cheng, Alexander G. Schwing, José Müller]
venue: eccv
year: 2022
arxiv: "2207.07115"
links:
  paper: "https://arxiv.org/abs/2207.07115"
tasks: []  # ids from data/tasks.yaml
description: ""  # one sentence in your own words
added: {TODAY}
sources: []  # - {{url: https://..., locator: 'arXiv abstract page (title, authors)'}}
results: []  # result rows: see CONTRIBUTING.md
"""


def test_new_writes_the_skeleton(project: Path, cli: Runner) -> None:
    code, out, err = cli("new", "space-time-memory", "--root", str(project))
    assert (code, err) == (0, "")
    assert out == (
        "wrote data/papers/space-time-memory.yaml\n"
        "  fill in: title, authors, venue, year, tasks, description, sources\n"
        "  fill in or remove: method, arxiv, links.paper, links.code\n"
        "then run `awesome-vos check`; it points at every field still empty\n"
    )
    assert (project / "data/papers/space-time-memory.yaml").read_text() == SKELETON


def test_an_unfilled_skeleton_fails_check_at_every_placeholder(project: Path, cli: Runner) -> None:
    cli("new", "space-time-memory", "--root", str(project))
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    placed = [line.split(": ")[1] for line in err.splitlines() if line.startswith("data/papers/space-time")]
    assert placed == [
        "title",
        "method",
        "authors",
        "venue",
        "year",
        "arxiv",
        "links.paper",
        "links.code",
        "tasks",
        "description",
        "sources",
    ]


def test_new_refuses_an_existing_id(project: Path, cli: Runner) -> None:
    before = (project / "data/papers/memory-net.yaml").read_bytes()
    code, out, err = cli("new", "memory-net", "--root", str(project))
    assert (code, out) == (1, "")
    assert err == (
        "data/papers/memory-net.yaml:1:1: a paper with this id already exists\n"
        "  hint: pick another id or edit that file\n"
        "1 error in 1 file\n"
    )
    assert (project / "data/papers/memory-net.yaml").read_bytes() == before


@pytest.mark.parametrize("identifier", ["Space-Time", "space--time", "space-", "space_time", "a" * 81])
def test_new_refuses_an_invalid_id(project: Path, cli: Runner, identifier: str) -> None:
    code, out, err = cli("new", identifier, "--root", str(project))
    assert (code, out) == (2, "")
    assert err == (
        f"awesome-vos: '{identifier}' is not a valid paper id: use lowercase letters, digits and single "
        "hyphens, at most 80 characters, like 'space-time-memory'\n"
    )
    assert sorted(path.name for path in (project / "data/papers").iterdir()) == [
        "example-benchmark.yaml",
        "memory-net.yaml",
        "old-net.yaml",
    ]


def test_import_writes_new_entries_and_refuses_duplicates(project: Path, cli: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    code, out, err = cli("import-bibtex", str(bib), "--root", str(project))
    assert code == 1
    assert out == (
        "wrote data/papers/xmem.yaml\n"
        "  fill in: tasks, description, sources\n"
        "wrote data/papers/tracking-everything-everywhere-all-at.yaml\n"
        "  fill in: venue, tasks, description, sources\n"
        "then run `awesome-vos check`; it points at every field still empty\n"
    )
    assert err == (
        "skipped same-title: duplicate: data/papers/memory-net.yaml has the same title\n"
        "skipped same-arxiv: duplicate: data/papers/memory-net.yaml has the same arXiv id 2200.00002\n"
        "skipped repeated: duplicate: entry 'cheng2022xmem' has the same title\n"
    )
    assert (project / "data/papers/xmem.yaml").read_text() == XMEM
    tracking = (project / "data/papers/tracking-everything-everywhere-all-at.yaml").read_text()
    assert 'venue: ""  # an id from data/venues.yaml (arxiv for a preprint)\n' in tracking
    assert '  paper: "https://doi.org/10.1000/xyz123"\n' in tracking


def test_import_again_refuses_what_it_wrote(project: Path, cli: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    cli("import-bibtex", str(bib), "--root", str(project))
    code, out, err = cli("import-bibtex", str(bib), "--root", str(project))
    assert (code, out) == (1, "")
    assert "skipped cheng2022xmem: duplicate: data/papers/xmem.yaml has the same arXiv id 2207.07115\n" in err


def test_same_id_but_another_paper_gets_a_hint(project: Path, cli: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{x, title = {Memory-Net: Something Else Entirely}, year = {2020}}")
    code, _, err = cli("import-bibtex", str(bib), "--root", str(project))
    assert code == 1
    assert err == (
        "skipped x: duplicate: data/papers/memory-net.yaml has the same id 'memory-net' (if it is another "
        "paper, start it with `awesome-vos new <another-id>`)\n"
    )


def test_bibtex_syntax_errors_name_the_line(project: Path, cli: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{ok, title = {Fine}}\n\n@article{x, title = {Foo}\n")
    code, out, err = cli("import-bibtex", str(bib), "--root", str(project))
    assert (code, out) == (1, "")
    assert err == (
        f"{bib}:4:1: BibTeX: premature end of file\n  hint: check the braces and commas of this entry\n1 error in 1 file\n"
    )


def test_a_missing_bibtex_file_is_a_usage_error(project: Path, cli: Runner, tmp_path: Path) -> None:
    code, _, err = cli("import-bibtex", str(tmp_path / "nope.bib"), "--root", str(project))
    assert code == 2
    assert err.startswith(f"awesome-vos: cannot read {tmp_path / 'nope.bib'}:")


@pytest.mark.parametrize(
    ("printed", "venue"),
    [
        ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "cvpr"),
        ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "cvpr"),
        ("Proceedings of the IEEE/CVF International Conference on Computer Vision", "iccv"),
        ("Computer Vision -- ECCV 2022", "eccv"),
        ("Advances in Neural Information Processing Systems", "neurips"),
        ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "tpami"),
        ("arXiv preprint arXiv:2207.07115", "arxiv"),
        ("Proceedings of the 30th ACM International Conference on Multimedia", "acm-mm"),
        (
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops",
            "cvprw",
        ),
        ("Proceedings of the IEEE/CVF International Conference on Computer Vision Workshops", "iccvw"),
        ("CVPR Workshops", ""),
        ("Journal of Things Nobody Lists", ""),
    ],
)
def test_venues_are_matched_by_name_or_full_name(printed: str, venue: str) -> None:
    assert match_venue(printed, read_venues(REPO)) == venue


def test_an_entry_without_a_title_is_skipped(project: Path, cli: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{untitled, author = {A. Person}, year = {2020}}")
    code, out, err = cli("import-bibtex", str(bib), "--root", str(project))
    assert (code, out) == (1, "")
    assert err == "skipped untitled: its title gives no id; start it with `awesome-vos new <id>`\n"
