"""Links to the site's own pages, made the same way wherever a view needs one: a record,
a country, a theme or an organisation, labelled in the reader's language, marked with
the label's own language where it falls back to another."""

from __future__ import annotations

from collections.abc import Iterable

from katalog.languages import Lang
from katalog.records.model import Localized
from katalog.site import l10n, urls
from katalog.site.context import BuildContext
from katalog.site.facts import RecordFacts
from katalog.site.kinds import COUNTRY, ORGANISATION, THEME
from katalog.site.views import Link


def fallback(value: Localized, lang: Lang) -> Lang | None:
    """The language `value` is shown in on a page of `lang`, when it is another."""
    return value.language_for(lang) if value.is_fallback(lang) else None


def country(code: str, lang: Lang) -> Link:
    return Link(l10n.country_name(code, lang), urls.entry(lang, COUNTRY.section, code.lower()))


def countries(codes: Iterable[str], lang: Lang) -> tuple[Link, ...]:
    """Countries as links, in the reader's alphabetical order."""
    found = [country(code, lang) for code in codes]
    return tuple(sorted(found, key=lambda link: l10n.collation_key(link.label, lang)))


def theme(slug: str, ctx: BuildContext, lang: Lang) -> Link:
    label = ctx.catalogue.themes[slug].label
    return Link(label.get(lang), urls.entry(lang, THEME.section, slug), fallback(label, lang))


def organisation(slug: str, ctx: BuildContext, lang: Lang) -> Link:
    name = ctx.catalogue.organisations[slug].name
    return Link(name.get(lang), urls.entry(lang, ORGANISATION.section, slug), fallback(name, lang))


def record(facts: RecordFacts, lang: Lang) -> Link:
    title = facts.record.title
    return Link(title.get(lang), facts.urls[lang], fallback(title, lang))
