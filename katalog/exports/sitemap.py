"""`sitemap.xml`, with every page's versions in the other languages, and `robots.txt`.

Written only when the site's public address is known (`site_url`): a sitemap must give
absolute addresses. Each page is one `<url>` with `xhtml:link rel="alternate"` links to
itself and its translations, plus `x-default` (the language chooser), as search engines
read hreflang pairs from a sitemap; a record page's `lastmod` is the day it last changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from katalog.exports import DataFile
from katalog.site import urls

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.views import Page

NAMESPACES = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


def files(ctx: BuildContext, pages: Sequence[Page]) -> Iterator[DataFile]:
    site_url = ctx.settings.site_url
    if not site_url:
        return
    changed = {facts.urls[lang]: facts.changed for facts in ctx.all_facts() for lang in facts.urls}
    root = urls.absolute(urls.root(), site_url) or ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {NAMESPACES}>"]
    listed = [page for page in pages if page.path != urls.not_found()]  # an error, no page
    for page in sorted(listed, key=lambda page: page.path):
        lines += ["<url>", f"  <loc>{_escape(urls.absolute(page.path, site_url))}</loc>"]
        day = changed.get(page.path)
        if day is not None:
            lines.append(f"  <lastmod>{day.isoformat()}</lastmod>")
        for lang, path in page.alternates:
            href = quoteattr(urls.absolute(path, site_url) or "")
            lines.append(f'  <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        lines.append(f'  <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(root)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    yield DataFile(urls.SITEMAP, ("\n".join(lines) + "\n").encode("utf-8"), "application/xml")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(urls.SITEMAP, site_url)}\n"
    yield DataFile(urls.ROBOTS, robots.encode("utf-8"), "text/plain")


def _escape(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
