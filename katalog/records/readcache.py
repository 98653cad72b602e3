"""Record files as last read, kept from one load of the content tree to the next in the
same process (`mkdocs serve` loads the whole tree again on every edit).

Reading a record file (parsing its YAML, checking every field) is nearly all the cost of
loading a catalogue, and an edit changes one file of thousands. What one file's reading
gives depends only on its bytes, its path, the site's languages and the build date, so
each file's result is kept under those, and a file whose bytes are the ones it had is
not read again. Everything read is only read afterwards, never changed, so a kept result
serves any number of loads. The checks across files (`katalog.records.crosscheck`, the
review dates) still run over the whole tree at every load.

Only the files of the latest load are kept: a file deleted or renamed is forgotten with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from katalog.languages import Lang
from katalog.records.problems import Problem
from katalog.records.schema import Reference
from katalog.records.source import Mapping

Key = tuple[str, str, str, tuple[Lang, ...], date | None]
"""(folder name, the file's path, its path as shown, the site's languages, the build date)."""


@dataclass(frozen=True)
class FileRead:
    """What reading one record file gave: its node tree and values (None where it does
    not parse), its problems and the references it makes to other records."""

    tree: Mapping | None
    values: dict[str, Any] | None
    problems: tuple[Problem, ...]
    references: tuple[Reference, ...]


class ReadCache:
    """The record files of the latest load, by `Key`: their bytes and what they gave."""

    def __init__(self) -> None:
        self._kept: dict[Key, tuple[bytes, FileRead]] = {}
        self._new: dict[Key, tuple[bytes, FileRead]] = {}
        self.reused = 0
        self.read = 0

    def get(self, key: Key, data: bytes) -> FileRead | None:
        """What the file gave when it last had these bytes; None if it had others."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != data:
            return None
        self._new[key] = kept
        self.reused += 1
        return kept[1]

    def put(self, key: Key, data: bytes, result: FileRead) -> None:
        self._new[key] = (data, result)
        self.read += 1

    def finish(self) -> None:
        """The load is done: the files it read are the ones kept."""
        self._kept, self._new = self._new, {}

    def forget(self) -> None:
        """A load stopped part-way: keep what was kept before it, and nothing of it."""
        self._new = {}

    def start(self) -> None:
        self._new = {}
        self.reused = self.read = 0
