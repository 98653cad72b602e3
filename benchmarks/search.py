"""Benchmark: the size of the search index and what a browser downloads for a first query.

    .venv/bin/python benchmarks/search.py [--projects 0 5000] [--query kommune]

For each catalogue (the real content, then the real content plus generated projects with
distinct titles and summaries, not committed), builds the site once, prints the index size
per language and in all, then opens the Norwegian search page with the query in its
address in Debian's Chromium (/usr/bin/chromium, through Playwright), with an empty cache,
and counts every request the page makes until the results are shown, compressed as a host
serves it (`benchmarks/reader.py`): the page, its styles and scripts, and Pagefind's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.reader import in_browser
from benchmarks.scale import Catalogue, prepare


def kind_of(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    for suffix, kind in (
        (".pagefind", "Pagefind's WebAssembly"),
        ("pf_meta", "Pagefind's metadata"),
        ("pf_index", "Pagefind's word index"),
        ("pf_filter", "Pagefind's filters"),
        ("pf_fragment", "Pagefind's fragments"),
        ("pagefind-entry.json", "Pagefind's entry"),
        (".js", "scripts"),
        (".css", "styles"),
    ):
        if name.endswith(suffix):
            return kind
    return "the page and the rest"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[0, 5000])
    parser.add_argument("--query", default="kommune")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.projects:
            catalogue = Catalogue(prepare(Path(folder) / f"p{count}", count))
            seconds = catalogue.build().seconds
            bundle = catalogue.output() / "pagefind"
            total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
            per_lang = {
                lang: sum(p.stat().st_size for p in bundle.rglob(f"*{lang}_*") if p.is_file())
                + sum(p.stat().st_size for p in bundle.rglob(f"wasm.{lang}.pagefind"))
                for lang in ("nb", "en")
            }
            search = in_browser(catalogue.output(), "generated-project-00000", args.query)
            first = search["first_search"]
            print(f"catalogue: real content + {count} generated projects (build {seconds:.1f} s)")
            nb, en = per_lang["nb"] / 1e6, per_lang["en"] / 1e6
            print(f"  bundle on disk: {total / 1e6:.2f} MB; index nb {nb:.2f} MB, en {en:.2f} MB")
            print(
                f"  first search {args.query!r} on /nb/search/, page included: "
                f"{first['bytes'] / 1e3:.0f} kB compressed as served, {first['requests']} requests"
            )
            kinds: Counter[str] = Counter()
            for url, size in first["sizes"].items():
                kinds[kind_of(url)] += size
            for kind, size in sorted(kinds.items(), key=lambda item: -item[1]):
                print(f"    {kind:<26}{size / 1e3:>8.1f} kB")


if __name__ == "__main__":
    main()
