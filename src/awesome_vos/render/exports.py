"""Downloads: a CSV per leaderboard and one BibTeX file with every paper.

Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula (CSV injection),
so every text cell that starts so is prefixed with a single quote, as OWASP advises. Number cells (rank,
scores, fps) are written as numbers and left alone: they come from validated numbers, never from free text,
so a negative score stays a negative number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ..leaderboard import Leaderboard
from ..listing import extra_data_label, variant_label

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def leaderboard_csv(board: Leaderboard) -> bytes:
    """The leaderboard as ranked, one row per result, with every column the page shows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    metrics = [metric.id for metric in board.columns]
    writer.writerow(
        [
            "rank",
            "paper",
            "method",
            "variant",
            "backbone",
            "extra_training_data",
            *metrics,
            "computed",
            "fps",
            "hardware",
            "reported_by",
            "source_url",
            "source_locator",
            "source_accessed",
            "source_quote",
        ]
    )
    for standing in board.standings:
        row, result = standing.row, standing.row.result
        scores = [row.scores[metric].text if metric in row.scores else "" for metric in metrics]
        computed = " ".join(
            metric for metric in metrics if metric in row.scores and row.scores[metric].computed
        )
        writer.writerow(
            [
                standing.rank or "",
                row.paper.id,
                _text(row.paper.name),
                _text(variant_label(result)),
                _text(result.backbone or ""),
                _text(extra_data_label(result)),
                *scores,
                computed,
                "" if result.fps is None else format(result.fps, "f"),
                _text(result.hardware or ""),
                result.reported_by or "",
                result.source.url,
                _text(result.source.locator),
                "" if result.source.accessed is None else result.source.accessed.isoformat(),
                _text(result.source.quote),
            ]
        )
    return buffer.getvalue().encode()


def all_bibtex(entries: Mapping[str, str]) -> bytes:
    """Every paper's entry in id order, as one .bib file."""
    return "\n".join(entries[key] for key in sorted(entries)).encode()
