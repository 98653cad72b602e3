"""Read one YAML file into a tree of positioned nodes, strictly.

Every scalar stays the exact string the editor wrote, with its 1-based line and column:
nothing is guessed into a boolean, number or date (`NO` stays "NO", `2019-05-01` stays
text, `1:30` is not 90). Types are parsed later, by the validators, which know what a
field should hold. This is stricter than YAML 1.2's core schema, and it means the loader
can never lose data the way PyYAML's YAML 1.1 defaults do.

Rejected, each with a one-line message and a position: bytes that are not UTF-8, an empty
file, a file over `MAX_BYTES`, a top level that is not a mapping, duplicate keys (naming
both lines), explicit tags (`!!python/object`, `!!int`, ...), anchors and aliases (so an
alias bomb fails at its first `&`, before anything is expanded), keys that are not plain
text, and every YAML syntax error (a tab in indentation among them).

This module knows nothing of records or fields: see `katalog.validate` for that.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_BYTES = 256 * 1024
"""The largest record file accepted. The biggest real record is a few kilobytes."""


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written. `plain` is False for quoted and block scalars."""

    value: str
    at: Position
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """True for a plain empty value, `~` or `null`: YAML's ways of writing nothing."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    at: Position


@dataclass(frozen=True)
class Mapping:
    """A mapping with unique, plain-text keys, in source order."""

    items: tuple[tuple[Scalar, Node], ...]
    at: Position

    def get(self, key: str) -> Node | None:
        for name, value in self.items:
            if name.value == key:
                return value
        return None

    def keys(self) -> Iterator[Scalar]:
        return (name for name, _ in self.items)


Node = Scalar | Sequence | Mapping


def kind_of(node: Node) -> str:
    """The node's kind in an editor's words, for messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "empty" if node.is_null else "text"


class SourceError(Exception):
    """The file cannot be read as a record. `at` is None when no position applies."""

    def __init__(self, message: str, at: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.at = at


def _position(mark: Any) -> Position | None:
    """A PyYAML mark (0-based) as a 1-based position."""
    return None if mark is None else Position(mark.line + 1, mark.column + 1)


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe parser with tags, anchors and aliases refused at the event level.

    Refusing them while composing means nothing is ever built from them: an alias bomb
    stops at its first anchor, in constant memory.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            raise SourceError(
                f"alias '*{event.anchor}' is not allowed: write the value out in full",
                _position(event.start_mark),
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor is not None:
                raise SourceError(
                    f"anchor '&{event.anchor}' is not allowed: write each value out in full",
                    _position(event.start_mark),
                )
            if event.tag is not None and event.tag != "!":
                raise SourceError(
                    f"tag {event.tag!r} is not allowed: records hold plain text, lists "
                    "and mappings only",
                    _position(event.start_mark),
                )
        return super().compose_node(parent, index)


def _convert(node: yaml.Node) -> Node:
    at = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        return Scalar(str(node.value), at, plain=node.style is None)
    if isinstance(node, SequenceNode):
        return Sequence(tuple(_convert(item) for item in node.value), at)
    if isinstance(node, MappingNode):
        seen: dict[str, Scalar] = {}
        items: list[tuple[Scalar, Node]] = []
        for key_node, value_node in node.value:
            key = _convert(key_node)
            if not isinstance(key, Scalar) or key.is_null:
                raise SourceError("a key must be plain text", key.at)
            if key.value in seen:
                first = seen[key.value]
                raise SourceError(
                    f"duplicate key {key.value!r}: first at line {first.at.line}, "
                    f"again at line {key.at.line}; keep one",
                    key.at,
                )
            seen[key.value] = key
            items.append((key, _convert(value_node)))
        return Mapping(tuple(items), at)
    raise SourceError(f"unsupported YAML node {type(node).__name__}", at)  # pragma: no cover


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} cannot be "
            "decoded; save the file as UTF-8",
            _offset_position(data, error.start),
        ) from None
    return text.removeprefix("\ufeff")


def _offset_position(data: bytes, offset: int) -> Position:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return Position(line, col)


def parse_text(text: str) -> Mapping:
    """Parse YAML text into a top-level mapping, or raise `SourceError`."""
    if not text.strip() or all(
        line.strip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        raise SourceError("the file is empty: a record is a mapping of fields", Position(1, 1))
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if "\t" in problem or "'\\t'" in problem:
            problem = "a tab character here: indent with spaces, not tabs"
        elif error.context and error.context not in problem:
            problem = f"{error.context}: {problem}" if mark is error.problem_mark else problem
        raise SourceError(f"invalid YAML: {problem}", _position(mark)) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its errors
        raise SourceError(f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if root is None:
        raise SourceError("the file is empty: a record is a mapping of fields", Position(1, 1))
    tree = _convert(root)
    if not isinstance(tree, Mapping):
        raise SourceError(
            f"the top level must be a mapping of fields, not {kind_of(tree)}", tree.at
        )
    return tree


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise SourceError(
            f"the file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for a record",
            Position(1, 1),
        )


def parse_bytes(data: bytes) -> Mapping:
    """Parse a file's bytes: check size and encoding, then `parse_text`."""
    _check_size(len(data))
    return parse_text(_decode(data))


def read(path: Path) -> Mapping:
    """Read and parse one file. An unreadable file raises `SourceError` too."""
    try:
        _check_size(path.stat().st_size)  # before reading a huge file into memory
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}") from None
    return parse_bytes(data)
