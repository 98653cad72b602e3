"""The collector is held off while a stage makes objects that live on, then runs as it was."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

from katalog import collector


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_held_off_then_runs_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    before = gc.get_freeze_count()
    with collector.paused():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled() is enabled
    assert gc.get_freeze_count() >= before + len(made), "what was made is frozen"
    collector.thawed()
    assert gc.get_freeze_count() == 0


def test_the_collector_runs_again_when_the_stage_fails() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("the stage failed")
    assert gc.isenabled()


LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="Linux's /proc and glibc only")

PROBE = """\
import os, sys, time
def status():
    with open(f"/proc/{os.getppid()}/status") as lines:
        return {line.split(":")[0]: int(line.split()[1]) for line in lines
                if line.startswith(("VmRSS:", "VmHWM:"))}
lowest = status()
end = time.monotonic() + 1.5
while time.monotonic() < end:  # the build's process as Pagefind starts, at its lightest
    now = status()
    lowest = now if now["VmRSS"] < lowest["VmRSS"] else lowest
    time.sleep(0.05)
with open(os.environ["PROBE_OUT"], "a", encoding="ascii") as out:
    out.write(f"{lowest['VmHWM'] - lowest['VmRSS']}\\n")
real = os.environ["PROBE_REAL"]
os.execv(real, [real, *sys.argv[1:]])
"""
"""Stands in for Pagefind: writes how far below its peak (kB) the build's process is
while Pagefind starts, then runs Pagefind itself."""


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.payload = [str(index) * 8 for index in range(40)]


def _pss() -> int:
    """This process's proportional set size, in kB (Linux)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith("Pss:"))


def test_what_a_finished_stage_left_in_cycles_is_collected_in_the_background() -> None:
    import weakref

    gc.disable()  # as while a stage runs: nothing would collect the cycles meanwhile
    with collector.paused():
        made = [_Node() for _ in range(20_000)]
    watched = weakref.ref(made[-1])
    collector.thawed()
    del made
    assert watched() is not None, "in cycles, frozen: not yet freed"
    collector.released().join(timeout=30)
    assert watched() is None


@LINUX_ONLY
def test_memory_freed_but_kept_by_the_c_library_is_given_back_to_the_system() -> None:
    before = _pss()
    made = [bytearray(1500) for _ in range(200_000)]  # 300 MB from the C library's heap
    kept = made[::50]  # some live on among the freed, as a build's objects do
    grown = _pss() - before
    assert grown > 250_000
    del made
    assert _pss() - before > grown * 0.9, "freed, but the C library keeps it"
    collector.released().join(timeout=60)
    assert _pss() - before < grown / 4
    assert len(kept) == 4_000


@LINUX_ONLY
def test_a_build_gives_its_page_models_memory_back_before_pagefind_runs(tmp_path: Path) -> None:
    from benchmarks import scale
    from katalog.site import searchindex
    from tests.support import BUILD_DATE_EPOCH, build

    probe = tmp_path / "pagefind"
    probe.write_text(f"#!{sys.executable}\n{PROBE}", encoding="utf-8")
    probe.chmod(0o755)
    below = {}
    for release in (True, False):
        project = scale.prepare(tmp_path / f"release-{release}", 500)
        if not release:  # the same build, without giving the memory back
            hook = project / "hooks" / "outputs.py"
            text = hook.read_text(encoding="utf-8")
            assert text.count("        collector.released()\n") == 1
            hook.write_text(text.replace("        collector.released()\n", ""), "utf-8")
        out = tmp_path / f"probe-{release}"
        env = {
            "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH,
            "KATALOG_PAGEFIND": str(probe),
            "PROBE_OUT": str(out),
            "PROBE_REAL": os.environ.get("KATALOG_PAGEFIND") or searchindex.binary(),
        }
        done = build(project, env=env)
        assert done.returncode == 0, done.stderr
        below[release] = min(int(line) for line in out.read_text().split())
    # The build's own process, while the pages are written, holds little (they are written
    # by the processes it forks): some megabytes at 500 projects.
    assert below[True] >= below[False] + 3_000, below
