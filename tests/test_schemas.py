"""The committed JSON Schemas match the models, the data links to them, and the data passes them.

Editors validate with these files while a contributor types, so a schema that refused valid data (or lagged
behind the models) would teach the wrong thing.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from awesome_vos.contrib.schemas import SCHEMA_DIR, kind_of, modeline, schema_files
from awesome_vos.loader import load_document
from conftest import REPO, Runner

DATA_FILES = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "data").rglob("*.yaml"))


def test_committed_schemas_are_what_the_models_generate() -> None:
    committed = {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in (REPO / SCHEMA_DIR).glob("*.json")
    }
    generated = schema_files()
    stale = sorted(
        name for name in generated.keys() | committed.keys() if committed.get(name) != generated.get(name)
    )
    assert not stale, (
        f"stale or extra: {stale}; run `awesome-vos schema --write` (delete extra files) and commit"
    )


def test_schema_write_creates_every_file(tmp_path: Path, cli: Runner) -> None:
    code, out, err = cli("schema", "--write", "--root", str(tmp_path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"wrote {name}" for name in schema_files()]
    assert {name: (tmp_path / name).read_text() for name in schema_files()} == schema_files()


def test_schema_prints_one_kind_and_refuses_unknown_ones(cli: Runner) -> None:
    code, out, _ = cli("schema", "paper")
    assert code == 0
    assert json.loads(out)["title"] == "Paper"
    code, out, err = cli("schema", "papers")
    assert (code, out) == (2, "")
    assert err.startswith(
        "awesome-vos: unknown kind 'papers'; use one of: backbones, benchmark, dataset, hardware, paper"
    )


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("data/papers/xmem.yaml", "# yaml-language-server: $schema=../../schemas/paper.json"),
        (
            "data/benchmarks/davis-2017-val.yaml",
            "# yaml-language-server: $schema=../../schemas/benchmark.json",
        ),
        ("data/tasks.yaml", "# yaml-language-server: $schema=../schemas/tasks.json"),
    ],
)
def test_modeline_points_from_the_file_to_its_schema(path: str, line: str) -> None:
    assert modeline(path) == line


def test_every_data_file_starts_with_its_schema_line() -> None:
    lacking = [
        path
        for path in DATA_FILES
        if (REPO / path).read_text(encoding="utf-8").split("\n", 1)[0] != modeline(path)
    ]
    example = modeline("data/papers/x.yaml")
    assert not lacking, f"{len(lacking)} files do not start with their `{example}` line, e.g. {lacking[:5]}"


def _json_value(value: Any) -> Any:
    """YAML as an editor's JSON view sees it: numbers as numbers, dates as text."""
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def test_every_data_file_passes_its_schema() -> None:
    schemas = schema_files()
    problems = []
    for path in DATA_FILES:
        kind = kind_of(path)
        if kind is None:
            problems.append(f"{path}: in no known place for data")
            continue
        validator = Draft202012Validator(json.loads(schemas[f"{SCHEMA_DIR}/{kind}.json"]))
        data = _json_value(load_document(REPO / path, path).data)
        problems += [
            f"{path}: {list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
        ]
    assert not problems, "\n".join(problems)
