"""Property-based tests: whatever a file holds, the loader and the models answer with DataErrors, never a crash,
and every rejection names its file and, below the top level, its field."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_vos.corpus import BENCHMARKS, DATASETS, PAPERS
from awesome_vos.errors import DataErrors
from awesome_vos.loader import load_document, read_document
from awesome_vos.validate import validate

NAME = "data/papers/sample.yaml"
FIELDS = [
    "id",
    "title",
    "method",
    "authors",
    "venue",
    "year",
    "arxiv",
    "links",
    "tasks",
    "description",
    "added",
    "sources",
    "results",
    "benchmark",
    "metrics",
    "fps",
    "hardware",
    "source",
    "url",
    "locator",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from(["https://example.org/", "javascript:x", "2207.07115"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=25,
)


class _Dumper(yaml.SafeDumper):
    """Writes repeated objects out in full, as a contributor would (the loader refuses aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True).encode()


def _load(text: bytes) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.yaml"
        path.write_bytes(text)
        return load_document(path, NAME)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_load_or_fail_cleanly(raw: bytes) -> None:
    try:
        _load(raw)
    except DataErrors as errors:
        assert errors.errors
        assert all(error.file == NAME and error.line >= 1 and error.column >= 1 for error in errors.errors)


def _both(text: bytes) -> tuple[Any, Any]:
    """What the careful and the fast loader make of `text`: (data or the rendered errors) for each."""
    outcomes = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.yaml"
        path.write_bytes(text)
        for read in (load_document, read_document):
            try:
                outcomes.append(("data", read(path, NAME).data))
            except DataErrors as errors:
                outcomes.append(("errors", [error.render() for error in errors.errors]))
    return outcomes[0], outcomes[1]


def _typed(value: Any) -> Any:
    """`value` with the type of every leaf spelled out, so 1 == 1.0 == True cannot pass for equal."""
    if isinstance(value, dict):
        return [(key, _typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, repr(value))


YAMLISH = st.text(st.sampled_from(list("ab:- \n'\"{}[],&*!<>#|~.0123456789eE+_yYnNtT")), max_size=80)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents.map(_dump), YAMLISH.map(str.encode), st.binary(max_size=120)))
def test_fast_loader_builds_what_the_careful_one_does(text: bytes) -> None:
    careful, fast = _both(text)
    assert careful[0] == fast[0]
    assert _typed(careful[1]) == _typed(fast[1])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([PAPERS, DATASETS, BENCHMARKS]))
def test_any_document_validates_or_names_file_and_field(data: Any, adapter: Any) -> None:
    text = _dump(data)
    try:
        document = _load(text)
        validate(document, adapter)
    except DataErrors as errors:
        assert errors.errors
        for error in errors.errors:
            assert error.file == NAME
            assert error.message
            top_level = not isinstance(data, dict) or error.message.startswith(
                ("required field", "file ", "YAML")
            )
            assert error.field or top_level, error.render()


visible = st.characters(blacklist_categories=["Cs", "Cc", "Cf"])
"""Any character but surrogates, controls and invisible format characters (zero-width, bidi), which the
schema refuses in text (test_door.py)."""
papers = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True),
        "title": st.text(visible, min_size=1, max_size=60),
        "authors": st.lists(
            st.text(visible, min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=4
        ),
        "venue": st.just("cvpr"),
        "year": st.integers(1990, datetime.date.today().year),
        "tasks": st.just(["semi-supervised-vos"]),
        "description": st.text(visible, min_size=1, max_size=80),
        "added": st.dates(datetime.date(2020, 1, 1), datetime.date(2026, 1, 1)),
        "sources": st.just([{"url": "https://example.org/", "locator": "page"}]),
        "results": st.lists(
            st.fixed_dictionaries(
                {
                    "benchmark": st.just("davis-2017-val"),
                    "metrics": st.fixed_dictionaries({"jf": st.decimals(0, 100, places=1)}),
                    "source": st.just(
                        {"url": "https://example.org/r", "locator": "Table 1", "quote": "| Ours | 80.0 |"}
                    ),
                }
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=100, deadline=None)
@given(papers)
def test_valid_papers_round_trip(paper: dict[str, Any]) -> None:
    for result in paper["results"]:
        result["metrics"] = {key: float(value) for key, value in result["metrics"].items()}
    document = _load(_dump(paper))
    model = validate(document, PAPERS)
    assert model.id == paper["id"] and model.title == paper["title"]
    assert len(model.results) == len(paper["results"])
