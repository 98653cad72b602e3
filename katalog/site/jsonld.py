"""schema.org data about each page's subject, as plain data for a JSON-LD script.

Programmes and projects are `Project`s, linked both ways (a project's programme is its
`parentOrganization`, a programme's projects its `subOrganization`); organisations are
`Organization`s with their roles as `funder` or `member`; countries are `Country`s and
themes `DefinedTerm`s; a record's sources are the `CreativeWork`s it `isBasedOn`; each
language's home page describes the `WebSite`. Addresses are
absolute when the site's address (`site_url`) is known, else relative to the page. Only
what the record says is stated: nothing is inferred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from katalog.languages import Lang
from katalog.records.model import Programme, Project, Role, Source
from katalog.site import l10n, urls
from katalog.site.kinds import COUNTRY, ORGANISATION, THEME, Kind

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

CONTEXT = "https://schema.org"
JsonObject = dict[str, Any]


def _link(target: str, page: str, ctx: BuildContext) -> str:
    return urls.linkable(target, page, ctx.settings.site_url)


def _organisation(slug: str, page: str, ctx: BuildContext, lang: Lang) -> JsonObject:
    organisation = ctx.catalogue.organisations[slug]
    node: JsonObject = {
        "@type": "Organization",
        "name": organisation.name.get(lang),
        "url": _link(urls.entry(lang, ORGANISATION.section, slug), page, ctx),
    }
    return node


def _country(code: str, page: str, ctx: BuildContext, lang: Lang) -> JsonObject:
    return {
        "@type": "Country",
        "name": l10n.country_name(code, lang),
        "identifier": code,
        "url": _link(urls.entry(lang, COUNTRY.section, code.lower()), page, ctx),
    }


def _project_ref(facts: RecordFacts, page: str, ctx: BuildContext, lang: Lang) -> JsonObject:
    return {
        "@type": "Project",
        "name": facts.record.title.get(lang),
        "url": _link(facts.urls[lang], page, ctx),
    }


def _source(source: Source, page: str, ctx: BuildContext, lang: Lang) -> JsonObject:
    """A source as a `CreativeWork`: the date it speaks for is its `temporalCoverage`."""
    node: JsonObject = {
        "@type": "CreativeWork",
        "name": source.title.get(lang),
        "publisher": _organisation(source.publisher, page, ctx, lang),
    }
    if source.url:
        node["url"] = source.url
    if source.as_of is not None:
        node["temporalCoverage"] = str(source.as_of)
    return node


def record(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> JsonObject:
    """A programme or project as a schema.org `Project`."""
    item = facts.record
    page = facts.urls[lang]
    node: JsonObject = {
        "@context": CONTEXT,
        "@type": "Project",
        "name": item.title.get(lang),
        "description": item.summary.get(lang),
        "url": _link(page, page, ctx),
    }
    if item.website:
        node["sameAs"] = item.website
    if item.period is not None:
        node["foundingDate"] = str(item.period.start)
        if item.period.end is not None:
            node["dissolutionDate"] = str(item.period.end)
    if item.countries:
        node["areaServed"] = [_country(code, page, ctx, lang) for code in item.countries]
    if item.themes:
        node["keywords"] = [ctx.catalogue.themes[slug].label.get(lang) for slug in item.themes]
    funders = [slug for slug, roles in facts.organisations if Role.FUNDER in roles]
    members = [slug for slug, roles in facts.organisations if set(roles) - {Role.FUNDER}]
    if funders:
        node["funder"] = [_organisation(slug, page, ctx, lang) for slug in funders]
    if members:
        node["member"] = [_organisation(slug, page, ctx, lang) for slug in members]
    if item.sources:
        node["isBasedOn"] = [_source(source, page, ctx, lang) for source in item.sources]
    if isinstance(item, Project) and item.programme in ctx.catalogue.programmes:
        programme = ctx.facts[("programme", item.programme)]
        node["parentOrganization"] = _project_ref(programme, page, ctx, lang)
    if isinstance(item, Programme):
        projects = [
            facts
            for facts in ctx.all_facts()
            if facts.kind.key == "project" and facts.programme == item.slug
        ]
        if projects:
            node["subOrganization"] = [_project_ref(p, page, ctx, lang) for p in projects]
    return node


def collection(kind: Kind, key: str, ctx: BuildContext, lang: Lang) -> JsonObject:
    """A country, theme or organisation page's subject."""
    page = urls.entry(lang, kind.section, key)
    if kind is COUNTRY:
        return {"@context": CONTEXT, **_country(key.upper(), page, ctx, lang)}
    if kind is THEME:
        theme = ctx.catalogue.themes[key]
        node: JsonObject = {
            "@context": CONTEXT,
            "@type": "DefinedTerm",
            "name": theme.label.get(lang),
            "url": _link(page, page, ctx),
        }
        if theme.description is not None:
            node["description"] = theme.description.get(lang)
        return node
    organisation = ctx.catalogue.organisations[key]
    node = {"@context": CONTEXT, **_organisation(key, page, ctx, lang)}
    if organisation.short_name:
        node["alternateName"] = organisation.short_name
    if organisation.url:
        node["sameAs"] = organisation.url
    if organisation.description is not None:
        node["description"] = organisation.description.get(lang)
    if organisation.country:
        node["location"] = _country(organisation.country, page, ctx, lang)
    return node


def site(ctx: BuildContext, lang: Lang) -> JsonObject:
    """A language's home page: the catalogue as a `WebSite`."""
    page = urls.home(lang)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": ctx.t(lang, "site.name"),
        "description": ctx.t(lang, "site.tagline"),
        "inLanguage": lang,
        "url": _link(page, page, ctx),
    }
