"""Turn a Document into a model, translating pydantic's errors into a contributor's words with positions."""

from __future__ import annotations

import datetime
import difflib
import functools
from decimal import Decimal
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .errors import DataError, DataErrors
from .loader import Document, Path_
from .models import ARXIV_PATTERN, ID_PATTERN, METRIC_PATTERN, SPLIT_PATTERN, TRAILING_SLASH

T = TypeVar("T")

_PATTERN_HINTS = {
    ID_PATTERN: (
        "is not a valid id",
        "use lowercase letters, digits and single hyphens, like 'space-time-memory'",
    ),
    METRIC_PATTERN: ("is not a valid metric id", "use lowercase snake case, like 'j_seen'"),
    ARXIV_PATTERN: ("is not an arXiv id", 'write it like "2207.07115": quoted, without a version suffix'),
    SPLIT_PATTERN: ("is not a valid split id", "use lowercase letters, digits, '-' or '_', like 'test-dev'"),
    TRAILING_SLASH: ("must end with /", "add the final slash"),
}


def describe(value: Any) -> str:
    """How a contributor would name the kind of a value."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    return type(value).__name__


def validate(document: Document, adapter: TypeAdapter[T]) -> T:
    """The validated value; raise DataErrors with every error pydantic found, each placed in the file."""
    try:
        return adapter.validate_python(document.data)
    except ValidationError as exc:
        raise DataErrors(
            _translate(document, adapter, error) for error in exc.errors(include_url=False)
        ) from None


@functools.cache
def _schema(adapter: TypeAdapter[Any]) -> dict[str, Any]:
    """The adapter's JSON Schema, built once: a file with many errors asks for it once per error."""
    return adapter.json_schema()


def _node_at(adapter: TypeAdapter[Any], path: Path_) -> dict[str, Any]:
    """The JSON Schema of the mapping at `path` (an empty one where the path leaves the schema)."""
    schema = _schema(adapter)
    definitions = schema.get("$defs", {})

    def resolved(node: Any) -> Any:
        return definitions.get(node.get("$ref", "").rsplit("/", 1)[-1], node) if "$ref" in node else node

    node: Any = schema
    for part in path:
        node = resolved(node)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            properties = node.get("properties", {})
            if part not in properties:
                return {}
            node = properties[part]
            options = node.get("anyOf", [node])
            node = next((option for option in options if option.get("type") != "null"), node)
    node = resolved(node)
    if node.get("type") == "array":
        node = resolved(node.get("items", {}))
    return cast(dict[str, Any], node)


def _fields_at(adapter: TypeAdapter[Any], path: Path_) -> list[str]:
    """Field names allowed at `path`, to suggest a correction for an unknown key."""
    return list(_node_at(adapter, path).get("properties", {}))


def _missing_hint(adapter: TypeAdapter[Any], path: Path_, name: str) -> str:
    """'add `name: ...` here', with the field's description when the schema has one (what to write)."""
    described = _node_at(adapter, path).get("properties", {}).get(name, {}).get("description")
    return f"add `{name}: ...` here" + (f": {described[0].lower()}{described[1:]}" if described else "")


def _translate(document: Document, adapter: TypeAdapter[Any], error: ErrorDetails) -> DataError:
    kind = error["type"]
    value = error.get("input")
    on_key = "[key]" in error["loc"]
    path: Path_ = tuple(part for part in error["loc"] if part != "[key]")
    name = str(path[-1]) if path else "file"
    context = error.get("ctx", {})
    message, hint = error["msg"], ""
    if kind == "missing":
        return document.error(
            path[:-1], f"required field '{name}' is missing", _missing_hint(adapter, path[:-1], name)
        )
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        allowed = _fields_at(adapter, path[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
        return document.error(path, f"unknown field '{name}'", hint, key=True)
    if kind == "string_type":
        message, hint = f"expected text, got {describe(value)}", "put the value in quotes"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message, hint = f"expected a whole number, got {describe(value)}", "write digits only, like 2022"
    elif kind == "bool_type":
        message, hint = f"expected true or false, got {describe(value)}", "write true or false"
    elif kind == "list_type":
        message, hint = f"expected a list, got {describe(value)}", "write [a, b] or one '- item' per line"
    elif kind in ("dict_type", "dataclass_type", "dataclass_args_type"):
        message, hint = f"expected a mapping of fields, got {describe(value)}", "write `field: value` lines"
    elif kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        message, hint = f"expected a date, got {describe(value)}", "write it like 2026-11-24, unquoted"
    elif kind == "string_pattern_mismatch":
        said, hint = _PATTERN_HINTS.get(context.get("pattern", ""), ("does not match " + message, ""))
        message = f"'{value}' {said}"
    elif kind == "literal_error":
        message, hint = f"'{value}' is not allowed", f"use {context.get('expected', '')}"
    elif kind in ("too_short", "string_too_short"):
        least = context.get("min_length", 1)
        message = "must not be empty" if least <= 1 else f"needs at least {least} items"
        hint = "fill it in or remove the field" if least <= 1 else f"list {least} or more"
    elif kind in ("too_long", "string_too_long"):
        hint = "shorten it"
    elif kind == "number_type":
        message, hint = f"expected a number, got {describe(value)}", "write the number unquoted, as printed"
    elif kind == "number_finite":
        hint = "write the number as printed in the source"
    elif kind == "text_invisible":
        hint = "delete it (retype the text by hand if you cannot see it)"
    elif kind.startswith("url_"):
        hint = "use the page's https:// address"
    elif kind == "future_year":
        hint = "use the year of publication"
    elif kind == "future_date":
        hint = "use the day the page was read"
    elif kind == "quote_space":
        hint = "trim it; for a quote over several lines write `quote: |-` so no final line break is kept"
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        message = f"{value} is out of range: {message.lower()}"
        hint = "use the year of publication" if name == "year" else "use the value as printed in the source"
    elif kind == "figure_negative":
        hint = "write the figure as the source states it"
    elif kind == "figure_type":
        message, hint = f"expected a number or text, got {describe(value)}", "write 2883, 1.59 or '131k'"
    return document.error(path, message, hint, key=on_key)
