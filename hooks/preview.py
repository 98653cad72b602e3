"""MkDocs hook: under `mkdocs serve`, an edited record's own pages are served seconds after
the edit, and the served site is not held back while the rest is built again.

MkDocs' preview server builds the whole site again on every change and holds every
request until that build is done: half a minute at thousands of records. Here, before the
rebuild, `katalog.site.quickpages` writes the edited records' own pages into the served
site; if it did, the server is told the site has changed (the browsers showing it reload,
and requests are answered again at once), and the rebuild runs while the server answers
from the site as it is: the staging hook puts the rebuilt site in place in one step, so
no reader meets a half-written one. Pagefind meanwhile indexes the served site with the
new pages, in the background, so that search finds the edit before the rebuild is done.
Once the rebuild is done, the browsers reload again, to lists and search that show the
edit too.

The server has no public way to be told this, so this hook sets the two versions it keeps
of the site (the one browsers have been shown, the one being built). Where they are not as
this hook expects (another version of MkDocs), it leaves the server as it is, and each edit
shows once the rebuild is done, as without it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from katalog.site import quickpages

log = logging.getLogger("mkdocs.hooks.preview")


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
    if not _has_versions(server):
        log.info("Edited records show once the whole site is built again: unknown server")
        return server
    quickpages.watch(_read(config))
    rebuild = server.builder

    def build() -> None:
        try:
            shown = quickpages.show_edits()
        except Exception as error:  # a preview's shortcut: the rebuild shows the edit anyway
            log.warning(f"The edited records' pages were not shown before the rebuild: {error}")
            shown = []
        if shown:
            log.info(f"Shown before the rebuild: {', '.join(shown)}")
            _show(server)
            _index(shown)
        rebuild()
        quickpages.built()
        if shown:
            _built_again(server)

    server.builder = build
    return server


def _index(shown: list[str]) -> None:
    """Search finds the pages `shown` before the rebuild is done, once Pagefind has indexed
    the served site again in the background."""
    try:
        started = quickpages.index_edits((log.info, log.warning))
    except Exception as error:  # a preview's shortcut: the rebuild's index has the edit
        log.warning(f"The search index is not updated before the rebuild: {error}")
        return
    if started:
        log.info(f"Search index being updated for {len(shown)} page(s) before the rebuild")


def on_shutdown() -> None:
    quickpages.forget()


def _read(config: MkDocsConfig) -> Iterator[Path]:
    """Every file and folder a build reads that an editor may change."""
    project = Path(config.config_file_path).parent
    yield Path(config.config_file_path)
    yield Path(config.docs_dir)
    yield from (Path(path) for path in config.watch)
    if config.theme.custom_dir:
        yield Path(config.theme.custom_dir)
    for hook in (config.get("hooks") or {}).values():
        if getattr(hook, "__file__", None):
            yield Path(hook.__file__)
    own: dict[str, Any] = dict(config.extra or {}).get("katalog") or {}
    texts = own.get("texts")
    if isinstance(texts, str):
        yield project / texts


def _has_versions(server: Any) -> bool:
    return (
        isinstance(getattr(server, "_visible_epoch", None), int)
        and isinstance(getattr(server, "_wanted_epoch", None), int)
        and hasattr(getattr(server, "_epoch_cond", None), "notify_all")
        and callable(getattr(server, "builder", None))
    )


def _show(server: Any) -> None:
    """The site being built is the one shown: browsers reload, requests wait no more."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def _built_again(server: Any) -> None:
    """The rebuilt site is newer than the one shown: the server shows it, and browsers
    reload, as the build loop ends."""
    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch + 1
