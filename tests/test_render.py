"""The catalogue writes its own pages and files (katalog/site/render.py): in several
processes at once, each page and file by one of them, with the same bytes as one process
writes; a page that fails stops the build with its address and error, whichever process
it fell to, and a file that cannot be written with its path; a bad `KATALOG_WORKERS` is
refused. The real build with one process and with the default gives the same site, byte
for byte, as it does with each card laid out once and reused or laid out anew on every
page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from katalog.site import csp, render
from katalog.site.texts import text
from katalog.site.views import Page
from tests.support import BUILD_DATE_EPOCH, build, copy_project, snapshot

PAGES = 150


def _page(index: int) -> Page:
    return Page(
        path=f"nb/projects/page-{index:03d}/",
        template=f"catalogue/kind-{index % 3}.html",
        lang="nb",
        title=f"Side {index}",
        description="",
        view=None,
        texts=text,
    )


def _layout(page: Page) -> str:
    n = int(page.title[5:])
    body = " data-pagefind-body" if n % 2 == 0 else ""
    return (
        f'<!doctype html><html lang="nb"><head>{csp.META}<title>{page.title}</title></head>'
        f"<body><script>var n = {n};</script><main{body}><h1>{page.title}</h1></main></body>"
        "</html>"
    )


def _written(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*.html"))
    }


def test_several_processes_write_every_page_with_the_bytes_one_process_writes(
    tmp_path: Path,
) -> None:
    pages = [_page(index) for index in range(PAGES)]
    log = tmp_path / "writers.log"

    def logged(page: Page) -> str:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {page.path}\n")
        return _layout(page)

    indexed_one = render.write_pages(pages, _layout, tmp_path / "one", processes=1)
    indexed_three = render.write_pages(pages, logged, tmp_path / "three", processes=3)
    one, three = _written(tmp_path / "one"), _written(tmp_path / "three")
    # the pages the search index takes, in the pages' order, whichever process wrote them
    expected = [f"nb/projects/page-{n:03d}/index.html" for n in range(0, PAGES, 2)]
    assert indexed_one == indexed_three == {"nb": expected}
    assert len(one) == PAGES
    assert one == three
    assert "nb/projects/page-007/index.html" in one
    html = one["nb/projects/page-007/index.html"].decode("utf-8")
    assert csp.sha256("var n = 7;") in html  # each page finished with its own policy
    writers: dict[str, str] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, path = line.split()
        assert path not in writers  # each page laid out once
        writers[path] = pid
    assert len(writers) == PAGES
    assert len(set(writers.values())) == 3
    assert str(os.getpid()) in writers.values()


FILES = [(f"data/projects/p-{n:03d}.json", f'{{"n": {n}}}'.encode()) for n in range(50)]


def test_the_processes_write_every_file_with_the_pages(tmp_path: Path) -> None:
    pages = [_page(index) for index in range(PAGES)]
    for count in (1, 3):
        site = tmp_path / f"site-{count}"
        render.write_pages(pages, _layout, site, processes=count, files=FILES)
        written = {
            path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted((site / "data").rglob("*"))
            if path.is_file()
        }
        assert written == dict(FILES)


def test_a_file_that_cannot_be_written_stops_the_writing_with_its_path(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "projects").write_text("a file where a folder must be", encoding="utf-8")
    pages = [_page(index) for index in range(PAGES)]
    with pytest.raises(render.RenderError, match=r"^data/projects/p-\d{3}\.json could not be"):
        render.write_pages(pages, _layout, site, processes=3, files=FILES)


@pytest.mark.parametrize("failing", [0, 1, 2, 148])
def test_a_failing_page_stops_the_writing_with_its_address(tmp_path: Path, failing: int) -> None:
    """Page 0 is written before the processes fork; the others fall to each process."""
    pages = [_page(index) for index in range(PAGES)]

    def layout(page: Page) -> str:
        if page is pages[failing]:
            raise KeyError("no such text")
        return _layout(page)

    with pytest.raises(render.RenderError) as raised:
        render.write_pages(pages, layout, tmp_path / "site", processes=3)
    assert str(raised.value) == (
        f"nb/projects/page-{failing:03d}/ could not be laid out: KeyError: 'no such text'"
    )


def test_a_page_without_its_policy_element_is_named(tmp_path: Path) -> None:
    pages = [_page(index) for index in range(PAGES)]

    def layout(page: Page) -> str:
        return "<!doctype html><title>x</title>" if page is pages[77] else _layout(page)

    with pytest.raises(render.RenderError, match=r"^nb/projects/page-077/: the page must carry"):
        render.write_pages(pages, layout, tmp_path / "site", processes=2)


@pytest.mark.parametrize(("given", "count"), [("1", 1), ("3", 3), (" 2 ", 2)])
def test_workers_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, given: str, count: int
) -> None:
    monkeypatch.setenv("KATALOG_WORKERS", given)
    assert render.workers() == count


@pytest.mark.parametrize("given", ["0", "-1", "two", "1.5"])
def test_bad_workers_are_refused(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv("KATALOG_WORKERS", given)
    with pytest.raises(render.RenderError, match="KATALOG_WORKERS must be"):
        render.workers()


def test_without_the_setting_at_most_the_processors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KATALOG_WORKERS", raising=False)
    assert 1 <= render.workers() <= render.MAX_WORKERS


def test_the_real_build_in_one_process_gives_the_same_site(tmp_path: Path) -> None:
    sites = {}
    for workers in ("1", ""):
        project = copy_project(tmp_path / f"workers-{workers or 'default'}")
        done = build(
            project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_WORKERS": workers}
        )
        assert done.returncode == 0, done.stdout + done.stderr
        sites[workers] = snapshot(project / "site")
    assert sum(name.endswith(".html") for name in sites["1"]) > render.MIN_PARALLEL
    assert sites["1"] == sites[""]


def test_a_bad_workers_setting_stops_the_build_and_says_why(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_WORKERS": "none"})
    assert done.returncode != 0
    assert "KATALOG_WORKERS must be a whole number of processes, not 'none'" in (
        done.stdout + done.stderr
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert not (project / "site").exists()


KILLED_PARENT = """
import os, sys, time
from pathlib import Path
sys.path[:0] = [{repo!r}]
from tests.test_render import PAGES, _layout, _page
from katalog.site import render

log = Path({log!r})

def slow(page):
    with log.open("a") as out:
        out.write(f"{{os.getpid()}}\\n")
    time.sleep(0.2)  # 50 pages each: 10 s that no child is left to spend
    return _layout(page)

render.write_pages([_page(n) for n in range(PAGES)], slow, Path({site!r}), processes=3)
"""


def test_a_killed_build_leaves_no_process_writing_pages(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    log = tmp_path / "writers.log"
    script = KILLED_PARENT.format(
        repo=str(Path(__file__).resolve().parent.parent), log=str(log), site=str(tmp_path / "s")
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    writers: set[int] = set()
    while len(writers) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
        if log.exists():
            writers = {int(line) for line in log.read_text().split()}
    assert parent.pid in writers and len(writers) == 3
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    children = writers - {parent.pid}
    soon = time.monotonic() + 3
    while time.monotonic() < soon and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)
    assert len(list((tmp_path / "s").rglob("*.html"))) < PAGES


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_what_the_writing_processes_log_is_logged_by_the_build_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs' --strict counts the warnings logged in the build's own process: the writing
    processes' warnings must reach it, each once."""
    import logging

    pages = [_page(index) for index in range(PAGES)]

    def warning(page: Page) -> str:
        if int(page.title[5:]) % 10 == 3:
            logging.getLogger("mkdocs.hooks.test").warning("odd text on %s", page.path)
        return _layout(page)

    with caplog.at_level(logging.WARNING):
        render.write_pages(pages, warning, tmp_path / "site", processes=3)
    said = sorted(r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.test")
    assert said == sorted(f"odd text on nb/projects/page-{n:03d}/" for n in range(3, PAGES, 10))
    assert {r.levelno for r in caplog.records if r.name == "mkdocs.hooks.test"} == {logging.WARNING}


def test_a_page_cache_lays_out_again_only_the_pages_that_changed(tmp_path: Path) -> None:
    from dataclasses import replace

    from katalog.site.pagecache import PageCache

    laid_out: list[str] = []

    def counted(page: Page) -> str:
        laid_out.append(page.path)
        return _layout(page)

    pages = [_page(index) for index in range(20)]
    cache = PageCache()
    try:
        cache.start(tmp_path / "one", "theme")
        first = render.write_pages(pages, counted, tmp_path / "one", cache=cache)
        assert len(laid_out) == 20 and (cache.laid_out, cache.reused) == (20, 0)

        laid_out.clear()
        changed = [*pages[:5], replace(pages[5], title="Side 5"), *pages[6:-1]]  # one fewer
        changed[5] = replace(pages[5], description="endret")
        cache.start(tmp_path / "two", "theme")
        second = render.write_pages(changed, counted, tmp_path / "two", cache=cache)
        assert laid_out == [pages[5].path] and (cache.laid_out, cache.reused) == (1, 18)
        assert second == {"nb": [f for f in first["nb"] if "page-019" not in f]}
        fresh = tmp_path / "fresh"
        render.write_pages(changed, _layout, fresh, processes=1)
        assert _written(tmp_path / "two") == _written(fresh)
        # the page that went is no longer kept
        assert cache.folder is not None
        assert not (cache.folder / "nb/projects/page-019/index.html").exists()

        laid_out.clear()
        cache.start(tmp_path / "three", "another theme")  # every page again
        render.write_pages(changed, counted, tmp_path / "three", cache=cache)
        assert len(laid_out) == 19 and cache.reused == 0

        def failing(page: Page) -> str:
            raise ValueError("broken")

        cache.start(tmp_path / "four", "another theme")
        with pytest.raises(render.RenderError):
            render.write_pages([_page(99), *changed], failing, tmp_path / "four", cache=cache)
        laid_out.clear()  # after a failed build nothing is trusted
        cache.start(tmp_path / "five", "another theme")
        render.write_pages(changed, counted, tmp_path / "five", cache=cache)
        assert len(laid_out) == 19
    finally:
        folder = cache.folder
        cache.clear()
        assert folder is None or not folder.exists()


def test_a_remembered_piece_is_made_once_for_each_key() -> None:
    made: list[tuple[str, int]] = []

    def make(name: str, number: int) -> str:
        made.append((name, number))
        return f"<p>{name} {number}</p>"

    remembered = render.Remembered()
    assert remembered(("card", 1), make, "a", 1) == "<p>a 1</p>"
    assert remembered(("card", 1), make, "a", 1) == "<p>a 1</p>"
    assert remembered(("card", 2), make, "b", 2) == "<p>b 2</p>"
    assert made == [("a", 1), ("b", 2)]
    assert render.Remembered()(("card", 1), make, "c", 3) == "<p>c 3</p>"  # a new build's


def test_cards_laid_out_once_and_reused_give_the_site_cards_laid_out_every_time(
    tmp_path: Path,
) -> None:
    """A card's key names all it depends on: the site is the same, byte for byte, when
    every card is laid out anew."""
    sites = {}
    for remember in (True, False):
        project = copy_project(tmp_path / ("remembered" if remember else "anew"))
        if not remember:
            macros = project / "overrides" / "partials" / "catalogue" / "macros.html"
            text = macros.read_text(encoding="utf-8")
            call = (
                '{{- remembered(("card", katalog.lang, heading, item, item.link.url | url), '
                "_card, item, heading) -}}"
            )
            assert call in text
            macros.write_text(text.replace(call, "{{- _card(item, heading) -}}"), encoding="utf-8")
        done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
        assert done.returncode == 0, done.stdout + done.stderr
        sites[remember] = snapshot(project / "site")
    assert sites[True] == sites[False]
