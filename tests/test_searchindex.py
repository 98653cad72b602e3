"""The search index is Pagefind run once per language over just the pages it indexes
(katalog/site/searchindex.py): the merged bundle is byte for byte the one a single run
over the whole site writes; Pagefind is shown no other page; the time limit holds for all
runs together, which run at the same time; runs that disagree on a shared file stop the build."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pagefind_bin
import pytest

from katalog import processes
from katalog.site import searchfiles, searchindex
from tests.support import snapshot

PAGEFIND = str(pagefind_bin.get_executable())


def _page(lang: str, title: str, indexed: bool) -> str:
    body = " data-pagefind-body" if indexed else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f"<nav>Meny</nav><main{body}><h1>{title}</h1><p>{title} kommune samarbeid "
        f'<span data-pagefind-filter="type">project</span></p></main></body></html>'
    )


def _site(root: Path) -> dict[str, list[str]]:
    """A small site in two languages; some pages are not indexed (a listing's later pages)."""
    indexed: dict[str, list[str]] = {}
    for lang in ("nb", "en"):
        for n in range(6):
            name = f"{lang}/projects/p{n}/index.html"
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(_page(lang, f"Prosjekt {lang} {n}", True), encoding="utf-8")
            indexed.setdefault(lang, []).append(name)
        later = root / lang / "projects" / "page" / "2" / "index.html"
        later.parent.mkdir(parents=True)
        later.write_text(_page(lang, f"Side 2 {lang}", False), encoding="utf-8")
    (root / "index.html").write_text(_page("nb", "Velg språk", False), encoding="utf-8")
    return indexed


def test_one_run_per_language_gives_the_bundle_one_run_over_the_site_gives(
    tmp_path: Path,
) -> None:
    ours, whole = tmp_path / "ours", tmp_path / "whole"
    indexed = _site(ours)
    _site(whole)
    searchindex.build(ours, indexed, PAGEFIND, 60)
    done = subprocess.run(
        [PAGEFIND, "--site", str(whole), "--output-subdir", "pagefind", "--silent"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for site in (ours, whole):
        searchfiles.normalise(site / "pagefind")
    assert sorted(p.name for p in ours.iterdir()) == ["en", "index.html", "nb", "pagefind"]
    first, second = snapshot(ours / "pagefind"), snapshot(whole / "pagefind")
    assert sum(name.startswith("fragment/") for name in first) == 12
    assert first == second


FAKE = """#!/bin/sh
# Records what it is shown (in a file of its language's) and when it ran, then writes a
# bundle of one language.
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site="$2"; shift 2;;
    --output-path) out="$2"; shift 2;;
    *) shift;;
  esac
done
lang=$(ls "$site" | head -n 1)
(cd "$site" && find . -name '*.html' | sort) > "{log}.$lang"
echo "run $lang $(date +%s.%N)" >> "{log}"
sleep {sleep}
echo "end $lang $(date +%s.%N)" >> "{log}"
mkdir -p "$out"
echo "// {script}" > "$out/pagefind.js"
printf '{{"version":"1","languages":{{"%s":{{"hash":"%s_1","wasm":"%s","page_count":1}}}}}}' \\
  "$lang" "$lang" "$lang" > "$out/pagefind-entry.json"
echo "$lang" > "$out/wasm.$lang.pagefind"
"""


def _runs(log: Path) -> dict[str, tuple[float, float | None]]:
    """Each run's language, and when it started and ended (None if it was stopped)."""
    started: dict[str, float] = {}
    ended: dict[str, float] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        what, lang, when = line.split()
        (started if what == "run" else ended)[lang] = float(when)
    return {lang: (at, ended.get(lang)) for lang, at in sorted(started.items())}


def _shown(log: Path, lang: str) -> list[str]:
    listed = Path(f"{log}.{lang}").read_text(encoding="utf-8").split("\n")
    return sorted(line.removeprefix("./") for line in listed if line)


def _fake(tmp_path: Path, sleep: float = 0, script: str = "same") -> tuple[str, Path]:
    log = tmp_path / "shown.log"
    binary = tmp_path / "pagefind"
    binary.write_text(FAKE.format(log=log, sleep=sleep, script=script), encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return str(binary), log


def test_pagefind_is_shown_only_the_indexed_pages_of_its_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    binary, log = _fake(tmp_path)
    searchindex.build(site, indexed, binary, 60)
    assert list(_runs(log)) == ["en", "nb"]
    assert _shown(log, "en") == sorted(indexed["en"])
    assert _shown(log, "nb") == sorted(indexed["nb"])
    bundle = site / "pagefind"
    assert (bundle / "wasm.en.pagefind").is_file() and (bundle / "wasm.nb.pagefind").is_file()
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert entry.index('"en"') < entry.index('"nb"')
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []  # links removed


def test_the_languages_are_indexed_at_the_same_time(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    binary, log = _fake(tmp_path, sleep=1.0)
    searchindex.build(site, indexed, binary, 60)
    (en_start, en_end), (nb_start, nb_end) = _runs(log).values()
    assert en_end is not None and nb_end is not None
    assert en_start < nb_end and nb_start < en_end  # each began before the other ended


def test_with_no_indexed_page_pagefind_is_run_over_the_whole_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _site(site)
    binary, log = _fake(tmp_path)
    (site / "nb" / "projects").rename(tmp_path / "away-nb")  # the fake names one language
    (site / "index.html").unlink()
    searchindex.build(site, {}, binary, 60)
    assert list(_runs(log)) == ["en"]


def test_the_time_limit_is_for_every_run_together(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    binary, log = _fake(tmp_path, sleep=3)
    started = time.monotonic()
    with pytest.raises(processes.TimedOut, match="within 1 seconds"):
        searchindex.build(site, indexed, binary, 1.0)
    assert time.monotonic() - started < 2.5  # every run was stopped at the one limit
    assert [ended for _, ended in _runs(log).values()] == [None, None]
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []


def test_runs_that_write_a_shared_file_differently_stop_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    binary, _ = _fake(tmp_path)
    wrapper = tmp_path / "differing"
    wrapper.write_text(
        f'#!/bin/sh\n"{binary}" "$@"\n'
        'while [ $# -gt 0 ]; do [ "$1" = --output-path ] && out="$2"; shift; done\n'
        'echo "$out" > "$out/pagefind.js"\n',  # a different script in each run
        encoding="utf-8",
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(searchindex.SearchIndexError, match=r"pagefind\.js differs"):
        searchindex.build(site, indexed, str(wrapper), 60)


def test_a_failing_run_says_why(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    binary = tmp_path / "failing"
    binary.write_text("#!/bin/sh\necho 'no such option' >&2\nexit 2\n", encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(searchindex.SearchIndexError, match=r"^no such option$"):
        searchindex.build(site, indexed, str(binary), 60)
    assert not os.path.exists(site / "pagefind")


def test_an_index_written_in_the_background_is_stopped_once_a_later_one_is_wanted(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    indexed = _site(site)
    searchindex.build(site, indexed, PAGEFIND, 60)
    log = tmp_path / "slow.log"
    slow = tmp_path / "slow-pagefind"
    slow.write_text(
        f'#!/bin/sh\necho "run $$ 0" >> "{log}"\nsleep 30\necho "end $$ 0" >> "{log}"\n'
        f'exec "{PAGEFIND}" "$@"\n',
        encoding="utf-8",
    )
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    said: list[str] = []
    report = (said.append, said.append)
    started = time.monotonic()
    assert searchindex.build_served(site, indexed, str(slow), 60, report)
    deadline = time.monotonic() + 10
    while not (log.exists() and len(_runs(log)) == 2) and time.monotonic() < deadline:
        time.sleep(0.05)  # both of the slow job's runs under way
    assert searchindex.build_served(site, indexed, PAGEFIND, 60, report)
    searchindex.wait()
    assert time.monotonic() - started < 15, "the slow runs were not stopped"
    assert [ended for _, ended in _runs(log).values()] == [None, None]
    assert said == [f"Search index updated: {site / 'pagefind'}"]  # the later one alone
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".search-")] == []
