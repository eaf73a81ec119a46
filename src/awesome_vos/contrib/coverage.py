"""How much of the data carries its evidence (issue #14's targets): GitHub file sources pinned to a commit,
arXiv sources naming their version, other pages dated (every result has a quote: the schema requires it).
`awesome-vos provenance` prints it and fails below a required share, so CI can hold a target such as 95% of
GitHub sources pinned."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..catalog import Catalog
from ..pins import kind


def _percent(part: int, whole: int) -> float:
    """A percentage; 100 when there is nothing to count."""
    return 100.0 if whole == 0 else 100.0 * part / whole


@dataclass(frozen=True)
class Coverage:
    """Counts over every result of the catalog."""

    results: int
    kinds: Counter[str]
    dated: Counter[str]
    """Per kind, how many sources give `accessed`."""

    @property
    def github(self) -> int:
        """GitHub file sources, pinned or not."""
        return self.kinds["github-commit"] + self.kinds["github-moving"]

    @property
    def pinned_share(self) -> float:
        """Percentage of GitHub file sources pinned to a commit."""
        return _percent(self.kinds["github-commit"], self.github)


def coverage(catalog: Catalog) -> Coverage:
    """Count the evidence of every result."""
    kinds: Counter[str] = Counter()
    dated: Counter[str] = Counter()
    for row in catalog.rows:
        source = row.result.source
        found = kind(source.url)
        kinds[found] += 1
        dated[found] += source.accessed is not None
    return Coverage(len(catalog.rows), kinds, dated)


def report(found: Coverage) -> str:
    """Four lines of Markdown."""
    arxiv = found.kinds["arxiv-version"] + found.kinds["arxiv-latest"]
    return (
        f"- results: {found.results}, each with the quote its numbers were read in\n"
        f"- GitHub file sources pinned to a commit: {found.kinds['github-commit']} of {found.github} "
        f"({found.pinned_share:.1f}%; unpinned but dated: {found.dated['github-moving']})\n"
        f"- arXiv sources naming their version: {found.kinds['arxiv-version']} of {arxiv} "
        f"(unversioned but dated: {found.dated['arxiv-latest']})\n"
        f"- other pages dated: {found.dated['page']} of {found.kinds['page']}\n"
    )
