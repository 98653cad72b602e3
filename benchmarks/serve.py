"""Benchmark: how soon `mkdocs serve` shows an edited record.

    .venv/bin/python benchmarks/serve.py [--projects 2000] [--edits 3]

Starts `mkdocs serve` on the catalogue with that many generated projects, waits for its
first build, then, `--edits` times, changes one record's Norwegian title (a word no page
holds yet) and measures the time from the file's write to the served page of that record
containing the new word (polled every 50 ms), then to the search index holding it
(Pagefind's entry changing), and then to the end of the rebuild (the server's log saying
the build is done). The next edit waits for that, so each edit is measured on its own.
Prints each and the median.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import environment
from benchmarks.scale import prepare

RECORD = "generated-project-00000"
LIMIT = 5.0
"""Seconds from an edit to the served page showing it."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8", "replace")
            return text
    except (urllib.error.URLError, OSError):
        return None


BUILT = "Documentation built in"
"""What MkDocs logs at the end of each build it makes."""


def _builds(log: Path) -> int:
    """How many builds the server has finished, by its log."""
    try:
        return log.read_text(encoding="utf-8", errors="replace").count(BUILT)
    except OSError:
        return 0


def _wait(check: Any, timeout: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


@contextlib.contextmanager
def serving(project: Path, log: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` on `project`, once its first build is served: its base URL. What it
    logs goes to `log`, if given."""
    port = _free_port()
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(),
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        if _wait(lambda: _fetch(base + f"nb/projects/{RECORD}/") is not None, 900) is None:
            raise SystemExit("mkdocs serve did not serve the site within 900 s")
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if log is not None:
            output.close()  # type: ignore[union-attr]


def edits(project: Path, count: int, timeout: float = 600) -> dict[str, Any]:
    """`count` edits of one record under `mkdocs serve`: seconds to the page, to search."""
    path = project / "content" / "projects" / f"{RECORD}.yml"
    page_times: list[float] = []
    search_times: list[float] = []
    rebuild_times: list[float] = []
    log = project.parent / f"{project.name}.serve.log"
    with serving(project, log) as base:
        page_url = base + f"nb/projects/{RECORD}/"
        entry_url = base + "pagefind/pagefind-entry.json"
        for index in range(count):
            word = f"Redigert{index}x{int(time.time() * 1000) % 100000}"
            entry_before = _fetch(entry_url)
            builds = _builds(log)
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            record["title"]["nb"] = f"{word} {record['title']['nb']}"[:200]
            path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
            written = time.perf_counter()
            if _wait(lambda word=word: word in (_fetch(page_url) or ""), timeout) is None:
                raise SystemExit(f"the edit did not show within {timeout:g} s")
            page_times.append(time.perf_counter() - written)
            _wait(lambda before=entry_before: _fetch(entry_url) != before, timeout)
            search_times.append(time.perf_counter() - written)
            if _wait(lambda builds=builds: _builds(log) > builds, timeout) is None:
                raise SystemExit(f"the rebuild was not done within {timeout:g} s")
            rebuild_times.append(time.perf_counter() - written)
            time.sleep(1)  # let the watcher settle before the next edit
    return {
        "page_seconds": [round(t, 2) for t in page_times],
        "page_median": round(statistics.median(page_times), 2),
        "search_seconds": [round(t, 2) for t in search_times],
        "search_median": round(statistics.median(search_times), 2),
        "rebuild_seconds": [round(t, 2) for t in rebuild_times],
        "rebuild_median": round(statistics.median(rebuild_times), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="katalog-serve-") as folder:
        project = prepare(Path(folder) / "project", args.projects)
        result = edits(project, args.edits)
    verdict = "met" if result["page_median"] <= LIMIT else "NOT MET"
    print(f"mkdocs serve, real content + {args.projects} generated projects:")
    print(
        f"  {verdict:<9}an edited record's page shows the edit after {result['page_median']} s "
        f"(median of {result['page_seconds']}; target ≤ {LIMIT:g} s)"
    )
    searched = result["search_median"], result["search_seconds"]
    print(f"  search holds it after {searched[0]} s (median of {searched[1]})")
    rebuilt = result["rebuild_median"], result["rebuild_seconds"]
    print(f"  the rebuild is done after {rebuilt[0]} s (median of {rebuilt[1]})")


if __name__ == "__main__":
    main()
