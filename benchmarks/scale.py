"""Benchmark: the catalogue's build at national scale, against plain MkDocs and Hugo sites.

    .venv/bin/python benchmarks/scale.py [--projects 500 2000 5000] [--rounds 3] [--json]

For each size, the project (this tree) gets that many generated projects with distinct
texts (`prepare`), and two baselines get a plain synthetic Markdown page for each HTML
page the catalogue builds:

- MkDocs + Material (the versions the catalogue pins), every page kept out of the nav,
  then Pagefind's CLI over the output, as the catalogue runs it;
- Hugo (Debian's `hugo` package, when `hugo` is on the PATH; reported as missing
  otherwise) with a minimal layout, then the same Pagefind.

Each round builds the three one after the other, the first of them turning from round to
round, so that a busier stretch of the machine falls on all; the table gives medians and the
ratios of the medians (ours / baseline: below 1 means the catalogue builds faster). It also
prints the time per page and its growth from the smallest size to the largest, the peak
memory of the build (the most its processes, Pagefind's included, hold at once, together:
`benchmarks.memory`; the JSON also has the largest of any one process),
`katalog validate`'s time (the whole command, in the same rounds), the output's size and,
at the largest size, what a reader downloads (`benchmarks/reader.py`: a project page cold,
the heaviest listing page, a first search, compressed as served), then every target and
whether it is met. At the largest size it also previews `--edits` edits of a record under
`mkdocs serve` (`benchmarks/serve.py`): how soon the served page, then search, shows each.
`--json` prints the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import memory  # noqa: E402
from benchmarks.build import BUILD_ENV, environment  # noqa: E402

SIZES = (500, 2000, 5000)

TARGETS = {
    "mkdocs_ratio": 0.6,
    "hugo_ratio": 1.5,
    "growth": 1.15,
    "validate_seconds": 1.0,
    "peak_mb": 800.0,
}
"""Ours / MkDocs + Material + Pagefind at every size, ours / Hugo + Pagefind at the largest,
per-page cost growth from the smallest size to the largest, `katalog validate` at the
largest (seconds) and the build's peak memory (MB)."""

_WORDS = (
    "kommune samarbeid utvikling lokaldemokrati partnerskap erfaring kompetanse tjenester "
    "innbyggere forvaltning region prosjekt program nettverk kapasitet planlegging klima "
    "integrering likestilling beredskap helse omsorg skole ungdom kultur reiseliv miljø "
    "municipality cooperation development democracy partnership experience services "
    "citizens governance region network capacity planning climate integration equality "
    "preparedness health care school youth culture tourism environment association"
)
WORDS = tuple(_WORDS.split())


# The catalogue and its baselines -----------------------------------------------------------


def _words(chooser: random.Random, count: int) -> str:
    return " ".join(chooser.choice(WORDS) for _ in range(count))


def _distinct(record: dict[str, Any], index: int) -> dict[str, Any]:
    """`record` with a title and summary of its own (deterministic from `index`), so that
    pages and listings do not compress better than a real catalogue's would."""
    chooser = random.Random(index)
    for field, words, limit in (("title", 6, 200), ("summary", 30, 600)):
        value = record.get(field)
        if isinstance(value, dict):
            record[field] = {
                lang: _cut(f"{_words(chooser, words)} {index} – {text}", limit)
                for lang, text in value.items()
            }
    return record


def _cut(text: str, limit: int) -> str:
    """`text`, cut at a space to at most `limit` characters (the schema's limits)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def prepare(target: Path, projects: int, source: Path = REPO) -> Path:
    """The site project of `source` in `target`, with `projects` generated projects: copies of
    the real ones under new slugs, each with a distinct title and summary."""
    target.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides", "content"):
        shutil.copytree(source / folder, target / folder)
    originals = sorted((target / "content" / "projects").glob("*.yml"))
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in originals]
    for index in range(projects):
        record = _distinct(json.loads(json.dumps(records[index % len(records)])), index)
        path = target / "content" / "projects" / f"generated-project-{index:05d}.yml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def _page_text(index: int) -> tuple[str, str]:
    """A synthetic page's title and body: a few paragraphs of words, about a record's length."""
    chooser = random.Random(-1 - index)
    title = f"{_words(chooser, 5).capitalize()} {index}"
    body = "\n\n".join(_words(chooser, 60) + "." for _ in range(4))
    return title, body


MKDOCS_BASELINE = """\
site_name: Baseline
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
  features: []
extra:
  generator: false
plugins: []
nav:
  - index.md
"""


def prepare_mkdocs(target: Path, pages: int) -> Path:
    """A plain MkDocs + Material project that builds `pages` HTML pages (Material's 404 page
    among them), all but the first kept out of the nav, as the catalogue keeps its records."""
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(MKDOCS_BASELINE, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n\nA plain site.\n", encoding="utf-8")
    for index in range(1, pages - 1):  # and Material's 404.html
        title, body = _page_text(index)
        (docs / "pages" / f"page-{index:05d}.md").write_text(f"# {title}\n\n{body}\n", "utf-8")
    return target


HUGO_CONFIG = """\
baseURL = "/"
languageCode = "nb"
title = "Baseline"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

HUGO_LAYOUT = """\
<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="/">Baseline</a></header>
<main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main>
<footer>Baseline</footer></body>
</html>
"""


def prepare_hugo(target: Path, pages: int) -> Path:
    """A Hugo project of `pages` Markdown pages with a minimal layout of its own."""
    content = target / "content"  # pages in no section: a section would add its own page
    content.mkdir(parents=True)
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (target / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (content / "_index.md").write_text('---\ntitle: "Baseline"\n---\n', "utf-8")
    for index in range(1, pages):
        title, body = _page_text(index)
        page = f'---\ntitle: "{title}"\n---\n\n{body}\n'
        (content / f"page-{index:05d}.md").write_text(page, encoding="utf-8")
    return target


# Running and measuring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    """The most the run's processes held at once, together (`benchmarks.memory`: their
    proportional set sizes summed, sampled); where that cannot be sampled, `largest_bytes`."""
    largest_bytes: int
    """The largest resident set of any one process of the run (Linux's ru_maxrss of the
    command, which includes the descendants it waited for, and starts from what the
    process that started it held: this benchmark's own, at least)."""


def run(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> Run:
    """Run `argv` to its end, quietly; its wall time and peak memory. Fails on failure."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv), cwd=cwd, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    sampler = memory.Sampler(process.pid)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    together = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        message = errors.decode("utf-8", "replace").strip()[-2000:]
        raise SystemExit(f"{' '.join(argv)} failed in {cwd} ({process.returncode}):\n{message}")
    largest = usage.ru_maxrss * 1024
    return Run(seconds, together or largest, largest)


def in_sequence(first: Run, second: Run) -> Run:
    """Two runs one after the other, as one: their times added, the larger peaks."""
    return Run(
        first.seconds + second.seconds,
        max(first.peak_bytes, second.peak_bytes),
        max(first.largest_bytes, second.largest_bytes),
    )


def pagefind() -> str:
    import pagefind_bin

    return str(pagefind_bin.get_executable())


class Side(Protocol):
    """One of the sites built in each round: its name, its project folder, how it is
    built (timed) and where its output is."""

    name: str
    project: Path

    def build(self) -> Run: ...

    def output(self) -> Path: ...


class Catalogue:
    name = "ours"

    def __init__(self, project: Path) -> None:
        self.project = project
        self.env = environment()

    def build(self) -> Run:
        return run([sys.executable, "-m", "mkdocs", "build", "--quiet"], self.project, self.env)

    def validate(self) -> Run:
        env = {**self.env, "PYTHONPATH": str(REPO)}
        return run([sys.executable, "-m", "katalog.cli", "validate"], self.project, env)

    def output(self) -> Path:
        return self.project / "site"


class PlainMkDocs:
    name = "mkdocs"

    def __init__(self, project: Path) -> None:
        self.project = project
        self.env = {**os.environ, **BUILD_ENV}

    def build(self) -> Run:
        # `mkdocs build` empties the site folder itself, as the catalogue's build replaces it.
        built = run([sys.executable, "-m", "mkdocs", "build", "--quiet"], self.project, self.env)
        indexed = run([pagefind(), "--site", "site", "--silent"], self.project, self.env)
        return in_sequence(built, indexed)

    def output(self) -> Path:
        return self.project / "site"


class Hugo:
    name = "hugo"

    def __init__(self, project: Path, hugo: str) -> None:
        self.project = project
        self.hugo = hugo
        self.env = {**os.environ, **BUILD_ENV}

    def build(self) -> Run:
        built = run(
            [self.hugo, "--quiet", "--cleanDestinationDir", "--destination", "public"],
            self.project,
            self.env,
        )
        indexed = run([pagefind(), "--site", "public", "--silent"], self.project, self.env)
        return in_sequence(built, indexed)

    def output(self) -> Path:
        return self.project / "public"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 3)


def measure(
    count: int,
    rounds: int,
    folder: Path,
    hugo: str | None,
    log: bool,
    reader: bool = False,
    edits: int = 0,
) -> dict[str, Any]:
    """One size: the three builds and validation, `rounds` times each, turn about; then,
    with `reader`, what a reader downloads, and with `edits`, that many edits previewed."""
    ours = Catalogue(prepare(folder / f"ours-{count}", count))
    ours.build()  # a first build, untimed: how many pages the baselines get
    pages = len(html_pages(ours.output()))
    sides: list[Side] = [ours, PlainMkDocs(prepare_mkdocs(folder / f"mkdocs-{count}", pages))]
    if hugo is not None:
        sides.append(Hugo(prepare_hugo(folder / f"hugo-{count}", pages), hugo))
    runs: dict[str, list[Run]] = {side.name: [] for side in sides}
    validations: list[Run] = []
    for index in range(rounds):
        turn = index % len(sides)
        for side in sides[turn:] + sides[:turn]:
            runs[side.name].append(side.build())
            if log:
                seconds = runs[side.name][-1].seconds
                print(
                    f"{count} projects, round {index + 1}/{rounds}, {side.name}: {seconds:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
        validations.append(ours.validate())
    row: dict[str, Any] = {"projects": count, "pages": pages}
    for side in sides:
        side_pages = html_pages(side.output())
        row[side.name] = {
            "pages": len(side_pages),
            "seconds": [round(r.seconds, 3) for r in runs[side.name]],
            "median": _median([r.seconds for r in runs[side.name]]),
            "peak_mb": round(max(r.peak_bytes for r in runs[side.name]) / 1e6, 1),
            "largest_process_mb": round(max(r.largest_bytes for r in runs[side.name]) / 1e6, 1),
            "html_bytes": sum(path.stat().st_size for path in side_pages),
            "output_bytes": size_of(side.output()),
        }
    if hugo is None:
        row["hugo"] = None
    row["ours"]["ms_per_page"] = round(row["ours"]["median"] / pages * 1000, 3)
    row["validate"] = {
        "seconds": [round(r.seconds, 3) for r in validations],
        "median": _median([r.seconds for r in validations]),
    }
    for name in ("mkdocs", "hugo"):
        if row.get(name):
            row[f"ratio_{name}"] = round(row["ours"]["median"] / row[name]["median"], 3)
    if reader:
        from benchmarks import reader as reading

        row["reader"] = reading.measure(ours.output(), "generated-project-00000", "kommune")
    if edits:
        from benchmarks import serve

        row["serve"] = serve.edits(ours.project, edits)
    for side in sides:
        shutil.rmtree(side.project)
    return row


# Targets and report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    limit: str
    measured: str
    met: bool | None
    """None when this run did not measure it (a size left out, Hugo missing)."""


def targets(result: Mapping[str, Any]) -> list[Target]:
    rows = result["sizes"]
    found: list[Target] = []
    if not rows:
        return found
    largest, smallest = rows[-1], rows[0]
    for row in rows:
        ratio = row.get("ratio_mkdocs")
        found.append(
            Target(
                f"build at {row['projects']} projects / MkDocs + Material + Pagefind",
                f"≤ {TARGETS['mkdocs_ratio']}×",
                f"{ratio}×",
                ratio is not None and ratio <= TARGETS["mkdocs_ratio"],
            )
        )
    hugo_ratio = largest.get("ratio_hugo")
    found.append(
        Target(
            f"build at {largest['projects']} projects / Hugo + Pagefind",
            f"≤ {TARGETS['hugo_ratio']}×",
            "Hugo missing" if hugo_ratio is None else f"{hugo_ratio}×",
            None if hugo_ratio is None else hugo_ratio <= TARGETS["hugo_ratio"],
        )
    )
    growth = result.get("growth")
    found.append(
        Target(
            f"time per page, {smallest['projects']} → {largest['projects']} projects",
            f"≤ {TARGETS['growth']}×",
            "one size only" if growth is None else f"{growth}×",
            None if growth is None else growth <= TARGETS["growth"],
        )
    )
    seconds = largest["validate"]["median"]
    found.append(
        Target(
            f"katalog validate at {largest['projects']} projects",
            f"≤ {TARGETS['validate_seconds']} s",
            f"{seconds} s",
            seconds <= TARGETS["validate_seconds"],
        )
    )
    if "reader" in largest:
        from benchmarks import reader as reading

        for name, measured, limit, met in reading.verdicts(largest["reader"]):
            found.append(Target(f"{name}, {largest['projects']} projects", limit, measured, met))
    if "serve" in largest:
        from benchmarks import serve

        shown = largest["serve"]
        found.append(
            Target(
                f"mkdocs serve: an edited record's page shows the edit, {largest['projects']} "
                "projects",
                f"≤ {serve.LIMIT:g} s",
                f"{shown['page_median']} s (search {shown['search_median']} s, rebuilt "
                f"{shown['rebuild_median']} s)",
                shown["page_median"] <= serve.LIMIT,
            )
        )
    peak = max(row["ours"]["peak_mb"] for row in rows)
    found.append(
        Target(
            "peak memory of a build, all its processes together",
            f"≤ {TARGETS['peak_mb']:.0f} MB",
            f"{peak} MB",
            peak <= TARGETS["peak_mb"],
        )
    )
    return found


def table(result: Mapping[str, Any]) -> str:
    lines = [
        f"median of {result['rounds']} round(s); ratio = ours / baseline (below 1: ours faster)",
        f"{'projects':>9}{'pages':>8}{'ours':>9}{'ms/page':>9}{'peak':>9}{'output':>9}"
        f"{'mkdocs':>9}{'ratio':>7}{'hugo':>9}{'ratio':>7}{'validate':>10}",
    ]
    for row in result["sizes"]:
        ours, mkdocs, hugo = row["ours"], row["mkdocs"], row["hugo"]
        line = (
            f"{row['projects']:>9}{row['pages']:>8}{ours['median']:>8.2f}s"
            f"{ours['ms_per_page']:>7.2f}ms{ours['peak_mb']:>7.0f}MB"
            f"{ours['output_bytes'] / 1e6:>7.1f}MB"
            f"{mkdocs['median']:>8.2f}s{row['ratio_mkdocs']:>7.2f}"
        )
        line += (
            "  missing       "
            if hugo is None
            else (f"{hugo['median']:>8.2f}s{row['ratio_hugo']:>7.2f}")
        )
        line += f"{row['validate']['median']:>9.2f}s"
        lines.append(line)
    if result.get("growth") is not None:
        growth = result["growth"]
        lines.append(f"time per page grows {growth}× from the smallest size to the largest")
    largest = result["sizes"][-1]
    peaks = [
        f"ours {largest['ours']['peak_mb']:.0f} MB",
        f"MkDocs + Material + Pagefind {largest['mkdocs']['peak_mb']:.0f} MB",
    ]
    if largest["hugo"] is not None:
        peaks.append(f"Hugo + Pagefind {largest['hugo']['peak_mb']:.0f} MB")
    lines.append(
        f"peak memory at {largest['projects']} projects, all processes: {', '.join(peaks)}"
    )
    lines.append("")
    lines.append("targets:")
    for target in targets(result):
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[target.met]
        lines.append(f"  {verdict:<13}{target.name}: {target.measured} (target {target.limit})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=3, help="builds of each site a size")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--no-reader",
        action="store_true",
        help="leave out what a reader downloads (benchmarks/reader.py, at the largest size)",
    )
    parser.add_argument(
        "--edits",
        type=int,
        default=3,
        help="edits previewed by mkdocs serve at the largest size (benchmarks/serve.py); 0: none",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    hugo = shutil.which("hugo")
    result: dict[str, Any] = {"rounds": args.rounds, "hugo": hugo is not None, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="katalog-scale-") as folder:
        sizes = sorted(args.projects)
        for count in sizes:
            largest = count == sizes[-1]
            reader = not args.no_reader and largest
            edits = args.edits if largest else 0
            result["sizes"].append(
                measure(count, args.rounds, Path(folder), hugo, True, reader, edits)
            )
    rows = result["sizes"]
    result["growth"] = (
        round(rows[-1]["ours"]["ms_per_page"] / rows[0]["ours"]["ms_per_page"], 3)
        if len(rows) > 1
        else None
    )
    result["targets"] = [target.__dict__ for target in targets(result)]
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else table(result))


if __name__ == "__main__":
    main()
