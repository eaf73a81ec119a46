"""The evidence behind a result, checked by the catalog: every number it prints occurs in its source's quote
(which the model requires), and the source is pinned or dated (pins.py holds that rule).

Computed metrics are not in `metrics` and so are exempt; values are compared as stored, which is as printed
(`scale: fraction` keeps 0.713, and 0.713 is what the quote must show).
"""

from __future__ import annotations

from decimal import Decimal

from .errors import DataError
from .loader import Document, Path_
from .models import Result
from .pins import pin_problem
from .quotes import Printed, printed

QUOTE_SHOWN = 160
"""Characters of a quote repeated in an error message."""


def shown(quote: str) -> str:
    """The quote on one line, cut to QUOTE_SHOWN characters, for a message."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_SHOWN else flat[: QUOTE_SHOWN - 3] + "..."


def _hint(value: Decimal, numbers: Printed, scale: str | None) -> str:
    """What to do about a value missing from its quote; `scale` is the result's (None for fps)."""
    near = numbers.near(value, rescaled=scale is not None)
    if near is not None and near == value:
        return (
            f"the quote prints {printed(near)}: write the value with the decimals printed ({printed(near)})"
        )
    if near is not None and scale == "percent" and near == value.scaleb(-2):
        return f"the quote prints {printed(near)}: store it as printed and add `scale: fraction`"
    if near is not None and scale == "fraction" and near == value.scaleb(2):
        return f"the quote prints {printed(near)}: store it as printed and remove `scale: fraction`"
    if not numbers.values:
        return "the quote holds no numbers: quote the row or sentence the value was read in"
    return (
        f"the quote's numbers are {numbers.listing()}; copy the value from the quote as printed, "
        "or quote the row or sentence it was read in"
    )


def source_errors(document: Document, at: Path_, result: Result) -> list[DataError]:
    """What is wrong with the evidence of the result at `at` (a path like ('results', 3))."""
    source = result.source
    errors: list[DataError] = []
    problem = pin_problem(source.url, source.accessed is not None)
    if problem is not None:
        errors.append(document.error((*at, "source", "url"), *problem))
    numbers = Printed.of(source.quote)
    for key, value in result.metrics.items():
        if not numbers.has(value):
            message = f"value {printed(value)} of metric '{key}' does not occur in the quote: '{shown(source.quote)}'"
            errors.append(document.error((*at, "metrics", key), message, _hint(value, numbers, result.scale)))
    if result.fps is not None and not numbers.has(result.fps):
        message = f"fps {printed(result.fps)} does not occur in the quote: '{shown(source.quote)}'"
        errors.append(document.error((*at, "fps"), message, _hint(result.fps, numbers, None)))
    return errors
