"""`mkdocs serve` (the README's preview) rebuilds when a content record changes.

The server runs in a copy of the project on a free localhost port; the test edits a record
and waits, with a deadline, for the served page to change. A record broken part-way through
editing must not stop the server: fixing it brings the page back. An edited record's page
is shown before the rest of the site is built again, and browsers reload twice: to it, then
to the rebuilt site.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SLUG = "georgia-municipalities-new-tasks"
PAGE = f"nb/projects/{SLUG}/"
OLD_TITLE = "Georgiske kommuner rustet for nye oppgaver"
DEADLINE = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str) -> str | None:
        """The page's HTML, or None if the server does not answer it (yet)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=2) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + DEADLINE
        while not done():
            if self.process.poll() is not None:
                pytest.fail(
                    f"mkdocs serve exited ({self.process.returncode}) while waiting for {what}:\n"
                    + self.output(),
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"no {what} within {DEADLINE:.0f} s; mkdocs serve said:\n" + self.output(),
                    pytrace=False,
                )
            time.sleep(0.2)

    def wait_for_page_with(self, path: str, text: str) -> None:
        def shows() -> bool:
            html = self.fetch(path)
            return html is not None and text in html

        self.wait_for(f"{path} showing {text!r}", shows)


@contextlib.contextmanager
def serving(project: Path, log: Path) -> Iterator[Server]:
    """`mkdocs serve` of `project` on a free port, its output in `log`; stopped after."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield Server(process=process, base=f"http://127.0.0.1:{port}/", log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[Server]:
    with serving(project, tmp_path / "serve.log") as running:
        yield running


def _shown(project: Path, server: Server) -> tuple[Path, str]:
    """The record's file and text, once the server shows its page."""
    record = project / "content" / "projects" / f"{SLUG}.yml"
    original = record.read_text(encoding="utf-8")
    assert original.count(f"  nb: {OLD_TITLE}\n") == 1, "the record's nb title has changed"
    server.wait_for_page_with(PAGE, OLD_TITLE)
    return record, original


def test_serve_rebuilds_when_a_record_changes_and_survives_a_broken_one(
    project: Path, server: Server
) -> None:
    record, original = _shown(project, server)

    new_title = "Georgiske kommuner klare for nye oppgaver i en endret tittel"
    record.write_text(original.replace(OLD_TITLE, new_title), encoding="utf-8")
    server.wait_for_page_with(PAGE, new_title)

    # Half-way through an edit: the YAML does not parse. The server reports it and keeps going.
    reported = len(server.output())
    broken = original.replace("title:\n", "title: [\n", 1)
    assert broken != original
    record.write_text(broken, encoding="utf-8")
    server.wait_for(
        f"report of the broken {record.name}",
        lambda: record.name in server.output()[reported:],
    )
    time.sleep(1)
    assert server.process.poll() is None, "mkdocs serve stopped on a broken record:\n" + (
        server.output()
    )

    fixed_title = "Georgiske kommuner rustet for nye oppgaver etter en rettelse"
    record.write_text(original.replace(OLD_TITLE, fixed_title), encoding="utf-8")
    server.wait_for_page_with(PAGE, fixed_title)
    assert new_title not in (server.fetch(PAGE) or "")


def _reloaded_after(server: Server, epoch: int) -> int:
    """The version of the site the server next tells browsers to reload to (it answers once
    the site changes)."""
    url = f"{server.base}livereload/{epoch}/{epoch + 1}"
    with urllib.request.urlopen(url, timeout=DEADLINE) as response:
        return int(response.read())


def test_an_edited_record_shows_before_the_rebuild_and_browsers_reload_twice(
    project: Path, server: Server
) -> None:
    record, original = _shown(project, server)
    shown = re.search(r"livereload\((\d+),", server.fetch(PAGE) or "")
    assert shown, "the preview's page has no live-reload script"
    epoch = int(shown[1])

    new_title = "Georgiske kommuner med en tittel vist for gjenoppbyggingen"
    record.write_text(original.replace(OLD_TITLE, new_title), encoding="utf-8")
    first = _reloaded_after(server, epoch)
    # the browsers reload to the edited page while the rest of the site is built again
    assert first > epoch
    assert new_title in (server.fetch(PAGE) or "")
    log = server.output()
    assert f"Shown before the rebuild: {PAGE}, en/projects/{SLUG}/" in log, log
    # and search indexes them as they are now, without waiting for the rebuild
    started = "Search index being updated for 2 page(s) before the rebuild"
    deadline = time.monotonic() + DEADLINE
    while started not in log and time.monotonic() < deadline:
        time.sleep(0.05)
        log = server.output()
    assert started in log, log
    # and once more when the rebuild is in place, with the lists that show the record
    second = _reloaded_after(server, first)
    assert second > first
    assert new_title in (server.fetch("nb/projects/") or "")
