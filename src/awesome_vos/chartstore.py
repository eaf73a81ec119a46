"""Drawn charts by content: a cache folder keyed by what a chart shows, and a process pool for the rest.

Drawing is the slowest step of a build; most builds change few charts, and the two cores can share the rest.
"""

from __future__ import annotations

from pathlib import Path

from .parallel import fork_map
from .render.charts import Drawing, draw

CACHE = Path(".cache") / "awesome-vos" / "charts"
POOL_FROM = 4
"""Fewer missing charts than this are drawn in this process: starting workers would cost more."""


def draw_all(drawings: list[Drawing], root: Path) -> list[bytes]:
    """The SVG of each drawing, in order; cached ones are read, the others drawn and stored.

    Cache files no drawing of this build uses are removed, so the folder holds one build's charts.
    """
    folder = root / CACHE
    folder.mkdir(parents=True, exist_ok=True)
    keys = [drawing.key() for drawing in drawings]
    wanted = set(keys)
    found = {key: (folder / f"{key}.svg").read_bytes() for key in wanted if (folder / f"{key}.svg").is_file()}
    missing = {key: drawing for key, drawing in zip(keys, drawings, strict=True) if key not in found}
    # two workers draw, so matplotlib never enters this process, whose memory later workers share
    drawn = dict(
        zip(missing, fork_map(draw, list(missing.values()), minimum=POOL_FROM, in_parent=False), strict=True)
    )
    for key, svg in drawn.items():
        temporary = folder / f".{key}.tmp"
        temporary.write_bytes(svg)
        temporary.replace(folder / f"{key}.svg")
    for stale in folder.glob("*.svg"):
        if stale.stem not in wanted:
            stale.unlink()
    found.update(drawn)
    return [found[key] for key in keys]
