"""Pagefind's output made the same bytes on every build of the same pages.

Pagefind writes its filter and metadata files from hash maps in no fixed order (upstream
pagefind#638), so two builds of one commit name them differently, and every deploy would
upload new files that no cache has. This module rewrites them in a fixed order: each
filter file's values sorted, each file then renamed by the hash of its new content, and
the names updated where they are referred to: the metadata file names the filter files,
and `pagefind-entry.json` names each language's metadata file.

Pagefind's files are gzip-compressed CBOR (RFC 8949) after a 12-byte signature,
`pagefind_dcd`; Pagefind's script looks each file up by the name the metadata or the entry
gives, and checks no hash. The CBOR it writes uses only definite lengths, integers, byte
and text strings, arrays and maps, which is all `decode` reads: anything else stops with
`SearchFilesError` rather than writing a file Pagefind might misread. Gzip's header holds
no name and a zero time here, so equal content gives equal bytes.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class SearchFilesError(Exception):
    """Pagefind's output is not as this module knows it."""


# CBOR: just the part Pagefind writes.


def decode(data: bytes) -> Any:
    value, end = _item(data, 0)
    if end != len(data):
        raise SearchFilesError(f"{len(data) - end} bytes after the CBOR value")
    return value


def _argument(data: bytes, at: int) -> tuple[int, int, int]:
    if at >= len(data):
        raise SearchFilesError("the CBOR value ends early")
    major, info = data[at] >> 5, data[at] & 0x1F
    if info < 24:
        return major, info, at + 1
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if info not in sizes:
        raise SearchFilesError(f"unsupported CBOR item (major type {major}, info {info})")
    size = sizes[info]
    if at + 1 + size > len(data):
        raise SearchFilesError("the CBOR value ends early")
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _item(data: bytes, at: int) -> tuple[Any, int]:
    major, argument, at = _argument(data, at)
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        chunk = data[at : at + argument]
        if len(chunk) != argument:
            raise SearchFilesError("the CBOR value ends early")
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(argument):
            key, at = _item(data, at)
            value, at = _item(data, at)
            pairs.append((key, value))
        return Map(pairs), at
    raise SearchFilesError(f"unsupported CBOR item (major type {major})")


class Map(list[tuple[Any, Any]]):
    """A CBOR map, its pairs in the order read (and written back)."""


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise SearchFilesError(f"unsupported value {value!r}")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, Map):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise SearchFilesError(f"unsupported value {value!r}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, argument)
    raise SearchFilesError(f"integer {argument} is too large")


# Pagefind's files.


def read(path: Path) -> Any:
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise SearchFilesError(f"{path.name}: not gzip-compressed: {error}") from None
    if not data.startswith(SIGNATURE):
        raise SearchFilesError(f"{path.name}: no Pagefind signature")
    try:
        return decode(data[len(SIGNATURE) :])
    except (SearchFilesError, UnicodeDecodeError) as error:
        raise SearchFilesError(f"{path.name}: {error}") from None


def packed(value: Any) -> bytes:
    """The file's bytes: the signature and the CBOR, gzip-compressed with no name or time."""
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def _digest(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def normalise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle in `bundle` (the `pagefind/` folder) in a fixed order."""
    entry_path = bundle / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchFilesError(f"{ENTRY}: {error}") from None
    renamed: dict[str, str] = {}
    for old in sorted((bundle / "filter").glob("*.pf_filter")):
        renamed[old.stem] = _rewrite_filter(old)
    for info in languages.values():
        info["hash"] = _rewrite_meta(bundle, info["hash"], renamed)
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _rewrite_filter(path: Path) -> str:
    """A filter file is [name, [[value, [page numbers]], ...]]: its values get sorted."""
    value = read(path)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise SearchFilesError(f"{path.name}: not a filter as Pagefind writes one")
    name, values = value
    for item in values:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
            raise SearchFilesError(f"{path.name}: not a filter as Pagefind writes one")
        item[1] = sorted(item[1])
    values.sort(key=lambda item: encode(item[0]))
    content = packed([name, values])
    return _replace(path, content, "pf_filter", 7)


def _rewrite_meta(bundle: Path, hash_: str, renamed: dict[str, str]) -> str:
    """A metadata file is [version, pages, index chunks, filters, sorts, metadata fields];
    filters ([name, filter file]) and sorts ([name, pages in order]) come in no fixed order:
    they are put in order of their names, and each filter names its renamed file."""
    path = bundle / f"pagefind.{hash_}.pf_meta"
    meta = read(path)
    if not (isinstance(meta, list) and len(meta) == 6):
        raise SearchFilesError(f"{path.name}: not metadata as Pagefind writes it")
    for part in (meta[3], meta[4]):
        if not (isinstance(part, list) and all(_named_pair(item) for item in part)):
            raise SearchFilesError(f"{path.name}: not metadata as Pagefind writes it")
    for item in meta[3]:
        if item[1] not in renamed:
            raise SearchFilesError(f"{path.name}: its filter file {item[1]} is missing")
        item[1] = renamed[item[1]]
    meta[3].sort(key=lambda item: item[0])
    meta[4].sort(key=lambda item: item[0])
    return _replace(path, packed(meta), "pf_meta", 10, prefix="pagefind.")


def _named_pair(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)


def _replace(path: Path, content: bytes, suffix: str, length: int, prefix: str = "") -> str:
    """Write `content` under its own hash, `<prefix><lang>_<hash>.<suffix>`, in place of
    `path`; the new name's hash part, as the metadata and the entry give it."""
    lang = path.name.removeprefix(prefix).split("_", 1)[0]
    new = f"{lang}_{_digest(content, length)}"
    path.unlink()
    path.with_name(f"{prefix}{new}.{suffix}").write_bytes(content)
    return new
