"""Benchmark: what a reader downloads, compressed as a host serves it.

    .venv/bin/python benchmarks/reader.py [--projects 5000] [--query kommune]

Builds the catalogue with that many generated projects (distinct titles and summaries, as
`benchmarks/scale.py` makes them), then, in Debian's Chromium (through Playwright), with an
empty cache each time:

- opens a project page and counts every request it makes, and whether one of them is
  `sitemap.xml`;
- opens the search page with a query in its address and counts every request until the
  results are shown (the page itself, its styles and scripts, Pagefind's script,
  WebAssembly, index, filters and the results' fragments);

and, without a browser, weighs every listing page (the projects and programmes pages and
each page of a country, theme or organisation, with their further pages) and reports the
heaviest.

Each file is counted as a host serves it: HTML, CSS, JavaScript, JSON, SVG and XML
compressed with gzip (level 6, the usual default), Pagefind's own files (already
compressed by Pagefind) as they are. Sizes come from the built files, so they do not
depend on the test server.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale import Catalogue, prepare
from tests.support import CHROMIUM, CHROMIUM_ARGS, serve, settle_search

COMPRESSED_BY_HOST = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

LIMITS = {"project_page": 60_000, "listing_page": 150_000, "first_search": 150_000}
"""Bytes, compressed as served: a project page cold, any listing page, a first search."""

LISTINGS = ("projects", "programmes", "countries", "themes", "organisations")


@cache
def served_size(path: Path) -> int:
    """The bytes a host sends for the file at `path`."""
    data = path.read_bytes()
    if path.suffix in COMPRESSED_BY_HOST:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def _local(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url).path[len(urlsplit(base).path) :])
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return path if path.is_file() else None


def _requests(site: Path, base: str, requested: Iterable[str]) -> dict[str, Any]:
    files = [(url, _local(site, base, url)) for url in requested]
    missing = [url for url, path in files if path is None]
    sizes = {url: served_size(path) for url, path in files if path is not None}
    return {
        "requests": len(files),
        "bytes": sum(sizes.values()),
        "largest": sorted(sizes.items(), key=lambda item: -item[1])[:5],
        "sizes": sizes,
        "not_found": missing,
        "sitemap": any(urlsplit(url).path.endswith("/sitemap.xml") for url in requested),
    }


def in_browser(site: Path, project: str, query: str) -> dict[str, Any]:
    """The project page's and the first search's requests, each with an empty cache."""
    result: dict[str, Any] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, path, settle in (
            ("project_page", f"nb/projects/{project}/", None),
            ("first_search", f"nb/search/?q={query}", settle_search),
        ):
            context = browser.new_context()  # an empty cache
            page = context.new_page()
            requested: list[str] = []

            def finished(request: Request, into: list[str] = requested) -> None:
                into.append(request.url)

            page.on("requestfinished", finished)
            page.goto(base + path, wait_until="load")
            if settle is not None:
                settle(page)
            page.wait_for_timeout(500)  # anything the page fetches after it has loaded
            result[name] = _requests(site, base, requested)
            context.close()
        browser.close()
    return result


def listing_pages(site: Path) -> list[Path]:
    """Every page that lists records or entries, with its further pages, in both languages:
    the projects and programmes pages, each programme's own page (it lists its projects),
    every page of the countries, themes and organisations, and the data page (its quality
    report lists records)."""
    found: list[Path] = []
    for lang in ("nb", "en"):
        found.append(site / lang / "projects" / "index.html")
        found += sorted((site / lang / "projects" / "page").glob("*/index.html"))
        for section in ("programmes", "countries", "themes", "organisations"):
            found += sorted((site / lang / section).rglob("index.html"))
        found.append(site / lang / "data" / "index.html")
    return [path for path in found if path.is_file()]


def listings(site: Path) -> dict[str, Any]:
    sizes = {path.relative_to(site).as_posix(): served_size(path) for path in listing_pages(site)}
    heaviest = max(sizes.items(), key=lambda item: item[1])
    return {"pages": len(sizes), "heaviest": heaviest[0], "bytes": heaviest[1]}


def measure(site: Path, project: str, query: str) -> dict[str, Any]:
    result = in_browser(site, project, query)
    result["listing_page"] = listings(site)
    return result


def verdicts(result: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(target, measured, limit, met) for each reader-side target."""
    project, search, listing = (
        result["project_page"],
        result["first_search"],
        result["listing_page"],
    )
    return [
        (
            "a project page, cold, no sitemap.xml",
            f"{project['bytes'] / 1000:.1f} kB in {project['requests']} requests"
            + (", sitemap.xml fetched" if project["sitemap"] else ""),
            f"≤ {LIMITS['project_page'] / 1000:.0f} kB",
            project["bytes"] <= LIMITS["project_page"] and not project["sitemap"],
        ),
        (
            "the heaviest listing page",
            f"{listing['bytes'] / 1000:.1f} kB ({listing['heaviest']})",
            f"≤ {LIMITS['listing_page'] / 1000:.0f} kB",
            listing["bytes"] <= LIMITS["listing_page"],
        ),
        (
            "a first search on the search page, page included",
            f"{search['bytes'] / 1000:.1f} kB in {search['requests']} requests",
            f"≤ {LIMITS['first_search'] / 1000:.0f} kB",
            search["bytes"] <= LIMITS["first_search"],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--query", default="kommune")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="katalog-reader-") as folder:
        catalogue = Catalogue(prepare(Path(folder) / "project", args.projects))
        catalogue.build()
        result = measure(catalogue.output(), "generated-project-00000", args.query)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"real content + {args.projects} generated projects, compressed as served:")
    for name, measured, limit, met in verdicts(result):
        print(f"  {'met' if met else 'NOT MET':<9}{name}: {measured} (target {limit})")


if __name__ == "__main__":
    main()
