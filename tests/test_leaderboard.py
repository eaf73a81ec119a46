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
        assert [standing.row.paper.id for standing in methods] == list(
            dict.fromkeys(standing.row.paper.id for standing in board.standings)
        )
        for standing in methods:
            rows = [
                row
                for row in catalog.by_benchmark[board.benchmark.id]
                if row.paper.id == standing.row.paper.id
            ]
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
