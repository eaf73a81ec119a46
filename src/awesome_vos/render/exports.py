"""Downloads: a CSV per leaderboard and one BibTeX file with every paper."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ..leaderboard import Leaderboard
from ..listing import extra_data_label, variant_label


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
                row.paper.name,
                variant_label(result),
                result.backbone or "",
                extra_data_label(result),
                *scores,
                computed,
                "" if result.fps is None else format(result.fps, "f"),
                result.hardware or "",
                result.reported_by or "",
                result.source.url,
                result.source.locator,
            ]
        )
    return buffer.getvalue().encode()


def all_bibtex(entries: Mapping[str, str]) -> bytes:
    """Every paper's entry in id order, as one .bib file."""
    return "\n".join(entries[key] for key in sorted(entries)).encode()
