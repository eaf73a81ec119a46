"""README.md: the awesome list itself, with a performance table per benchmark."""

from __future__ import annotations

import jinja2

from ..catalog import Catalog
from ..leaderboard import leaderboards
from ..listing import extra_data_label, paper_url, sections, variant_label, venue_label


def render_readme(catalog: Catalog, env: jinja2.Environment) -> str:
    """The whole README from templates/README.md.j2."""
    boards = [board for board in leaderboards(catalog) if board.standings]
    return env.get_template("README.md.j2").render(
        catalog=catalog,
        sections=sections(catalog),
        leaderboards=boards,
        datasets=sorted(catalog.datasets.values(), key=lambda item: (item.name.casefold(), item.id)),
        paper_url=paper_url,
        venue_label=lambda paper: venue_label(catalog, paper),
        variant_label=variant_label,
        extra_data_label=extra_data_label,
    )
