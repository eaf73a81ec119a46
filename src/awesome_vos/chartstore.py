"""Drawn charts by content: a cache folder keyed by what a chart shows, and a process pool for the rest.

Drawing is the slowest step of a build; most builds change few charts, and the two cores can share the rest.
Each cached file's name carries the hash of its bytes as well as its key, so a truncated, emptied or edited
cache file is noticed when it is read, removed and drawn again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from .output import replace_file
from .parallel import fork_map, in_child
from .places import CHART_CACHE
from .render.charts import Drawing, draw

CACHE = Path(CHART_CACHE)
POOL_FROM = 4
"""Fewer missing charts than this are drawn in this process: starting workers would cost more."""


def _digest(svg: bytes) -> str:
    return hashlib.sha256(svg).hexdigest()[:16]


def _cached(folder: Path, wanted: set[str]) -> dict[str, bytes]:
    """The intact cached SVG of each wanted key; every other file of the folder (stale or damaged) goes."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        key, _, digest = path.stem.partition(".")
        if key in wanted and key not in found and path.suffix == ".svg" and path.is_file():
            svg = path.read_bytes()
            if _digest(svg) == digest:
                found[key] = svg
                continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return found


def draw_all(drawings: list[Drawing], root: Path, redraw: bool = False) -> list[bytes]:
    """The SVG of each drawing, in order; cached ones are read (unless `redraw`), the others drawn and stored.

    Cache files no drawing of this build uses are removed, so the folder holds one build's charts; a redrawn
    chart whose bytes are already cached leaves its file untouched.
    """
    folder = root / CACHE
    folder.mkdir(parents=True, exist_ok=True)
    keys = [drawing.key() for drawing in drawings]
    cached = _cached(folder, set(keys))
    found = {} if redraw else cached
    missing = {key: drawing for key, drawing in zip(keys, drawings, strict=True) if key not in found}
    todo = list(missing.values())
    drawn = dict(zip(missing, in_child(lambda: _draw_shared(todo)) if todo else [], strict=True))
    for key, svg in drawn.items():
        if key in cached and cached[key] == svg:
            continue
        if key in cached:
            (folder / f"{key}.{_digest(cached[key])}.svg").unlink()
        replace_file(folder / f"{key}.{_digest(svg)}.svg", svg)
    found.update(drawn)
    return [found[key] for key in keys]


def _draw_shared(drawings: list[Drawing]) -> list[bytes]:
    """Run in a process of its own (matplotlib never enters the build's process, whose memory the page
    workers share later): the first chart loads matplotlib and its fonts, then a forked worker shares that
    copy and draws half of the rest."""
    return [draw(drawings[0]), *fork_map(draw, drawings[1:], minimum=POOL_FROM)]
