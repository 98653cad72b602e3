"""What the search index knows about each page, and the facets readers filter by.

Pagefind reads filters, sort keys and result metadata from the built HTML; this module
decides their values, and templates only write them out. Filter values are stable keys
(country codes in lower case, slugs, status and year), never translated labels, so a
filtered address such as `?country=ge&theme=gender-balance` means the same in both
languages; each facet also carries the labels to show for its keys, in one language.

Every indexed page carries every sort key, as Pagefind leaves pages without a key out of
sorted results. `title` is the page's place in the reader's alphabetical order of all
titles (æ, ø, å after z in Bokmål). `newest` (sorted descending) and `oldest` (sorted
ascending) order by the first day of the period, YYYYMMDD, with the title order breaking
ties; pages without a period come last in both, in title order.

It knows nothing of Pagefind's files or of MkDocs.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from katalog.records.model import Lang, Programme, Project
from katalog.site import l10n
from katalog.site.texts import text

if TYPE_CHECKING:
    from katalog.site.pages import Record, Site

FACETS = ("type", "country", "theme", "programme", "organisation", "status", "year", "partners")
"""Filter keys, in the order the facets are shown."""

TIE = 100_000
"""Room for the title rank below the date in the `newest` and `oldest` keys."""
NO_DATE_NEWEST, NO_DATE_OLDEST = 0, 99_999_999
"""The date part of the keys for a page without a period: last in either order."""


def _date_sorts(day: int | None, rank: int) -> tuple[tuple[str, str], ...]:
    newest = (day if day is not None else NO_DATE_NEWEST) * TIE + (TIE - 1 - rank)
    oldest = (day if day is not None else NO_DATE_OLDEST) * TIE + rank
    return (("newest", str(newest)), ("oldest", str(oldest)), ("title", str(rank)))


@dataclass(frozen=True)
class IndexEntry:
    """What one page contributes to the search index beyond its text."""

    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]


def years(record: Record, site: Site) -> list[int]:
    """Every year the record runs: 2019–2023 gives 2019 to 2023; an open end runs to now."""
    if record.period is None:
        return []
    first = record.period.start.year
    last = record.period.end.year if record.period.end else max(first, site.today.year)
    return list(range(first, last + 1))


def organisations(record: Record) -> list[str]:
    funders = record.funders if isinstance(record, Programme) else ()
    return sorted({*funders, *(partner.organisation for partner in record.partners)})


def status_key(record: Record, site: Site) -> str | None:
    status = record.status_on(site.today)
    return status.value if status else None


def record_entry(record: Record, site: Site, lang: Lang) -> IndexEntry:
    kind = record.kind
    programme = record.programme if isinstance(record, Project) else record.slug
    status = status_key(record, site)
    filters: list[tuple[str, str]] = [("type", kind)]
    filters += [("country", code.lower()) for code in record.countries]
    filters += [("theme", slug) for slug in record.themes]
    filters += [("programme", programme)] if programme else []
    filters += [("organisation", slug) for slug in organisations(record)]
    filters += [("status", status)] if status else []
    filters += [("year", str(year)) for year in years(record, site)]
    if isinstance(record, Project) and record.partner_call is not None:
        filters.append(("partners", "yes"))
    day = int(record.period.start.first_day.strftime("%Y%m%d")) if record.period else None
    meta = [
        ("kind", text(lang, f"kind.{kind}")),
        ("summary", record.summary.get(lang)),
        ("countries", ", ".join(l10n.country_name(code, lang) for code in record.countries)),
    ]
    if status:
        meta += [("status", text(lang, f"status.{status}")), ("status_key", status)]
    if record.period:
        meta.append(("period", l10n.format_period(record.period, lang)))
    return IndexEntry(
        filters=tuple(filters),
        sorts=_date_sorts(day, site.title_rank(kind, record.slug, lang)),
        meta=tuple(meta),
    )


def collection_entry(
    site: Site, kind: str, slug: str, summary: str | None, lang: Lang
) -> IndexEntry:
    """A country, theme or organisation page: findable, and filterable by its type."""
    meta = [("kind", text(lang, f"kind.{kind}"))]
    if summary:
        meta.append(("summary", summary))
    return IndexEntry(
        filters=(("type", kind),),
        sorts=_date_sorts(None, site.title_rank(kind, slug, lang)),
        meta=tuple(meta),
    )


def facets(
    records: Iterable[Record],
    site: Site,
    lang: Lang,
    *,
    pages_of_type: dict[str, int] | None = None,
) -> list[dict[str, Any]]:
    """The facets of a search page over `records`: each key's label and its options.

    Options are the values that occur, with their labels in `lang` and how many pages
    carry each before any filtering (`pages_of_type` adds pages other than records, such
    as countries, to the type facet); sorted as a reader of `lang` expects. A facet
    whose one value every page has would narrow nothing and is left out.
    """
    catalogue = site.catalogue
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    records = list(records)
    total = len(records) + sum((pages_of_type or {}).values())
    for record in records:
        for facet, value in record_entry(record, site, lang).filters:
            counts[facet][value] += 1
    counts["type"].update(pages_of_type or {})

    def label(facet: str, value: str) -> str:
        if facet == "type":
            return text(lang, f"kind.{value}")
        if facet == "country":
            return l10n.country_name(value.upper(), lang)
        if facet == "theme":
            return catalogue.themes[value].label.get(lang)
        if facet == "programme":
            return catalogue.programmes[value].title.get(lang)
        if facet == "organisation":
            return catalogue.organisations[value].name.get(lang)
        if facet == "status":
            return text(lang, f"status.{value}")
        if facet == "partners":
            return text(lang, "facet.partners.yes")
        return value

    def order(facet: str, value: str) -> tuple[Any, ...]:
        if facet == "year":
            return (-int(value),)
        if facet == "status":
            return (["active", "planned", "proposed", "completed"].index(value),)
        if facet == "type":
            return (["project", "programme", "country", "theme", "organisation"].index(value),)
        return (l10n.collation_key(label(facet, value), lang),)

    shown = []
    for facet in FACETS:
        if not counts[facet] or (len(counts[facet]) == 1 and max(counts[facet].values()) == total):
            continue  # every page has the one value: choosing it would narrow nothing
        values = sorted(counts[facet], key=functools.partial(order, facet))
        options = [
            {"value": value, "label": label(facet, value), "count": counts[facet][value]}
            for value in values
        ]
        shown.append({"key": facet, "label": text(lang, f"facet.{facet}"), "options": options})
    return shown
