"""Listings split into pages: a national catalogue's list of every project would be
megabytes of HTML on a phone.

A listing of more records than `page_size` (a setting, 100 unless set) goes on over
further pages at `<listing>/page/<n>/` (`urls.paged`); each page says which records it
shows and links every other page, the one before and the one after. The first page stays
at the listing's own address, so a small catalogue has no extra pages at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from katalog.languages import Lang
from katalog.site import l10n, urls
from katalog.site.context import BuildContext
from katalog.site.views import Link, PageNumber, Pagination

T = TypeVar("T")


def split(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in pages of at most `size`; one page, maybe empty, at the least."""
    return [items[start : start + size] for start in range(0, len(items), size)] or [items]


def title(ctx: BuildContext, lang: Lang, name: str, number: int, count: int) -> str:
    """A page's title: the listing's name, and on a later page which page it is."""
    if number == 1:
        return name
    return ctx.t(
        lang,
        "paging.title",
        title=name,
        number=l10n.format_count(number, lang),
        count=l10n.format_count(count, lang),
    )


def pagination(
    ctx: BuildContext, lang: Lang, path: str, number: int, pages: int, size: int, total: int
) -> Pagination | None:
    """Where page `number` of the listing at `path` is among its `pages` pages; None for a
    listing that fits on one."""
    if pages == 1:
        return None

    def link(to: int, key: str) -> Link | None:
        if not 1 <= to <= pages:
            return None
        return Link(ctx.t(lang, key), urls.paged(path, to))

    first = (number - 1) * size + 1
    last = min(number * size, total)
    return Pagination(
        label=ctx.t(lang, "paging.label"),
        showing=ctx.t(
            lang,
            "paging.showing",
            first=l10n.format_count(first, lang),
            last=l10n.format_count(last, lang),
            total=l10n.format_count(total, lang),
        ),
        pages=tuple(
            PageNumber(
                number=l10n.format_count(to, lang),
                url=urls.paged(path, to),
                label=ctx.t(lang, "paging.page", number=l10n.format_count(to, lang)),
                current=to == number,
            )
            for to in range(1, pages + 1)
        ),
        previous=link(number - 1, "paging.previous"),
        next=link(number + 1, "paging.next"),
    )
