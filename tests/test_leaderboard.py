"""One row per method, on the shipped data: every method once, by its best row, ranked among the methods."""

from __future__ import annotations

import pytest

from awesome_vos.build import load_catalog
from awesome_vos.catalog import Catalog
from awesome_vos.leaderboard import by_method, leaderboards
from conftest import REPO


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO)


def test_each_method_appears_once_by_its_best_row_and_unranked_methods_come_last(catalog: Catalog) -> None:
    unranked_seen = False
    for board in leaderboards(catalog):
        primary, higher = board.primary.id, board.primary.higher_is_better
        methods = by_method(board)
        # a ranked row first; a method's own rows before re-evaluations of it by other papers
        chosen: dict[str, int] = {}
        for position, standing in sorted(
            enumerate(board.standings),
            key=lambda item: (
                primary not in item[1].row.scores,
                item[1].row.result.reported_by is not None,
                item[0],
            ),
        ):
            chosen.setdefault(standing.row.paper.id, position)
        assert [standing.row.paper.id for standing in methods] == sorted(chosen, key=chosen.__getitem__)
        for standing in methods:
            rows = [
                row
                for row in catalog.by_benchmark[board.benchmark.id]
                if row.paper.id == standing.row.paper.id
            ]
            if standing.rank is not None:
                own = [row for row in rows if row.result.reported_by is None and primary in row.scores]
                rows = own or rows
            scores = [row.scores[primary].value for row in rows if primary in row.scores]
            if standing.rank is None:
                # no row of this method has the primary metric
                assert scores == []
                unranked_seen = True
                continue
            assert standing.row.scores[primary].value == (max(scores) if higher else min(scores))
            # a rank is one more than the number of methods whose best is strictly better
            better = [
                other
                for other in methods
                if primary in other.row.scores
                and (other.row.scores[primary].value > standing.row.scores[primary].value) == higher
                and other.row.scores[primary].value != standing.row.scores[primary].value
            ]
            assert standing.rank == len(better) + 1
        ranks = [standing.rank for standing in methods]
        assert ranks == sorted(ranks, key=lambda rank: (rank is None, rank or 0))
    assert unranked_seen  # the shipped data has methods without a primary score (e.g. DAVIS 2017 val)
