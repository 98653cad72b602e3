"""Builds that survive faults: two at once, a Pagefind that hangs, a build killed part-way,
a swap cut short. Each runs real `mkdocs build`s in a throw-away copy of the project."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from katalog import sitefolder
from katalog.sitefolder import SiteFolder
from tests.support import build, snapshot

WAIT = 120
"""Seconds to wait for an event the test is sure of (a build reaching Pagefind, a process
ending): a bound on a broken build, never what decides a pass."""


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie that nobody reaps does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_until_gone(pid: int) -> None:
    for _ in range(WAIT * 10):
        if not alive(pid):
            return
        subprocess.run(["sleep", "0.1"], check=True)
    raise AssertionError(f"process {pid} is still running")


def start_build(project: Path, **env: str) -> subprocess.Popen[str]:
    """`mkdocs build --strict` in `project`, in a process group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        start_new_session=True,
    )


def site_is_whole(site: Path) -> None:
    files = snapshot(site)
    assert "index.html" in files
    assert "nb/index.html" in files and "en/projects/index.html" in files
    assert "pagefind/pagefind-entry.json" in files
    assert sum(name.endswith(".html") for name in files) > 150


@pytest.fixture
def hanging_pagefind(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A stand-in for Pagefind that says its process id, then never ends: (binary, pid file)."""
    pid_file = tmp_path / "pagefind.pid"
    binary = tmp_path / "pagefind"
    binary.write_text(
        f"#!/bin/sh\necho $$ >> {pid_file}.all\n"
        f"echo $$ > {pid_file}.part\nmv {pid_file}.part {pid_file}\nexec sleep 600\n",
        encoding="utf-8",
    )
    binary.chmod(0o755)
    yield binary, pid_file
    for pid in started_pagefinds(pid_file):  # whatever the test's outcome, leave no sleeper
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def started_pagefinds(pid_file: Path) -> list[int]:
    """The process ids of every run of the stand-in (one per language, run at once)."""
    every = Path(f"{pid_file}.all")
    return [int(line) for line in every.read_text().split()] if every.is_file() else []


def wait_for_pid(pid_file: Path, process: subprocess.Popen[str]) -> int:
    for _ in range(WAIT * 10):
        if pid_file.is_file():
            return int(pid_file.read_text())
        if process.poll() is not None:
            raise AssertionError(f"the build ended first: {process.stdout.read()}")  # type: ignore[union-attr]
        subprocess.run(["sleep", "0.1"], check=True)
    raise AssertionError("the build never reached Pagefind")


# --- Two builds at once ----------------------------------------------------------------


def test_two_builds_at_once_both_succeed_and_leave_a_whole_site(project: Path) -> None:
    first, second = start_build(project), start_build(project)
    outputs = [first.communicate(timeout=600)[0], second.communicate(timeout=600)[0]]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    site_is_whole(project / "site")
    assert leftovers(project) == []


def test_a_build_waits_for_the_one_holding_the_lock_and_says_so(project: Path) -> None:
    lock = project / ".site.lock"
    with lock.open("ab") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = start_build(project)
        assert waiting.stdout is not None
        lines = []
        for line in waiting.stdout:
            lines.append(line)
            if "waiting for it to finish" in line:
                break
        assert any("Another build is writing" in line for line in lines), lines
        assert not (project / "site").exists()
        assert waiting.poll() is None
    out = waiting.communicate(timeout=600)[0]
    assert waiting.returncode == 0, out
    site_is_whole(project / "site")
    assert leftovers(project) == []


# --- Pagefind that hangs, or a build killed while it runs ------------------------------


def test_a_pagefind_that_hangs_times_out_with_a_clear_error(
    project: Path, hanging_pagefind: tuple[Path, Path]
) -> None:
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    binary, pid_file = hanging_pagefind

    done = build(project, env={"KATALOG_PAGEFIND": str(binary), "KATALOG_PAGEFIND_TIMEOUT": "1"})

    assert done.returncode == 1
    assert "Pagefind did not finish within 1 seconds, and was stopped" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    wait_until_gone(int(pid_file.read_text()))
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_during_pagefind_cleans_up(
    project: Path, hanging_pagefind: tuple[Path, Path], signum: signal.Signals
) -> None:
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    binary, pid_file = hanging_pagefind
    running = start_build(project, KATALOG_PAGEFIND=str(binary))
    pagefind = wait_for_pid(pid_file, running)

    os.killpg(running.pid, signum)
    out = running.communicate(timeout=WAIT)[0]

    assert running.returncode == 1, out
    assert f"Stopped by {signum.name}; the site was not changed" in out
    wait_until_gone(pagefind)
    assert pagefind in started_pagefinds(pid_file)
    for other in started_pagefinds(pid_file):  # every language's run, not only the first
        wait_until_gone(other)
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_killed_during_pagefind_leaves_no_pagefind_and_the_old_site(
    project: Path, hanging_pagefind: tuple[Path, Path]
) -> None:
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    binary, pid_file = hanging_pagefind
    running = start_build(project, KATALOG_PAGEFIND=str(binary))
    pagefind = wait_for_pid(pid_file, running)

    os.kill(running.pid, signal.SIGKILL)  # the build alone: no handler sees this
    running.communicate(timeout=WAIT)

    wait_until_gone(pagefind)
    assert snapshot(project / "site") == before
    assert [name for name in leftovers(project) if name.startswith(".site.staging-")]
    assert build(project).returncode == 0, "the next build cleans up after the killed one"
    assert leftovers(project) == []
    site_is_whole(project / "site")


# --- The swap --------------------------------------------------------------------------


def test_the_swap_is_one_step_that_a_kill_cannot_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed the moment after the swap (here: deleting the old site fails) has
    the new site in place: there is no moment without one."""
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("old", encoding="utf-8")
    folder = SiteFolder(final)
    (folder.new_staging() / "index.html").write_text("new", encoding="utf-8")

    def killed(path: Path) -> None:
        assert (final / "index.html").read_text(encoding="utf-8") == "new"
        raise KeyboardInterrupt

    monkeypatch.setattr(sitefolder.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        folder.swap_in()
    monkeypatch.undo()

    assert (final / "index.html").read_text(encoding="utf-8") == "new"
    left = sorted(tmp_path.glob(".site.staging-*"))  # the old site, now in the staging folder
    assert [(path / "index.html").read_text(encoding="utf-8") for path in left] == ["old"]
    assert SiteFolder(final).recover() == left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_moved_aside_by_a_killed_swap_is_restored_by_the_next_build(
    project: Path,
) -> None:
    """Where the exchange is not available, the swap is two renames; killed between them,
    `site/` is missing. The next build, even one that fails, puts the old site back."""
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "site").rename(project / ".site.old")  # what the kill left
    (project / "docs" / "broken.md").write_text("[gone](nowhere.md)\n", encoding="utf-8")

    done = build(project)

    assert done.returncode != 0
    assert "Cleaned up after a build that was killed: site" in done.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def site_and_staging(tmp_path: Path) -> tuple[Path, SiteFolder]:
    """A site (one stale page) and a staging folder beside it with a new one."""
    final = tmp_path / "site"
    final.mkdir()
    (final / "stale.html").write_text("old", encoding="utf-8")
    folder = SiteFolder(final)
    (folder.new_staging() / "index.html").write_text("new", encoding="utf-8")
    return final, folder


def test_without_the_exchange_the_swap_still_replaces_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final, folder = site_and_staging(tmp_path)
    monkeypatch.setattr(sitefolder, "exchange", lambda first, second: False)

    folder.swap_in()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in final.iterdir()) == ["index.html"]


def test_a_preview_deletes_the_previous_site_after_the_swap_and_before_its_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final, folder = site_and_staging(tmp_path)
    started = threading.Event()
    release = threading.Event()
    real_remove = sitefolder.remove

    def slow_remove(path: Path) -> None:
        started.set()
        release.wait(10)
        real_remove(path)

    monkeypatch.setattr(sitefolder, "remove", slow_remove)
    folder.swap_in(later=True)
    assert started.wait(10)
    # the new site is in place while the previous one is still being deleted
    assert sorted(p.name for p in final.iterdir()) == ["index.html"]
    assert len(list(tmp_path.iterdir())) == 2
    release.set()
    SiteFolder(final).recover()  # the next build: waits for the deletion first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_exchange_swaps_two_folders(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("renameat2 is Linux's")
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "one").touch()
    (second / "two").touch()
    assert sitefolder.exchange(first, second)
    assert [p.name for p in first.iterdir()] == ["two"]
    assert [p.name for p in second.iterdir()] == ["one"]


def test_links_where_the_build_keeps_its_folders_are_removed_not_followed(tmp_path: Path) -> None:
    """A link committed as `.site.old`, `.site.staging-…` or `.site.lock` must not make the
    build restore, delete or create anything where it points."""
    final = tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    (tmp_path / ".site.old").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / ".site.staging-planted").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / ".site.lock").symlink_to(tmp_path / "created-through-the-link")
    folder = SiteFolder(final)

    with pytest.raises(OSError, match="cannot take the build lock"):
        folder.lock(lambda path: None)
    (tmp_path / ".site.lock").unlink()
    folder.lock(lambda path: None)
    folder.recover()
    folder.release()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_file_written_anew_leaves_the_file_it_was_linked_to_as_it_was(tmp_path: Path) -> None:
    kept = tmp_path / "kept.html"
    kept.write_bytes(b"as the last build wrote it")
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    sitefolder.link(kept, page)
    sitefolder.write_anew(page, b"as this edit has it")
    assert page.read_bytes() == b"as this edit has it"
    assert kept.read_bytes() == b"as the last build wrote it"
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]  # nothing left
    # a file that cannot be put in place: the error, the old file whole, nothing left over
    blocked = tmp_path / "site" / "folder"
    (blocked / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        sitefolder.write_anew(blocked, b"a file where a folder is")
    assert sorted(p.name for p in page.parent.iterdir()) == ["folder", "index.html"]
