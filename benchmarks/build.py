"""Benchmark: how long `mkdocs build` takes, and how big the site gets, as the catalogue grows.

    .venv/bin/python benchmarks/build.py [--projects 0 1000 2000]

For each size, copies the project into a temporary folder, adds generated projects (copies
of the real ones under new slugs, spread over the real programmes' countries and themes),
builds once, and prints the number of pages, the wall time, the time per page and the
size of the HTML. Growth per page should stay flat: a navigation listing every record
would make it grow with the catalogue (Material renders the navigation into each page).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def prepare(target: Path, projects: int) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides", "content"):
        shutil.copytree(REPO / folder, target / folder)
    originals = sorted((target / "content" / "projects").glob("*.yml"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    for index in range(projects):
        path = target / "content" / "projects" / f"generated-project-{index:05d}.yml"
        path.write_text(texts[index % len(texts)], encoding="utf-8")
    return target


def build_once(project: Path) -> float:
    """Build `project` once, at a fixed build date; the seconds it took."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795564800"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, env=env, check=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[0, 1000, 2000])
    args = parser.parse_args()
    print(f"{'generated':>10}{'pages':>8}{'build':>10}{'per page':>11}{'HTML':>10}{'per page':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for count in args.projects:
            project = prepare(Path(folder) / f"p{count}", count)
            seconds = build_once(project)
            html = list((project / "site").rglob("*.html"))
            size = sum(path.stat().st_size for path in html)
            print(
                f"{count:>10}{len(html):>8}{seconds:>9.1f}s{seconds / len(html) * 1000:>9.1f}ms"
                f"{size / 1e6:>8.1f}MB{size / len(html) / 1000:>9.1f}kB"
            )
            shutil.rmtree(project)


if __name__ == "__main__":
    main()
