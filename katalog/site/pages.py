"""Catalogue -> page models: every page of the site, in each language, as plain data.

A `Page` says where the page lives (a site-relative path such as `nb/projects/x/`),
which template lays it out, its language and title, its versions in the other language,
its breadcrumbs, the record file it comes from, and `data`: everything the template shows,
already localised (names, dates, amounts), sorted and linked. Templates only lay it out.

Pages: a language chooser at the root; per language a home page; an index and a page per
record for projects, programmes, themes and organisations; and an index and a page per
country that any record names.

This module knows nothing of MkDocs; `hooks/pages.py` turns pages into MkDocs files.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup

from katalog.records.model import (
    LANGUAGES,
    Catalogue,
    Lang,
    Localized,
    Organisation,
    Programme,
    Project,
    Role,
    Status,
)
from katalog.site import l10n, search
from katalog.site.texts import text

Record = Programme | Project
RenderMarkdown = Callable[[str], Markup]

STATUS_ORDER = {Status.ACTIVE: 0, Status.PLANNED: 1, Status.PROPOSED: 2, Status.COMPLETED: 3}
ROLE_ORDER = (Role.LEAD, Role.PARTNER, Role.FUNDER, Role.ADVISOR)
RECENT = 5
RELATED = 4


@dataclass(frozen=True)
class Shown:
    """A text as a reader of one language sees it; `fallback` when in the other language."""

    text: str
    lang: Lang
    fallback: bool


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    lang: Lang | None = None
    """Set when the label is in another language than the page (a fallback)."""


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    lang: Lang
    title: str
    description: str
    alternates: tuple[tuple[Lang, str], ...]
    breadcrumbs: tuple[Link, ...] = ()
    source: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """An interface text in the page's language."""
        return text(self.lang, key, **values)

    def language_name(self, lang: Lang) -> str:
        """A language's name in that language itself: "English", "Norsk (bokmål)"."""
        return text(lang, "language.name")

    @property
    def src_uri(self) -> str:
        """The page as a Markdown source path: `nb/projects/x/` -> `nb/projects/x.md`."""
        if self.path in ("", "/"):
            return "index.md"
        parts = self.path.strip("/").split("/")
        if len(parts) == 1 or parts[-1] in INDEXES:
            return "/".join(parts) + "/index.md"
        return "/".join(parts) + ".md"


SECTIONS = ("projects", "programmes", "countries", "themes", "organisations")
INDEXES = (*SECTIONS, "search")


def path(lang: Lang, section: str | None = None, slug: str | None = None) -> str:
    parts = [lang, *(part for part in (section, slug) if part)]
    return "/".join(parts) + "/"


def show(value: Localized, lang: Lang) -> Shown:
    return Shown(value.get(lang), value.language_for(lang), value.is_fallback(lang))


def alternates(section: str | None = None, slug: str | None = None) -> tuple[tuple[Lang, str], ...]:
    return tuple((lang, path(lang, section, slug)) for lang in LANGUAGES)


@dataclass(frozen=True)
class Site:
    """What every page of one build may need: the catalogue and the facts around it."""

    catalogue: Catalogue
    today: date
    render: RenderMarkdown
    last_changed: Mapping[str, date] = field(default_factory=dict)
    """Record source path -> the date it last changed (from version control)."""
    cards: dict[tuple[str, str, Lang], dict[str, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def relations(self) -> Relations:
        return Relations(self.catalogue)

    @cached_property
    def _title_ranks(self) -> dict[Lang, dict[tuple[str, str], int]]:
        """Every indexed page's place in the alphabetical order of titles, per language."""
        ranks: dict[Lang, dict[tuple[str, str], int]] = {}
        for lang in LANGUAGES:
            titled = [
                *(("project", p.slug, p.title.get(lang)) for p in self.catalogue.projects.values()),
                *(
                    ("programme", p.slug, p.title.get(lang))
                    for p in self.catalogue.programmes.values()
                ),
                *(("country", c.lower(), l10n.country_name(c, lang)) for c in self.countries()),
                *(("theme", t.slug, t.label.get(lang)) for t in self.catalogue.themes.values()),
                *(
                    ("organisation", o.slug, o.name.get(lang))
                    for o in self.catalogue.organisations.values()
                ),
            ]
            titled.sort(key=lambda item: (l10n.collation_key(item[2], lang), item[0], item[1]))
            ranks[lang] = {(kind, slug): n for n, (kind, slug, _) in enumerate(titled, 1)}
        return ranks

    def title_rank(self, kind: str, slug: str, lang: Lang) -> int:
        """A page's place in the alphabetical order of all indexed pages' titles in `lang`."""
        return self._title_ranks[lang][(kind, slug)]

    def changed(self, record: Record) -> date | None:
        known = [d for d in (record.updated, self.last_changed.get(record.source)) if d]
        return max(known) if known else None

    def records(self) -> list[Record]:
        return [*self.catalogue.programmes.values(), *self.catalogue.projects.values()]

    def countries(self) -> list[str]:
        return sorted({code for record in self.records() for code in record.countries})


# --- Small views shared by several pages ---------------------------------------------------


def _status(record: Record, site: Site, lang: Lang) -> dict[str, Any] | None:
    status = record.status_on(site.today)
    if status is None:
        return None
    return {"key": status.value, "label": text(lang, f"status.{status.value}")}


def _country_link(code: str, lang: Lang) -> Link:
    return Link(l10n.country_name(code, lang), path(lang, "countries", code.lower()))


def _country_links(codes: Iterable[str], lang: Lang) -> list[Link]:
    """Countries as links, in the reader's alphabetical order."""
    links = [_country_link(code, lang) for code in codes]
    return sorted(links, key=lambda link: l10n.collation_key(link.label, lang))


def _theme_link(slug: str, site: Site, lang: Lang) -> Link:
    label = site.catalogue.themes[slug].label
    return Link(label.get(lang), path(lang, "themes", slug), _other(label, lang))


def _organisation_link(slug: str, site: Site, lang: Lang) -> Link:
    name = site.catalogue.organisations[slug].name
    return Link(name.get(lang), path(lang, "organisations", slug), _other(name, lang))


def _other(value: Localized, lang: Lang) -> Lang | None:
    return value.language_for(lang) if value.is_fallback(lang) else None


def _record_link(record: Record, lang: Lang) -> Link:
    section = f"{record.kind}s"
    return Link(
        record.title.get(lang), path(lang, section, record.slug), _other(record.title, lang)
    )


def card(record: Record, site: Site, lang: Lang) -> dict[str, Any]:
    """A record as one item in a list: enough to choose whether to open it.

    Cards are made once per record and language and shared by every list showing them.
    """
    key = (type(record).__name__, record.slug, lang)
    if key not in site.cards:
        site.cards[key] = _card(record, site, lang)
    return site.cards[key]


def _card(record: Record, site: Site, lang: Lang) -> dict[str, Any]:
    return {
        "kind": record.kind,
        "slug": record.slug,
        "kind_label": text(lang, f"kind.{record.kind}"),
        "link": _record_link(record, lang),
        "summary": show(record.summary, lang),
        "status": _status(record, site, lang),
        "period": l10n.format_period(record.period, lang) if record.period else None,
        "countries": [l10n.country_name(code, lang) for code in record.countries],
    }


def _project_order(site: Site, lang: Lang) -> Callable[[Project], tuple[Any, ...]]:
    """Projects by status (active first), then newest start first, then title."""

    def key(project: Project) -> tuple[Any, ...]:
        status = project.status_on(site.today)
        start = project.period.start.first_day.toordinal() if project.period else 0
        return (
            STATUS_ORDER.get(status, len(STATUS_ORDER)) if status else len(STATUS_ORDER),
            -start,
            l10n.collation_key(project.title.get(lang), lang),
            project.slug,
        )

    return key


def _by_title(lang: Lang) -> Callable[[Record], tuple[Any, ...]]:
    return lambda record: (l10n.collation_key(record.title.get(lang), lang), record.slug)


def _projects(projects: Iterable[Project], site: Site, lang: Lang) -> list[dict[str, Any]]:
    return [card(p, site, lang) for p in sorted(projects, key=_project_order(site, lang))]


def _programmes(programmes: Iterable[Programme], site: Site, lang: Lang) -> list[dict[str, Any]]:
    return [card(p, site, lang) for p in sorted(programmes, key=_by_title(lang))]


def _partners(record: Record, site: Site, lang: Lang) -> list[dict[str, Any]]:
    groups: dict[Role, list[Link]] = defaultdict(list)
    for partner in record.partners:
        groups[partner.role].append(_organisation_link(partner.organisation, site, lang))
    return [
        {
            "role": role.value,
            "label": text(
                lang, f"role.{role.value}.plural" if len(groups[role]) > 1 else f"role.{role.value}"
            ),
            "organisations": groups[role],
        }
        for role in ROLE_ORDER
        if groups[role]
    ]


def _description(value: Localized | None, site: Site, lang: Lang) -> dict[str, Any] | None:
    if value is None:
        return None
    shown = show(value, lang)
    return {"html": site.render(shown.text), "lang": shown.lang, "fallback": shown.fallback}


def _links(record: Record, lang: Lang) -> list[dict[str, Any]]:
    return [{"title": show(link.title, lang), "url": link.url} for link in record.links]


def _breadcrumbs(lang: Lang, *trail: Link) -> tuple[Link, ...]:
    return (Link(text(lang, "nav.home"), path(lang)), *trail)


def _section_link(lang: Lang, section: str) -> Link:
    return Link(text(lang, f"section.{section}"), path(lang, section))


def _changed(record: Record, site: Site, lang: Lang) -> str | None:
    changed = site.changed(record)
    return l10n.format_date(changed, lang) if changed else None


# --- Record pages -----------------------------------------------------------------------


def _record_page(record: Record, site: Site, lang: Lang, **specific: Any) -> Page:
    """A programme's or project's page: what both kinds show, and `specific` to each."""
    kind = record.kind
    section = f"{kind}s"
    data = {
        "kind": kind,
        "title": show(record.title, lang),
        "summary": show(record.summary, lang),
        "status": _status(record, site, lang),
        "period": l10n.format_period(record.period, lang) if record.period else None,
        "countries": _country_links(record.countries, lang),
        "themes": [_theme_link(slug, site, lang) for slug in record.themes],
        "partners": _partners(record, site, lang),
        "description": _description(record.description, site, lang),
        "links": _links(record, lang),
        "website": record.website,
        "contact": record.contact,
        "updated": _changed(record, site, lang),
        "search": search.record_entry(record, site, lang),
        **specific,
    }
    return Page(
        path=path(lang, section, record.slug),
        template=f"catalogue/{kind}.html",
        lang=lang,
        title=record.title.get(lang),
        description=record.summary.get(lang),
        alternates=alternates(section, record.slug),
        breadcrumbs=_breadcrumbs(lang, _section_link(lang, section)),
        source=record.source,
        data=data,
    )


def project_page(project: Project, site: Site, lang: Lang) -> Page:
    catalogue = site.catalogue
    programme = catalogue.programmes.get(project.programme or "")
    funding = None
    if project.funding is not None:
        funding = {
            "amount": l10n.format_amount(project.funding.amount, project.funding.currency, lang),
            "note": show(project.funding.note, lang) if project.funding.note else None,
        }
    return _record_page(
        project,
        site,
        lang,
        programme=_record_link(programme, lang) if programme else None,
        partner_call=show(project.partner_call, lang) if project.partner_call else None,
        funding=funding,
        related=_projects(site.relations.related(project), site, lang),
    )


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


def programme_page(programme: Programme, site: Site, lang: Lang) -> Page:
    projects = [p for p in site.catalogue.projects.values() if p.programme == programme.slug]
    state = l10n.window_state(programme.application_windows, site.today)
    windows = None
    if state is not None:
        windows = {
            "items": [l10n.format_window(w, lang) for w in programme.application_windows],
            "open_until": l10n.format_date(state.closes, lang) if state.closes else None,
            "next_opens": l10n.format_date(state.next_opens, lang),
        }
    return _record_page(
        programme,
        site,
        lang,
        funders=[_organisation_link(slug, site, lang) for slug in programme.funders],
        windows=windows,
        projects=_projects(projects, site, lang),
    )


def _records_where(
    site: Site, match: Callable[[Record], bool], lang: Lang
) -> dict[str, list[dict[str, Any]]]:
    catalogue = site.catalogue
    return {
        "projects": _projects(filter(match, catalogue.projects.values()), site, lang),
        "programmes": _programmes(filter(match, catalogue.programmes.values()), site, lang),
    }


def country_page(code: str, site: Site, lang: Lang) -> Page:
    name = l10n.country_name(code, lang)
    data: dict[str, Any] = {
        "kind": "country",
        "name": name,
        "code": code,
        "search": search.collection_entry(site, "country", code.lower(), None, lang),
    }
    data |= _records_where(site, lambda record: code in record.countries, lang)
    return Page(
        path=path(lang, "countries", code.lower()),
        template="catalogue/collection.html",
        lang=lang,
        title=name,
        description=name,
        alternates=alternates("countries", code.lower()),
        breadcrumbs=_breadcrumbs(lang, _section_link(lang, "countries")),
        data=data,
    )


def theme_page(slug: str, site: Site, lang: Lang) -> Page:
    theme = site.catalogue.themes[slug]
    data: dict[str, Any] = {
        "kind": "theme",
        "name": show(theme.label, lang),
        "about": show(theme.description, lang) if theme.description else None,
        "search": search.collection_entry(
            site, "theme", slug, theme.description.get(lang) if theme.description else None, lang
        ),
    }
    data |= _records_where(site, lambda record: slug in record.themes, lang)
    return Page(
        path=path(lang, "themes", slug),
        template="catalogue/collection.html",
        lang=lang,
        title=theme.label.get(lang),
        description=theme.description.get(lang) if theme.description else theme.label.get(lang),
        alternates=alternates("themes", slug),
        breadcrumbs=_breadcrumbs(lang, _section_link(lang, "themes")),
        data=data,
    )


def _involves(slug: str) -> Callable[[Record], bool]:
    return lambda record: slug in _organisations_of(record)


def _roles(record: Record, organisation: str, lang: Lang) -> list[str]:
    """What `organisation` does in `record`, in the reader's words."""
    roles = {partner.role for partner in record.partners if partner.organisation == organisation}
    if isinstance(record, Programme) and organisation in record.funders:
        roles.add(Role.FUNDER)
    return [text(lang, f"role.{role.value}") for role in ROLE_ORDER if role in roles]


def organisation_page(organisation: Organisation, site: Site, lang: Lang) -> Page:
    slug = organisation.slug
    data: dict[str, Any] = {
        "kind": "organisation",
        "name": show(organisation.name, lang),
        "short_name": organisation.short_name,
        "country": _country_link(organisation.country, lang) if organisation.country else None,
        "website": organisation.url,
        "about": show(organisation.description, lang) if organisation.description else None,
        "search": search.collection_entry(
            site,
            "organisation",
            slug,
            organisation.description.get(lang) if organisation.description else None,
            lang,
        ),
    }
    data |= _records_where(site, _involves(slug), lang)
    roles = {(record.kind, record.slug): _roles(record, slug, lang) for record in site.records()}
    for key in ("projects", "programmes"):
        data[key] = [{**card, "roles": roles[(card["kind"], card["slug"])]} for card in data[key]]
    title = organisation.name.get(lang)
    return Page(
        path=path(lang, "organisations", slug),
        template="catalogue/collection.html",
        lang=lang,
        title=title,
        description=organisation.description.get(lang) if organisation.description else title,
        alternates=alternates("organisations", slug),
        breadcrumbs=_breadcrumbs(lang, _section_link(lang, "organisations")),
        data=data,
    )


# --- Index pages ------------------------------------------------------------------------


def _index(lang: Lang, section: str, data: dict[str, Any]) -> Page:
    return Page(
        path=path(lang, section),
        template="catalogue/index.html",
        lang=lang,
        title=text(lang, f"section.{section}"),
        description=text(lang, f"index.{section}.intro"),
        alternates=alternates(section),
        breadcrumbs=_breadcrumbs(lang),
        data={"section": section, "intro": text(lang, f"index.{section}.intro"), **data},
    )


def _counted(links: Iterable[tuple[Link, int]], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"link": link, "count": count}
        for link, count in sorted(links, key=lambda item: l10n.collation_key(item[0].label, lang))
    ]


def _usage(site: Site) -> dict[str, Counter[str]]:
    """How many records name each country, theme and organisation."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for record in site.records():
        counts["countries"].update(record.countries)
        counts["themes"].update(record.themes)
        counts["organisations"].update(_organisations_of(record))
    return counts


def _organisations_of(record: Record) -> set[str]:
    funders = record.funders if isinstance(record, Programme) else ()
    return {*funders, *(partner.organisation for partner in record.partners)}


def index_pages(site: Site, lang: Lang) -> Iterator[Page]:
    catalogue = site.catalogue
    usage = _usage(site)
    yield _index(
        lang,
        "projects",
        {
            "records": _projects(catalogue.projects.values(), site, lang),
            "browse": _browse(site, lang, catalogue.projects.values(), fixed={"type": "project"}),
        },
    )
    yield _index(
        lang, "programmes", {"records": _programmes(catalogue.programmes.values(), site, lang)}
    )
    countries = ((_country_link(code, lang), usage["countries"][code]) for code in site.countries())
    yield _index(lang, "countries", {"entries": _counted(countries, lang)})
    themes = ((_theme_link(slug, site, lang), usage["themes"][slug]) for slug in catalogue.themes)
    yield _index(lang, "themes", {"entries": _counted(themes, lang)})
    organisations = (
        (_organisation_link(slug, site, lang), usage["organisations"][slug])
        for slug in catalogue.organisations
    )
    yield _index(lang, "organisations", {"entries": _counted(organisations, lang)})


SEARCH_TEXTS = (
    "search.label", "search.placeholder", "search.submit", "search.results.one",
    "search.results.other", "search.results.none", "search.filters", "search.clear",
    "search.sort", "search.more", "search.loading", "search.failed", "sort.relevance",
    "sort.start_desc", "sort.start_asc", "sort.title",
)  # fmt: skip


def _browse(
    site: Site,
    lang: Lang,
    records: Iterable[Record],
    *,
    fixed: Mapping[str, str] | None = None,
    pages_of_type: dict[str, int] | None = None,
) -> dict[str, Any]:
    """What the search script of a browsing page needs, as plain data for JSON."""
    return {
        "lang": lang,
        "fixed": dict(fixed or {}),
        "facets": search.facets(records, site, lang, pages_of_type=pages_of_type),
        "texts": {key: text(lang, key) for key in SEARCH_TEXTS},
        "status_labels": {status.value: text(lang, f"status.{status.value}") for status in Status},
    }


def search_page(site: Site, lang: Lang) -> Page:
    """The search page behind the header's search box: every kind of page, with facets."""
    catalogue = site.catalogue
    others = {
        "country": len(site.countries()),
        "theme": len(catalogue.themes),
        "organisation": len(catalogue.organisations),
    }
    return Page(
        path=path(lang, "search"),
        template="catalogue/search.html",
        lang=lang,
        title=text(lang, "search.title"),
        description=text(lang, "search.intro"),
        alternates=alternates("search"),
        breadcrumbs=_breadcrumbs(lang),
        data={
            "intro": text(lang, "search.intro"),
            "browse": _browse(site, lang, site.records(), pages_of_type=others),
            "sections": [_section_link(lang, section) for section in SECTIONS],
        },
    )


def home_page(site: Site, lang: Lang) -> Page:
    catalogue = site.catalogue
    dated = [(site.changed(p), p) for p in catalogue.projects.values()]
    recent = sorted(
        ((changed, p) for changed, p in dated if changed is not None),
        key=lambda item: (-item[0].toordinal(), item[1].slug),
    )[:RECENT]
    usage = _usage(site)
    countries = ((_country_link(code, lang), usage["countries"][code]) for code in site.countries())
    themes = ((_theme_link(slug, site, lang), usage["themes"][slug]) for slug in catalogue.themes)
    counts = [
        (len(catalogue.projects), "projects", "project"),
        (len(catalogue.programmes), "programmes", "programme"),
        (len(site.countries()), "countries", "country"),
    ]
    data = {
        "intro": text(lang, "site.intro"),
        "counts": [
            {
                "number": l10n.format_count(number, lang),
                "label": text(lang, f"count.{plural if number != 1 else singular}"),
                "url": path(lang, plural),
            }
            for number, plural, singular in counts
        ],
        "recent": [
            {**card(project, site, lang), "changed": l10n.format_date(changed, lang)}
            for changed, project in recent
        ],
        "countries": _counted(countries, lang),
        "themes": _counted(themes, lang),
        "programmes": _programmes(catalogue.programmes.values(), site, lang),
    }
    return Page(
        path=path(lang),
        template="catalogue/home.html",
        lang=lang,
        title=text(lang, "site.name"),
        description=text(lang, "site.tagline"),
        alternates=alternates(),
        data=data,
    )


def root_page() -> Page:
    """The language chooser at `/`, in both languages; it sends browsers on by preference."""
    return Page(
        path="",
        template="catalogue/root.html",
        lang="nb",
        title=f"{text('nb', 'site.name')} – {text('en', 'site.name')}",
        description=f"{text('nb', 'site.tagline')}. {text('en', 'site.tagline')}.",
        alternates=alternates(),
        data={
            "choices": [
                {
                    "lang": lang,
                    "url": path(lang),
                    "name": text(lang, "language.name"),
                    "site": text(lang, "site.name"),
                    "tagline": text(lang, "site.tagline"),
                    "choose": text(lang, "language.choose"),
                }
                for lang in LANGUAGES
            ]
        },
    )


def build_pages(site: Site) -> list[Page]:
    """Every page of the site, in a stable order."""
    catalogue = site.catalogue
    pages = [root_page()]
    for lang in LANGUAGES:
        pages.append(home_page(site, lang))
        pages.extend(index_pages(site, lang))
        pages.append(search_page(site, lang))
        pages.extend(project_page(p, site, lang) for p in catalogue.projects.values())
        pages.extend(programme_page(p, site, lang) for p in catalogue.programmes.values())
        pages.extend(country_page(code, site, lang) for code in site.countries())
        pages.extend(theme_page(slug, site, lang) for slug in catalogue.themes)
        pages.extend(organisation_page(o, site, lang) for o in catalogue.organisations.values())
    return pages
