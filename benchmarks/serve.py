"""Benchmark: how soon `mkdocs serve` shows an edited record.

    .venv/bin/python benchmarks/serve.py [--projects 2000] [--edits 3] [--rounds 1]
        [--baseline REF] [--json]

Starts `mkdocs serve` on the catalogue with that many generated projects, waits for its
first build, then, `--edits` times, changes one record's Norwegian title (a word no page
holds yet) and measures the time from the file's write to the served page of that record
containing the new word (polled every 50 ms), then to the search index holding it
(Pagefind's entry changing), and then to the end of the rebuild (the server's log saying
the build is done). The next edit waits for that, so each edit is measured on its own.
Prints each and the median.

With `--baseline REF` (any git commit), the same is done, in each of `--rounds` rounds, for
the tree of that commit as well (its project prepared from its own files, its server
importing its own `katalog`), the first of each round's pair alternating, as
`benchmarks/build.py` does; the medians are then over every round's edits, with the
ratios ours / baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
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

from benchmarks.build import Side, environment, exported, prepared, turns
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
def serving(
    project: Path, log: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`mkdocs serve` on `project`, once its first build is served: its base URL. What it
    logs goes to `log`, if given; it runs in `env` (by default, the builds' environment)."""
    port = _free_port()
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env if env is not None else environment(),
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        page = base + f"nb/projects/{RECORD}/"
        if _wait(lambda: process.poll() is not None or _fetch(page) is not None, 900) is None:
            raise SystemExit("mkdocs serve did not serve the site within 900 s")
        if process.poll() is not None:
            raise SystemExit(f"mkdocs serve ended ({process.returncode}) before it served the site")
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


def edits(
    project: Path, count: int, timeout: float = 600, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """`count` edits of one record under `mkdocs serve` (in `env`): seconds to the page, to
    search, to the end of the rebuild."""
    path = project / "content" / "projects" / f"{RECORD}.yml"
    page_times: list[float] = []
    search_times: list[float] = []
    rebuild_times: list[float] = []
    log = project.parent / f"{project.name}.serve.log"
    with serving(project, log, env) as base:
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
    return summary({"page": page_times, "search": search_times, "rebuild": rebuild_times})


MEASURES = ("page", "search", "rebuild")
"""What each edit is timed to: the served page, the search index, the rebuild's end."""


def summary(times: dict[str, list[float]]) -> dict[str, Any]:
    """Each measure's seconds, edit by edit, and their median."""
    result: dict[str, Any] = {}
    for measure in MEASURES:
        result[f"{measure}_seconds"] = [round(t, 2) for t in times[measure]]
        result[f"{measure}_median"] = round(statistics.median(times[measure]), 2)
    return result


def compare(sides: dict[str, Side], count: int, rounds: int) -> dict[str, Any]:
    """`count` edits a round on each side, `rounds` rounds taking turns: each side's
    figures over all its edits, and the ratios of the medians, ours / baseline."""
    times = {name: {measure: [] for measure in MEASURES} for name in sides}
    for index, name in turns(list(sides), rounds):
        done = edits(sides[name].project, count, env=sides[name].env)
        for measure in MEASURES:
            times[name][measure] += done[f"{measure}_seconds"]
        print(f"round {index + 1}/{rounds}, {name}: {done}", file=sys.stderr, flush=True)
    result = {
        name: {**summary(times[name]), "katalog": str(side.katalog)} for name, side in sides.items()
    }
    if "baseline" in result:
        result["ratios"] = {
            measure: round(
                result["ours"][f"{measure}_median"] / result["baseline"][f"{measure}_median"], 3
            )
            for measure in MEASURES
        }
    return result


LABELS = {
    "page": "an edited record's page shows the edit after",
    "search": "search holds it after",
    "rebuild": "the rebuild is done after",
}


def report(result: dict[str, Any], projects: int) -> str:
    """The results as lines of text: each measure's median and edits, the baseline's and
    the ratio when compared, and whether the page target is met."""
    ours = result["ours"]
    lines = [f"mkdocs serve, real content + {projects} generated projects:"]
    if "baseline" in result:
        lines.append(f"baseline: {result['baseline_ref']} ({result['baseline_commit']})")
    for measure in MEASURES:
        median, each = ours[f"{measure}_median"], ours[f"{measure}_seconds"]
        line = f"{LABELS[measure]} {median} s (median of {each}"
        if "baseline" in result:
            base = result["baseline"]
            median, each = base[f"{measure}_median"], base[f"{measure}_seconds"]
            line += f"; baseline {median} s, median of {each}; ratio {result['ratios'][measure]}"
        lines.append(f"  {line})")
    verdict = "met" if ours["page_median"] <= LIMIT else "NOT MET"
    lines.append(f"  target, the page ≤ {LIMIT:g} s: {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1, help="serve sessions of each tree")
    parser.add_argument("--baseline", metavar="REF", help="git commit to compare with")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.rounds < 1 or args.edits < 1:
        parser.error("--rounds and --edits must be at least 1")
    with contextlib.ExitStack() as stack:
        tree: Path | None = None
        result: dict[str, Any] = {"projects": args.projects, "rounds": args.rounds}
        if args.baseline is not None:
            commit, tree = stack.enter_context(exported(args.baseline))
            result["baseline_ref"], result["baseline_commit"] = args.baseline, commit
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="katalog-serve-")))
        sides = prepared(args.projects, folder, tree, prepare)
        result.update(compare(sides, args.edits, args.rounds))
    print(json.dumps(result, indent=2) if args.json else report(result, args.projects))


if __name__ == "__main__":
    main()
