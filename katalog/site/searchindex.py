"""The search index: Pagefind over the pages it indexes, every language at once.

Pagefind reads every HTML file of the folder it is given, the many it will not index among
them (every page but the first of a long listing, the data page), and holds every page it
indexes in memory until it writes the index. So it is given, for each language, a folder
of hard links to that language's indexed pages alone (those with `data-pagefind-body`,
which `katalog.site.render` reports as it writes them), and run for every language at once
(one run leaves a processor of two idle much of the time: it reads and parses on several
threads, but writes the index on one). Their bundles are then merged, in the languages'
order, into the one bundle a single run over the whole site
writes: the scripts, worker and interface files are the same bytes in every run; each
language has its own WebAssembly, metadata, index, filter and fragment files (named by
their content's hash); and the entry (`pagefind-entry.json`) lists every language.

With no indexed page at all, Pagefind is run over the whole site, as it indexes every
page's body then. The time limit is for all runs together.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pagefind_bin

from katalog import processes, sitefolder
from katalog.site import searchfiles, urls
from katalog.site.searchfiles import ENTRY

SCRIPT = urls.pagefind_script().removeprefix(urls.pagefind())
"""Pagefind's script, inside the bundle: a run that did not write it failed."""


TIMEOUT = 300.0
"""Seconds Pagefind may take unless `KATALOG_PAGEFIND_TIMEOUT` says otherwise: it indexes
the real catalogue in about one."""


class SearchIndexError(Exception):
    """Pagefind could not index the pages, or its output is not as expected."""


def binary() -> str:
    """The Pagefind program run: `KATALOG_PAGEFIND`, else the `pagefind-bin` wheel's."""
    return os.environ.get("KATALOG_PAGEFIND") or str(pagefind_bin.get_executable())


def timeout() -> float:
    """Seconds Pagefind may take: `KATALOG_PAGEFIND_TIMEOUT`, else `TIMEOUT`. A value that
    is not a number of seconds above 0 raises `ValueError`, saying so."""
    given = os.environ.get("KATALOG_PAGEFIND_TIMEOUT", "").strip()
    if not given:
        return TIMEOUT
    try:
        seconds = float(given)
    except ValueError:
        seconds = 0
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(
            f"KATALOG_PAGEFIND_TIMEOUT must be a number of seconds above 0, not {given!r}"
        )
    return seconds


def build(
    site: Path,
    indexed: Mapping[str, Sequence[str]],
    binary: str,
    timeout: float,
) -> None:
    """Write the search index of the pages `indexed` (per language, the site-relative
    HTML files Pagefind indexes) into `site`'s bundle folder (`urls.pagefind()`).

    Raises `processes.TimedOut` past `timeout` seconds, `OSError` if Pagefind cannot run,
    and `SearchIndexError` if it fails."""
    bundle = site / urls.pagefind().rstrip("/")
    deadline = time.monotonic() + timeout
    languages = [(lang, files) for lang, files in sorted(indexed.items()) if files]
    if not languages:
        _run(binary, [(site, bundle)], deadline, timeout)
        return
    work = Path(tempfile.mkdtemp(prefix=".search-", dir=site))
    try:
        for lang, files in languages:
            _link(site, work / lang, files)
        runs = _languages(work, [lang for lang, _ in languages])
        for output in _run(binary, runs, deadline, timeout):
            _merge(output, bundle)
    finally:
        sitefolder.remove_quietly(work)


def _link(site: Path, mirror: Path, files: Sequence[str]) -> None:
    """A folder of hard links to `files` of `site`, at the same paths (so the same addresses)."""
    made: set[Path] = set()
    for name in files:
        target = mirror / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        sitefolder.link(site / name, target)


def _run(
    binary: str,
    runs: Sequence[tuple[Path, Path]],
    deadline: float,
    timeout: float,
    stop: threading.Event | None = None,
) -> list[Path]:
    """Pagefind over each `(folder, bundle)` of `runs`, all at once, each into its bundle:
    those bundles, in order. The first run's failure, if any, is raised once every run
    has ended; once `stop` is set, every run is killed (`processes.Stopped`)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise processes.TimedOut(timeout)
    try:
        done = processes.run_all([_argv(binary, *run) for run in runs], remaining, stop=stop)
    except processes.TimedOut:
        raise processes.TimedOut(timeout) from None
    for (_, output), result in zip(runs, done, strict=True):
        _check(output, *result)
    return [output for _, output in runs]


def _languages(work: Path, languages: Sequence[str]) -> list[tuple[Path, Path]]:
    """Each language's run: its mirror `work/<lang>` into `work/<lang>.bundle`."""
    return [(work / lang, work / f"{lang}.bundle") for lang in languages]


def _argv(binary: str, source: Path, output: Path) -> list[str]:
    return [binary, "--site", str(source), "--output-path", str(output), "--silent"]


def _check(output: Path, status: int, out: str, err: str) -> None:
    """A run's failure, as an error saying why; nothing if it wrote its bundle."""
    if status != 0 or not (output / SCRIPT).is_file():
        reason = (err or out).strip() or f"exit status {status}"
        raise SearchIndexError(reason)


def _merge(source: Path, bundle: Path) -> None:
    """Move one language's bundle `source` into `bundle`, the entry's languages joined."""
    if not bundle.exists():
        source.rename(bundle)
        return
    try:
        ours = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        theirs = json.loads((source / ENTRY).read_text(encoding="utf-8"))
        joined = {**ours["languages"], **theirs["languages"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"{ENTRY}: {error}") from None
    for key in ("version", "include_characters"):
        if ours.get(key) != theirs.get(key):
            raise SearchIndexError(f"{ENTRY}: the languages' runs differ in {key!r}")
    for path in sorted(source.rglob("*")):
        name = path.relative_to(source).as_posix()
        if path.is_dir() or name == ENTRY:
            continue
        target = bundle / name
        if target.exists():
            if target.read_bytes() != path.read_bytes():
                raise SearchIndexError(f"{name} differs between the languages' runs")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    ours["languages"] = dict(sorted(joined.items()))
    text = json.dumps(ours, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY).write_text(text, encoding="utf-8")


Report = Callable[[str], None]


class Later:
    """One preview build's search index, written in a thread while its site is served."""

    def __init__(
        self,
        site: Path,
        final: Path,
        work: Path,
        languages: Sequence[str],
        binary: str,
        timeout: float,
        earlier: Later | None,
        report: tuple[Report, Report],
    ) -> None:
        self.final = final
        self.site_id = os.stat(site).st_ino
        """The new site's folder: once `final` is this folder, the site is in place."""
        self.work = work
        self.languages = languages
        self.binary = binary
        self.timeout = timeout
        self.earlier = earlier
        self.info, self.warn = report
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name="search index", daemon=True)

    def cancel(self) -> None:
        """Stop at the next step, killing a Pagefind run under way; once this returns, the
        bundle is not put in place."""
        with _swapping:
            self.cancelled.set()

    def _run(self) -> None:
        try:
            if self.earlier is not None:
                self.earlier.thread.join()
            deadline = time.monotonic() + self.timeout
            bundle = self.work / "bundle"
            if self.cancelled.is_set():
                return
            runs = _languages(self.work, self.languages)
            try:
                outputs = _run(self.binary, runs, deadline, self.timeout, self.cancelled)
            except processes.Stopped:
                return  # a later build's index is wanted instead
            for output in outputs:
                _merge(output, bundle)
            searchfiles.normalise(bundle)
            while not self._in_place():
                if self.cancelled.wait(0.05) or time.monotonic() > deadline:
                    return  # another build came, or this one never was put in place
            with _swapping:
                if self.cancelled.is_set():
                    return
                served = self.final / urls.pagefind().rstrip("/")
                if not sitefolder.exchange(bundle, served):
                    old = self.work / "old"
                    served.rename(old)
                    bundle.rename(served)
            self.info(f"Search index updated: {served}")
        except _FAILURES as error:
            self.warn(f"The search index was not updated: {error}")
        finally:
            sitefolder.remove_quietly(self.work)

    def _in_place(self) -> bool:
        try:
            return os.stat(self.final).st_ino == self.site_id
        except OSError:
            return False


_FAILURES = (OSError, processes.TimedOut, SearchIndexError, searchfiles.SearchFilesError)
_swapping = threading.Lock()
_latest: Later | None = None


def build_later(
    site: Path,
    final: Path,
    indexed: Mapping[str, Sequence[str]],
    binary: str,
    timeout: float,
    report: tuple[Report, Report],
) -> bool:
    """Give `site` (to be put in place as `final`) the index `final` has now, and start
    writing its own; False, with nothing done, if `final` has no index yet or no page is
    indexed (then `build` it now)."""
    name = urls.pagefind().rstrip("/")
    previous = final / name

    def keep_previous() -> None:
        kept = [path.relative_to(previous).as_posix() for path in previous.rglob("*")]
        _link(previous, site / name, [file for file in kept if (previous / file).is_file()])

    return _start(site, final, indexed, binary, timeout, report, keep_previous)


def build_served(
    final: Path,
    indexed: Mapping[str, Sequence[str]],
    binary: str,
    timeout: float,
    report: tuple[Report, Report],
) -> bool:
    """Start writing a new index of the site served from `final` as it is now (with the
    pages of an edit written into it before the rebuild, `katalog.site.quickpages`), to
    put in place once written; a build's own index started before then replaces it
    instead. `indexed` are the pages the served site's index took. False, with nothing
    done, if `final` has no index yet or no page is indexed."""
    return _start(final, final, indexed, binary, timeout, report)


def _start(
    site: Path,
    final: Path,
    indexed: Mapping[str, Sequence[str]],
    binary: str,
    timeout: float,
    report: tuple[Report, Report],
    prepare: Callable[[], None] | None = None,
) -> bool:
    """Link the pages `indexed` of `site` for Pagefind, run `prepare`, and start the job
    that indexes them and puts the index in place in `final` once `site` is served from
    there; the job started before is cancelled, and the new one waits for it to end.
    False, with nothing done, if `final` has no index yet or no page is indexed."""
    global _latest
    languages = [(lang, files) for lang, files in sorted(indexed.items()) if files]
    if not languages or not (final / urls.pagefind().rstrip("/") / ENTRY).is_file():
        return False
    if _latest is not None:
        _latest.cancel()
    work = Path(tempfile.mkdtemp(prefix=".search-", dir=final.parent))
    try:
        for lang, files in languages:
            _link(site, work / lang, files)
        if prepare is not None:
            prepare()
    except BaseException:
        sitefolder.remove_quietly(work)
        raise
    job = Later(
        site, final, work, [lang for lang, _ in languages], binary, timeout, _latest, report
    )
    _latest = job
    job.thread.start()
    return True


def wait() -> None:
    """Wait until the index a preview build is writing in the background is in place (or
    given up); at once if there is none."""
    if _latest is not None:
        _latest.thread.join()
