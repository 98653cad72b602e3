"""Every output of one build, registered: pages from `katalog.site.pages.PAGE_TYPES`, files
from the exports below. An output is a site-relative path and either a page model (for
the site generator to lay out with its template) or finished bytes.

The order is fixed: data exports first (the data page lists them with their sizes), then
the pages, then the files about the pages (sitemap, robots.txt). To add an export, write
a module in `katalog/exports/` with a function `(ctx) -> DataFile`s and add it to
`DATA_EXPORTS` (or `(ctx, pages) -> DataFile`s to `SITE_EXPORTS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from katalog.exports import (
    DataFile,
    catalogue_json,
    feeds,
    iati,
    quality,
    records,
    sitemap,
    tables,
    windows_calendar,
)
from katalog.site import l10n
from katalog.site.context import BuildContext
from katalog.site.pages import build_pages
from katalog.site.views import Download, Page

DataExport = Callable[[BuildContext], Iterable[DataFile]]
SiteExport = Callable[[BuildContext, Sequence[Page]], Iterable[DataFile]]

DATA_EXPORTS: tuple[DataExport, ...] = (
    catalogue_json.files,
    tables.files,
    records.files,
    iati.files,
    quality.files,
    feeds.files,
    windows_calendar.files,
)
SITE_EXPORTS: tuple[SiteExport, ...] = (sitemap.files,)


@dataclass(frozen=True)
class Output:
    path: str
    page: Page | None = None
    file: DataFile | None = None


def data_files(ctx: BuildContext) -> list[DataFile]:
    return [file for export in DATA_EXPORTS for file in export(ctx)]


def site_files(ctx: BuildContext, pages: Sequence[Page]) -> list[DataFile]:
    return [file for export in SITE_EXPORTS for file in export(ctx, pages)]


def downloads(ctx: BuildContext, files: Iterable[DataFile], lang: str) -> list[Download]:
    """The listed files as a reader of `lang` sees them on the data page."""
    listed = []
    for file in files:
        listing = file.listing
        if listing is None or listing.lang not in (None, lang):
            continue
        listed.append(
            Download(
                title=ctx.t(lang, f"data.{listing.key}.title"),
                description=ctx.t(lang, f"data.{listing.key}.description"),
                url=file.path,
                format=listing.format,
                size=l10n.format_size(len(file.content), lang),
            )
        )
    return listed


def build_outputs(ctx: BuildContext) -> list[Output]:
    """Every output of the site, in a stable order."""
    files = data_files(ctx)
    pages = build_pages(ctx, lambda lang: downloads(ctx, files, lang))
    extra = site_files(ctx, pages)
    return [
        *(Output(page.path, page=page) for page in pages),
        *(Output(file.path, file=file) for file in [*files, *extra]),
    ]
