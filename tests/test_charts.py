"""Charts: a canvas reused between charts draws each the same as a fresh one, and nothing is clipped."""

from __future__ import annotations

from typing import Any

import pytest

from awesome_vos.render import charts
from awesome_vos.render.charts import Drawing, Plan, draw, layers, opacities


def progress(scores: list[float]) -> Drawing:
    points = tuple((2015.0 + index % 9, score) for index, score in enumerate(scores))
    best = max(points, key=lambda point: point[1])
    return Drawing(
        Plan("p.svg", "DAVIS 2017 val: J&F over time", "P"),
        "J&F",
        True,
        points,
        points[:2],
        (*best, "MemoryNet-Large"),
    )


def speed(fps: list[float], hardware: str = "RTX 3090") -> Drawing:
    points = tuple((value, 60.0 + index) for index, value in enumerate(fps))
    title = f"DAVIS 2017 val: speed and accuracy on {hardware}"
    return Drawing(
        Plan("s.svg", title, "S", hardware), "J&F", True, points, points[-2:], (*points[-1], "OldNet")
    )


DRAWINGS = [
    progress([60.0, 61.5, 61.5, 61.5, 70.2, 88.8]),
    speed([0.5, 3.0, 240.0]),
    progress([0.105, 0.125, 0.1175]),
    speed([20.0, 26.0], "NVIDIA GeForce RTX 2080 Ti (11 GB, PCIe)"),
    progress([100.0, 35.25, 99.75]),
]


@pytest.fixture(autouse=True)
def fresh_canvases() -> None:
    charts._canvases.clear()


def test_a_chart_does_not_depend_on_the_charts_drawn_before() -> None:
    alone = []
    for drawing in DRAWINGS:
        charts._canvases.clear()
        alone.append(draw(drawing))
    charts._canvases.clear()
    assert [draw(drawing) for drawing in reversed(DRAWINGS)] == list(reversed(alone))


def shown(axes: Any) -> tuple[list[Any], list[Any]]:
    """The x and y tick labels drawn: those with text, inside the axes' limits."""
    (x0, x1), (y0, y1) = sorted(axes.get_xlim()), sorted(axes.get_ylim())
    xs = [text for text in axes.get_xticklabels() if text.get_text() and x0 <= text.get_position()[0] <= x1]
    ys = [text for text in axes.get_yticklabels() if text.get_text() and y0 <= text.get_position()[1] <= y1]
    return xs, ys


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_text_stays_inside_the_figure_and_clear_of_tick_labels(drawing: Drawing) -> None:
    draw(drawing)
    canvas = charts._canvases[drawing.plan.hardware is None]
    axes, inside = canvas.axes, canvas.figure.bbox
    xticks, yticks = shown(axes)
    assert yticks
    # the title and the leader's name are there, inside the figure like every label
    assert axes.title.get_text() == drawing.plan.title
    assert canvas.name.get_text() in ("best: MemoryNet-Large", "best: OldNet")
    for text in [axes.xaxis.label, axes.yaxis.label, axes.title, canvas.name, *xticks, *yticks]:
        box = text.get_window_extent()
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
    ylabel, xlabel = axes.yaxis.label.get_window_extent(), axes.xaxis.label.get_window_extent()
    assert all(ylabel.x1 < text.get_window_extent().x0 for text in yticks)
    assert all(xlabel.y1 < text.get_window_extent().y0 for text in xticks)


def test_repeated_points_are_drawn_once_as_opaque_as_their_pile() -> None:
    assert opacities(0.7) == [0.7, 0.91, 0.97, 0.99, 1.0]
    assert opacities(1.0) == [1.0]
    points = ((1.0, 2.0), (1.0, 2.0), (3.0, 4.0), *[(5.0, 6.0)] * 7)
    assert layers(points, 0.7) == {0.7: [(3.0, 4.0)], 0.91: [(1.0, 2.0)], 1.0: [(5.0, 6.0)]}
    assert layers(points, 1.0) == {1.0: [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]}
