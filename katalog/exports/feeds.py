"""A language's Atom feed (RFC 4287) of the catalogue's programmes and projects, newest
change first: `<lang>/feed.xml`.

An entry is one record, dated (`<updated>`) by when it last changed *in the catalogue*:
the day of its file's last commit (`RecordFacts.changed`), as the home page's "recently
changed" list and the sitemap's `lastmod` are. A record whose file has no commit (a build
outside a git work tree) falls back to the day its information is current as of
(`RecordFacts.information`: `checked`, else its newest source's `as_of`, at its first
day), and a record with neither to the build date. Entries with the same day follow by
kind (programmes first) and slug, so the order is the same in every build. The feed's own
`<updated>` is its newest entry's, never the clock.

Atom needs absolute addresses, so a feed is written only when the site's public address
(`site_url`) is known, like the sitemap; every page's `<head>` then links its language's
feed (`feed_link`). The XML is made by `xml.etree`, which escapes every text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from katalog.exports import DataFile, Listing
from katalog.site import urls
from katalog.site.kinds import THEME
from katalog.site.views import Link

if TYPE_CHECKING:
    from katalog.languages import Lang
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KIND_SCHEME = "kind"
"""The `scheme` of an entry's kind category; a theme's scheme is the themes page."""


def updated(facts: RecordFacts, today: date) -> date:
    """The day an entry is dated by: its file's last commit, else the day its information
    is current as of, else the build date."""
    if facts.changed is not None:
        return facts.changed
    if facts.information is not None:
        return facts.information.first_day
    return today


def entries(ctx: BuildContext) -> list[RecordFacts]:
    """Every programme and project, newest change first (then programmes, then by slug)."""
    order = {"programme": 0, "project": 1}
    return sorted(
        ctx.all_facts(),
        key=lambda facts: (
            -updated(facts, ctx.today).toordinal(),
            order.get(facts.kind.key, 2),
            facts.slug,
        ),
    )


def feed_title(ctx: BuildContext, lang: Lang) -> str:
    return ctx.t(lang, "feed.title", site=ctx.t(lang, "site.name"))


def feed_link(ctx: BuildContext, lang: Lang) -> Link | None:
    """The head link to `lang`'s feed, or None when no feed is written (no `site_url`)."""
    if not ctx.settings.site_url:
        return None
    return Link(feed_title(ctx, lang), urls.feed(lang))


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _author(parent: ET.Element, ctx: BuildContext, lang: Lang) -> None:
    name = ctx.settings.publisher.name
    author = _sub(parent, "author")
    _sub(author, "name", name.get(lang) if name else ctx.t(lang, "site.name"))


def _absolute(ctx: BuildContext, path: str) -> str:
    return ctx.absolute(path) or path


def _entry(feed: ET.Element, facts: RecordFacts, ctx: BuildContext, lang: Lang) -> None:
    record = facts.record
    page = _absolute(ctx, facts.urls[lang])
    entry = _sub(feed, "entry")
    _sub(entry, "id", page)
    title = _sub(entry, "title", record.title.get(lang), type="text")
    if record.title.is_fallback(lang):
        title.set(XML_LANG, record.title.language_for(lang))
    _sub(entry, "link", rel="alternate", type="text/html", href=page, hreflang=lang)
    _sub(entry, "updated", _stamp(updated(facts, ctx.today)))
    _author(entry, ctx, lang)
    summary = _sub(entry, "summary", record.summary.get(lang), type="text")
    if record.summary.is_fallback(lang):
        summary.set(XML_LANG, record.summary.language_for(lang))
    kind = facts.kind.key
    _sub(entry, "category", term=kind, scheme=KIND_SCHEME, label=ctx.t(lang, f"kind.{kind}"))
    themes_page = _absolute(ctx, urls.section(lang, THEME.section))
    for slug in record.themes:
        label = ctx.catalogue.themes[slug].label.get(lang)
        _sub(entry, "category", term=slug, scheme=themes_page, label=label)


def feed(ctx: BuildContext, lang: Lang) -> bytes:
    """`lang`'s feed as UTF-8 XML."""
    listed = entries(ctx)
    # Names without a namespace, which the root's xmlns puts in Atom's: ElementTree
    # would otherwise prefix every one (`ns0:entry`).
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _sub(root, "id", _absolute(ctx, urls.feed(lang)))
    _sub(root, "title", feed_title(ctx, lang), type="text")
    newest = updated(listed[0], ctx.today) if listed else ctx.today
    _sub(root, "updated", _stamp(newest))
    _sub(root, "link", rel="self", type=MEDIA_TYPE, href=_absolute(ctx, urls.feed(lang)))
    home = _absolute(ctx, urls.home(lang))
    _sub(root, "link", rel="alternate", type="text/html", href=home, hreflang=lang)
    _author(root, ctx, lang)
    for facts in listed:
        _entry(root, facts, ctx, lang)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def files(ctx: BuildContext) -> Iterator[DataFile]:
    """One feed per language, listed on that language's data page; none without
    `site_url`."""
    if not ctx.settings.site_url:
        return
    for lang in ctx.languages:
        yield DataFile(urls.feed(lang), feed(ctx, lang), MEDIA_TYPE, Listing("feed", "Atom", lang))
