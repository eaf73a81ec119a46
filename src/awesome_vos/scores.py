"""Numbers as printed: derived metrics computed from their parts and checked to the printed rounding."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import Metric


@dataclass(frozen=True, slots=True)
class Score:
    """A metric value; `computed` when we derived it because the source did not print it."""

    value: Decimal
    computed: bool = False

    @property
    def text(self) -> str:
        """The number with exactly the decimals it was printed (or computed) with."""
        return format(self.value, "f")


def decimals(value: Decimal) -> int:
    """How many decimals a printed number has (86.20 -> 2, 91 -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def unit(places: int) -> Decimal:
    """One unit in the last printed place: 0.1 for one decimal."""
    return Decimal(1).scaleb(-places)


@dataclass(frozen=True)
class Disagreement:
    """A printed derived metric that its printed parts cannot produce."""

    metric: str
    printed: Decimal
    expected: Decimal
    parts: tuple[tuple[str, Decimal], ...]

    def explain(self) -> str:
        """E.g. `jf is 86.5 but the mean of j (82.9) and f (89.5) is 86.2`."""
        names = [f"{name} ({format(value, 'f')})" for name, value in self.parts]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        return (
            f"{self.metric} is {format(self.printed, 'f')} but the mean of {listed} "
            f"is {format(self.expected, 'f')}"
        )


def derive(
    metrics: list[Metric], given: Mapping[str, Decimal]
) -> tuple[dict[str, Score], list[Disagreement]]:
    """All scores of a result (printed and computed), and any printed derived metric that disagrees.

    Parts of a derived metric are always printed metrics (the catalog checks that), so one pass suffices.

    A printed derived value agrees when it lies within half a unit of its own last place plus half a unit of
    the parts' coarsest place from the exact mean of the parts, since both were rounded before printing.
    """
    scores = {metric.id: Score(given[metric.id]) for metric in metrics if metric.id in given}
    disagreements: list[Disagreement] = []
    for metric in metrics:
        if metric.derived is None or not all(part in given for part in metric.derived.mean):
            continue
        parts = [(part, scores[part].value) for part in metric.derived.mean]
        mean = sum((value for _, value in parts), Decimal(0)) / len(parts)
        places = min(decimals(value) for _, value in parts)
        if metric.id not in scores:
            scores[metric.id] = Score(mean.quantize(unit(places), ROUND_HALF_UP), computed=True)
            continue
        printed = scores[metric.id].value
        tolerance = unit(decimals(printed)) / 2 + unit(places) / 2
        if abs(printed - mean) > tolerance:
            expected = mean.quantize(unit(decimals(printed)), ROUND_HALF_UP)
            disagreements.append(Disagreement(metric.id, printed, expected, tuple(parts)))
    return scores, disagreements
