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

from katalog.languages import Lang
from katalog.site import l10n
from katalog.site.kinds import KINDS, STATUS_ORDER

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

FACETS = ("type", "country", "theme", "programme", "organisation", "status", "year", "partners")
"""Filter keys, in the order the facets are shown."""

NO_STATUS = "none"
"""The status filter's value for a record that states no status and has no period."""

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
    keywords: tuple[str, ...] = ()
    """Other names readers search for: indexed with extra weight, not shown."""


def record_entry(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> IndexEntry:
    """What a programme's or project's page gives the index; made once per language."""
    key = ("index-entry", facts.kind.key, facts.slug, lang)
    if key not in ctx.cache:
        ctx.cache[key] = _record_entry(facts, ctx, lang)
    entry: IndexEntry = ctx.cache[key]
    return entry


def _record_entry(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> IndexEntry:
    record, kind = facts.record, facts.kind.key
    status = facts.status.value if facts.status else None
    filters: list[tuple[str, str]] = [("type", kind)]
    filters += [("country", code.lower()) for code in record.countries]
    filters += [("theme", slug) for slug in record.themes]
    filters += [("programme", facts.programme)] if facts.programme else []
    filters += [("organisation", slug) for slug, _ in facts.organisations]
    filters.append(("status", status or NO_STATUS))
    filters += [("year", str(year)) for year in facts.years]
    if facts.call_open:
        filters.append(("partners", "yes"))  # only an open call: a closed one seeks no one
    meta = [
        ("kind", ctx.t(lang, f"kind.{kind}")),
        ("summary", record.summary.get(lang)),
        ("countries", ", ".join(l10n.country_name(code, lang) for code in record.countries)),
    ]
    if status:
        meta += [("status", ctx.t(lang, f"status.{status}")), ("status_key", status)]
    if record.period:
        meta.append(("period", l10n.format_period(record.period, lang)))
    keywords = record.keywords.get(lang).split(",") if record.keywords else []
    return IndexEntry(
        filters=tuple(filters),
        sorts=_date_sorts(facts.start_day, ctx.title_rank(kind, record.slug, lang)),
        meta=tuple(meta),
        keywords=tuple(word.strip() for word in keywords if word.strip()),
    )


def collection_entry(
    ctx: BuildContext, kind: str, slug: str, summary: str | None, lang: Lang
) -> IndexEntry:
    """A country, theme or organisation page: findable, and filterable by its type."""
    meta = [("kind", ctx.t(lang, f"kind.{kind}"))]
    if summary:
        meta.append(("summary", summary))
    return IndexEntry(
        filters=(("type", kind),),
        sorts=_date_sorts(None, ctx.title_rank(kind, slug, lang)),
        meta=tuple(meta),
    )


def facets(
    records: Iterable[RecordFacts],
    ctx: BuildContext,
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
    catalogue = ctx.catalogue
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    records = list(records)
    total = len(records) + sum((pages_of_type or {}).values())
    for facts in records:
        for facet, value in record_entry(facts, ctx, lang).filters:
            counts[facet][value] += 1
    counts["type"].update(pages_of_type or {})

    def label(facet: str, value: str) -> str:
        if facet == "type":
            return ctx.t(lang, f"kind.{value}")
        if facet == "country":
            return l10n.country_name(value.upper(), lang)
        if facet == "theme":
            return catalogue.themes[value].label.get(lang)
        if facet == "programme":
            return catalogue.programmes[value].title.get(lang)
        if facet == "organisation":
            return catalogue.organisations[value].name.get(lang)
        if facet == "status":
            return ctx.t(lang, f"status.{value}")
        if facet == "partners":
            return ctx.t(lang, "facet.partners.yes")
        return value

    def order(facet: str, value: str) -> tuple[Any, ...]:
        if facet == "year":
            return (-int(value),)
        if facet == "status":
            return ([*(status.value for status in STATUS_ORDER), NO_STATUS].index(value),)
        if facet == "type":
            return ([kind.key for kind in KINDS].index(value),)
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
        shown.append({"key": facet, "label": ctx.t(lang, f"facet.{facet}"), "options": options})
    return shown
