"""SVG charts drawn by matplotlib at build time: progress over time and speed against accuracy.

Only the data selection (frontiers) is ours; all geometry is matplotlib's. Output is made deterministic by a
fixed hash salt, no date metadata and text kept as text.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..leaderboard import Leaderboard
from ..listing import device_key
from .text import slug

_STYLE: Any = {
    "svg.hashsalt": "awesome-vos",
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


SPEED_CHARTS = 3
"""Speed charts per benchmark: the devices with the most timed results."""


def speed_groups(board: Leaderboard) -> dict[str, list[tuple[Decimal, Decimal, str]]]:
    """(fps, primary score, method) per device, for the SPEED_CHARTS devices with most (and at least two) rows.

    Rows are grouped by device_key, and each group is named by its most common spelling.
    """
    groups: dict[str, list[tuple[Decimal, Decimal, str]]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    primary = board.primary.id
    for standing in board.standings:
        result = standing.row.result
        if result.fps is not None and result.hardware and primary in standing.row.scores:
            key = device_key(result.hardware)
            groups[key].append((result.fps, standing.row.scores[primary].value, standing.row.paper.name))
            spellings[key][result.hardware] += 1
    named = {
        min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]: sorted(points)
        for key, points in groups.items()
        if len(points) >= 2
    }
    busiest = sorted(named, key=lambda hardware: (-len(named[hardware]), hardware))[:SPEED_CHARTS]
    return {hardware: named[hardware] for hardware in sorted(busiest)}


def _figure() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6.4, 3.6))
    return figure, axes


def _svg(figure: Any) -> bytes:
    from matplotlib import pyplot

    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", transparent=True)
    pyplot.close(figure)
    return buffer.getvalue()


def plans(board: Leaderboard) -> list[Plan]:
    """The charts a leaderboard gets: progress if two rows are ranked, speed per hardware with two timings."""
    label = board.primary.label
    result: list[Plan] = []
    points = progress_points(board)
    if len(points) >= 2:
        higher = board.primary.higher_is_better
        leader = max(points, key=lambda point: point[1] if higher else -point[1])
        description = (
            f"{label} of {len(points)} results from {points[0][0]} to {points[-1][0]}; "
            f"best {format(leader[1], 'f')} by {leader[2]}."
        )
        title = f"{board.benchmark.name}: {label} over time"
        result.append(Plan(f"{board.benchmark.id}-progress.svg", title, description))
    used: set[str] = set()
    for hardware, group in speed_groups(board).items():
        stem = f"{board.benchmark.id}-speed-{slug(hardware)}"
        name = next(
            f"{stem}{suffix}.svg"
            for suffix in ["", *(f"-{n}" for n in range(2, 100))]
            if f"{stem}{suffix}.svg" not in used
        )
        used.add(name)
        description = f"{label} against FPS for {len(group)} results timed on {hardware}."
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

    def key(self) -> str:
        """Content key: the same drawing with the same matplotlib gives the same SVG."""
        import matplotlib

        text = repr((self, sorted(_STYLE.items()), matplotlib.__version__))
        return hashlib.sha256(text.encode()).hexdigest()


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
        else:
            group = groups[plan.hardware]
            points = tuple((float(fps), float(value)) for fps, value, _ in group)
            line = tuple(
                (float(fps), float(value)) for fps, value in pareto([(p[0], p[1]) for p in group], higher)
            )
        result.append(Drawing(plan, label, higher, points, line))
    return result


def draw(drawing: Drawing) -> bytes:
    """The SVG of one chart."""
    import matplotlib
    from matplotlib import ticker

    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure()
        xs, ys = [point[0] for point in drawing.points], [point[1] for point in drawing.points]
        if drawing.plan.hardware is None:
            axes.scatter(xs, ys, s=14, color=_POINT, alpha=0.7)
            axes.step(
                [p[0] for p in drawing.line], [p[1] for p in drawing.line], where="post", color=_FRONTIER
            )
            axes.set_xlabel("Year")
            axes.xaxis.get_major_locator().set_params(integer=True)
        else:
            axes.scatter(xs, ys, s=14, color=_POINT)
            axes.plot([p[0] for p in drawing.line], [p[1] for p in drawing.line], color=_FRONTIER, marker="o")
            axes.set_xscale("log")
            # plain tick labels: the default log formatter typesets every label with mathtext, which is slow
            axes.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:g}"))
            axes.xaxis.set_minor_formatter(ticker.NullFormatter())
            axes.set_xlabel(f"FPS on {drawing.plan.hardware} (log scale)")
        axes.set_ylabel(drawing.label)
        return _svg(figure)
