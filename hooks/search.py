"""MkDocs hook: build the Pagefind search index from the finished HTML, in the same build.

Runs Pagefind's own binary (from the `pagefind-bin` wheel: nothing is downloaded) over
the output folder once every page is written, before the staging hook puts the site in
place; also under `mkdocs serve`. Pagefind splits the index by each page's `<html lang>`,
so Norwegian pages search Norwegian pages. Its output is then rewritten in a fixed order
(`katalog.site.searchfiles`), so that the same pages give the same bytes. A failure stops
the build loudly and leaves the previous site as it was.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pagefind_bin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from katalog.site import searchfiles, urls

log = logging.getLogger("mkdocs.hooks.search")
BUNDLE = urls.pagefind().rstrip("/")


@event_priority(-50)  # after other post-build steps, before hooks/staging.py (-100)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        binary = pagefind_bin.get_executable()
        done = subprocess.run(
            [str(binary), "--site", str(site), "--output-subdir", BUNDLE, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    except (OSError, FileNotFoundError) as error:
        raise Abort(f"Pagefind could not run: {error}") from None
    if done.returncode != 0 or not (site / urls.pagefind_script()).is_file():
        reason = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise Abort(f"Pagefind could not index the site: {reason}")
    try:
        searchfiles.normalise(site / BUNDLE)
    except (searchfiles.SearchFilesError, OSError) as error:
        raise Abort(f"Pagefind's index could not be put in a fixed order: {error}") from None
    entry = site / BUNDLE / searchfiles.ENTRY
    log.info(f"Search index written: {entry.parent} ({entry.stat().st_size} bytes of entry)")
