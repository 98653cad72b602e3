"""What reading the content tree gives, valid or not, before records are checked against
each other: each file's values and node tree, the references found, every slug defined.

`katalog.records.load` fills it; `katalog.records.crosscheck` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from katalog.languages import Lang
from katalog.records.model import LANGUAGES
from katalog.records.problems import Problem
from katalog.records.schema import Context, Reference
from katalog.records.source import Mapping


@dataclass(frozen=True)
class ParsedFile:
    """One record file's outcome: its values (None if invalid) and its node tree."""

    slug: str
    display: str
    tree: Mapping | None
    values: dict[str, Any] | None


@dataclass
class Parsed:
    """Everything read from the content tree, valid or not, before cross-checking."""

    problems: list[Problem] = field(default_factory=list)
    references: list[tuple[str, Reference]] = field(default_factory=list)
    slugs: dict[str, dict[str, str]] = field(default_factory=dict)
    """Registry -> slug -> the file that defines it, for every slug seen."""
    languages: tuple[Lang, ...] = LANGUAGES
    """The site's languages, which localised texts are given in."""
    records: dict[str, list[ParsedFile]] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)

    def absorb(self, ctx: Context) -> None:
        self.problems.extend(ctx.problems)
        self.references.extend((ctx.path, ref) for ref in ctx.references)
