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
text, control characters (NUL, ESC, DEL...) as they are or as escapes, and every YAML
syntax error (a tab in indentation among them).

This module knows nothing of records or fields: see `katalog.records.schema` for that.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from katalog.records import codes
from katalog.records.codes import Code

EMPTY_MESSAGE = "the file is empty: a record is a mapping of fields"

MAX_BYTES = 256 * 1024
"""The largest record file accepted. The biggest real record is a few kilobytes."""


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    col: int


NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""A plain scalar that is one of these is YAML's way of writing nothing."""


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written. `plain` is False for quoted and block scalars."""

    value: str
    at: Position
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """True for a plain empty value, `~` or `null`: YAML's ways of writing nothing."""
        return self.plain and self.value in NULLS


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

    def __init__(self, code: Code, message: str, at: Position | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.at = at


def _position(mark: Any) -> Position | None:
    """A PyYAML mark (0-based) as a 1-based position."""
    return None if mark is None else Position(mark.line + 1, mark.column + 1)


# libyaml's C parser where PyYAML was built with it (about 30 times faster), else PyYAML's own.
_LOADER: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

MAX_DEPTH = 20
"""The deepest nesting accepted; records need five levels. Stops stack exhaustion."""


NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file as they are (its `c-printable` set): control
characters such as NUL, BEL, ESC and DEL among them."""

CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters a value may not hold, even written as escapes (`"\\0"`, `"\\e"`):
every one but the tab and the line break, which a text may have."""

CONTROL_IN_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""A field name may not hold even a tab or a line break: it is printed in problem lines."""


def _character(char: str) -> str:
    return f"U+{ord(char):04X}"


def _check_printable(text: str) -> None:
    """Refuse a raw control character with its place, before the YAML reader sees it."""
    found = NOT_PRINTABLE.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line = before.count("\n") + 1
    col = found.start() - (before.rfind("\n") + 1) + 1
    raise SourceError(
        codes.CONTROL_CHARACTER,
        f"control character {_character(found.group())} in the file: delete it",
        Position(line, col),
    )


def _check_scalar(event: ScalarEvent, at: Position, *, key: bool) -> None:
    """Refuse control characters a scalar holds after its escapes are read."""
    value = str(event.value)
    found = (CONTROL_IN_KEY if key else CONTROL_IN_VALUE).search(value)
    if found is None:
        return
    what = "a field name" if key else "the value"
    raise SourceError(
        codes.CONTROL_CHARACTER,
        f"{what} holds the control character {_character(found.group())} (at character "
        f"{found.start() + 1}): delete it",
        at,
    )


def _parser(text: str) -> Any:
    """A YAML parser over `text`, giving its events one by one (`get_event`, None after the
    last). Only the parser is used: no resolver, no constructor. Where PyYAML has libyaml,
    its C parser is used alone, without the loader built around it."""
    if _LOADER is yaml.CSafeLoader:
        return yaml._yaml.CParser(text)
    return _LOADER(text)


def _at(event: yaml.Event) -> Position:
    position = _position(event.start_mark)
    assert position is not None
    return position


_POSITIONS: dict[tuple[int, int], Position] = {}
"""Positions already made, by 0-based line and column: they are immutable, and the same
places recur from file to file (every record has a `title:` at line 1, column 1)."""

_MAX_POSITIONS = 1 << 16
"""The most positions kept, so that no file can make the table grow without bound."""


def _position_at(mark: Any) -> Position:
    """The 1-based position of a PyYAML mark, made once for each place."""
    place = (mark.line, mark.column)
    position = _POSITIONS.get(place)
    if position is None:
        position = Position(mark.line + 1, mark.column + 1)
        if len(_POSITIONS) < _MAX_POSITIONS:
            _POSITIONS[place] = position
    return position


_KEYS: dict[tuple[str, int, int, bool], Scalar] = {}
"""Keys already made, by text, 0-based line and column, and plainness, as `_POSITIONS`:
every record has its `title:` at line 1, column 1."""


def _key(known: tuple[str, int, int, bool], at: Position) -> Scalar:
    """The key scalar `known` at `at`, made once."""
    key = Scalar(known[0], at, known[3])
    if len(_KEYS) < _MAX_POSITIONS:
        _KEYS[known] = key
    return key


def _may_hold_control(text: str) -> bool:
    """Whether a value of `text`, a file that `_check_printable` accepts, may hold a control
    character that `CONTROL_IN_VALUE` refuses. A value is made of the file's own characters,
    spaces, line feeds and what escapes (`\\x01`) stand for; of those characters, the file
    can only hold a carriage return or a NEL (U+0085) as they are. Where it holds none of the
    three, its values are not searched one by one. (Of a file that `_check_printable`
    refuses, the YAML reader gives no value that holds the character it refuses.)"""
    return "\\" in text or "\r" in text or "\x85" in text


_NODE_EVENTS = (ScalarEvent, MappingStartEvent, SequenceStartEvent)


def _refuse(event: yaml.Event, at: Position, depth: int) -> None:
    """Refuse an alias, an anchor, an explicit tag or nesting too deep, in that order.

    Anchors, aliases and explicit tags are refused as they arrive, so nothing is ever built
    from them: an alias bomb stops at its first anchor, in constant memory."""
    if isinstance(event, AliasEvent):
        raise SourceError(
            codes.ALIAS, f"alias '*{event.anchor}' is not allowed: write the value out in full", at
        )
    if not isinstance(event, ScalarEvent | CollectionStartEvent):  # pragma: no cover
        unexpected = f"unexpected YAML {type(event).__name__}"
        raise SourceError(codes.INVALID_YAML, unexpected, at)
    if event.anchor is not None:
        raise SourceError(
            codes.ANCHOR,
            f"anchor '&{event.anchor}' is not allowed: write each value out in full",
            at,
        )
    if event.tag is not None and event.tag != "!":
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(
            codes.TAG,
            f"tag {tag!r} is not allowed: records hold plain text, lists and mappings only",
            at,
        )
    if depth > MAX_DEPTH:
        raise SourceError(codes.NESTED_TOO_DEEP, f"nested more than {MAX_DEPTH} levels deep", at)


def _compose(
    event: Any, parser: Any, depth: int, check_values: bool, *, is_key: bool = False
) -> Node:
    """Build one node from `event` and the events that complete it.

    The common case, a scalar or collection without anchor or tag, is handled inline; all
    else goes through `_refuse`, which reports it as it arrives. `check_values` is False
    where the file cannot hold a control character in a value (`_may_hold_control`)."""
    at = _position_at(event.start_mark)
    kind = event.__class__
    if (
        kind not in _NODE_EVENTS
        or event.anchor is not None
        or (event.tag is not None and event.tag != "!")
        or depth > MAX_DEPTH
    ):
        _refuse(event, at, depth)
    if kind is ScalarEvent:
        if is_key or check_values:
            _check_scalar(event, at, key=is_key)
        style = event.style
        return Scalar(str(event.value), at, style is None or style == "")
    # Below, a plain scalar (no anchor or tag, not too deep) is made inline, as the
    # branch above would make it, without a call for each.
    get_event = parser.get_event
    inner = depth + 1
    shallow = inner <= MAX_DEPTH
    node: Node
    mark: Any
    if kind is SequenceStartEvent:
        items: list[Node] = []
        while True:
            ev = get_event()
            if ev.__class__ is ScalarEvent and ev.anchor is None and ev.tag is None and shallow:
                mark = ev.start_mark
                place = _POSITIONS.get((mark.line, mark.column)) or _position_at(mark)
                if check_values:
                    _check_scalar(ev, place, key=False)
                style = ev.style
                items.append(Scalar(ev.value, place, style is None or style == ""))
            elif ev.__class__ is SequenceEndEvent:
                return Sequence(tuple(items), at)
            else:
                items.append(_compose(ev, parser, inner, check_values))
    pairs: list[tuple[Scalar, Node]] = []
    seen: dict[str, Scalar] = {}
    while True:
        ev = get_event()
        if ev.__class__ is ScalarEvent and ev.anchor is None and ev.tag is None and shallow:
            mark = ev.start_mark
            place = _POSITIONS.get((mark.line, mark.column)) or _position_at(mark)
            name = ev.value
            if CONTROL_IN_KEY.search(name) is not None:
                _check_scalar(ev, place, key=True)
            style = ev.style
            plain = style is None or style == ""
            if plain and name in NULLS:
                raise SourceError(codes.KEY_NOT_TEXT, "a key must be plain text", place)
            known = (name, mark.line, mark.column, plain)
            key = _KEYS.get(known) or _key(known, place)
        elif ev.__class__ is MappingEndEvent:
            return Mapping(tuple(pairs), at)
        else:
            node = _compose(ev, parser, inner, check_values, is_key=True)
            if not isinstance(node, Scalar) or node.is_null:
                raise SourceError(codes.KEY_NOT_TEXT, "a key must be plain text", node.at)
            key = node
            name = key.value
        if name in seen:
            raise SourceError(
                codes.DUPLICATE_KEY,
                f"duplicate key {name!r}: first at line {seen[name].at.line}, "
                f"again at line {key.at.line}; keep one",
                key.at,
            )
        seen[name] = key
        ev = get_event()
        if ev.__class__ is ScalarEvent and ev.anchor is None and ev.tag is None and shallow:
            mark = ev.start_mark
            place = _POSITIONS.get((mark.line, mark.column)) or _position_at(mark)
            if check_values:
                _check_scalar(ev, place, key=False)
            style = ev.style
            node = Scalar(ev.value, place, style is None or style == "")
        else:
            node = _compose(ev, parser, inner, check_values)
        pairs.append((key, node))


def _compose_document(text: str) -> Node | None:
    """The single document in `text` as a node tree, or None if it holds no document."""
    parser = _parser(text)
    check_values = _may_hold_control(text)
    root: Node | None = None
    documents = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise SourceError(
                        codes.SEVERAL_DOCUMENTS,
                        "a record file holds one YAML document, not several",
                        _at(event),
                    )
            elif isinstance(event, ScalarEvent | CollectionStartEvent | AliasEvent):
                root = _compose(event, parser, 1, check_values)
    finally:
        parser.dispose()
    return root


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            codes.NOT_UTF8,
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


def _explain(error: yaml.MarkedYAMLError, text: str) -> tuple[Code, str]:
    """PyYAML's and libyaml's wording of a syntax error, made plainer where it helps."""
    mark = error.problem_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or line[mark.column : mark.column + 1] == "\t":
            return codes.TAB_CHARACTER, "a tab character here: indent with spaces, not tabs"
    problem = error.problem or "not valid YAML"
    context = error.context_mark
    if error.context and context is not None and (mark is None or context.line != mark.line):
        return codes.INVALID_YAML, f"{problem} ({error.context} at line {context.line + 1})"
    return codes.INVALID_YAML, problem


def parse_text(text: str) -> Mapping:
    """Parse YAML text into a top-level mapping, or raise `SourceError`."""
    first = text.lstrip()[:1]  # the first character of the first line that is not blank
    if not first or (
        first == "#"
        and all(line.strip().startswith("#") or not line.strip() for line in text.splitlines())
    ):
        raise SourceError(codes.EMPTY_FILE, EMPTY_MESSAGE, Position(1, 1))
    try:
        root = _compose_document(text)
    except Exception as error:
        # A control character is what is reported, wherever it is in the file. The file is
        # searched for one only now: the YAML reader refuses the same characters (YAML's
        # `c-printable` set), so a file that parses holds none.
        _check_printable(text)
        if not isinstance(error, yaml.MarkedYAMLError):
            raise
        mark = error.problem_mark or error.context_mark
        code, explanation = _explain(error, text)
        raise SourceError(code, f"invalid YAML: {explanation}", _position(mark)) from None
    if root is None:
        raise SourceError(codes.EMPTY_FILE, EMPTY_MESSAGE, Position(1, 1))
    if not isinstance(root, Mapping):
        raise SourceError(
            codes.TOP_LEVEL_NOT_MAPPING,
            f"the top level must be a mapping of fields, not {kind_of(root)}",
            root.at,
        )
    return root


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise SourceError(
            codes.FILE_TOO_LARGE,
            f"the file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for a record",
            Position(1, 1),
        )


def parse_bytes(data: bytes) -> Mapping:
    """Parse a file's bytes: check size and encoding, then `parse_text`."""
    _check_size(len(data))
    return parse_text(_decode(data))


def _read_bytes(path: Path, size: int) -> bytes:
    """`path.read_bytes()` of a file `size` bytes long (if it has not grown), with fewer
    system calls and none of a file object's buffering."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = [os.read(descriptor, size + 1)]
        while chunks[-1]:
            chunks.append(os.read(descriptor, 65536))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_file(path: Path) -> bytes:
    """One file's bytes, unparsed. An unreadable or too large file raises `SourceError`."""
    try:
        size = os.stat(path).st_size
        _check_size(size)  # before reading a huge file into memory
        return _read_bytes(path, size)
    except OSError as error:
        raise SourceError(
            codes.UNREADABLE_FILE, f"cannot read the file: {error.strerror}"
        ) from None


def read(path: Path) -> Mapping:
    """Read and parse one file. An unreadable file raises `SourceError` too."""
    return parse_bytes(read_file(path))
