"""One build of the site: the validated catalogue, its settings and date, and what is
derived from them once (record facts, related projects, title order, usage counts).

Every page builder and export takes a `BuildContext`; nothing in it outlives the build,
so `mkdocs serve` starts from a fresh one on every rebuild.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from katalog.languages import Lang
from katalog.records.model import Catalogue, Project
from katalog.records.pagetexts import PageTexts
from katalog.settings import Settings
from katalog.site import l10n, urls
from katalog.site.facts import Record, RecordFacts, record_facts
from katalog.site.texts import Texts

RenderMarkdown = Callable[[str], Markup]
RELATED = 4
"""How many related projects a project page shows."""


@dataclass
class BuildContext:
    catalogue: Catalogue
    today: date
    render: RenderMarkdown
    settings: Settings = field(default_factory=Settings)
    last_changed: Mapping[str, date] = field(default_factory=dict)
    """Record source path -> the date it last changed (from version control)."""
    source_root: Path = Path()
    """The folder record source paths are relative to (the repository's root)."""
    page_texts: PageTexts = field(default_factory=dict)
    """The About, accessibility and privacy pages' texts, per page and language."""
    render_page: RenderMarkdown | None = None
    """Renders those texts, whose headings stay as written; `render` where not given."""
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    """Made-once views shared by pages (record cards), keyed by their maker."""

    @property
    def languages(self) -> tuple[Lang, ...]:
        return self.settings.languages.codes

    @cached_property
    def texts(self) -> Texts:
        return Texts(self.settings.texts)

    def missing_texts(self) -> str | None:
        """Why the site's interface texts are not complete, or None when they are."""
        gaps = self.texts.missing(self.languages)
        if not gaps:
            return None
        listed = "; ".join(f"{lang}: {', '.join(keys)}" for lang, keys in gaps.items())
        return f"Interface texts are missing ({listed}); add them to the texts setting"

    def t(self, lang: Lang, key: str, **values: object) -> str:
        """An interface text in `lang`."""
        return self.texts(lang, key, **values)

    def records(self) -> list[Record]:
        return [*self.catalogue.programmes.values(), *self.catalogue.projects.values()]

    @cached_property
    def facts(self) -> dict[tuple[str, str], RecordFacts]:
        """(kind, slug) -> the record's facts, for every programme and project."""
        return {
            (record.kind, record.slug): record_facts(
                record,
                languages=self.settings.languages,
                today=self.today,
                last_changed=self.last_changed,
                review_months=self.settings.review_months,
            )
            for record in self.records()
        }

    def facts_of(self, record: Record) -> RecordFacts:
        return self.facts[(record.kind, record.slug)]

    def all_facts(self) -> Iterator[RecordFacts]:
        return iter(self.facts.values())

    @cached_property
    def countries(self) -> list[str]:
        """Every country any record names, by code."""
        return sorted({code for record in self.records() for code in record.countries})

    @cached_property
    def usage(self) -> dict[str, Counter[str]]:
        """How many records name each country, theme and organisation."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for facts in self.all_facts():
            counts["countries"].update(facts.record.countries)
            counts["themes"].update(facts.record.themes)
            counts["organisations"].update(slug for slug, _ in facts.organisations)
        return counts

    @cached_property
    def _title_ranks(self) -> dict[Lang, dict[tuple[str, str], int]]:
        """Every indexed page's place in the alphabetical order of titles, per language."""
        catalogue = self.catalogue
        ranks: dict[Lang, dict[tuple[str, str], int]] = {}
        for lang in self.languages:
            titled = [
                *(("project", p.slug, p.title.get(lang)) for p in catalogue.projects.values()),
                *(("programme", p.slug, p.title.get(lang)) for p in catalogue.programmes.values()),
                *(("country", c.lower(), l10n.country_name(c, lang)) for c in self.countries),
                *(("theme", t.slug, t.label.get(lang)) for t in catalogue.themes.values()),
                *(
                    ("organisation", o.slug, o.name.get(lang))
                    for o in catalogue.organisations.values()
                ),
            ]
            titled.sort(key=lambda item: (l10n.collation_key(item[2], lang), item[0], item[1]))
            ranks[lang] = {(kind, slug): n for n, (kind, slug, _) in enumerate(titled, 1)}
        return ranks

    def title_rank(self, kind: str, slug: str, lang: Lang) -> int:
        """A page's place in the alphabetical order of all indexed pages' titles in `lang`."""
        return self._title_ranks[lang][(kind, slug)]

    @cached_property
    def relations(self) -> Relations:
        return Relations(self.catalogue)

    def absolute(self, path: str) -> str | None:
        return urls.absolute(path, self.settings.site_url)


class Relations:
    """Which projects share themes and countries, counted once per build.

    Projects with the same themes and countries have the same related projects (but for
    themselves), so the counting is done once per such combination.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.projects = catalogue.projects
        self.postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        for project in catalogue.projects.values():
            for key in self._keys(project):
                self.postings[key].append(project.slug)
        self._best: dict[frozenset[tuple[str, str]], list[str]] = {}

    @staticmethod
    def _keys(project: Project) -> frozenset[tuple[str, str]]:
        return frozenset(
            [
                *(("theme", slug) for slug in project.themes),
                *(("country", c) for c in project.countries),
            ]
        )

    def related(self, project: Project) -> list[Project]:
        """Up to `RELATED` other projects sharing the most themes and countries."""
        keys = self._keys(project)
        best = self._best.get(keys)
        if best is None:
            shared: Counter[str] = Counter()
            for key in keys:
                shared.update(self.postings[key])
            ranked = heapq.nsmallest(
                RELATED + 1, shared.items(), key=lambda item: (-item[1], item[0])
            )
            best = self._best[keys] = [slug for slug, _ in ranked]
        return [self.projects[slug] for slug in best if slug != project.slug][:RELATED]
