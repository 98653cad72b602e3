"""Exports: the catalogue as files other than pages (open data, the sitemap), registered.

An export is a function `(ctx) -> files` (or, for files about the pages themselves such
as the sitemap, `(ctx, pages) -> files`) listed in `DATA_EXPORTS` or `SITE_EXPORTS` in
`katalog.outputs`. Each file is a `DataFile`: a site-relative path, its bytes, its media
type, and how the data page lists it (`listing`), or None for files the data page does
not list one by one (each record's own data, the sitemap).

Exports read the catalogue through `BuildContext` and `RecordFacts` (`katalog.site`), so
they say the same as the pages; none imports MkDocs, and `katalog build-data` writes them
without it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Listing:
    """How the data page lists a download: interface-text keys for its title and
    description (`data.<key>.title`, `data.<key>.description`) and its format's name."""

    key: str
    format: str
    lang: str | None = None
    """For a file in one language (a CSV table): that language."""


@dataclass(frozen=True)
class DataFile:
    path: str
    content: bytes
    media_type: str
    listing: Listing | None = None
