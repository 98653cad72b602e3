"""MkDocs hook: build the Pagefind search index from the finished HTML, in the same build.

Runs Pagefind's own binary (from the `pagefind-bin` wheel: nothing is downloaded) over
the pages the index takes, once every page is written, before the staging hook puts the
site in place; also under `mkdocs serve`. Each language is indexed on its own
(`katalog.site.searchindex`: hooks/outputs.py hands over which pages), so Norwegian pages
search Norwegian pages. Pagefind runs with a time limit, and is killed
with the build if the build fails or is interrupted (`katalog.processes`). Its output is
then rewritten in a fixed order (`katalog.site.searchfiles`), so that the same pages give
the same bytes, and the search pages' script and stylesheet are made lighter
(`katalog.site.searchpage`). A failure stops the build loudly and leaves the previous site
as it was.

Under `mkdocs serve`, a rebuild does not wait for Pagefind: the new site is served with
the previous index, and the new index replaces it once written (`searchindex.build_later`).

`KATALOG_PAGEFIND_TIMEOUT` sets the limit in seconds (300 unless set);
`KATALOG_PAGEFIND` names another Pagefind binary to run instead of the wheel's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from katalog import processes
from katalog.languages import KNOWN
from katalog.site import preview, searchfiles, searchindex, searchpage, urls

log = logging.getLogger("mkdocs.hooks.search")
BUNDLE = urls.pagefind().rstrip("/")
INDEXED = "katalog_indexed"
"""Where hooks/outputs.py leaves, per language, the pages the search index takes."""
FINAL = "katalog_final_site"
"""Where hooks/staging.py leaves the folder the site is put in place as."""


@event_priority(-50)  # after other post-build steps, before hooks/staging.py (-100)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        timeout = searchindex.timeout()
    except ValueError as error:
        raise Abort(str(error)) from None
    try:
        binary = searchindex.binary()
        indexed = config.get(INDEXED) or {}
        final = config.get(FINAL)
        if (
            preview.serving()
            and final is not None
            and searchindex.build_later(
                site, Path(final), indexed, binary, timeout, (log.info, log.warning)
            )
        ):
            _lighten(site)
            return
        searchindex.build(site, indexed, binary, timeout)
    except processes.TimedOut as error:
        raise Abort(
            f"Pagefind {error} (KATALOG_PAGEFIND_TIMEOUT); the site was not changed"
        ) from None
    except OSError as error:
        raise Abort(f"Pagefind could not run: {error}") from None
    except searchindex.SearchIndexError as error:
        raise Abort(f"Pagefind could not index the site: {error}") from None
    try:
        searchfiles.normalise(site / BUNDLE)
    except (searchfiles.SearchFilesError, OSError) as error:
        raise Abort(f"Pagefind's index could not be put in a fixed order: {error}") from None
    _lighten(site)
    entry = site / BUNDLE / searchfiles.ENTRY
    log.info(f"Search index written: {entry.parent} ({entry.stat().st_size} bytes of entry)")


def _lighten(site: Path) -> None:
    try:
        searchpage.lighten(site, [urls.search(lang) for lang in KNOWN], urls.browse_script())
    except (searchpage.SearchPageError, OSError) as error:
        raise Abort(f"The search page could not be made lighter: {error}") from None
