"""Catalogue -> page models: every page of the site, in each language, with its typed view.

A `Page` (`katalog.site.views`) says where the page lives, which template lays it out,
its language and title, its versions in the other languages, its breadcrumbs, the record
file it comes from, and its view: everything the template shows, already localised,
sorted and linked. Templates only lay it out.

Page types are registered in `PAGE_TYPES`: per language a home page; an index and a page
per record for projects, programmes, themes and organisations; an index and a page per
country that any record names; the search page and the open-data page; the site's own
pages (About, accessibility statement, privacy), whose texts are content
(`katalog.records.pagetexts`). The language chooser at the root and the 404 page are in
every language at once. Every page carries its language's footer.

This module knows nothing of MkDocs; `hooks/outputs.py` turns pages into MkDocs files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from html import unescape
from typing import Any

from katalog.exports.feeds import feed_link
from katalog.languages import KNOWN, Lang
from katalog.records.model import (
    CallState,
    Localized,
    Organisation,
    PartialDate,
    Programme,
    Project,
    Source,
    Status,
)
from katalog.site import geography, jsonld, l10n, links, paging, search, timeline, urls
from katalog.site.context import BuildContext
from katalog.site.facts import Record, RecordFacts
from katalog.site.kinds import (
    COUNTRY,
    KINDS,
    ORGANISATION,
    PROGRAMME,
    PROJECT,
    ROLE_ORDER,
    SECTIONS,
    THEME,
    Kind,
    status_rank,
)
from katalog.site.quality import due_for_review, quality_report, quality_view
from katalog.site.views import (
    Card,
    Choice,
    CollectionView,
    Count,
    Counted,
    DataView,
    Description,
    Download,
    ExternalLink,
    Footer,
    Funding,
    HomeView,
    IndexView,
    Link,
    NavItem,
    NotFoundText,
    NotFoundView,
    OpeningSoon,
    Page,
    PartnerCall,
    PartnerGroup,
    ProgrammeView,
    ProjectView,
    Publisher,
    ReviewItem,
    RootView,
    SearchView,
    Shown,
    SourceView,
    StatusBadge,
    TextPageView,
    View,
    Windows,
)

RECENT = 5
"""How many recently changed projects the home page shows."""
SOON_DAYS = 60
"""A programme whose next application window opens within this many days of the build
date is listed on the home page and the programmes index."""


# --- Small views shared by several pages ---------------------------------------------------


def show(value: Localized, ctx: BuildContext, lang: Lang) -> Shown:
    shown = value.language_for(lang)
    if shown == lang:
        return Shown(value.get(lang), lang, False)
    note = ctx.t(lang, "fallback.note", language=ctx.t(lang, f"language.{shown}"))
    return Shown(value.get(lang), shown, True, note)


def _status(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> StatusBadge | None:
    status = facts.status
    return StatusBadge(status.value, ctx.t(lang, f"status.{status.value}")) if status else None


def card(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> Card:
    """A record as one item in a list; made once per record and language."""
    key = ("card", facts.kind.key, facts.slug, lang)
    if key not in ctx.cache:
        record = facts.record
        ctx.cache[key] = Card(
            kind=facts.kind.key,
            slug=facts.slug,
            kind_label=ctx.t(lang, f"kind.{facts.kind.key}"),
            link=links.record(facts, lang),
            summary=show(record.summary, ctx, lang),
            status=_status(facts, ctx, lang),
            period=l10n.format_period(record.period, lang) if record.period else None,
            countries=tuple(l10n.country_name(code, lang) for code in record.countries),
        )
    made: Card = ctx.cache[key]
    return made


def _project_order(lang: Lang) -> Callable[[RecordFacts], tuple[Any, ...]]:
    """Projects by status (active first), then newest start first, then title."""

    def key(facts: RecordFacts) -> tuple[Any, ...]:
        return (
            status_rank(facts.status),
            -(facts.record.period.start.first_day.toordinal() if facts.record.period else 0),
            l10n.collation_key(facts.record.title.get(lang), lang),
            facts.slug,
        )

    return key


def _by_title(lang: Lang) -> Callable[[RecordFacts], tuple[Any, ...]]:
    return lambda facts: (l10n.collation_key(facts.record.title.get(lang), lang), facts.slug)


def _facts(ctx: BuildContext, records: Iterable[Record]) -> list[RecordFacts]:
    return [ctx.facts_of(record) for record in records]


def _project_cards(projects: Iterable[Project], ctx: BuildContext, lang: Lang) -> tuple[Card, ...]:
    ordered = sorted(_facts(ctx, projects), key=_project_order(lang))
    return tuple(card(facts, ctx, lang) for facts in ordered)


def _programme_cards(
    programmes: Iterable[Programme], ctx: BuildContext, lang: Lang
) -> tuple[Card, ...]:
    ordered = sorted(_facts(ctx, programmes), key=_by_title(lang))
    return tuple(card(facts, ctx, lang) for facts in ordered)


def _partners(record: Record, ctx: BuildContext, lang: Lang) -> tuple[PartnerGroup, ...]:
    """The record's partners (not a programme's funders) grouped by role, in role order."""
    groups: dict[str, list[Link]] = {}
    for partner in record.partners:
        groups.setdefault(partner.role.value, []).append(
            links.organisation(partner.organisation, ctx, lang)
        )
    return tuple(
        PartnerGroup(
            role=role.value,
            label=ctx.t(
                lang,
                f"role.{role.value}.plural"
                if len(groups[role.value]) > 1
                else f"role.{role.value}",
            ),
            organisations=tuple(groups[role.value]),
        )
        for role in ROLE_ORDER
        if role.value in groups
    )


def _description(value: Localized | None, ctx: BuildContext, lang: Lang) -> Description | None:
    if value is None:
        return None
    shown = show(value, ctx, lang)
    return Description(shown.text, shown.lang, shown.fallback, shown.note, render=ctx.render)


def _breadcrumbs(ctx: BuildContext, lang: Lang, *trail: Link) -> tuple[Link, ...]:
    return (Link(ctx.t(lang, "nav.home"), urls.home(lang)), *trail)


def _section_link(ctx: BuildContext, lang: Lang, section: str) -> Link:
    return Link(ctx.t(lang, f"section.{section}"), urls.section(lang, section))


def _nav(ctx: BuildContext, lang: Lang, path: str) -> tuple[NavItem, ...]:
    """The main sections, the current one marked: `page` on it, `true` inside it.

    Pages in the same place share one tuple (made once per language and place)."""
    home = urls.home(lang)
    places = [(home, path == home)] + [
        (urls.section(lang, section), path.startswith(urls.section(lang, section)))
        for section in SECTIONS
    ]
    here = next((target for target, inside in places if inside), None)
    current = "page" if here == path else "true"
    key = ("nav", lang, here, current)
    if key not in ctx.cache:
        labels = [ctx.t(lang, "nav.home"), *(ctx.t(lang, f"section.{s}") for s in SECTIONS)]
        ctx.cache[key] = tuple(
            NavItem(label, target, current if target == here else None)
            for label, (target, _) in zip(labels, places, strict=True)
        )
    made: tuple[NavItem, ...] = ctx.cache[key]
    return made


def _footer(ctx: BuildContext, lang: Lang) -> Footer:
    """Every page's footer in `lang` (made once per language): the publisher, as far as
    the settings name them, the site's own pages, the data page and, where the repository
    is known, its issue tracker and the form for proposing a project."""
    key = ("footer", lang)
    if key not in ctx.cache:
        settings = ctx.settings.publisher
        publisher = None
        if settings.name or settings.email or settings.address:
            publisher = Publisher(
                name=settings.name.get(lang) if settings.name else None,
                email=settings.email,
                address=tuple(
                    line.strip()
                    for line in (settings.address.get(lang) if settings.address else "").split("\n")
                    if line.strip()
                ),
            )
        footer_links = [
            Link(ctx.t(lang, f"footer.{name}"), urls.site_page(lang, name))
            for name in urls.SITE_PAGES
            if lang in ctx.page_texts.get(name, {})
        ]
        footer_links.append(Link(ctx.t(lang, "data.footer"), urls.data_page(lang)))
        repo = ctx.settings.repo_url
        if repo:
            footer_links.append(Link(ctx.t(lang, "footer.propose"), urls.propose(repo)))
            footer_links.append(Link(ctx.t(lang, "footer.issues"), urls.issues(repo)))
        ctx.cache[key] = Footer(
            label=ctx.t(lang, "footer.label"),
            publisher=publisher,
            publisher_label=ctx.t(lang, "footer.publisher"),
            email_label=ctx.t(lang, "footer.email"),
            address_label=ctx.t(lang, "footer.address"),
            links=tuple(footer_links),
        )
    made: Footer = ctx.cache[key]
    return made


def _page(
    ctx: BuildContext,
    lang: Lang,
    path: str,
    template: str,
    title: str,
    description: str,
    view: View,
    alternates: Callable[[Lang], str],
    **more: Any,
) -> Page:
    return Page(
        path=path,
        template=template,
        lang=lang,
        title=title,
        description=description,
        view=view,
        texts=ctx.texts,
        alternates=tuple((code, alternates(code)) for code in ctx.languages),
        home=urls.home(lang),
        search_url=urls.search(lang),
        data_url=urls.data_page(lang),
        nav=_nav(ctx, lang, path),
        footer=_footer(ctx, lang),
        feed=feed_link(ctx, lang),
        **more,
    )


# --- Record pages -----------------------------------------------------------------------


def _as_of(day: PartialDate | None, ctx: BuildContext, lang: Lang) -> str:
    """A date at its own precision ("2016", "juni 2020"), or the words for "not stated"."""
    return l10n.format_partial_date(day, lang) if day else ctx.t(lang, "source.undated")


def _publisher(slug: str, ctx: BuildContext, lang: Lang) -> Link:
    """The organisation that published a source, by its short name where it has one."""
    organisation = ctx.catalogue.organisations[slug]
    link = links.organisation(slug, ctx, lang)
    return replace(link, label=organisation.short_name) if organisation.short_name else link


def _source(source: Source, ctx: BuildContext, lang: Lang) -> SourceView:
    return SourceView(
        publisher=_publisher(source.publisher, ctx, lang),
        title=show(source.title, ctx, lang),
        url=source.url,
        as_of=_as_of(source.as_of, ctx, lang),
    )


def according_to(source: Source | None, ctx: BuildContext, lang: Lang) -> str | None:
    """ "According to ICLD, 2016": whose word something is, and of when."""
    if source is None:
        return None
    publisher = _publisher(source.publisher, ctx, lang).label
    if source.as_of is None:
        return ctx.t(lang, "source.according_to.undated", publisher=publisher)
    as_of = l10n.format_partial_date(source.as_of, lang)
    return ctx.t(lang, "source.according_to", publisher=publisher, as_of=as_of)


def opening_soon(ctx: BuildContext) -> list[RecordFacts]:
    """Programmes whose next window opens within `SOON_DAYS` of the build date, soonest
    first (ties by slug)."""
    soon = [
        facts
        for facts in ctx.all_facts()
        if facts.next_opens is not None and (facts.next_opens - ctx.today).days <= SOON_DAYS
    ]
    return sorted(soon, key=lambda facts: (facts.next_opens or ctx.today, facts.slug))


def _opening_soon(ctx: BuildContext, lang: Lang) -> tuple[OpeningSoon, ...]:
    return tuple(
        OpeningSoon(
            link=links.record(facts, lang),
            opens=l10n.format_date(facts.next_opens, lang),
            according_to=according_to(facts.next_window.source, ctx, lang),
        )
        for facts in opening_soon(ctx)
        if facts.next_opens is not None and facts.next_window is not None
    )


def _record_view(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> dict[str, Any]:
    """What programme and project pages share, as the fields of their views."""
    record = facts.record
    return {
        "kind": facts.kind.key,
        "title": show(record.title, ctx, lang),
        "summary": show(record.summary, ctx, lang),
        "status": _status(facts, ctx, lang),
        "period": l10n.format_period(record.period, lang) if record.period else None,
        "countries": links.countries(record.countries, lang),
        "themes": tuple(links.theme(slug, ctx, lang) for slug in record.themes),
        "partners": _partners(record, ctx, lang),
        "description": _description(record.description, ctx, lang),
        "links": tuple(
            ExternalLink(show(link.title, ctx, lang), link.url) for link in record.links
        ),
        "website": record.website,
        "contact": record.contact,
        "sources": tuple(_source(source, ctx, lang) for source in record.sources),
        "as_of": _as_of(facts.information, ctx, lang),
        "search": search.record_entry(facts, ctx, lang),
        "data": Link("JSON", facts.data_url),
        "source": Link("YAML", facts.source_url),
    }


def _record_page(
    facts: RecordFacts, ctx: BuildContext, lang: Lang, view: ProjectView | ProgrammeView
) -> Page:
    record, section = facts.record, facts.kind.section
    return _page(
        ctx,
        lang,
        facts.urls[lang],
        facts.kind.template,
        record.title.get(lang),
        record.summary.get(lang),
        view,
        lambda code: facts.urls[code],
        breadcrumbs=_breadcrumbs(ctx, lang, _section_link(ctx, lang, section)),
        source=record.source,
        jsonld=jsonld.record(facts, ctx, lang),
    )


def _partner_call(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> PartnerCall | None:
    """The project's call as its state on the build date allows: only an open one is
    shown with its contact; a closed one says so, and when."""
    record, state = facts.record, facts.call
    if not isinstance(record, Project) or record.partner_call is None or state is None:
        return None
    call = record.partner_call
    until = l10n.format_date(call.until, lang) if call.until is not None else None
    text = _description(call.text, ctx, lang)
    assert text is not None
    if state.is_open:
        return PartnerCall(
            state=state.value,
            open=True,
            heading=ctx.t(lang, "field.partner_call"),
            text=text,
            until=ctx.t(lang, "call.open_until", date=until) if until else None,
            contact=call.contact,
        )
    closed = (
        ctx.t(lang, "call.closed_on", date=until)
        if state is CallState.CLOSED_ON and until
        else ctx.t(lang, "call.closed_completed")
    )
    return PartnerCall(
        state=state.value,
        open=False,
        heading=ctx.t(lang, "call.heading.closed"),
        text=text,
        closed=closed,
    )


def project_page(project: Project, ctx: BuildContext, lang: Lang) -> Page:
    facts = ctx.facts_of(project)
    programme = ctx.catalogue.programmes.get(project.programme or "")
    funding = None
    if project.funding is not None:
        funding = Funding(
            amount=l10n.format_amount(project.funding.amount, project.funding.currency, lang),
            note=show(project.funding.note, ctx, lang) if project.funding.note else None,
        )
    view = ProjectView(
        **_record_view(facts, ctx, lang),
        programme=links.record(ctx.facts_of(programme), lang) if programme else None,
        partner_call=_partner_call(facts, ctx, lang),
        funding=funding,
        related=_project_cards(ctx.relations.related(project), ctx, lang),
    )
    return _record_page(facts, ctx, lang, view)


def programme_page(programme: Programme, ctx: BuildContext, lang: Lang) -> Page:
    facts = ctx.facts_of(programme)
    projects = [p for p in ctx.catalogue.projects.values() if p.programme == programme.slug]
    state = l10n.window_state(programme.application_windows, ctx.today)
    windows = None
    if state is not None:
        windows = Windows(
            windows=tuple(l10n.format_window(w, lang) for w in programme.application_windows),
            open_until=l10n.format_date(state.closes, lang) if state.closes else None,
            next_opens=l10n.format_date(state.next_opens, lang),
            according_to=according_to(
                facts.next_window.source if facts.next_window else None, ctx, lang
            ),
            calendar=Link(
                ctx.t(lang, "calendar.add"),
                urls.programme_calendar(programme.slug, lang, ctx.languages[0]),
            ),
        )
    view = ProgrammeView(
        **_record_view(facts, ctx, lang),
        funders=tuple(links.organisation(slug, ctx, lang) for slug in programme.funders),
        windows=windows,
        projects=_project_cards(projects, ctx, lang),
        timeline=timeline.programme_timeline(facts, _facts(ctx, projects), ctx, lang),
    )
    return _record_page(facts, ctx, lang, view)


# --- Country, theme and organisation pages ------------------------------------------------


def _collection_page(
    ctx: BuildContext,
    lang: Lang,
    kind: Kind,
    key: str,
    name: Shown,
    description: str,
    match: Callable[[RecordFacts], bool],
    roles_of: Callable[[RecordFacts], tuple[str, ...]] | None = None,
    **view: Any,
) -> Iterator[Page]:
    """The page of a country, theme or organisation; its projects, when they are more
    than a page holds, go on over further pages (`katalog.site.paging`)."""
    matching = [facts for facts in ctx.all_facts() if match(facts)]
    projects = [f.record for f in matching if isinstance(f.record, Project)]
    programmes = [f.record for f in matching if isinstance(f.record, Programme)]

    def cards(made: tuple[Card, ...]) -> tuple[Card, ...]:
        if roles_of is None:
            return made
        return tuple(replace(c, roles=roles_of(ctx.facts[(c.kind, c.slug)])) for c in made)

    summary = view.get("about")
    entry = search.collection_entry(ctx, kind.key, key, summary.text if summary else None, lang)
    all_projects = cards(_project_cards(projects, ctx, lang))
    size = ctx.settings.page_size
    parts = paging.split(all_projects, size)
    path = urls.entry(lang, kind.section, key)
    breadcrumbs = _breadcrumbs(ctx, lang, _section_link(ctx, lang, kind.section))
    for number, part in enumerate(parts, start=1):
        page_view = CollectionView(
            kind=kind.key,
            name=name,
            lead=ctx.t(lang, f"lead.{kind.key}", name=name.text),
            search=entry,
            programmes=cards(_programme_cards(programmes, ctx, lang)) if number == 1 else (),
            projects=tuple(part),
            pagination=paging.pagination(
                ctx, lang, path, number, len(parts), size, len(all_projects)
            ),
            indexed=number == 1,
            **view,
        )
        yield _page(
            ctx,
            lang,
            urls.paged(path, number),
            kind.template,
            paging.title(ctx, lang, name.text, number, len(parts)),
            description,
            page_view,
            functools.partial(_entry_page, kind.section, key, number),
            breadcrumbs=breadcrumbs,
            jsonld=jsonld.collection(kind, key, ctx, lang) if number == 1 else None,
        )


def _entry_page(section: str, key: str, number: int, lang: Lang) -> str:
    return urls.paged(urls.entry(lang, section, key), number)


def country_page(code: str, ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    name = l10n.country_name(code, lang)
    return _collection_page(
        ctx,
        lang,
        COUNTRY,
        code.lower(),
        Shown(name, lang, False),
        name,
        lambda facts: code in facts.record.countries,
    )


def theme_page(slug: str, ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    theme = ctx.catalogue.themes[slug]
    about = show(theme.description, ctx, lang) if theme.description else None
    return _collection_page(
        ctx,
        lang,
        THEME,
        slug,
        show(theme.label, ctx, lang),
        theme.description.get(lang) if theme.description else theme.label.get(lang),
        lambda facts: slug in facts.record.themes,
        about=about,
    )


def organisation_page(organisation: Organisation, ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    slug = organisation.slug

    def roles(facts: RecordFacts) -> tuple[str, ...]:
        return tuple(ctx.t(lang, f"role.{role.value}") for role in facts.roles_of(slug))

    title = organisation.name.get(lang)
    return _collection_page(
        ctx,
        lang,
        ORGANISATION,
        slug,
        show(organisation.name, ctx, lang),
        organisation.description.get(lang) if organisation.description else title,
        lambda facts: bool(facts.roles_of(slug)),
        roles,
        about=show(organisation.description, ctx, lang) if organisation.description else None,
        short_name=organisation.short_name,
        country=links.country(organisation.country, lang) if organisation.country else None,
        website=organisation.url,
    )


# --- Index pages ------------------------------------------------------------------------


def _index(
    ctx: BuildContext, lang: Lang, section: str, number: int = 1, pages: int = 1, **view: Any
) -> Page:
    intro = ctx.t(lang, f"index.{section}.intro")
    return _page(
        ctx,
        lang,
        urls.paged(urls.section(lang, section), number),
        "catalogue/index.html",
        paging.title(ctx, lang, ctx.t(lang, f"section.{section}"), number, pages),
        intro,
        IndexView(section=section, intro=intro, **view),
        lambda code: urls.paged(urls.section(code, section), number),
        breadcrumbs=_breadcrumbs(ctx, lang),
        scripts=(urls.browse_script(),) if view.get("browse") else (),
    )


FIRST_ONLY = ("opening_soon", "timeline")
"""What only the first page of a listing shows."""


def _paged_index(
    ctx: BuildContext, lang: Lang, section: str, records: Sequence[Card], **view: Any
) -> Iterator[Page]:
    """An index of records, over as many pages as it needs (`katalog.site.paging`)."""
    size = ctx.settings.page_size
    parts = paging.split(records, size)
    path = urls.section(lang, section)
    for number, part in enumerate(parts, start=1):
        yield _index(
            ctx,
            lang,
            section,
            number,
            len(parts),
            records=tuple(part),
            pagination=paging.pagination(ctx, lang, path, number, len(parts), size, len(records)),
            **(view if number == 1 else {k: v for k, v in view.items() if k not in FIRST_ONLY}),
        )


def _counted(links: Iterable[tuple[Link, int]], lang: Lang) -> tuple[Counted, ...]:
    ordered = sorted(links, key=lambda item: l10n.collation_key(item[0].label, lang))
    return tuple(Counted(link, count) for link, count in ordered)


def _country_counts(ctx: BuildContext, lang: Lang) -> tuple[Counted, ...]:
    usage = ctx.usage["countries"]
    return _counted(((links.country(code, lang), usage[code]) for code in ctx.countries), lang)


def _theme_counts(ctx: BuildContext, lang: Lang) -> tuple[Counted, ...]:
    usage = ctx.usage["themes"]
    themes = ctx.catalogue.themes
    return _counted(((links.theme(slug, ctx, lang), usage[slug]) for slug in themes), lang)


def index_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    catalogue = ctx.catalogue
    yield from _paged_index(
        ctx,
        lang,
        PROJECT.section,
        _project_cards(catalogue.projects.values(), ctx, lang),
        browse=_browse(
            ctx, lang, _facts(ctx, catalogue.projects.values()), fixed={"type": PROJECT.key}
        ),
    )
    yield from _paged_index(
        ctx,
        lang,
        PROGRAMME.section,
        _programme_cards(catalogue.programmes.values(), ctx, lang),
        opening_soon=_opening_soon(ctx, lang),
        timeline=timeline.full_timeline(ctx, lang),
    )
    yield _index(
        ctx,
        lang,
        COUNTRY.section,
        entries=_country_counts(ctx, lang),
        map=geography.country_map(ctx, lang),
    )
    yield _index(ctx, lang, THEME.section, entries=_theme_counts(ctx, lang))
    usage = ctx.usage["organisations"]
    organisations = (
        (links.organisation(slug, ctx, lang), usage[slug]) for slug in catalogue.organisations
    )
    yield _index(ctx, lang, ORGANISATION.section, entries=_counted(organisations, lang))


SEARCH_TEXTS = (
    "search.label", "search.placeholder", "search.submit", "search.results.one",
    "search.results.other", "search.results.none", "search.filters", "search.clear",
    "search.sort", "search.more", "search.loading", "search.failed", "sort.relevance",
    "sort.start_desc", "sort.start_asc", "sort.title", "search.unknown", "search.skip",
    "search.none.hint", "search.none.clear",
    "search.sort.undated",
)  # fmt: skip


def _browse(
    ctx: BuildContext,
    lang: Lang,
    records: Sequence[RecordFacts],
    *,
    fixed: Mapping[str, str] | None = None,
    pages_of_type: dict[str, int] | None = None,
) -> dict[str, Any]:
    """What the search script of a browsing page needs, as plain data for JSON.

    `status_labels` names every status the search script may show, by key; `elsewhere`
    offers, when nothing is found, the search page of each other language (its address
    relative to the site's root, as Pagefind's result addresses are).
    """
    return {
        "lang": lang,
        "fixed": dict(fixed or {}),
        "facets": search.facets(records, ctx, lang, pages_of_type=pages_of_type),
        "texts": {key: ctx.t(lang, key) for key in SEARCH_TEXTS},
        "status_labels": {status.value: ctx.t(lang, f"status.{status.value}") for status in Status},
        "elsewhere": [
            {
                "lang": code,
                "path": urls.search(code),
                "label": ctx.t(
                    lang, "search.none.elsewhere", language=ctx.t(lang, f"language.{code}")
                ),
            }
            for code in ctx.languages
            if code != lang
        ],
    }


def search_page(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    """The search page behind the header's search box: every kind of page, with facets."""
    catalogue = ctx.catalogue
    others = {
        COUNTRY.key: len(ctx.countries),
        THEME.key: len(catalogue.themes),
        ORGANISATION.key: len(catalogue.organisations),
    }
    intro = ctx.t(lang, "search.intro")
    yield _page(
        ctx,
        lang,
        urls.search(lang),
        "catalogue/search.html",
        ctx.t(lang, "search.title"),
        intro,
        SearchView(
            intro=intro,
            browse=_browse(ctx, lang, list(ctx.all_facts()), pages_of_type=others),
            sections=tuple(_section_link(ctx, lang, kind.section) for kind in KINDS),
        ),
        urls.search,
        breadcrumbs=_breadcrumbs(ctx, lang),
        scripts=(urls.browse_script(),),
    )


def recently_changed(ctx: BuildContext, count: int = RECENT) -> list[RecordFacts]:
    """The projects changed most recently, newest first (ties by slug)."""
    dated = [
        facts for facts in ctx.all_facts() if facts.kind is PROJECT and facts.changed is not None
    ]
    dated.sort(key=lambda facts: (-facts.changed.toordinal() if facts.changed else 0, facts.slug))
    return dated[:count]


def home_page(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    catalogue = ctx.catalogue
    counts = [
        (len(catalogue.projects), PROJECT),
        (len(catalogue.programmes), PROGRAMME),
        (len(ctx.countries), COUNTRY),
    ]
    view = HomeView(
        intro=ctx.t(lang, "site.intro"),
        counts=tuple(
            Count(
                number=l10n.format_count(number, lang),
                label=ctx.t(lang, f"count.{kind.section if number != 1 else kind.key}"),
                url=urls.section(lang, kind.section),
            )
            for number, kind in counts
        ),
        recent=tuple(
            replace(
                card(facts, ctx, lang),
                changed=l10n.format_date(facts.changed, lang) if facts.changed else None,
            )
            for facts in recently_changed(ctx)
        ),
        countries=_country_counts(ctx, lang),
        themes=_theme_counts(ctx, lang),
        programmes=_programme_cards(catalogue.programmes.values(), ctx, lang),
        all_projects=urls.section(lang, PROJECT.section),
        all_programmes=urls.section(lang, PROGRAMME.section),
        all_countries=urls.section(lang, COUNTRY.section),
        all_themes=urls.section(lang, THEME.section),
        opening_soon=_opening_soon(ctx, lang),
        map=geography.country_map(ctx, lang),
        timeline=timeline.recent_timeline(ctx, lang),
    )
    yield _page(
        ctx,
        lang,
        urls.home(lang),
        "catalogue/home.html",
        ctx.t(lang, "site.name"),
        ctx.t(lang, "site.tagline"),
        view,
        urls.home,
        is_home=True,
        jsonld=jsonld.site(ctx, lang),
    )


def data_page(ctx: BuildContext, lang: Lang, downloads: Sequence[Download]) -> Page:
    """The open-data page: every download with its format, size and licence."""
    licence = ctx.settings.licence
    licence_link = None
    if licence.name is not None:
        licence_link = Link(licence.name.get(lang), licence.url or "")
    intro = ctx.t(lang, "data.intro")
    review = tuple(
        ReviewItem(
            link=links.record(facts, lang),
            kind_label=ctx.t(lang, f"kind.{facts.kind.key}"),
            as_of=_as_of(facts.information, ctx, lang),
        )
        for facts in due_for_review(ctx)
    )
    return _page(
        ctx,
        lang,
        urls.data_page(lang),
        "catalogue/data.html",
        ctx.t(lang, "data.title"),
        intro,
        DataView(
            intro=intro,
            downloads=tuple(downloads),
            licence=licence_link,
            licence_text=ctx.t(lang, "data.licence.publisher"),
            records_note=ctx.t(lang, "data.records"),
            review=review,
            review_intro=ctx.t(
                lang,
                "data.review.intro" if review else "data.review.none",
                months=l10n.format_count(ctx.settings.review_months, lang),
                date=l10n.format_date(ctx.today, lang),
            ),
            quality=quality_view(quality_report(ctx), ctx, lang),
        ),
        urls.data_page,
        breadcrumbs=_breadcrumbs(ctx, lang),
    )


def _first_paragraph(html: str) -> str:
    """The first paragraph of rendered HTML as plain text, for the page's description."""
    found = re.search(r"<p>(.*?)</p>", html, re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()) if found else ""


def text_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    """The site's own pages (About, accessibility statement, privacy) that have a text in
    `lang`: the build requires every one in every language (`katalog.records.pagetexts`)."""
    render = ctx.render_page or ctx.render
    for name in urls.SITE_PAGES:
        text = ctx.page_texts.get(name, {}).get(lang)
        if text is None:
            continue
        html = render(text.body)
        yield _page(
            ctx,
            lang,
            urls.site_page(lang, name),
            "catalogue/text.html",
            text.title,
            _first_paragraph(html) or text.title,
            TextPageView(name=name, html=html),
            lambda code, name=name: urls.site_page(code, name),  # type: ignore[misc]
            breadcrumbs=_breadcrumbs(ctx, lang),
        )


NORWEGIAN = ("nb", "nn", "no")
"""Norwegian as a browser may name it: a reader of one written form is sent to the site's
own form when the site lacks theirs."""


def _redirects(ctx: BuildContext) -> dict[str, str]:
    targets = {lang: urls.home(lang) for lang in ctx.languages}
    norwegian = next((lang for lang in ctx.languages if lang in NORWEGIAN), None)
    if norwegian is not None:
        for code in NORWEGIAN:
            targets.setdefault(code, urls.home(norwegian))
    return targets


def root_page(ctx: BuildContext) -> Page:
    """The language chooser at `/`, in every language; it sends browsers on by preference."""
    first = ctx.languages[0]
    names = [ctx.t(lang, "site.name") for lang in ctx.languages]
    taglines = [ctx.t(lang, "site.tagline") for lang in ctx.languages]
    return Page(
        path=urls.root(),
        template="catalogue/root.html",
        lang=first,
        title=" – ".join(names),
        description=" ".join(f"{tagline}." for tagline in taglines),
        view=RootView(
            tuple(
                Choice(
                    lang=lang,
                    url=urls.home(lang),
                    name=KNOWN[lang].name,
                    site=ctx.t(lang, "site.name"),
                    tagline=ctx.t(lang, "site.tagline"),
                    choose=ctx.t(lang, "language.choose"),
                )
                for lang in ctx.languages
            ),
            redirects=_redirects(ctx),
        ),
        texts=ctx.texts,
        alternates=tuple((lang, urls.home(lang)) for lang in ctx.languages),
        footer=_footer(ctx, first),
        feed=feed_link(ctx, first),
    )


def not_found_page(ctx: BuildContext) -> Page:
    """The page for a missing address (`404.html`), in every language: its header, search
    form and sections are the default language's, its words and links every language's."""
    first = ctx.languages[0]
    path = urls.not_found()
    texts = tuple(
        NotFoundText(
            lang=lang,
            heading=ctx.t(lang, "notfound.title"),
            text=ctx.t(lang, "notfound.text"),
            home=Link(ctx.t(lang, "notfound.home"), urls.home(lang)),
            search=Link(ctx.t(lang, "notfound.search"), urls.search(lang)),
        )
        for lang in ctx.languages
    )
    return Page(
        path=path,
        template="catalogue/404.html",
        lang=first,
        title=" – ".join(text.heading for text in texts),
        description=" ".join(text.text for text in texts),
        view=NotFoundView(texts),
        texts=ctx.texts,
        alternates=tuple((lang, urls.home(lang)) for lang in ctx.languages),
        home=urls.home(first),
        search_url=urls.search(first),
        data_url=urls.data_page(first),
        nav=_nav(ctx, first, path),
        footer=_footer(ctx, first),
        feed=feed_link(ctx, first),
    )


def _project_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    return (project_page(p, ctx, lang) for p in ctx.catalogue.projects.values())


def _programme_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    return (programme_page(p, ctx, lang) for p in ctx.catalogue.programmes.values())


def _country_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    for code in ctx.countries:
        yield from country_page(code, ctx, lang)


def _theme_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    for slug in ctx.catalogue.themes:
        yield from theme_page(slug, ctx, lang)


def _organisation_pages(ctx: BuildContext, lang: Lang) -> Iterator[Page]:
    for organisation in ctx.catalogue.organisations.values():
        yield from organisation_page(organisation, ctx, lang)


def record_pages(record: Record, ctx: BuildContext) -> list[Page]:
    """A programme's or project's own page in each language, as `build_pages` makes it."""
    if isinstance(record, Project):
        return [project_page(record, ctx, lang) for lang in ctx.languages]
    return [programme_page(record, ctx, lang) for lang in ctx.languages]


PageType = Callable[[BuildContext, Lang], Iterable[Page]]

PAGE_TYPES: tuple[PageType, ...] = (
    home_page,
    index_pages,
    search_page,
    _project_pages,
    _programme_pages,
    _country_pages,
    _theme_pages,
    _organisation_pages,
    text_pages,
)
"""Every page type of a language, in the order pages are listed. To add a page type,
write a function `(ctx, lang) -> pages` and add it here."""


def build_pages(
    ctx: BuildContext, downloads: Callable[[Lang], Sequence[Download]] = lambda lang: ()
) -> list[Page]:
    """Every page of the site, in a stable order: the chooser, the 404 page, then each
    language's pages.

    `downloads(lang)` are listed on that language's data page (see `katalog.outputs`).
    """
    pages = [root_page(ctx), not_found_page(ctx)]
    for lang in ctx.languages:
        for page_type in PAGE_TYPES:
            pages.extend(page_type(ctx, lang))
        pages.append(data_page(ctx, lang, downloads(lang)))
    return pages
