"""JSON Schema files for editors, generated from the pydantic models, and the YAML line that links to them.

Editors (VS Code's YAML extension, any yaml-language-server client) read the first-line comment
`# yaml-language-server: $schema=...` and then complete and check fields as a contributor types.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePosixPath

from ..models import KINDS

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
MODELINE_PREFIX = "# yaml-language-server: $schema="


def schema_text(kind: str) -> str:
    """The JSON Schema of one kind of data file, as committed under schemas/."""
    schema = {"$schema": DRAFT, **KINDS[kind].json_schema()}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every schema file keyed by its path relative to the project root."""
    return {f"{SCHEMA_DIR}/{kind}.json": schema_text(kind) for kind in sorted(KINDS)}


def kind_of(path: str) -> str | None:
    """The kind of a data file from its place: data/<kind>.yaml or data/<kind>s/<id>.yaml."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == "data" and parts[1].endswith(".yaml"):
        stem = parts[1].removesuffix(".yaml")
        return stem if stem in KINDS else None
    if len(parts) == 3 and parts[0] == "data" and parts[2].endswith(".yaml"):
        kind = parts[1].removesuffix("s")
        return kind if kind in KINDS else None
    return None


def modeline(path: str) -> str:
    """The first line of the data file at `path` (relative to the root): where its schema is."""
    kind = kind_of(path)
    if kind is None:
        raise ValueError(f"{path} is not a data file of a known kind")
    target = posixpath.relpath(f"{SCHEMA_DIR}/{kind}.json", posixpath.dirname(path))
    return f"{MODELINE_PREFIX}{target}"
