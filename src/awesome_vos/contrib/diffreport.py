"""The Markdown summary of Changes, as posted on a pull request: short counts first, then capped tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .changes import BoardChange, Changes, EntryChange, RowChange

SHOWN = 25
"""Rows shown per table; a pull request comment must stay readable (and under GitHub's size limit)."""


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _count(items: Sequence[object], one: str, many: str) -> str:
    return f"{len(items)} {one if len(items) == 1 else many}" if items else ""


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows[:SHOWN]]
    if len(rows) > SHOWN:
        lines.append(f"\n...and {len(rows) - SHOWN} more.")
    return lines


def _entries(changes: Changes) -> list[str]:
    def cells(what: str, entries: Iterable[EntryChange]) -> list[tuple[str, ...]]:
        return [
            (what, entry.kind, f"`{entry.id}`", entry.label, ", ".join(f"`{name}`" for name in entry.fields))
            for entry in entries
        ]

    rows = [
        *cells("added", changes.added),
        *cells("edited", changes.edited),
        *cells("removed", changes.removed),
    ]
    if not rows:
        return []
    return [
        "#### Papers, datasets and benchmarks",
        "",
        *_table(("", "Kind", "Id", "Name", "Fields"), rows),
        "",
    ]


def _rows(changes: Changes) -> list[str]:
    def cells(what: str, items: Iterable[RowChange]) -> list[tuple[str, ...]]:
        return [(what, row.paper, f"`{row.benchmark}`", row.variant, "; ".join(row.details)) for row in items]

    rows = [
        *cells("added", changes.rows_added),
        *cells("edited", changes.rows_edited),
        *cells("removed", changes.rows_removed),
    ]
    if not rows:
        return []
    return [
        "#### Result rows",
        "",
        *_table(("", "Paper", "Benchmark", "Variant", "Scores or changes"), rows),
        "",
    ]


def _rank(value: int | None) -> str:
    return "-" if value is None else str(value)


def _board(board: BoardChange) -> list[str]:
    rows = []
    for move in board.moves:
        if move.before is None:
            change = "new"
        elif move.after is None:
            change = "left"
        else:
            change = f"{'▲' if move.after < move.before else '▼'} {abs(move.before - move.after)}"
        rows.append((_rank(move.after), _rank(move.before), change, move.label, move.score))
    heading = f"**{board.name}** (`{board.benchmark}`, ranked by {board.metric})"
    return [heading, "", *_table(("Rank", "Was", "Change", "Method", board.metric), rows), ""]


def summary(changes: Changes, ref: str) -> str:
    """Markdown for a pull request comment: what the data changes against `ref`."""
    title = f"### Data changes against `{ref}`"
    if not changes:
        return f"{title}\n\nNo change to papers, datasets, benchmarks or results.\n"
    counts = [
        _count(changes.added, "entry added", "entries added"),
        _count(changes.edited, "entry edited", "entries edited"),
        _count(changes.removed, "entry removed", "entries removed"),
        _count(changes.rows_added, "result row added", "result rows added"),
        _count(changes.rows_edited, "result row edited", "result rows edited"),
        _count(changes.rows_removed, "result row removed", "result rows removed"),
        _count(changes.boards, "leaderboard re-ranked", "leaderboards re-ranked"),
    ]
    lines = [title, "", ", ".join(count for count in counts if count) + ".", ""]
    lines += _entries(changes)
    lines += _rows(changes)
    if changes.boards:
        lines += ["#### Leaderboards", ""]
        for board in changes.boards:
            lines += _board(board)
    return "\n".join(lines).rstrip() + "\n"
