"""Read one YAML file into plain Python values plus the line and column of every value.

libyaml (C) parses and composes the node tree; we build the values ourselves from the nodes so that we keep
positions, refuse duplicate keys, aliases and exotic tags, and keep every float exactly as printed (as a
Decimal, so 91.0 stays 91.0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataErrors, field_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
Path_ = tuple[str | int, ...]

_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?")
_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Document:
    """A parsed file: its path relative to the project root, its data and where each value stood."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or its key) at `path`, else of its nearest ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def error(self, path: Path_, message: str, hint: str = "", *, key: bool = False) -> DataError:
        """A DataError at `path` in this document."""
        line, column = self.locate(path, key=key)
        return DataError(self.file, line, column, field_path(path), message, hint)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.node, self.path, self.message, self.hint = node, path, message, hint


def load_document(path: Path, name: str) -> Document:
    """Parse the file at `path`, reported as `name`; raise DataErrors if it cannot be read as data."""

    def fail(message: str, hint: str = "", line: int = 1, column: int = 1) -> DataErrors:
        return DataErrors([DataError(name, line, column, "", message, hint)])

    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise fail(f"file is {len(raw)} bytes, over the {MAX_BYTES} byte limit", "split it or shorten it")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", "save the file as UTF-8", line, column
        ) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            raise fail("tab used for indentation", "indent with spaces only", number, indent.index("\t") + 1)
    if not text.strip():
        raise fail("file is empty", "fill it in from the skeleton in CONTRIBUTING.md")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise fail(
            f"YAML syntax error: {problem}", "check indentation, colons and quotes here", line, column
        ) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML error: {exc}", "check the file is a single YAML document") from None
    if node is None:
        raise fail("file holds no data", "fill it in from the skeleton in CONTRIBUTING.md")
    document = Document(name, None)
    try:
        data = _build(node, (), document, set())
    except _Refused as refusal:
        mark = refusal.node.start_mark
        line, column = mark.line + 1, mark.column + 1
        refused = DataError(name, line, column, field_path(refusal.path), refusal.message, refusal.hint)
        raise DataErrors([refused]) from None
    return Document(name, data, document.marks, document.key_marks)


def _build(node: yaml.Node, path: Path_, document: Document, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Refused(
            node, path, "YAML anchors and aliases are not supported", "write the value out in full"
        )
    if len(path) > MAX_DEPTH:
        where = path[:2]
        raise _Refused(
            node, where, f"nested deeper than {MAX_DEPTH} levels", "data files are shallow; flatten it"
        )
    seen.add(id(node))
    document.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in (_TAG + "map", _TAG + "seq"):
        raise _Refused(node, path, f"unsupported YAML tag '{node.tag}'", "remove the tag; write plain values")
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, document, seen)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), document, seen) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path)


def _build_mapping(node: yaml.MappingNode, path: Path_, document: Document, seen: set[int]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TAG + "merge":
            raise _Refused(
                key_node, path, "merge keys (<<) are not supported", "write the fields out in full"
            )
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_node, path, "keys must be plain names", "write `name: value`")
        key = str(key_node.value)
        key_path = (*path, key)
        if key in result:
            line, _ = document.key_marks[key_path]
            raise _Refused(
                key_node, key_path, f"duplicate key '{key}' (first at line {line})", "keep one of them"
            )
        document.key_marks[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, key_path, document, seen)
    return result


def _scalar(node: yaml.ScalarNode, path: Path_) -> Any:
    tag = node.tag.removeprefix(_TAG)
    text = str(node.value)
    if tag == "str":
        return text
    if tag == "float":
        if _PLAIN_DECIMAL.fullmatch(text):
            return Decimal(text.replace("_", ""))
        return _CONSTRUCTOR.construct_yaml_float(node)
    if tag == "int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == "bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == "null":
        return None
    if tag == "timestamp":
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    raise _Refused(node, path, f"unsupported YAML tag '{node.tag}'", "remove the tag; write plain values")
