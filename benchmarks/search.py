"""Benchmark: the size of the search index and what a browser downloads for a first query.

    .venv/bin/python benchmarks/search.py [--projects 0 5000] [--query kommune]

For each catalogue (the real content, then the real content plus generated projects,
not committed), builds the site once, prints the index size per language and in all,
then opens a Norwegian page in Debian's Chromium (/usr/bin/chromium, through
Playwright), runs one Pagefind query and loads the first five results' data, and
prints the bytes that took, split by kind of file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import build_once, prepare
from tests.support import CHROMIUM_ARGS, serve


def kind_of(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    for suffix, kind in (
        (".js", "javascript"),
        (".pagefind", "wasm"),
        ("pf_meta", "metadata"),
        ("pf_index", "word index"),
        ("pf_filter", "filters"),
        ("pf_fragment", "fragments"),
        (".json", "entry"),
    ):
        if name.endswith(suffix):
            return kind
    return "other"


def first_query(site: Path, query: str) -> Counter[str]:
    sizes: Counter[str] = Counter()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.abort() if not route.request.url.startswith(base) else route.continue_()
            ),
        )
        page.goto(base + "nb/", wait_until="load")

        def count(request: object) -> None:
            url = request.url  # type: ignore[attr-defined]
            if "/pagefind/" in url:
                sizes[kind_of(url)] += request.sizes()["responseBodySize"]  # type: ignore[attr-defined]

        page.on("requestfinished", count)
        found = page.evaluate(
            """async ([bundle, query]) => {
                const pagefind = await import(bundle + "pagefind.js");
                await pagefind.init();
                const search = await pagefind.search(query);
                const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
                return [search.results.length, data.map(d => d.url)];
            }""",
            [base + "pagefind/", query],
        )
        page.wait_for_timeout(300)
        browser.close()
    sizes["results"] = found[0]
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[0, 5000])
    parser.add_argument("--query", default="kommune")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.projects:
            project = prepare(Path(folder) / f"p{count}", count)
            seconds = build_once(project)
            bundle = project / "site" / "pagefind"
            total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
            per_lang = {
                lang: sum(p.stat().st_size for p in bundle.rglob(f"*{lang}_*") if p.is_file())
                + sum(p.stat().st_size for p in bundle.rglob(f"wasm.{lang}.pagefind"))
                for lang in ("nb", "en")
            }
            sizes = first_query(project / "site", args.query)
            results = sizes.pop("results")
            downloaded = sum(sizes.values())
            print(f"catalogue: real content + {count} generated projects (build {seconds:.1f} s)")
            nb, en = per_lang["nb"] / 1e6, per_lang["en"] / 1e6
            print(f"  bundle on disk: {total / 1e6:.2f} MB; index nb {nb:.2f} MB, en {en:.2f} MB")
            print(
                f"  first query {args.query!r} on /nb/ ({results} results, data of the first 5): "
                f"{downloaded / 1e3:.0f} kB"
            )
            for kind, size in sorted(sizes.items(), key=lambda item: -item[1]):
                print(f"    {kind:<12}{size / 1e3:>8.1f} kB")


if __name__ == "__main__":
    main()
