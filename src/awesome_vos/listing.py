"""The list's sections and the labels every renderer shares (plain data, no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .catalog import Catalog
from .models import Paper, Result, Task


@dataclass(frozen=True)
class Section:
    """A task and its papers, newest first."""

    task: Task
    papers: tuple[Paper, ...]


def sections(catalog: Catalog) -> list[Section]:
    """One section per task in tasks.yaml order; a paper with several tasks appears in each."""
    result = []
    for task in catalog.tasks:
        papers = [paper for paper in catalog.papers.values() if task.id in paper.tasks]
        papers.sort(key=lambda paper: (-paper.year, paper.title.casefold(), paper.id))
        result.append(Section(task, tuple(papers)))
    return result


def paper_url(paper: Paper) -> str:
    """The link a title points to: the paper page, else its PDF, arXiv page or code."""
    if paper.links.paper:
        return paper.links.paper
    if paper.links.pdf:
        return paper.links.pdf
    if paper.arxiv:
        return f"https://arxiv.org/abs/{paper.arxiv}"
    return paper.links.code or paper.sources[0].url


def pdf_url(paper: Paper) -> str | None:
    """The PDF: as given, else arXiv's PDF of the recorded arXiv id (a fixed address scheme, not a guess)."""
    if paper.links.pdf:
        return paper.links.pdf
    return f"https://arxiv.org/pdf/{paper.arxiv}" if paper.arxiv else None


def venue_label(catalog: Catalog, paper: Paper) -> str:
    """'CVPR 2022'."""
    return f"{catalog.venues[paper.venue].name} {paper.year}"


def variant_label(result: Result) -> str:
    """The variant and how it was run, in one short phrase ('AOT-L, 480p, all frames, TTA')."""
    parts = [result.variant, result.resolution]
    if result.frame_sampling:
        parts.append("all frames" if result.frame_sampling == "all-frames" else "6 fps")
    parts.append(result.inference)
    if result.tta:
        parts.append("TTA")
    return ", ".join(part for part in parts if part)


def extra_data_label(result: Result, names: Callable[[str], str] = str) -> str:
    """'COCO, BL30K' (each dataset id through `names`; ids by default), 'none', or '?' when unknown."""
    if result.extra_training_data is None:
        return "?"
    return ", ".join(names(item) for item in result.extra_training_data) or "none"


def dataset_name(catalog: Catalog) -> Callable[[str], str]:
    """The registered name of a dataset id, for `extra_data_label`."""
    return lambda identifier: catalog.datasets[identifier].name


NOT_STATED = "not stated"


def backbone_name(catalog: Catalog, result: Result) -> str:
    """The registered name tables print ('ResNet-50'), or '' when the source does not name one."""
    return "" if result.backbone is None else catalog.backbones[result.backbone].name


def backbone_family(catalog: Catalog, result: Result) -> str:
    """The backbone's family from data/backbones.yaml, for the leaderboard filter."""
    return NOT_STATED if result.backbone is None else catalog.backbones[result.backbone].family


def extra_data_flag(result: Result) -> str:
    """'yes coco bl30k', 'no' or 'unknown': whether the row used training data beyond the benchmark's usual
    sets, and which (the filter matches 'yes' or one dataset id)."""
    if result.extra_training_data is None:
        return "unknown"
    return " ".join(["yes", *result.extra_training_data]) if result.extra_training_data else "no"


def hardware_key(result: Result) -> str:
    """The hardware filter's value: the hardware id, 'unstated' for an FPS without GPU, '' when untimed."""
    if result.fps is None:
        return ""
    return result.hardware or "unstated"


GPU_NOT_STATED = "GPU not stated"


def hardware_name(catalog: Catalog, result: Result) -> str:
    """The registered name of the GPU behind the FPS, or 'GPU not stated' (such an FPS is never charted)."""
    return GPU_NOT_STATED if result.hardware is None else catalog.hardware[result.hardware].name


def reported_by_label(catalog: Catalog, result: Result) -> str:
    """'as reported by EdgeTAM' for a re-evaluation read in another paper's table, else ''."""
    return "" if result.reported_by is None else f"as reported by {catalog.papers[result.reported_by].name}"
