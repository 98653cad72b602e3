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
the other processes are then stopped too. Where `fork` is missing (Windows), with one
worker, or for a few pages, the pages are written in this process, one after another.

`KATALOG_WORKERS` sets the number of processes (the machine's processors, at most
`MAX_WORKERS`, unless set; 1 writes every page in the calling process).
"""

from __future__ import annotations

import contextlib
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from katalog.site import csp, thememarkup, urls
from katalog.site.views import Page

MAX_WORKERS = 4
"""More processes than this gain little: the pages' writing is then no longer the wait."""
MIN_PARALLEL = 64
"""Fewer pages than this are written in the calling process: a fork costs more."""

Layout = Callable[[Page], str]


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


def write_page(page: Page, layout: Layout, site: Path, *, serving: bool = False) -> None:
    """Lay out, finish and write one page; a failure names the page."""
    try:
        html = finish(layout(page), serving=serving)
    except csp.CspError as error:
        raise RenderError(f"{page.path}: {error}") from None
    except RenderError:
        raise
    except Exception as error:
        detail = "".join(traceback.format_exception_only(error)).strip()
        raise RenderError(f"{page.path} could not be laid out: {detail}") from error
    target = destination(site, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))


def write_pages(
    pages: Sequence[Page],
    layout: Layout,
    site: Path,
    *,
    serving: bool = False,
    processes: int | None = None,
) -> None:
    """Write every page, in `processes` processes (`workers()` unless given)."""
    count = workers() if processes is None else processes
    if count <= 1 or len(pages) < MIN_PARALLEL or not hasattr(os, "fork"):
        for page in pages:
            write_page(page, layout, site, serving=serving)
        return
    # One page of each template first, here: its templates are then compiled once, before
    # the fork shares them, instead of once in every process.
    first = {id(page): page for page in {page.template: page for page in reversed(pages)}.values()}
    for page in first.values():
        write_page(page, layout, site, serving=serving)
    rest = [page for page in pages if id(page) not in first]
    children: list[tuple[int, int]] = []
    try:
        for share in range(1, count):
            children.append(_fork(rest[share::count], layout, site, serving))
        for page in rest[0::count]:
            write_page(page, layout, site, serving=serving)
    except BaseException:
        _stop(children)
        raise
    failures = [message for message in (_wait(child) for child in children) if message]
    if failures:
        raise RenderError(failures[0])


def _fork(share: Sequence[Page], layout: Layout, site: Path, serving: bool) -> tuple[int, int]:
    """A child process writing `share`: its pid and the pipe its failure comes through."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    # The child: write its pages, say what failed, and end without running anything of
    # the parent's (no atexit handlers, no flushing of the parent's buffered output).
    os.close(read)
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for page in share:
            write_page(page, layout, site, serving=serving)
    except BaseException as error:  # everything is reported to the parent
        status = 1
        message = str(error) if isinstance(error, RenderError) else repr(error)
        with contextlib.suppress(OSError):
            os.write(write, message.encode("utf-8", "replace"))
    finally:
        os._exit(status)


def _wait(child: tuple[int, int]) -> str | None:
    """A child's failure, once it has ended; None if it wrote all its pages."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        return None
    return said or f"a process writing pages ended with status {os.waitstatus_to_exitcode(status)}"


def _stop(children: Sequence[tuple[int, int]]) -> None:
    """Stop the children at once (this process is failing or was interrupted)."""
    for pid, read in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
