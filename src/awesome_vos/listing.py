"""The list's sections and the labels every renderer shares (plain data, no I/O)."""

from __future__ import annotations

import functools
import re
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


def extra_data_label(result: Result) -> str:
    """'BL30K, MEGA', 'none', or '?' when the source does not say."""
    if result.extra_training_data is None:
        return "?"
    return ", ".join(result.extra_training_data) or "none"


_FAMILIES = (
    ("ResNet", re.compile(r"resnet|resnext|^r-?\d|deeplab", re.IGNORECASE)),
    ("Swin", re.compile(r"swin", re.IGNORECASE)),
    ("ConvNeXt", re.compile(r"convnext", re.IGNORECASE)),
    ("ViT / Hiera", re.compile(r"vit|hiera|mae", re.IGNORECASE)),
    ("MobileNet", re.compile(r"mobilenet", re.IGNORECASE)),
    ("MiT / PVT", re.compile(r"mit-|pvt", re.IGNORECASE)),
    ("Language model", re.compile(r"qwen|llava|llama|vicuna|internvl", re.IGNORECASE)),
)


NOT_STATED = "not stated"


@functools.lru_cache(maxsize=4096)
def backbone_family(backbone: str | None) -> str:
    """Group backbone names as sources spell them (R50, ResNet-50, ResNet50) into families for filtering."""
    if not backbone:
        return NOT_STATED
    return next((family for family, pattern in _FAMILIES if pattern.search(backbone)), "Other")


def extra_data_flag(result: Result) -> str:
    """'yes', 'no' or 'unknown': whether the row used training data beyond the benchmark's usual sets."""
    if result.extra_training_data is None:
        return "unknown"
    return "yes" if result.extra_training_data else "no"


def device_key(hardware: str) -> str:
    """One key per GPU however a source spells it: 'Tesla V100' and 'V100' time on the same device."""
    text = re.sub(r"\b(tesla|nvidia|geforce|rtx|gtx)\b", "", hardware.lower())
    return re.sub(r"[^a-z0-9]", "", text)
