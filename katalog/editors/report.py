"""The data-quality report as plain text for a terminal: `katalog report`.

It prints what the data page's "Data quality" section shows, in one language, from the
same view (`katalog.site.pages.data_page` with `katalog.site.quality`): the same texts,
the same numbers, the same order. Each record, organisation and theme is followed by its
page's address (site-relative, or absolute when the site's address is set), so an editor
can open it. Nothing here computes the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from katalog.languages import Lang

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.views import Link

INDENT = "  "


def _address(link: Link, ctx: BuildContext) -> str:
    return ctx.absolute(link.url) or "/" + link.url.lstrip("/")


def _named(link: Link, ctx: BuildContext) -> str:
    return f"{link.label} <{_address(link, ctx)}>"


def lines(ctx: BuildContext, lang: Lang) -> Iterator[str]:
    from katalog.site.pages import data_page
    from katalog.site.views import DataView

    view = data_page(ctx, lang, ()).view
    assert isinstance(view, DataView) and view.quality is not None
    q = view.quality
    t = ctx.t

    def heading(text: str) -> Iterator[str]:
        yield ""
        yield text
        yield "-" * len(text)

    title = t(lang, "data.review")
    yield title
    yield "=" * len(title)
    yield q.intro
    yield from heading(t(lang, "quality.fill"))
    for table in q.fill:
        yield ""
        yield table.caption
        width = max((len(row.field) for row in table.rows), default=0)
        need = max((len(row.required) for row in table.rows), default=0)
        for row in table.rows:
            yield f"{INDENT}{row.field:<{width}}  {row.required:<{need}}  {row.filled}"
    yield from heading(t(lang, "quality.translations"))
    yield q.translations_intro
    for item in q.translations:
        yield f"{INDENT}{_named(item.link, ctx)} ({item.kind_label})"
        yield f"{INDENT * 2}{item.field}: {t(lang, 'quality.missing')} {item.missing}"
    yield from heading(t(lang, "quality.review"))
    yield view.review_intro
    for review in view.review:
        yield f"{INDENT}{_named(review.link, ctx)} ({review.kind_label})"
        yield f"{INDENT * 2}{t(lang, 'field.as_of')}: {review.as_of}"
    yield from heading(t(lang, "quality.calls"))
    yield q.calls_intro
    for call in q.calls:
        yield f"{INDENT}{_named(call.link, ctx)}"
        yield f"{INDENT * 2}{call.reason}"
    yield from heading(t(lang, "quality.unused"))
    yield q.unused_intro
    for key, links in (
        ("quality.unused.organisations", q.unused_organisations),
        ("quality.unused.themes", q.unused_themes),
    ):
        if links:
            yield f"{t(lang, key)}:"
            yield from (f"{INDENT}{_named(link, ctx)}" for link in links)


def render(ctx: BuildContext, lang: Lang) -> str:
    """The whole report, ending in a newline."""
    return "\n".join(lines(ctx, lang)) + "\n"
