"""Helpers for tests that build the real site: run MkDocs, fingerprint and serve output."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from katalog.site.texts import text
from tests.paths import PARTNER_CALLS, REPO

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""How Debian's Chromium is started here: as root, with no network but localhost."""

BUILD_DATE_EPOCH = "1795564800"
"""2026-11-25 00:00 UTC: the fixed build date of test builds (SOURCE_DATE_EPOCH)."""


def build(
    project: Path, *extra: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, as the README's build command runs it."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder at `mount`, and its 404.html for any address it lacks (as GitHub
    Pages does, also outside `mount`)."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.mount) :])

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, mount: str = "/") -> Iterator[str]:
    """Serve `folder` on a free localhost port at the path `mount` (as GitHub Pages serves a
    project's site at /<repository>/); yields the base URL (ending in /)."""
    handler_class = type("Handler", (_QuietHandler,), {"mount": mount})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = Path(os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium, which .ci/run installs; KATALOG_CHROMIUM may name another."""


@contextlib.contextmanager
def browse(site: Path, mount: str = "/") -> Iterator[tuple[str, Browser]]:
    """Serve a built site at `mount` and start Chromium: (the site's base URL, the browser)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: the browser tests drive Debian's Chromium. Install it "
            "with `apt-get install chromium fonts-dejavu-core` (as .ci/run does), or set "
            "KATALOG_CHROMIUM to a Chromium binary.",
            pytrace=False,
        )
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve(site, mount))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        yield base, browser


LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@contextlib.contextmanager
def page_opener(browser: Browser, timeout_ms: int) -> Iterator[Callable[..., Page]]:
    """Opens pages in fresh browser contexts (options as for `new_context`).

    Requests leave this machine for nowhere (fonts and the like are refused), and a
    JavaScript error on any page opened fails the test when the contexts are closed.
    """
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    def opener(**options: Any) -> Page:
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(timeout_ms)
        context.route("**/*", local_only)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield opener
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def add_partner_calls(content: Path) -> None:
    """Add the test projects with partner calls (open, closed by date, closed by completion)."""
    import shutil

    for record in sorted(PARTNER_CALLS.glob("*.yml")):
        shutil.copy2(record, content / "projects" / record.name)


def copy_project(target: Path) -> Path:
    """A copy of the site project (config, docs, hooks, overrides, content)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides", "content"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def settle_search(page: Page) -> None:
    """Waits until the search has shown the results of the latest change and announced them."""
    page.wait_for_function(
        """() => {
            const root = document.querySelector("[data-kat-search]");
            const status = root && root.querySelector(".kat-search__status");
            return root.classList.contains("kat-search--ready")
                && root.getAttribute("aria-busy") !== "true"
                && status.textContent.trim() !== "";
        }"""
    )


def search_results(page: Page) -> list[str]:
    """The addresses of the search page's result cards, in order."""
    links: list[str] = page.locator(".kat-search__results .kat-card__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return links


def search_status(page: Page) -> str:
    """The search page's status line, as announced to screen readers."""
    return page.locator(".kat-search__status").inner_text().strip()


def count_text(lang: str, count: int) -> str:
    """The status line for `count` results, as katalog/site/texts.py words it."""
    if count == 0:
        return text(lang, "search.results.none")
    if count == 1:
        return text(lang, "search.results.one")
    return text(lang, "search.results.other", count=count)


PREVIEW_START = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, edits = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
url = "http://127.0.0.1:8000/"
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

def config():
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    loaded.site_url = url
    return loaded

def edit(path, old, new):
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")

first = config()
first.plugins.on_startup(command="serve", dirty=False)
build(first, serve_url=url)
"""
"""The start of a script that runs MkDocs' preview builds as `mkdocs serve` does (one
process; the config and its hooks loaded anew for every build; `on_startup` with "serve"
once), given the project, the site folder and its edits (JSON) as arguments: the first
build, and `config()` and `edit(path, old, new)` for the rest of the script."""


def run_preview(
    script: str, project: Path, site: Path, edits: object
) -> subprocess.CompletedProcess[str]:
    """`PREVIEW_START` and then `script`, run on `project` into `site` with `edits`, on
    the tests' build date; it must succeed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH}
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW_START + script, str(project), str(site), json.dumps(edits)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done
