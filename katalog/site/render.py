"""Page models -> finished HTML files: the catalogue writes its own pages.

A site generator gives `write_pages` the page models and a `layout` function that turns
one model into its HTML (with the generator's templates); this module finishes each page
(Material's markup corrected, `katalog.site.thememarkup`; its content security policy
filled in, `katalog.site.csp`) and writes it to `<site>/<path>index.html`. It knows
nothing of MkDocs, so the pages are the catalogue's, whatever lays them out.

Pages are independent of each other once their models exist, so they are written by
several processes at once: the process that calls forks `workers - 1` others (POSIX
`fork`, so models, templates and the catalogue are shared, never copied or pickled), and
each writes every `workers`-th page. Each page is written by exactly one process, with the
same bytes whichever it is. A page that fails stops the build with its path and error;
the other processes are then stopped too. What a writing process logs is handed to the
calling process, which logs it as its own, after its own pages: so a build that counts
its warnings (MkDocs' `--strict`) counts every one, whichever process met it. Where
`fork` is missing (Windows), with one worker, or for a few pages, the pages are written in
this process, one after another.

The build's other outputs, finished bytes (open data, the sitemap), are written by the same
processes, each its share, after its pages: thousands of small files written one after
another are a wait of their own.

`write_pages` returns, per language, the pages the search index takes (those with
`data-pagefind-body`), for `katalog.site.searchindex`.

Given a `PageCache` (`mkdocs serve`: one process builds again and again), the pages are
written in the calling process, and a page the same as in the previous build is linked
from then instead of laid out again (`katalog.site.pagecache`).

`KATALOG_WORKERS` sets the number of processes (the machine's processors, at most
`MAX_WORKERS`, unless set; 1 writes every page in the calling process).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import traceback
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

from katalog import processes
from katalog.site import csp, thememarkup, urls
from katalog.site.pagecache import PageCache
from katalog.site.views import Page

MAX_WORKERS = 4
"""More processes than this gain little: the pages' writing is then no longer the wait."""
MIN_PARALLEL = 64
"""Fewer pages than this are written in the calling process: a fork costs more."""

INDEXED = "data-pagefind-body"
"""What marks a page the search index takes. A page whose text merely says it is taken
too, which costs the index a page it then skips, never a page it should have."""

Layout = Callable[[Page], str]
Files = Sequence[tuple[str, bytes]]
"""Finished files: (site-relative path, bytes)."""
Indexed = dict[str, list[str]]
"""Per language, the site-relative HTML files the search index takes."""


class Remembered:
    """What layouts keep from page to page within one build: a piece of a page laid out
    once for a key that names all it depends on, and then reused (a record's card is on
    many pages). A template calls it with the key and the macro that lays the piece out:
    `remembered(key, macro, *arguments)`. Keys must be hashable; one instance per build,
    so nothing laid out in one build is reused in the next."""

    def __init__(self) -> None:
        self._made: dict[Hashable, object] = {}

    def __call__(self, key: Hashable, make: Callable[..., object], *arguments: object) -> object:
        try:
            return self._made[key]
        except KeyError:
            made = self._made[key] = make(*arguments)
            return made


class RenderError(Exception):
    """A page could not be written: its path and what went wrong."""


def workers() -> int:
    """How many processes write the pages (`KATALOG_WORKERS`, else the processors)."""
    given = os.environ.get("KATALOG_WORKERS", "").strip()
    if given:
        try:
            count = int(given)
        except ValueError:
            raise RenderError(
                f"KATALOG_WORKERS must be a whole number of processes, not {given!r}"
            ) from None
        if count < 1:
            raise RenderError(f"KATALOG_WORKERS must be 1 or more, not {count}")
        return count
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, available))


def finish(html: str, *, serving: bool = False) -> str:
    """A page's HTML as published: Material's markup corrected, its policy filled in."""
    return csp.secure(thememarkup.correct(html), serving=serving)


def destination(site: Path, page: Page) -> Path:
    """Where a page's HTML file goes in the output folder."""
    return site / urls.output_file(page.path)


def page_html(page: Page, layout: Layout, *, serving: bool = False) -> str:
    """One page laid out and finished. A failure names the page."""
    try:
        return finish(layout(page), serving=serving)
    except csp.CspError as error:
        raise RenderError(f"{page.path}: {error}") from None
    except RenderError:
        raise
    except Exception as error:
        detail = "".join(traceback.format_exception_only(error)).strip()
        raise RenderError(f"{page.path} could not be laid out: {detail}") from error


def encoded(html: str) -> bytes:
    """A finished page's bytes as written."""
    return html.encode("utf-8", errors="xmlcharrefreplace")


def write_page(page: Page, layout: Layout, site: Path, *, serving: bool = False) -> bool:
    """Lay out, finish and write one page; whether the search index takes it. A failure
    names the page."""
    html = page_html(page, layout, serving=serving)
    target = destination(site, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(encoded(html))
    return INDEXED in html


def _write(pages: Sequence[Page], layout: Layout, site: Path, serving: bool, into: Indexed) -> None:
    for page in pages:
        if write_page(page, layout, site, serving=serving):
            into.setdefault(page.lang, []).append(urls.output_file(page.path))


def write_files(files: Files, site: Path) -> None:
    """Write each finished file to `site`; a failure names the file."""
    made: set[Path] = set()
    for name, content in files:
        target = site / name
        try:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(content)
        except OSError as error:
            raise RenderError(f"{name} could not be written: {error}") from None


def _write_cached(
    pages: Sequence[Page], layout: Layout, site: Path, serving: bool, cache: PageCache
) -> Indexed:
    indexed: Indexed = {}
    try:
        for page in pages:
            name = urls.output_file(page.path)
            key = cache.key(page)
            taken = cache.reuse(name, key, site / name)
            if taken is None:
                taken = write_page(page, layout, site, serving=serving)
                cache.keep(name, key, site / name, taken)
            if taken:
                indexed.setdefault(page.lang, []).append(name)
    except BaseException:
        cache.forget()
        raise
    cache.finish()
    return indexed


def write_pages(
    pages: Sequence[Page],
    layout: Layout,
    site: Path,
    *,
    serving: bool = False,
    processes: int | None = None,
    cache: PageCache | None = None,
    files: Files = (),
) -> Indexed:
    """Write every page and file, in `processes` processes (`workers()` unless given), or
    with `cache` in this one; per language, the pages the search index takes, in the order
    of `pages`."""
    if cache is not None:
        indexed = _write_cached(pages, layout, site, serving, cache)
        write_files(files, site)
        return indexed
    count = workers() if processes is None else processes
    indexed = {}
    if count <= 1 or len(pages) < MIN_PARALLEL or not hasattr(os, "fork"):
        _write(pages, layout, site, serving, indexed)
        write_files(files, site)
        return indexed
    # One page of each template first, here: its templates are then compiled once, before
    # the fork shares them, instead of once in every process.
    first = {id(page): page for page in {page.template: page for page in reversed(pages)}.values()}
    _write(list(first.values()), layout, site, serving, indexed)
    rest = [page for page in pages if id(page) not in first]
    children: list[tuple[int, int]] = []
    try:
        for share in range(1, count):
            children.append(_fork(rest[share::count], files[share::count], layout, site, serving))
        _write(rest[0::count], layout, site, serving, indexed)
        write_files(files[0::count], site)
    except BaseException:
        _stop(children)
        raise
    for child in children:
        failed, theirs = _wait(child)
        if failed:
            _stop(children[children.index(child) + 1 :])
            raise RenderError(failed)
        for lang, names in theirs.items():
            indexed.setdefault(lang, []).extend(names)
    order = {urls.output_file(page.path): n for n, page in enumerate(pages)}
    return {lang: sorted(names, key=order.__getitem__) for lang, names in sorted(indexed.items())}


def _fork(
    share: Sequence[Page], files: Files, layout: Layout, site: Path, serving: bool
) -> tuple[int, int]:
    """A child process writing `share` and `files`: its pid and the pipe its failure comes
    through."""
    die_with_parent = processes.deathsig()
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    # The child: write its pages, say which the index takes or what failed, and end
    # without running anything of the parent's (no atexit handlers, no flushing of the
    # parent's buffered output).
    os.close(read)
    status = 0
    said: dict[str, object]
    try:
        if die_with_parent is not None:  # killed, the parent leaves no process writing
            die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        logged = _Forward.install()
        indexed: Indexed = {}
        _write(share, layout, site, serving, indexed)
        write_files(files, site)
        said = {"indexed": indexed, "logged": logged}
    except BaseException as error:  # everything is reported to the parent
        status = 1
        failed = str(error) if isinstance(error, RenderError) else repr(error)
        said = {"failed": failed, "logged": _forwarded}
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(json.dumps(said).encode("utf-8"))
    finally:
        os._exit(status)


_forwarded: list[tuple[str, int, str]] = []
"""In a writing process: what it logged, for the calling process to log."""


class _Forward(logging.Handler):
    """In a writing process, in place of every log handler it inherited: keeps each record
    for the calling process to log."""

    @classmethod
    def install(cls) -> list[tuple[str, int, str]]:
        forward = cls()
        loggers = [logging.getLogger()] + [
            logger
            for logger in logging.Logger.manager.loggerDict.values()
            if isinstance(logger, logging.Logger)
        ]
        for logger in loggers:
            if logger.handlers:
                logger.handlers = [forward]
        return _forwarded

    def emit(self, record: logging.LogRecord) -> None:
        _forwarded.append((record.name, record.levelno, record.getMessage()))


def _log(records: Sequence[Sequence[object]]) -> None:
    """Log, as this process's own, what a writing process logged."""
    for name, level, message in records:
        logging.getLogger(str(name)).log(int(str(level)), "%s", message)


def _wait(child: tuple[int, int]) -> tuple[str | None, Indexed]:
    """A child's failure (None if it wrote all its pages) and the pages it wrote that the
    index takes, once it has ended; what it logged is logged here."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    try:
        said = json.loads(data)
    except ValueError:
        said = {}
    _log(said.get("logged") or [])
    if code == 0 and "indexed" in said:
        return None, said["indexed"]
    return str(said.get("failed") or f"a process writing pages ended with status {code}"), {}


def _stop(children: Sequence[tuple[int, int]]) -> None:
    """Stop the children at once (this process is failing or was interrupted)."""
    for pid, read in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        with contextlib.suppress(OSError):
            os.close(read)
