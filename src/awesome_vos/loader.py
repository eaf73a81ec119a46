"""Read one YAML file into plain Python values plus the line and column of every value.

libyaml (C) parses and composes the node tree; we build the values ourselves from the nodes so that we keep
positions, refuse duplicate keys, aliases and exotic tags, and keep every float exactly as printed (as a
Decimal, so 91.0 stays 91.0).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .errors import DataError, DataErrors, field_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
Path_ = tuple[str | int, ...]
Marks = tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]
"""Positions of values and of keys, each by path: (line, column), 1-based."""

_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_PLAIN_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
"""Numbers as people print them. YAML 1.1 also reads hex (0x1A), octal (017, 0o17), binary, sexagesimal
(12:30 is 750), digits with underscores (1_000) and exponents (1.0e+2) as numbers: those are refused rather
than silently read as something other than what is written."""
_TAG = "tag:yaml.org,2002:"


class Document:
    """A parsed file: its path relative to the project root, its data and where each value stood.

    Positions are only needed to report an error, so a document read by `read_document` finds them lazily,
    by parsing its file again with `load_document`; the common case (no error) never pays for them.
    """

    __slots__ = ("_marks", "_origin", "data", "file")

    def __init__(self, file: str, data: Any, origin: Path | None = None, marks: Marks | None = None) -> None:
        self.file, self.data, self._origin, self._marks = file, data, origin, marks

    def without_data(self) -> Document:
        """The same document without its values, kept once they are validated to point at lines later."""
        return Document(self.file, None, self._origin, self._marks)

    @property
    def marks(self) -> Marks:
        """Line and column of every value and of every key, by path."""
        if self._marks is None:
            self._marks = load_document(self._origin, self.file)._marks if self._origin else ({}, {})
        assert self._marks is not None
        return self._marks

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or its key) at `path`, else of its nearest ancestor."""
        values, keys = self.marks
        if key and path in keys:
            return keys[path]
        for end in range(len(path), -1, -1):
            mark = values.get(path[:end])
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


def _fail(name: str, message: str, hint: str = "", line: int = 1, column: int = 1) -> DataErrors:
    return DataErrors([DataError(name, line, column, "", message, hint)])


def _text(path: Path, name: str) -> str:
    """The file's text, refused if too large, not UTF-8, starting with a BOM, indented with tabs or empty."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _fail(
            name, f"cannot read the file: {error.strerror}", "check that it is a readable file"
        ) from None
    if len(raw) > MAX_BYTES:
        raise _fail(
            name, f"file is {len(raw)} bytes, over the {MAX_BYTES} byte limit", "split it or shorten it"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _fail(name, "file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            name, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", "save the file as UTF-8", line, column
        ) from None
    if "\t" in text:
        for number, line_text in enumerate(text.splitlines(), start=1):
            indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
            if "\t" in indent:
                raise _fail(
                    name,
                    "tab used for indentation",
                    "indent with spaces only",
                    number,
                    indent.index("\t") + 1,
                )
    if not text.strip():
        raise _fail(name, "file is empty", "fill it in from the skeleton in CONTRIBUTING.md")
    return text


def read_document(path: Path, name: str, shared: Shared | None = None) -> Document:
    """Like `load_document`, without positions (found later if an error needs them): about 3x faster.

    Values are built straight from libyaml's events. Anything this fast path does not handle (tags, anchors,
    duplicate or merge keys, deep nesting, several documents, syntax errors) is handed to `load_document`,
    which builds the same values or reports the problem with its position. Files read with the same `shared`
    share their equal scalars.
    """
    text = _text(path, name)
    try:
        data = _from_events(text, Shared() if shared is None else shared)
    except (_Unusual, _Refused, yaml.YAMLError):
        return load_document(path, name)
    if data is _NOTHING:
        return load_document(path, name)
    return Document(name, data, path)


def load_document(path: Path, name: str) -> Document:
    """Parse the file at `path`, reported as `name`, with the position of every value; raise DataErrors if
    it cannot be read as data."""

    def fail(message: str, hint: str = "", line: int = 1, column: int = 1) -> DataErrors:
        return _fail(name, message, hint, line, column)

    text = _text(path, name)
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
    marks: Marks = ({}, {})
    try:
        data = _build(node, (), marks, set())
    except _Refused as refusal:
        mark = refusal.node.start_mark
        line, column = mark.line + 1, mark.column + 1
        refused = DataError(name, line, column, field_path(refusal.path), refusal.message, refusal.hint)
        raise DataErrors([refused]) from None
    return Document(name, data, path, marks)


def _build(node: yaml.Node, path: Path_, marks: Marks, seen: set[int]) -> Any:
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
    marks[0][path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in (_TAG + "map", _TAG + "seq"):
        raise _Refused(node, path, f"unsupported YAML tag '{node.tag}'", "remove the tag; write plain values")
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, marks, seen)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), marks, seen) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path)


def _build_mapping(node: yaml.MappingNode, path: Path_, marks: Marks, seen: set[int]) -> dict[str, Any]:
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
            line, _ = marks[1][key_path]
            raise _Refused(
                key_node, key_path, f"duplicate key '{key}' (first at line {line})", "keep one of them"
            )
        marks[1][key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, key_path, marks, seen)
    return result


def _scalar(node: yaml.ScalarNode, path: Path_) -> Any:
    tag = node.tag.removeprefix(_TAG)
    text = str(node.value)
    if tag == "str":
        return text
    if tag == "float":
        if _PLAIN_DECIMAL.fullmatch(text):
            return Decimal(text)
        if text.lower().lstrip("+-") in (".inf", ".nan"):
            return _CONSTRUCTOR.construct_yaml_float(node)  # refused by the schema, which says why
        _refuse_number(node, path, text, _CONSTRUCTOR.construct_yaml_float(node))
    if tag == "int":
        if _PLAIN_INTEGER.fullmatch(text):
            return int(text)
        _refuse_number(node, path, text, _CONSTRUCTOR.construct_yaml_int(node))
    if tag == "bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == "null":
        return None
    if tag == "timestamp":
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    raise _Refused(node, path, f"unsupported YAML tag '{node.tag}'", "remove the tag; write plain values")


def _refuse_number(node: yaml.ScalarNode, path: Path_, text: str, value: object) -> NoReturn:
    raise _Refused(
        node,
        path,
        f"'{text}' is read by YAML as the number {value}, not as written",
        "write the number in plain digits as printed, like 86.20 (or quote it if it is text)",
    )


class _Unusual(Exception):
    """The fast path met something only `load_document` handles (or reports)."""


_NOTHING = object()
_RESOLVER: Any = yaml.resolver.Resolver()
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
_STR = _TAG + "str"


class Shared:
    """Equal scalars read from one corpus share one object: ids, metric names, backbones and scores repeat
    across thousands of files (a third of a 10,000-paper corpus's memory went to such copies)."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        """Resolved plain scalars (numbers, booleans, dates, null) by their text; all immutable."""

    def resolve(self, event: Any) -> Any:
        """The value of a scalar as compose and `_scalar` would build it (same resolver, same conversions)."""
        value: str = event.value
        if event.tag is not None or event.anchor is not None:
            raise _Unusual
        if not event.implicit[0] or not (_IMPLICIT.get(value[0] if value else "")):
            return self.strings.setdefault(value, value)
        found = self.values.get(value, _NOTHING)
        if found is not _NOTHING:
            return found
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return self.strings.setdefault(value, value)
        if tag == _TAG + "merge":
            raise _Unusual
        resolved = self.values[value] = _scalar(yaml.ScalarNode(tag, value), ())
        return resolved


def _from_events(text: str, shared: Shared) -> Any:
    """Plain values from libyaml's event stream; raises _Unusual for whatever needs the careful path."""
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = _NOTHING
    documents = 0
    events: Iterator[Any] = yaml.parse(text, Loader=_LOADER)
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = shared.resolve(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None or event.anchor is not None:
                raise _Unusual
            value = {} if kind is yaml.MappingStartEvent else []
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
            keys.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
            continue
        elif kind is yaml.AliasEvent:
            raise _Unusual
        else:
            continue
        if len(stack) > MAX_DEPTH:
            raise _Unusual
        if not stack:
            root = value
        elif keys[-1] is None:
            stack[-1].append(value)
        elif keys[-1] is _NOTHING:
            if not isinstance(value, str) or kind is not yaml.ScalarEvent or value in stack[-1]:
                raise _Unusual
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = _NOTHING
        if kind is not yaml.ScalarEvent:
            stack.append(value)
            keys.append(_NOTHING if kind is yaml.MappingStartEvent else None)
    return root
