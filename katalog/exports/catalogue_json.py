"""The whole catalogue as one JSON document, with a JSON Schema that describes it exactly.

`data/catalogue.json` holds every programme, project, organisation and theme, each with
every field it has in every language given, its references resolved (a theme's slug with
its label, an organisation's with its name, a programme's with its title), and the facts
the pages show (status, organisations with their roles, years, how current the information
is, the file's last change, addresses),
read from `RecordFacts`. `data/catalogue.schema.json` is its JSON Schema (draft 2020-12),
written here as data.

The document has a fixed shape: every field is present, null (or an empty list) when the
record does not give it. Dates are ISO strings at their own precision ("2019", "2019-03",
"2019-03-15"), application windows are "MM-DD" strings and amounts are decimal strings,
so nothing is lost to floating point. Arrays are ordered by slug and objects keep a fixed
key order, so the same catalogue gives the same bytes. Addresses are absolute when the
site's address is known, else site-relative.

`record_document` is one record's object with the schema version: `katalog.exports.records`
writes it as the record's own data file. Nothing here formats text for readers (that is
`katalog.exports.tables`) or reads files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from katalog.exports import DataFile, Listing
from katalog.languages import KNOWN, Lang
from katalog.records.model import (
    ApplicationWindow,
    CallContact,
    CallState,
    Contact,
    Funding,
    Link,
    Localized,
    Organisation,
    Partner,
    PartnerCall,
    Period,
    Programme,
    Project,
    Source,
    Status,
    Theme,
)
from katalog.site import l10n, urls
from katalog.site.kinds import ORGANISATION, PROGRAMME, PROJECT, ROLE_ORDER, THEME

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

SCHEMA_VERSION = "2.0"
"""The version of the document's shape: the minor number grows when fields are added, the
major number when a field changes or goes."""

CATALOGUE = "catalogue.json"
SCHEMA = "catalogue.schema.json"
MEDIA_TYPE = "application/json"
SCHEMA_MEDIA_TYPE = "application/schema+json"

JsonObject = dict[str, Any]


# --- Encoding --------------------------------------------------------------------------


def encode(data: Any) -> bytes:
    """JSON as published: UTF-8, letters as themselves, compact, ending in a newline.

    Compact, as data for programs: Python's JSON encoder is several times faster without
    indentation, which matters with thousands of records (pretty-print it to read it)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def address(path: str, ctx: BuildContext) -> str:
    """A site-relative path, made absolute when the site's address is known."""
    return urls.absolute(path, ctx.settings.site_url) or path


# --- Values ----------------------------------------------------------------------------


def localized(text: Localized) -> dict[Lang, str]:
    """Every text given, by language, in the order given."""
    return dict(text.items())


def _maybe(text: Localized | None) -> dict[Lang, str] | None:
    return localized(text) if text is not None else None


def _page_urls(ctx: BuildContext, section: str, key: str) -> dict[Lang, str]:
    return {lang: address(urls.entry(lang, section, key), ctx) for lang in ctx.languages}


def _country(code: str, ctx: BuildContext) -> JsonObject:
    return {
        "code": code,
        "name": {lang: l10n.country_name(code, lang) for lang in ctx.languages},
    }


def _theme_ref(slug: str, ctx: BuildContext) -> JsonObject:
    return {"slug": slug, "label": localized(ctx.catalogue.themes[slug].label)}


def _organisation_ref(slug: str, ctx: BuildContext) -> JsonObject:
    return {"slug": slug, "name": localized(ctx.catalogue.organisations[slug].name)}


def _programme_ref(slug: str, ctx: BuildContext) -> JsonObject:
    return {"slug": slug, "title": localized(ctx.catalogue.programmes[slug].title)}


def _period(period: Period | None) -> JsonObject | None:
    if period is None:
        return None
    return {"start": str(period.start), "end": str(period.end) if period.end else None}


def _partner(partner: Partner, ctx: BuildContext) -> JsonObject:
    return {
        "organisation": _organisation_ref(partner.organisation, ctx),
        "role": partner.role.value,
    }


def _link(link: Link) -> JsonObject:
    return {"title": localized(link.title), "url": link.url}


def _contact(contact: Contact | None) -> JsonObject | None:
    if contact is None:
        return None
    return {"name": contact.name, "email": contact.email}


def _call_contact(contact: CallContact) -> JsonObject:
    return {"name": contact.name, "email": contact.email, "url": contact.url}


def _partner_call(call: PartnerCall | None, state: CallState | None) -> JsonObject | None:
    """The call with its state on the build date, `open` or `closed`, said outright."""
    if call is None or state is None:
        return None
    return {
        "text": localized(call.text),
        "contact": _call_contact(call.contact),
        "until": call.until.isoformat() if call.until is not None else None,
        "state": "open" if state.is_open else "closed",
    }


def _funding(funding: Funding | None) -> JsonObject | None:
    if funding is None:
        return None
    return {
        "amount": format(funding.amount, "f"),
        "currency": funding.currency,
        "note": _maybe(funding.note),
    }


def _source(source: Source | None, ctx: BuildContext) -> JsonObject | None:
    if source is None:
        return None
    return {
        "title": localized(source.title),
        "publisher": _organisation_ref(source.publisher, ctx),
        "url": source.url,
        "as_of": str(source.as_of) if source.as_of else None,
    }


def _window(window: ApplicationWindow, ctx: BuildContext) -> JsonObject:
    return {
        "opens": str(window.opens),
        "closes": str(window.closes),
        "source": _source(window.source, ctx),
    }


# --- Records and vocabularies ----------------------------------------------------------


def record_object(facts: RecordFacts, ctx: BuildContext) -> JsonObject:
    """A programme or project with every field, its references resolved, and its facts;
    made once per build (the catalogue and the record's own file share it)."""
    key = ("json", facts.kind.key, facts.slug)
    if key not in ctx.cache:
        ctx.cache[key] = _record_object(facts, ctx)
    made: JsonObject = ctx.cache[key]
    return made


def _record_object(facts: RecordFacts, ctx: BuildContext) -> JsonObject:
    record = facts.record
    item: JsonObject = {
        "kind": facts.kind.key,
        "slug": record.slug,
        "title": localized(record.title),
        "summary": localized(record.summary),
        "description": _maybe(record.description),
        "status": facts.status.value if facts.status is not None else None,
        "period": _period(record.period),
        "years": list(facts.years),
        "countries": [_country(code, ctx) for code in record.countries],
        "themes": [_theme_ref(slug, ctx) for slug in record.themes],
    }
    if isinstance(record, Project):
        programme = facts.programme
        item["programme"] = _programme_ref(programme, ctx) if programme else None
    else:
        item["funders"] = [_organisation_ref(slug, ctx) for slug in record.funders]
    item["partners"] = [_partner(partner, ctx) for partner in record.partners]
    item["organisations"] = [
        {**_organisation_ref(slug, ctx), "roles": [role.value for role in roles]}
        for slug, roles in facts.organisations
    ]
    if isinstance(record, Programme):
        item["application_windows"] = [_window(w, ctx) for w in record.application_windows]
    else:
        item["funding"] = _funding(record.funding)
        item["partner_call"] = _partner_call(record.partner_call, facts.call)
    item |= {
        "website": record.website,
        "keywords": _maybe(record.keywords),
        "links": [_link(link) for link in record.links],
        "contact": _contact(record.contact),
        "sources": [_source(source, ctx) for source in record.sources],
        "checked": record.checked.isoformat() if record.checked else None,
        "information_as_of": str(facts.information) if facts.information else None,
        "review_due": facts.review_due,
        "changed": facts.changed.isoformat() if facts.changed else None,
        "urls": {lang: address(path, ctx) for lang, path in facts.urls.items()},
        "data_url": address(facts.data_url, ctx),
        "source_url": address(facts.source_url, ctx),
    }
    return item


def record_document(facts: RecordFacts, ctx: BuildContext) -> JsonObject:
    """One record's own data file: the schema version, then its object in the catalogue."""
    return {"schema_version": SCHEMA_VERSION, **record_object(facts, ctx)}


def theme_object(theme: Theme, ctx: BuildContext) -> JsonObject:
    return {
        "slug": theme.slug,
        "label": localized(theme.label),
        "description": _maybe(theme.description),
        "urls": _page_urls(ctx, THEME.section, theme.slug),
    }


def organisation_object(organisation: Organisation, ctx: BuildContext) -> JsonObject:
    return {
        "slug": organisation.slug,
        "name": localized(organisation.name),
        "short_name": organisation.short_name,
        "country": _country(organisation.country, ctx) if organisation.country else None,
        "url": organisation.url,
        "description": _maybe(organisation.description),
        "urls": _page_urls(ctx, ORGANISATION.section, organisation.slug),
    }


def _records(ctx: BuildContext, kind: str, slugs: Iterable[str]) -> list[JsonObject]:
    return [record_object(ctx.facts[(kind, slug)], ctx) for slug in sorted(slugs)]


def document(ctx: BuildContext) -> JsonObject:
    """The whole catalogue as plain data, in the document's fixed order."""
    catalogue = ctx.catalogue
    licence = ctx.settings.licence
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": ctx.today.isoformat(),
        "languages": list(ctx.languages),
        "licence": {"name": _maybe(licence.name), "url": licence.url},
        "programmes": _records(ctx, PROGRAMME.key, catalogue.programmes),
        "projects": _records(ctx, PROJECT.key, catalogue.projects),
        "organisations": [
            organisation_object(catalogue.organisations[slug], ctx)
            for slug in sorted(catalogue.organisations)
        ],
        "themes": [theme_object(catalogue.themes[slug], ctx) for slug in sorted(catalogue.themes)],
    }


# --- The schema ------------------------------------------------------------------------


def _ref(name: str) -> JsonObject:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: JsonObject) -> JsonObject:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: Mapping[str, JsonObject], description: str | None = None) -> JsonObject:
    """An object with exactly these properties, all required (null where not given)."""
    schema: JsonObject = {"type": "object"}
    if description:
        schema["description"] = description
    schema |= {
        "properties": dict(properties),
        "required": list(properties),
        "additionalProperties": False,
    }
    return schema


def _array(items: JsonObject) -> JsonObject:
    return {"type": "array", "items": items}


def _by_site_language(value: JsonObject, languages: tuple[Lang, ...]) -> JsonObject:
    return {
        "type": "object",
        "properties": {lang: value for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
    }


STRING: JsonObject = {"type": "string", "minLength": 1}
NULLABLE_STRING: JsonObject = _nullable(STRING)
SLUG: JsonObject = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
DATE: JsonObject = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
PARTIAL_DATE: JsonObject = {
    "type": "string",
    "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
    "description": "A year, a year and month, or a full date, at the precision given.",
}
MONTH_DAY: JsonObject = {
    "type": "string",
    "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
    "description": "A day of the year, MM-DD.",
}
AMOUNT: JsonObject = {
    "type": "string",
    "pattern": r"^\d+(\.\d+)?$",
    "description": "A decimal amount, written out exactly.",
}


def _record_properties(kind: str, languages: tuple[Lang, ...]) -> dict[str, JsonObject]:
    """A record's properties in the order `record_object` writes them."""
    urls_schema = _by_site_language({"type": "string"}, languages)
    properties: dict[str, JsonObject] = {
        "kind": {"const": kind},
        "slug": SLUG,
        "title": _ref("localized"),
        "summary": _ref("localized"),
        "description": _nullable(_ref("localized")),
        "status": _nullable({"enum": [status.value for status in Status]}),
        "period": _nullable(_ref("period")),
        "years": _array({"type": "integer"}),
        "countries": _array(_ref("country")),
        "themes": _array(_ref("theme_ref")),
    }
    if kind == PROJECT.key:
        properties["programme"] = _nullable(_ref("programme_ref"))
    else:
        properties["funders"] = _array(_ref("organisation_ref"))
    properties["partners"] = _array(_ref("partner"))
    properties["organisations"] = _array(_ref("participant"))
    if kind == PROGRAMME.key:
        properties["application_windows"] = _array(_ref("window"))
    else:
        properties["funding"] = _nullable(_ref("funding"))
        properties["partner_call"] = _nullable(_ref("partner_call"))
    properties |= {
        "website": NULLABLE_STRING,
        "keywords": _nullable(_ref("localized")),
        "links": _array(_ref("link")),
        "contact": _nullable(_ref("contact")),
        "sources": _array(_ref("source")),
        "checked": {
            **_nullable(DATE),
            "description": "The day an editor last confirmed the record against its sources.",
        },
        "information_as_of": {
            **_nullable(PARTIAL_DATE),
            "description": "The date the information is current as of: `checked`, else the "
            "newest `as_of` of its sources, at its precision; null when unknown.",
        },
        "review_due": {
            "type": "boolean",
            "description": "Whether the information is older than the site's review interval "
            "on the `generated` date, or of unknown date.",
        },
        "changed": {
            **_nullable(DATE),
            "description": "The day the record's file last changed in the repository: not "
            "how current its information is.",
        },
        "urls": urls_schema,
        "data_url": {"type": "string"},
        "source_url": {"type": "string"},
    }
    return properties


def record_schema(kind: str, languages: tuple[Lang, ...]) -> JsonObject:
    """A programme's or project's object, as in `catalogue.json`."""
    return _object(_record_properties(kind, languages))


def schema(ctx: BuildContext) -> JsonObject:
    """The JSON Schema of `catalogue.json` for this site's languages and address."""
    languages = ctx.languages
    schema_path = urls.download(SCHEMA)
    page_urls = _by_site_language({"type": "string"}, languages)
    names = _by_site_language(STRING, languages)
    roles = [role.value for role in ROLE_ORDER]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": address(schema_path, ctx),
        "title": "International municipal cooperation: the catalogue",
        "description": (
            "Every programme, project, organisation and theme of the catalogue, in every "
            "language given. Every field is present; null or an empty list where a record "
            "does not give it."
        ),
        "type": "object",
        "properties": {
            "schema_version": {"type": "string", "const": SCHEMA_VERSION},
            "generated": DATE,
            "languages": {
                "type": "array",
                "items": {"enum": list(languages)},
                "minItems": 1,
                "uniqueItems": True,
            },
            "licence": _object({"name": _nullable(_ref("localized")), "url": NULLABLE_STRING}),
            "programmes": _array(_ref("programme")),
            "projects": _array(_ref("project")),
            "organisations": _array(_ref("organisation")),
            "themes": _array(_ref("theme")),
        },
        "required": [
            "schema_version",
            "generated",
            "languages",
            "licence",
            "programmes",
            "projects",
            "organisations",
            "themes",
        ],
        "additionalProperties": False,
        "$defs": {
            "localized": {
                "type": "object",
                "description": "One text per language code; at least one.",
                "propertyNames": {"enum": list(KNOWN)},
                "additionalProperties": {"type": "string"},
                "minProperties": 1,
            },
            "country": _object(
                {"code": {"type": "string", "pattern": "^[A-Z]{2}$"}, "name": names},
                "An ISO 3166-1 code with its CLDR name in each site language.",
            ),
            "theme_ref": _object({"slug": SLUG, "label": _ref("localized")}),
            "organisation_ref": _object({"slug": SLUG, "name": _ref("localized")}),
            "programme_ref": _object({"slug": SLUG, "title": _ref("localized")}),
            "participant": _object(
                {
                    "slug": SLUG,
                    "name": _ref("localized"),
                    "roles": {**_array({"enum": roles}), "minItems": 1, "uniqueItems": True},
                },
                "An organisation taking part, with every role it has (funders included).",
            ),
            "partner": _object({"organisation": _ref("organisation_ref"), "role": {"enum": roles}}),
            "period": _object({"start": PARTIAL_DATE, "end": _nullable(PARTIAL_DATE)}),
            "source": _object(
                {
                    "title": _ref("localized"),
                    "publisher": _ref("organisation_ref"),
                    "url": NULLABLE_STRING,
                    "as_of": _nullable(PARTIAL_DATE),
                },
                "Where facts come from: a publication, its publisher and the date it speaks "
                "for (null where it states none).",
            ),
            "window": _object(
                {"opens": MONTH_DAY, "closes": MONTH_DAY, "source": _nullable(_ref("source"))}
            ),
            "funding": _object(
                {"amount": AMOUNT, "currency": STRING, "note": _nullable(_ref("localized"))}
            ),
            "link": _object({"title": _ref("localized"), "url": STRING}),
            "contact": _object({"name": NULLABLE_STRING, "email": NULLABLE_STRING}),
            "partner_call": _object(
                {
                    "text": _ref("localized"),
                    "contact": {
                        **_object(
                            {
                                "name": NULLABLE_STRING,
                                "email": NULLABLE_STRING,
                                "url": NULLABLE_STRING,
                            }
                        ),
                        "anyOf": [
                            {"properties": {"email": STRING}},
                            {"properties": {"url": STRING}},
                        ],
                    },
                    "until": _nullable(DATE),
                    "state": {"enum": ["open", "closed"]},
                },
                "A call for partners: `open` while the project is not completed and `until` "
                "has not passed on the build date (`generated`), else `closed`.",
            ),
            "programme": record_schema(PROGRAMME.key, languages),
            "project": record_schema(PROJECT.key, languages),
            "organisation": _object(
                {
                    "slug": SLUG,
                    "name": _ref("localized"),
                    "short_name": NULLABLE_STRING,
                    "country": _nullable(_ref("country")),
                    "url": NULLABLE_STRING,
                    "description": _nullable(_ref("localized")),
                    "urls": page_urls,
                }
            ),
            "theme": _object(
                {
                    "slug": SLUG,
                    "label": _ref("localized"),
                    "description": _nullable(_ref("localized")),
                    "urls": page_urls,
                }
            ),
        },
    }


# --- The files -------------------------------------------------------------------------


def files(ctx: BuildContext) -> Iterator[DataFile]:
    yield DataFile(
        urls.download(CATALOGUE),
        encode(document(ctx)),
        MEDIA_TYPE,
        Listing("catalogue", "JSON"),
    )
    yield DataFile(
        urls.download(SCHEMA),
        encode(schema(ctx)),
        SCHEMA_MEDIA_TYPE,
        Listing("schema", "JSON Schema"),
    )
