"""Benchmark: how long `mkdocs build` takes, and how big the site gets, as the catalogue grows.

    .venv/bin/python benchmarks/build.py [--projects 0 1000 2000] [--rounds 3]
        [--baseline REF] [--json]

For each size, copies the project into a temporary folder, adds generated projects (copies
of the real ones under new slugs, spread over the real programmes' countries and themes),
builds it `--rounds` times, and prints the number of pages, the median, fastest and slowest
wall time, the time per page and the size of the HTML. Growth per page should stay flat: a
navigation listing every record would make it grow with the catalogue (Material renders
the navigation into each page).

With `--baseline REF` (any git commit, branch or tag), the tree of that commit is exported
into a temporary folder and the same generated project is prepared from it (its own
mkdocs.yml, docs, hooks, overrides and content); each round builds both, one after the
other, the first of the pair alternating from round to round, so that a slower or busier
stretch of the machine falls on both. The baseline builds import the baseline's `katalog`
(its tree comes first on PYTHONPATH); the table adds the baseline's figures and the ratio
of the medians, ours / baseline: below 1 means this tree builds faster.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parent.parent
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795564800"}
"""Builds at a fixed build date, without MkDocs' banner about its next major version."""


def prepare(target: Path, projects: int, source: Path = REPO) -> Path:
    """The site project of the tree `source` in `target`, with `projects` generated projects."""
    target.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides", "content"):
        shutil.copytree(source / folder, target / folder)
    originals = sorted((target / "content" / "projects").glob("*.yml"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    for index in range(projects):
        path = target / "content" / "projects" / f"generated-project-{index:05d}.yml"
        path.write_text(texts[index % len(texts)], encoding="utf-8")
    return target


def environment(tree: Path | None = None) -> dict[str, str]:
    """The builds' environment; with `tree`, its `katalog` package comes first."""
    env = {**os.environ, **BUILD_ENV}
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (str(tree), os.environ.get("PYTHONPATH", "")) if part
        )
    return env


def build_once(project: Path, env: Mapping[str, str] | None = None) -> float:
    """Build `project` once, at a fixed build date; the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        env=dict(env) if env is not None else environment(),
        check=True,
    )
    return time.perf_counter() - started


def imported_katalog(project: Path, env: Mapping[str, str]) -> Path:
    """The folder of the `katalog` package that builds of `project` with `env` import."""
    result = subprocess.run(
        [sys.executable, "-c", "import katalog; print(katalog.__file__)"],
        cwd=project,
        env=dict(env),
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(result.stdout.strip()).resolve().parent


def resolve(ref: str) -> str:
    """The full hash of the commit `ref` names in this repository."""
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def export(commit: str, target: Path) -> Path:
    """The tree of `commit` unpacked into `target` (`git archive | tar -x`)."""
    target.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", "--format=tar", commit], cwd=REPO, stdout=-1)
    assert archive.stdout is not None
    unpack = subprocess.run(["tar", "-x", "-C", str(target)], stdin=archive.stdout)
    archive.stdout.close()
    if archive.wait() != 0 or unpack.returncode != 0:
        raise SystemExit(f"could not export {commit} (git archive | tar -x)")
    return target


@contextlib.contextmanager
def exported(ref: str) -> Iterator[tuple[str, Path]]:
    """The commit `ref` names and its tree in a temporary folder, removed afterwards."""
    commit = resolve(ref)
    with tempfile.TemporaryDirectory(prefix="katalog-baseline-") as folder:
        yield commit, export(commit, Path(folder) / "tree")


def html_pages(project: Path) -> tuple[int, int]:
    """The number of HTML pages in `project`'s built site, and their bytes."""
    html = list((project / "site").rglob("*.html"))
    return len(html), sum(path.stat().st_size for path in html)


def summary(seconds: list[float], pages: int, size: int, katalog: Path) -> dict[str, Any]:
    return {
        "pages": pages,
        "html_bytes": size,
        "seconds": [round(value, 3) for value in seconds],
        "median": round(statistics.median(seconds), 3),
        "min": round(min(seconds), 3),
        "max": round(max(seconds), 3),
        "katalog": str(katalog),
    }


Prepare = Callable[..., Path]
"""`prepare` or one like it: (target, projects, source=) -> the site project."""


class Side(NamedTuple):
    """One side of a comparison: its site project, the environment its commands run in,
    and the `katalog` package they import."""

    project: Path
    env: dict[str, str]
    katalog: Path


def prepared(count: int, folder: Path, baseline: Path | None, make: Prepare) -> dict[str, Side]:
    """The site projects to compare: "ours" from this tree and, with `baseline` (an
    exported tree), "baseline" from that tree, whose commands import that tree's `katalog`.
    Stops if either side would import another tree's `katalog`."""
    made = {"ours": (make(folder / f"ours-{count}", count), environment())}
    if baseline is not None:
        project = make(folder / f"baseline-{count}", count, source=baseline)
        made["baseline"] = (project, environment(baseline))
    expected = {"ours": REPO / "katalog", "baseline": (baseline or REPO) / "katalog"}
    sides = {}
    for name, (project, env) in made.items():
        found = imported_katalog(project, env)
        if found != expected[name].resolve():
            raise SystemExit(f"{name} builds import katalog from {found}, not {expected[name]}")
        sides[name] = Side(project, env, found)
    return sides


def turns(names: list[str], rounds: int) -> Iterator[tuple[int, str]]:
    """Each round's index and side, in turn: the first of each round alternating, so that a
    slower or busier stretch of the machine falls on both sides."""
    for index in range(rounds):
        for name in names if index % 2 == 0 else names[::-1]:
            yield index, name


def measure(
    count: int, rounds: int, folder: Path, baseline: Path | None, log: bool
) -> dict[str, Any]:
    """Build `count` generated projects `rounds` times (alternating with the baseline's)."""
    sides = prepared(count, folder, baseline, prepare)
    times: dict[str, list[float]] = {name: [] for name in sides}
    for index, name in turns(list(sides), rounds):
        times[name].append(build_once(sides[name].project, sides[name].env))
        if log:
            print(
                f"{count} generated, round {index + 1}/{rounds}, {name}: {times[name][-1]:.1f}s",
                file=sys.stderr,
                flush=True,
            )
    row: dict[str, Any] = {"generated": count}
    for name, side in sides.items():
        row[name] = summary(times[name], *html_pages(side.project), side.katalog)
        shutil.rmtree(side.project)
    if baseline is not None:
        row["ratio"] = round(row["ours"]["median"] / row["baseline"]["median"], 3)
    return row


def table(result: Mapping[str, Any]) -> str:
    """The results as a plain-text table, one row a size."""
    compare = result["baseline"] is not None
    heading = f"{'generated':>10}{'pages':>8}{'ours':>9}{'min':>8}{'max':>8}{'ms/page':>10}"
    heading += f"{'HTML':>9}"
    if compare:
        heading += f"{'pages':>8}{'baseline':>10}{'min':>8}{'max':>8}{'ratio':>8}"
    lines = []
    if compare:
        lines.append(f"baseline: {result['baseline']['ref']} ({result['baseline']['commit']})")
    note = "; ratio = ours / baseline" if compare else ""
    lines.append(f"median of {result['rounds']} round(s), seconds{note}")
    lines.append(heading)
    for row in result["sizes"]:
        ours = row["ours"]
        line = (
            f"{row['generated']:>10}{ours['pages']:>8}{ours['median']:>8.2f}s"
            f"{ours['min']:>7.2f}s{ours['max']:>7.2f}s"
            f"{ours['median'] / ours['pages'] * 1000:>8.2f}ms{ours['html_bytes'] / 1e6:>7.1f}MB"
        )
        if compare:
            base = row["baseline"]
            line += (
                f"{base['pages']:>8}{base['median']:>9.2f}s"
                f"{base['min']:>7.2f}s{base['max']:>7.2f}s{row['ratio']:>8.3f}"
            )
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[0, 1000, 2000])
    parser.add_argument("--rounds", type=int, default=3, help="builds of each tree a size")
    parser.add_argument("--baseline", metavar="REF", help="git commit to compare with")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    with contextlib.ExitStack() as stack:
        tree: Path | None = None
        result: dict[str, Any] = {"rounds": args.rounds, "baseline": None, "sizes": []}
        if args.baseline is not None:
            commit, tree = stack.enter_context(exported(args.baseline))
            result["baseline"] = {"ref": args.baseline, "commit": commit}
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for count in args.projects:
            result["sizes"].append(measure(count, args.rounds, folder, tree, log=True))
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
