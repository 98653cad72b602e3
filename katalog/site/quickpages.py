"""Under `mkdocs serve`: the edited records' own pages, in the served site seconds after
the edit, before the whole site is built again.

A preview builds the whole site again on every edit, and at thousands of records that
takes half a minute, while the editor waits to see the one record they changed. So
before each rebuild, `show_edits` looks at what changed since the previous build. If the
only changes are to record files that were there then (a programme's or a project's YAML
file), it loads and checks the whole content tree as the build does (reading again only
the changed files, `katalog.records.readcache`), and, if it has no errors, makes each
changed record's pages (one per language) with what the previous build made its pages
with (its settings, interface texts, templates and navigation: none of them changed) and
writes them into the served site, each replacing its file in one step. The rebuild that
follows writes every page, these too, with the same bytes; meanwhile the lists and other
pages that show the record still show it as it was.

Search, too, need not wait for the rebuild: `index_edits` then starts Pagefind over the
served site's indexed pages, these new ones among them, in the background, and puts that
index in place as soon as it is written (the rebuild, one process, leaves a processor
free for it). The rebuild's own index, which has the lists too, replaces it afterwards.

Anything else changed (a record added or deleted, a vocabulary, a page text, a template,
a setting, the documentation), a content error, or a build date that is not the previous
build's: nothing is written here, and the rebuild alone shows the edit, as before.

It knows nothing of MkDocs: the generator says which files its builds read (`watch`),
hands over after each build what it made its pages with (`remember`), and calls
`show_edits` (and, if it wrote pages, `index_edits`) before each rebuild and `built` after
one that succeeded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from katalog import sitefolder
from katalog.records import model
from katalog.records.load import RECORD_FOLDERS, load_catalogue
from katalog.records.review import Review
from katalog.site import l10n, pages, preview, render, searchindex
from katalog.site.context import BuildContext
from katalog.site.facts import Record

Snapshot = dict[str, tuple[int, int]]
"""Every file the builds read, by path: (modification time in nanoseconds, size)."""


@dataclass(frozen=True)
class Made:
    """What a build made its pages with: its context (the catalogue left out), the
    layout of one page, the folder the site is served from, and, per language, the pages
    its search index takes."""

    ctx: BuildContext
    layout: render.Layout
    site: Path
    content: Path
    indexed: Mapping[str, Sequence[str]]


@dataclass
class _State:
    watched: tuple[Path, ...] = ()
    made: Made | None = None
    read: Snapshot | None = None
    """The files as the last build that succeeded read them."""
    reading: Snapshot | None = None
    """The files as the build now running reads them."""


_state = _State()


def watch(paths: Iterable[Path]) -> None:
    """The files and folders whose files the builds read, and their state now, which the
    build just made read."""
    _state.watched = tuple(Path(path) for path in paths)
    _state.read = snapshot(_state.watched)


def remember(
    ctx: BuildContext,
    layout: render.Layout,
    site: Path,
    content: Path,
    indexed: Mapping[str, Sequence[str]],
) -> None:
    """What this build made its pages with; `site` is the folder the site is served from,
    `indexed` the pages its search index takes, per language."""
    empty = model.Catalogue({}, {}, {}, {})  # the next build's catalogue stands in for it
    bare = dataclasses.replace(ctx, catalogue=empty, cache={})
    _state.made = Made(bare, layout, site, content, indexed)


def built() -> None:
    """The build that `show_edits` came before has succeeded."""
    if _state.reading is not None:
        _state.read, _state.reading = _state.reading, None


def forget() -> None:
    _state.made = _state.read = _state.reading = None
    _state.watched = ()


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Every file under `paths` (files or folders), but hidden ones and editors' backups."""
    found: Snapshot = {}
    folders: list[str] = []
    for path in paths:
        with contextlib.suppress(OSError):
            if path.is_dir():
                folders.append(str(path))
            else:
                info = path.stat()
                found[str(path)] = (info.st_mtime_ns, info.st_size)
    while folders:
        with contextlib.suppress(OSError), os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name.endswith("~"):
                    continue
                if entry.is_dir(follow_symlinks=True):
                    folders.append(entry.path)
                    continue
                with contextlib.suppress(OSError):
                    info = entry.stat()
                    found[entry.path] = (info.st_mtime_ns, info.st_size)
    return found


def _edited(before: Snapshot, now: Snapshot, content: Path) -> list[tuple[str, str]] | None:
    """The (folder, slug) of each record file changed from `before` to `now`; None if
    anything else changed, or a file came or went."""
    if before.keys() != now.keys():
        return None
    edited = []
    folders = {str(content / name): name for name in RECORD_FOLDERS}
    for path, state in now.items():
        if before[path] == state:
            continue
        folder, _, name = path.rpartition(os.sep)
        if folder not in folders or not name.endswith(".yml"):
            return None
        edited.append((folders[folder], name[: -len(".yml")]))
    return sorted(edited)


def show_edits() -> list[str]:
    """Write the pages of the records edited since the last build into the served site,
    if nothing else changed and the content has no errors: their site paths, or none."""
    made, before = _state.made, _state.read
    now = snapshot(_state.watched)
    _state.reading = now
    if made is None or before is None:
        return []
    edited = _edited(before, now, made.content)
    if not edited:
        return []
    ctx = made.ctx
    today = l10n.build_date()
    if today != ctx.today:
        return []
    result = load_catalogue(
        made.content,
        languages=ctx.settings.languages.codes,
        today=today,
        review_on=Review(today, ctx.settings.review_months),
        cache=preview.read_cache(),
    )
    if result.catalogue is None:
        return []
    ctx = dataclasses.replace(ctx, catalogue=result.catalogue, cache={})
    records: list[Record] = []
    for folder, slug in edited:
        found = getattr(result.catalogue, folder).get(slug)
        if found is None:
            return []
        records.append(found)
    written = []
    for record in records:
        for page in pages.record_pages(record, ctx):
            html = render.page_html(page, made.layout, serving=True)
            target = render.destination(made.site, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            sitefolder.write_anew(target, render.encoded(html))
            written.append(page.path)
    return written


def index_edits(report: tuple[searchindex.Report, searchindex.Report]) -> bool:
    """Start indexing the served site again, with the pages `show_edits` has just written
    into it, so that search finds an edit before the rebuild is done
    (`searchindex.build_served`): the rebuild's own index, with the lists that show the
    record, replaces it afterwards. False, with nothing started, if there is no build to
    go by or its site has no index yet. Raises `ValueError` for a Pagefind time limit
    that is not one."""
    made = _state.made
    if made is None:
        return False
    timeout = searchindex.timeout()
    return searchindex.build_served(made.site, made.indexed, searchindex.binary(), timeout, report)
