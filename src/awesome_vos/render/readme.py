"""README.md: the awesome list itself, with a performance table per benchmark."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from ..catalog import Catalog
from ..leaderboard import Leaderboard
from ..listing import extra_data_label, paper_url, sections, variant_label, venue_label
from .charts import plans


def render_readme(catalog: Catalog, env: jinja2.Environment, boards: Sequence[Leaderboard]) -> str:
    """The whole README from templates/README.md.j2 (charts of featured benchmarks are linked, not drawn)."""
    return env.get_template("README.md.j2").render(
        catalog=catalog,
        sections=sections(catalog),
        leaderboards=[board for board in boards if board.standings],
        chart_plans=plans,
        datasets=sorted(catalog.datasets.values(), key=lambda item: (item.name.casefold(), item.id)),
        paper_url=paper_url,
        venue_label=lambda paper: venue_label(catalog, paper),
        variant_label=variant_label,
        extra_data_label=extra_data_label,
    )
