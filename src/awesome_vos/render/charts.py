"""SVG charts drawn by matplotlib at build time: progress over time and speed against accuracy.

Only the data selection (frontiers) is ours; all geometry is matplotlib's. Output is made deterministic by a
fixed hash salt, no date metadata and text kept as text.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..leaderboard import Leaderboard
from .text import slug

_STYLE: Any = {
    "svg.hashsalt": "awesome-vos",
    "text.parse_math": False,  # labels come from the data: "$" is a dollar sign, never mathtext
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#8c959f",
    "axes.labelcolor": "#6e7781",
    "xtick.color": "#6e7781",
    "ytick.color": "#6e7781",
    "text.color": "#6e7781",
    "axes.grid": True,
    "grid.color": "#8c959f",
    "grid.alpha": 0.3,
}
_POINT = "#218bff"
_FRONTIER = "#e16f24"
_SIZE = (6.4, 3.6)
"""Inches: the 640x360 the site's <img> reserves."""
_MARGINS = {"left": 0.125, "right": 0.97, "bottom": 0.13, "top": 0.9}
"""A fixed layout, with room for the tick and axis labels (see _place_labels): fitting it to each chart
(bbox_inches="tight") draws every figure twice."""
_TICKS = 7.0
"""Points from an axis to its tick labels: tick length and pad (matplotlib's defaults, 3.5 each)."""
_LABEL_ROOM = 33.0
"""Points left for the y tick labels: six characters ("0.1075", a score with four decimals) at 9 points."""
_LABEL_HEIGHT = 11.0
"""Points of a line of 9-point text."""
_LABEL_PAD = 4.0
"""Points between tick labels and the axis label (matplotlib's default)."""
REVISION = 5
"""Bump when draw() writes different SVG for the same drawing, so that cached charts are redrawn."""


@dataclass(frozen=True)
class Plan:
    """A chart to draw, known without drawing it: the README links charts by these names."""

    name: str
    title: str
    description: str
    hardware: str | None = None
    """None for the progress chart; the hardware of a speed chart."""


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its plan and its SVG."""

    plan: Plan
    svg: bytes

    @property
    def name(self) -> str:
        """File name of the SVG."""
        return self.plan.name


def progress_points(board: Leaderboard) -> list[tuple[int, Decimal, str]]:
    """(year, primary score, method) of every ranked row."""
    primary = board.primary.id
    return sorted(
        (standing.row.paper.year, standing.row.scores[primary].value, standing.row.paper.name)
        for standing in board.standings
        if primary in standing.row.scores
    )


def leader(
    points: list[tuple[Decimal, Decimal, str]], higher_is_better: bool
) -> tuple[Decimal, Decimal, str]:
    """The (x, score, method) point with the best score; the first of equals (the earliest or slowest)."""
    return min(points, key=lambda point: -point[1] if higher_is_better else point[1])


def best_so_far(points: list[tuple[int, Decimal, str]], higher_is_better: bool) -> list[tuple[int, Decimal]]:
    """The state-of-the-art frontier: the best score reached up to each year that improved it."""
    frontier: list[tuple[int, Decimal]] = []
    for year, value, _ in points:
        better = not frontier or (value > frontier[-1][1] if higher_is_better else value < frontier[-1][1])
        if better:
            if frontier and frontier[-1][0] == year:
                frontier[-1] = (year, value)
            else:
                frontier.append((year, value))
    return frontier


def pareto(points: list[tuple[Decimal, Decimal]], higher_is_better: bool) -> list[tuple[Decimal, Decimal]]:
    """(fps, score) points that no other point beats on both speed and accuracy, by increasing speed."""
    sign = 1 if higher_is_better else -1
    ordered = sorted(points, key=lambda point: (-point[0], -sign * point[1]))
    front: list[tuple[Decimal, Decimal]] = []
    for fps, score in ordered:
        if not front or sign * score > sign * front[-1][1]:
            front.append((fps, score))
    return sorted(front)


NAME_PART = 40
"""Characters of a hardware name kept in a chart's file name, so that any name gives a usable file name."""
SPEED_CHARTS = 3
"""Speed charts per benchmark: the devices with the most timed results."""


def speed_groups(board: Leaderboard) -> dict[str, list[tuple[Decimal, Decimal, str]]]:
    """(fps, primary score, method) per device name, for the SPEED_CHARTS devices with most (and at least
    two) rows. Rows are grouped by registered hardware id; an FPS whose GPU is unstated is never charted."""
    groups: dict[str, list[tuple[Decimal, Decimal, str]]] = defaultdict(list)
    primary = board.primary.id
    for standing in board.standings:
        result = standing.row.result
        if result.fps is not None and result.hardware is not None and primary in standing.row.scores:
            groups[result.hardware].append(
                (result.fps, standing.row.scores[primary].value, standing.row.paper.name)
            )
    named = {board.devices[key].name: sorted(points) for key, points in groups.items() if len(points) >= 2}
    busiest = sorted(named, key=lambda hardware: (-len(named[hardware]), hardware))[:SPEED_CHARTS]
    return {hardware: named[hardware] for hardware in sorted(busiest)}


def plans(board: Leaderboard) -> list[Plan]:
    """The charts a leaderboard gets: progress if two rows are ranked, speed per hardware with two timings."""
    label = board.primary.label
    result: list[Plan] = []
    points = progress_points(board)
    if len(points) >= 2:
        _, score, method = leader(
            [(Decimal(x), y, name) for x, y, name in points], board.primary.higher_is_better
        )
        description = (
            f"{label} of {len(points)} results from {points[0][0]} to {points[-1][0]}; "
            f"best {format(score, 'f')} by {method}."
        )
        title = f"{board.benchmark.name}: {label} over time"
        result.append(Plan(f"{board.benchmark.id}-progress.svg", title, description))
    used: set[str] = set()
    for hardware, group in speed_groups(board).items():
        stem = f"{board.benchmark.id}-speed-{slug(hardware)[:NAME_PART].strip('-') or 'device'}"
        name = next(
            f"{stem}{suffix}.svg"
            for suffix in ["", *(f"-{n}" for n in range(2, 100))]
            if f"{stem}{suffix}.svg" not in used
        )
        used.add(name)
        _, score, method = leader(group, board.primary.higher_is_better)
        description = (
            f"{label} against FPS for {len(group)} results timed on {hardware}; "
            f"best {format(score, 'f')} by {method}."
        )
        result.append(
            Plan(name, f"{board.benchmark.name}: speed and accuracy on {hardware}", description, hardware)
        )
    return result


@dataclass(frozen=True)
class Drawing:
    """Everything one chart is drawn from: small and picklable, so charts can be drawn in other processes,
    and hashable into a cache key."""

    plan: Plan
    label: str
    higher_is_better: bool
    points: tuple[tuple[float, float], ...]
    line: tuple[tuple[float, float], ...]
    leader: tuple[float, float, str]
    """The best point and its method, named on the chart."""

    def key(self) -> str:
        """Content key: the same drawing with the same matplotlib gives the same SVG."""
        layout = (_SIZE, sorted(_MARGINS.items()), _TICKS, _LABEL_ROOM, _LABEL_HEIGHT, _LABEL_PAD)
        text = repr((self, sorted(_STYLE.items()), layout, REVISION, _matplotlib()))
        return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _matplotlib() -> str:
    """matplotlib's version, read from its package metadata: importing matplotlib only to key the cache would
    cost a build whose charts are all cached, and the parent of the drawing workers, a sixth of a second."""
    return importlib.metadata.version("matplotlib")


def drawings(board: Leaderboard) -> list[Drawing]:
    """What each planned chart of a leaderboard shows."""
    higher = board.primary.higher_is_better
    label = board.primary.label
    result = []
    groups = speed_groups(board)
    for plan in plans(board):
        if plan.hardware is None:
            progress = progress_points(board)
            points = tuple((float(year), float(value)) for year, value, _ in progress)
            line = tuple((float(year), float(value)) for year, value in best_so_far(progress, higher))
            x, y, name = leader([(Decimal(year), value, method) for year, value, method in progress], higher)
        else:
            group = groups[plan.hardware]
            points = tuple((float(fps), float(value)) for fps, value, _ in group)
            line = tuple(
                (float(fps), float(value)) for fps, value in pareto([(p[0], p[1]) for p in group], higher)
            )
            x, y, name = leader(group, higher)
        result.append(Drawing(plan, label, higher, points, line, (float(x), float(y), name)))
    return result


ALPHA = 0.7
"""Opacity of a progress chart's points, so that piled-up results show darker; speed charts' are opaque."""


def opacities(alpha: float) -> list[float]:
    """Every opacity repeats of a point at `alpha` pile up to, rounded to 0.01 (finer than a colour channel's
    step), lightest first: 1 - (1 - alpha) ** repeats until that rounds to 1."""
    levels = [round(alpha, 2)]
    while levels[-1] < 1:
        levels.append(round(1 - (1 - alpha) ** (len(levels) + 1), 2))
    return levels


def layers(points: tuple[tuple[float, float], ...], alpha: float) -> dict[float, list[tuple[float, float]]]:
    """Distinct points by the opacity their repeats pile up to.

    One point drawn at 1 - (1 - alpha) ** repeats looks the same as its repeats drawn over each other at
    alpha, with far fewer SVG elements (half of a large corpus's points are repeats).
    """
    grouped: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for point, repeats in sorted(Counter(points).items()):
        grouped[opacities(alpha)[min(repeats, len(opacities(alpha))) - 1]].append(point)
    return grouped


@dataclass(frozen=True)
class _Canvas:
    """A figure kept for one kind of chart and given each drawing's data in turn: creating a figure, its axes
    and their ticks costs more than drawing a small chart."""

    figure: Any
    axes: Any
    alpha: float
    layers: dict[float, Any]
    """The points of each opacity, one collection each, made in a fixed order so that output never depends on
    which charts a process drew before."""
    line: Any
    name: Any
    """The leader's name beside its point."""


def _place_labels(figure: Any, axes: Any) -> None:
    """Axis labels at fixed offsets from the axes, clear of tick labels up to _LABEL_ROOM wide (or one line
    tall): matplotlib would measure every tick label of every chart again to place them."""
    from matplotlib.transforms import ScaledTranslation

    def offset(x: float, y: float) -> Any:
        return axes.transAxes + ScaledTranslation(x / 72, y / 72, figure.dpi_scale_trans)

    axes.xaxis.set_label_coords(0.5, 0, transform=offset(0, -_TICKS - _LABEL_HEIGHT - _LABEL_PAD))
    axes.yaxis.set_label_coords(0, 0.5, transform=offset(-_TICKS - _LABEL_ROOM - _LABEL_PAD, 0))


_canvases: dict[bool, _Canvas] = {}
"""This process's canvas per kind of chart (progress or speed)."""


def _canvas(progress: bool) -> _Canvas:
    """This process's canvas for progress charts or for speed charts, made on first use (under _STYLE)."""
    if progress not in _canvases:
        from matplotlib import ticker
        from matplotlib.figure import Figure

        figure = Figure(figsize=_SIZE, dpi=72)
        figure.subplots_adjust(**_MARGINS)
        axes: Any = figure.add_subplot()
        _place_labels(figure, axes)
        alpha = ALPHA if progress else 1.0
        if progress:
            axes.set_xlabel("Year")
            axes.xaxis.get_major_locator().set_params(integer=True)
            (line,) = axes.step([], [], where="post", color=_FRONTIER)
        else:
            axes.set_xscale("log")
            # labelled ticks at 1, 2 and 5 of each decade, so that a range within one decade still has some
            axes.xaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
            # plain tick labels: the default log formatter typesets every label with mathtext, which is slow
            axes.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:g}"))
            axes.xaxis.set_minor_formatter(ticker.NullFormatter())
            (line,) = axes.plot([], [], color=_FRONTIER, marker="o")
        points = {
            opacity: axes.scatter([], [], s=14, color=_POINT, alpha=opacity) for opacity in opacities(alpha)
        }
        for collection in points.values():
            collection.set_zorder(line.get_zorder() - 1)
        axes.set_title("", fontsize=10, color="#57606a")
        name = axes.annotate(
            "", (0, 0), xytext=(0, 5), textcoords="offset points", fontsize=8, color=_FRONTIER
        )
        _canvases[progress] = _Canvas(figure, axes, alpha, points, line, name)
    return _canvases[progress]


def _show(canvas: _Canvas, drawing: Drawing) -> None:
    """Put a drawing's points and line on a canvas and fit the axes to them."""
    import numpy

    grouped = layers(drawing.points, canvas.alpha)
    for opacity, collection in canvas.layers.items():
        collection.set_offsets(numpy.array(grouped.get(opacity, []), dtype=float).reshape(-1, 2))
        collection.set_visible(opacity in grouped)
    canvas.line.set_data([x for x, _ in drawing.line], [y for _, y in drawing.line])
    canvas.axes.ignore_existing_data_limits = True
    canvas.axes.update_datalim([*drawing.points, *drawing.line])
    canvas.axes.autoscale_view()
    x, y, name = drawing.leader
    low, high = sorted(canvas.axes.get_xlim())
    right_half = (
        (x - low) > (high - low) / 2 if canvas.axes.get_xscale() == "linear" else x > (low * high) ** 0.5
    )
    canvas.name.set_text(f"best: {name}")
    canvas.name.xy = (x, y)
    canvas.name.set_horizontalalignment("right" if right_half else "left")
    # level with the point, on the side with more room: the best point is the highest (or lowest), so the
    # frontier line and the other points stay below (or above) the name
    canvas.name.set_position((-6 if right_half else 6, 0))
    canvas.name.set_verticalalignment("center")
    canvas.axes.set_title(drawing.plan.title, fontsize=10, color="#57606a")


def draw(drawing: Drawing) -> bytes:
    """The SVG of one chart."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        canvas = _canvas(drawing.plan.hardware is None)
        _show(canvas, drawing)
        if drawing.plan.hardware is not None:
            canvas.axes.set_xlabel(f"FPS on {drawing.plan.hardware} (log scale)")
        canvas.axes.set_ylabel(drawing.label)
        # text, not bytes: matplotlib would wrap a byte buffer in an encoder called for every SVG fragment
        buffer = io.StringIO()
        canvas.figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue().encode()
